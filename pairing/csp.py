"""Content Security Policy for built pages: only the site's own scripts and styles may run.

Material inlines a few small scripts (its base-URL setup differs by page depth), so each page gets a
policy with the SHA-256 hashes of exactly the inline scripts it carries."""

from __future__ import annotations

import base64
import hashlib
import re

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
NOT_RUN = re.compile(r'\btype="application/(?:ld\+)?json"', re.I)
# Styles, fonts, fetches and workers fall back to default-src 'self' (workers by way of script-src); only what
# differs from it is named (the policy is in every one of 4,000 pages).
POLICY = ("default-src 'self'; script-src 'self' {hashes}; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' sources for each inline script that the browser would run, in page order, once each."""
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        if "src=" in match["attrs"] or NOT_RUN.search(match["attrs"]):
            continue
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode("ascii")
        if f"'sha256-{digest}'" not in hashes:
            hashes.append(f"'sha256-{digest}'")
    return hashes


def policy_for(html: str) -> str:
    return POLICY.format(hashes=" ".join(inline_script_hashes(html))).replace("  ", " ")


def with_policy(html: str) -> str:
    """The page with its policy as the first element of <head>, so it covers everything after it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return re.sub(r"<head>", lambda m: m.group(0) + meta, html, count=1)
