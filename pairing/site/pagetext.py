"""Read a page's content HTML (what Markdown and the plan templates made, before the theme wraps it): the text a
reader sees, the links it makes, the ids it defines. Read with a real HTML parser, never with patterns; the
theme's own HTML (menu, header, footer) is never read.

Text a reader does not see is not text: scripts, styles, templates, comments, elements hidden by the hidden
attribute or an inline display:none / visibility:hidden, and permalink signs. aria-hidden is not among them: it
hides from screen readers only, and the text is still on the screen."""

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
# Where <x/> closes the element it opens (foreign content): anywhere else, HTML ignores the slash.
FOREIGN = {"svg", "math"}
# An inline style that hides the element and what it holds (any case, any spacing, with or without !important).
HIDING_STYLE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse))"
                          r"\s*(?:!\s*important\s*)?(?:;|$)", re.IGNORECASE)

# End tags HTML lets a page leave out, closed as a browser closes them (the HTML standard's tree construction, the
# part that Markdown and templates can meet): before a start tag opens, each of its steps (names, stops) closes
# the open element of those names nearest the top of the stack, unless an element of `stops` is open above it.
_BUTTON_SCOPE = {"html", "table", "td", "th", "caption", "button", "template", "object", "marquee", "applet"}
_CLOSE_P = ({"p"}, _BUTTON_SCOPE)
_CLOSES_P = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
             "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
             "hgroup", "hr", "main", "menu", "nav", "ol", "p", "pre", "search", "section", "summary", "table", "ul",
             "listing", "plaintext", "xmp"}
# An end tag closes the innermost open element it names, but never across these (then it is ignored): the
# standard's default scope, and for a phrasing element (span, a, strong…) also any block (its "special" elements).
_DEFAULT_SCOPE = {"html", "table", "td", "th", "caption", "template", "object", "marquee", "applet"}
_SPECIAL = _CLOSES_P | _DEFAULT_SCOPE | {"li", "dd", "dt", "tr", "thead", "tbody", "tfoot", "body", "head", "select",
                                         "textarea", "script", "style", "noscript", "iframe", "img", "br", "col"}
_TABLE = {"table", "template", "html"}
_SECTIONS = {"thead", "tbody", "tfoot"}
# Where an end tag's search stops when the standard gives it a scope of its own (else: _DEFAULT_SCOPE for a block,
# _SPECIAL for a phrasing element). </table> closes an unclosed cell and row with it.
END_SCOPES = {"p": _BUTTON_SCOPE, "li": _DEFAULT_SCOPE | {"ul", "ol"},
              **{tag: _TABLE for tag in ("table", "thead", "tbody", "tfoot", "tr", "td", "th")}}
IMPLIED_ENDS: dict[str, list[tuple[set[str], set[str]]]] = {
    **{tag: [_CLOSE_P] for tag in _CLOSES_P},
    "li": [({"li"}, _BUTTON_SCOPE | {"ul", "ol", "menu"}), _CLOSE_P],
    "dt": [({"dt", "dd"}, _BUTTON_SCOPE | {"dl"}), _CLOSE_P],
    "dd": [({"dt", "dd"}, _BUTTON_SCOPE | {"dl"}), _CLOSE_P],
    **{tag: [(_SECTIONS, _TABLE)] for tag in _SECTIONS},
    "tr": [({"tr"}, _TABLE | _SECTIONS)],
    "td": [({"td", "th"}, _TABLE | _SECTIONS | {"tr"})],
    "th": [({"td", "th"}, _TABLE | _SECTIONS | {"tr"})],
    "option": [({"option"}, {"select", "datalist", "optgroup", "html"})],
    "optgroup": [({"option", "optgroup"}, {"select", "html"})],
}


# Elements whose text is kept apart as well (PageContent.regions), by class: the plan card, whose facts the audit
# must find in the card and nowhere else, and whose text a section's must not stand in for.
REGION_CLASSES = ("plan-card",)


