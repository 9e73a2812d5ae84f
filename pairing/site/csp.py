"""Content Security Policy for built pages: only the site's own scripts and styles, and the inline scripts the
theme's templates write, may run.

The hashes come from templates, never from a finished page: the plugin renders the theme's inline-script
partials for a page's depth (the only thing they vary by) and hashes what they write; a script that came into
a page any other way has no hash in its policy and does not run."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

# Styles, fonts, fetches and workers fall back to default-src 'self' (workers by way of script-src); only what
# differs from it is named (the policy is in every page).
POLICY = ("default-src 'self'; script-src 'self'{hashes}; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")
# Script types a browser runs; anything else (application/json, the theme's configuration) is data.
RUN_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _Scripts(HTMLParser):
    """The text of every inline script a browser would run, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self.current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: (value or "").strip().lower() for name, value in attrs}
        if tag == "script" and "src" not in values and values.get("type", "") in RUN_TYPES:
            self.current = []

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.current is not None:
            self.found.append("".join(self.current))
            self.current = None


def inline_scripts(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.found


def script_hash(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def policy_for(scripts: list[str]) -> str:
    """The policy that lets exactly these inline scripts run (and the site's own script files)."""
    hashes = list(dict.fromkeys(script_hash(script) for script in scripts))
    return POLICY.format(hashes="".join(f" {h}" for h in hashes))
