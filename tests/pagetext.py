"""Read what a reader sees in a built page: the article text, without permalink signs."""

from __future__ import annotations

import re
from html.parser import HTMLParser


class _ArticleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_article = 0
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "article":
            self.in_article += 1
        elif self.skip or (tag == "a" and "headerlink" in classes):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        elif self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.in_article and not self.skip:
            self.parts.append(data)


def article_text(html: str) -> str:
    parser = _ArticleText()
    parser.feed(html)
    return "".join(parser.parts)


def squeeze(text: str) -> str:
    """Whitespace is layout, not words: compare texts without it."""
    return re.sub(r"\s+", "", text)
