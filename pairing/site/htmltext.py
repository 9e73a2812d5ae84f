"""Read built pages: the text a reader sees in the article (without permalink signs), and links."""

from __future__ import annotations

import re
from html import unescape


# The article's text: tags, comments and permalink signs (¶ after each heading) removed. Regular expressions over
# the pages the build writes (every attribute quoted, < and > in text escaped) rather than a full HTML parse:
# the end-of-build audit reads every plan page this way (tests/test_htmltext.py checks it against html.parser).
PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
COMMENT_OR_TAG = re.compile(r"<!--.*?-->|<[^>]*>", re.S)


def article_text(html: str) -> str:
    start, end = html.find("<article"), html.rfind("</article>")
    if not 0 <= start < end:
        return ""
    return unescape(COMMENT_OR_TAG.sub("", PERMALINK.sub("", html[start:end])))


def squeeze(text: str) -> str:
    """Whitespace is layout, not words: compare texts without it."""
    return re.sub(r"\s+", "", text)


# Opening tags that carry one of the attributes links_and_ids reads (most tags carry none).
LINKING_TAG = re.compile(r'<([a-zA-Z][a-zA-Z0-9]*)\s([^>]*\b(?:href|src|id|name)="[^>]*)>')
ATTRIBUTE = re.compile(r'\b(href|src|id|name|rel)="([^"]*)"')


def links_and_ids(html: str) -> tuple[list[str], set[str]]:
    """Every href/src a page uses (canonical links excluded) and every id it defines. A regular expression
    over the tags rather than a full parse: the built pages quote every attribute, and a 1,000-plan site
    has thousands of pages to read."""
    links, ids = [], set()
    for tag, attributes in LINKING_TAG.findall(html):
        values = dict(ATTRIBUTE.findall(attributes))
        ids.update(unescape(values[name]) for name in ("id", "name") if values.get(name))
        if tag == "link" and values.get("rel") in ("canonical", "alternate"):
            continue
        links += [unescape(values[name]) for name in ("href", "src") if values.get(name)]
    return links, ids


# Preformatted text, form text, scripts and styles: kept whole by compact().
KEPT_WHOLE = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.S | re.I)
# A run of whitespace with a line break after a tag, and a line break (and what follows it) before a tag.
AFTER_TAG = re.compile(r">[ \t]*\n\s*")
BEFORE_TAG = re.compile(r"\n\s*(?=<)")


def compact(html: str) -> str:
    """The page without the blank lines and indentation around tags that the theme's templates leave (a sixth
    of a small page). A run of whitespace with a line break next to a tag becomes one line break, which
    renders the same; <pre>, <textarea>, <script> and <style> are left as they are."""
    parts, last = [], 0
    for kept in KEPT_WHOLE.finditer(html):
        # Why the added ">" and "<": the text between two kept elements is next to their tags.
        parts += [_compact_text(">" * (last > 0) + html[last:kept.start()] + "<")[last > 0:-1], kept[0]]
        last = kept.end()
    parts.append(_compact_text(">" * (last > 0) + html[last:])[last > 0:])
    return "".join(parts)


def _compact_text(text: str) -> str:
    # Why two passes and rstrip rather than one regular expression: the same result, three times faster
    # (each pattern here starts with a fixed character, which the regex engine finds quickly).
    pieces = BEFORE_TAG.split(AFTER_TAG.sub(">\n", text))
    return "\n".join([piece.rstrip(" \t") for piece in pieces[:-1]] + pieces[-1:])
