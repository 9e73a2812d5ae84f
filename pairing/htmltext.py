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


# Runs of whitespace with a line break next to a tag, which a compacted page makes one line break; preformatted
# text, form text and code are kept whole.
BETWEEN_TAGS = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t]*\n\s*|[ \t]*\n\s*(?=<)", re.S | re.I)


def compact(html: str) -> str:
    """The page without the blank lines and indentation around tags that the theme's templates leave (a sixth
    of a small page). Such a run of whitespace becomes one line break, which renders the same; <pre>,
    <textarea>, <script> and <style> are left as they are."""
    return BETWEEN_TAGS.sub(lambda match: match[1] or "\n", html)
