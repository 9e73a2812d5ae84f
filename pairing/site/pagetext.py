"""Read a page's content HTML (what Markdown and the plan templates made, before the theme wraps it): the text a
reader sees, the links it makes, the ids it defines. Read with a real HTML parser, never with patterns; the
theme's own HTML (menu, header, footer) is never read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose content a reader never sees as text.
UNSEEN = {"script", "style", "template", "noscript", "head", "title"}
# Attributes that lead somewhere: href on links, src on images and media.
LINKING = ("href", "src")
# The permalink sign the toc extension adds after each heading (<a class="headerlink">¶</a>): not the plan's text.
PERMALINK_CLASS = "headerlink"
# Elements that never have an end tag (HTML's void elements): they open nothing.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class PageContent:
    text: str = ""
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    classes: dict[str, int] = field(default_factory=dict)   # class name → how many elements carry it


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageContent()
        self.parts: list[str] = []
        self.hidden_depth = 0   # open elements whose text is not seen (UNSEEN or a permalink)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in LINKING:
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.found.links.append(values[name])
        for name in ("id", "name"):
            if values.get(name) and tag != "meta":
                self.found.ids.add(values[name])
        for name in values.get("class", "").split():
            self.found.classes[name] = self.found.classes.get(name, 0) + 1
        if tag in VOID:
            return
        if self.hidden_depth or tag in UNSEEN or PERMALINK_CLASS in values.get("class", "").split():
            self.hidden_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.hidden_depth:
            self.hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth:
            self.parts.append(data)


def read(html: str) -> PageContent:
    """The text, links, ids and class counts of a piece of HTML."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.found.text = "".join(reader.parts)
    return reader.found


def squeeze(text: str) -> str:
    """Whitespace is layout, not words: compare texts without it."""
    return re.sub(r"\s+", "", text)
