"""Rendered plan parts held out of Markdown, and put back into the page's HTML afterwards.

A plan part is finished HTML from a template; Markdown would only pass it through, but to find where
an HTML block ends it parses every tag (most of the Markdown time of a plan page). So the macro puts
a short placeholder word in the page instead, and the part replaces it after Markdown. This is what
Python-Markdown itself does with raw HTML, without the parsing.

MkDocs makes every page before it writes any, so the parts are put back only when the page is about to be
written (hooks.py), and wait compressed: the parts of 4,500 pages are 35 MB as text, a fifth of that compressed.
"""

from __future__ import annotations

import itertools
import re
import secrets
import zlib

# A random word per process: cannot occur in a plan by chance, and Markdown leaves it as it is.
PREFIX = f"heldpart{secrets.token_hex(6)}n"
PLACEHOLDER = re.compile(rf"<p>({PREFIX}\d+)</p>|({PREFIX}\d+)")

_parts: dict[str, bytes] = {}
_numbers = itertools.count()


def hold(html: str) -> str:
    """A placeholder for html, on lines of its own so that Markdown makes it a paragraph."""
    word = f"{PREFIX}{next(_numbers)}"
    _parts[word] = zlib.compress(html.encode("utf-8"), 1)
    return f"\n\n{word}\n\n"


def put_back(html: str) -> str:
    """The page's HTML with every placeholder replaced by its part (a lone placeholder loses its <p>)."""
    if PREFIX not in html:
        return html
    return PLACEHOLDER.sub(lambda m: _part(m.group(1) or m.group(2)), html)


def _part(word: str) -> str:
    return zlib.decompress(_parts.pop(word)).decode("utf-8")
