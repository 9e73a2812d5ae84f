"""Rendered plan parts held out of Markdown, and put back into the page's HTML afterwards.

A plan part is finished HTML from a template; Markdown would only pass it through, but to find where an HTML
block ends it parses every tag (most of the Markdown time of a plan page). So the part is held and a short
placeholder word goes through Markdown instead; the part replaces it after Markdown (on_page_content). This is
what Python-Markdown itself does with raw HTML, without the parsing.

MkDocs makes every page before it writes any, and a page's content is put together from its Markdown before
the next page is read, so each part waits only while its own page goes through Markdown.
"""

from __future__ import annotations

import re
import secrets


class HeldParts:
    """The parts of one build, by placeholder word. A random word per build: it cannot occur in a plan by
    chance (a plan that wrote one would see it refused by nothing, but it would not match this build's word),
    and Markdown leaves it as it is."""

    def __init__(self) -> None:
        self.prefix = f"heldpart{secrets.token_hex(6)}n"
        self.pattern = re.compile(rf"<p>({self.prefix}\d+)</p>|({self.prefix}\d+)")
        self.parts: dict[str, str] = {}
        self.count = 0

    def hold(self, html: str) -> str:
        """A placeholder for html, on lines of its own so that Markdown makes it a paragraph."""
        word = f"{self.prefix}{self.count}"
        self.count += 1
        self.parts[word] = html
        return f"\n\n{word}\n\n"

    def put_back(self, html: str) -> str:
        """The page's HTML with every placeholder replaced by its part (a lone placeholder loses its <p>)."""
        if self.prefix not in html:
            return html
        return self.pattern.sub(lambda m: self.parts.pop(m.group(1) or m.group(2)), html)