@dataclass
class PageContent:
    text: str = ""
    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    classes: dict[str, int] = field(default_factory=dict)   # class name → how many elements carry it
    regions: dict[str, tuple[int, int]] = field(default_factory=dict)   # REGION_CLASSES → (start, end) in text


def unseen(tag: str, values: dict[str, str], classes: list[str]) -> bool:
    """Whether an element's own content is never seen: a script or the like, hidden (the hidden attribute or an
    inline style), or a permalink sign."""
    style = values.get("style")
    return (tag in UNSEEN or "hidden" in values or PERMALINK_CLASS in classes
            or (style is not None and HIDING_STYLE.search(style) is not None))


class _Reader(HTMLParser):
    """Keeps the stack of open elements, each with whether its text is seen, as a browser builds it: an end tag
    closes up to the element it names (and is ignored when none is open within its scope), a start tag closes
    what HTML lets it close (an unclosed <p>, <li>, <td>…), a void element opens nothing. So an element left
    unclosed inside a hidden one ends with it, and never hides, or shows, the rest of the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = PageContent()
        self.parts: list[str] = []
        self.open: list[tuple[str, bool]] = []   # (tag, whether its text is unseen), the innermost last
        self.hidden = False                      # whether the innermost open element's text is unseen
        self.length = 0                          # characters of text read so far
        self.regions: dict[int, str] = {}        # depth in self.open of an open REGION_CLASSES element → its class

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name in LINKING:
            if values.get(name) and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.found.links.append(values[name])
        for name in ("id", "name"):
            if values.get(name) and tag != "meta":
                self.found.ids.add(values[name])
        classes = values.get("class", "").split()
        for name in classes:
            self.found.classes[name] = self.found.classes.get(name, 0) + 1
        if tag in IMPLIED_ENDS:
            for names, stops in IMPLIED_ENDS[tag]:
                self._close(names, stops)
        if tag in VOID:
            return
        self.hidden = self.hidden or unseen(tag, values, classes)
        region = next((name for name in REGION_CLASSES if name in classes), None)
        if region is not None and region not in self.found.regions:
            self.regions[len(self.open)] = region
            self.found.regions[region] = (self.length, self.length)
        self.open.append((tag, self.hidden))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <x/> closes itself only in SVG and MathML (the QR code's paths); HTML ignores the slash, so <div hidden/>
        # stays open as a browser keeps it (and a void element opens nothing anyway).
        self.handle_starttag(tag, attrs)
        if tag not in VOID and (tag in FOREIGN or any(name in FOREIGN for name, _ in self.open)):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1][0] == tag:   # the usual case: the innermost element ends
            self.open.pop()
            self.ended_regions()
            self.hidden = bool(self.open) and self.open[-1][1]
        else:
            self._close({tag}, END_SCOPES.get(tag, _DEFAULT_SCOPE if tag in _SPECIAL else _SPECIAL))

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)
            self.length += len(data)

    def ended_regions(self) -> None:
        """Record where each region whose element is no longer open ends."""
        for depth in [depth for depth in self.regions if depth >= len(self.open)]:
            name = self.regions.pop(depth)
            self.found.regions[name] = (self.found.regions[name][0], self.length)

    def _close(self, names: set[str], stops: set[str]) -> None:
        """Close the innermost open element named in names (and all inside it), unless one in stops (not named
        in names) is nearer: then close nothing."""
        for index in range(len(self.open) - 1, -1, -1):
            name = self.open[index][0]
            if name in names:
                del self.open[index:]
                self.ended_regions()
                self.hidden = bool(self.open) and self.open[-1][1]
                return
            if name in stops:
                return


def read(html: str) -> PageContent:
    """The text, links, ids and class counts of a piece of HTML."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    reader.open.clear()
    reader.ended_regions()   # a region left open ends with the page
    reader.found.text = "".join(reader.parts)
    return reader.found


def squeeze(text: str) -> str:
    """Whitespace is layout, not words: compare texts without it."""
    return re.sub(r"\s+", "", text)
