"""Published HTML, sanitized on the way out with an allowlist, by a parser that parses as browsers do (ammonia's
html5ever, through nh3).

What Markdown makes of a page's text passes through here before the plan templates' parts are put back
(pairing/site/heldparts.py): whatever a contributor managed to write, the page can only hold these elements and
attributes, links only to http, https, mailto or relative addresses, no comments, no styles, no hidden
content, and no id that the theme uses for its own elements.
"""

from __future__ import annotations

import nh3

# What Python-Markdown and MkDocs' extensions (toc, tables, fenced_code) write for ordinary text.
TAGS = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
        "pre", "code", "em", "strong", "del", "sub", "sup", "a", "img", "table", "thead", "tbody", "tr", "th", "td"}
ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title"},
    "ol": {"start"},
    **{f"h{level}": {"id"} for level in range(1, 7)},
    "th": {"id"}, "td": {"id"}, "li": {"id"}, "p": {"id"},
}
# The permalink after each heading (toc's permalink: true) and fenced code's language.
CLASSES = {"a": {"headerlink"}, "code": {f"language-{name}" for name in ("text", "yaml", "markdown", "sh", "json")}}
URL_SCHEMES = {"http", "https", "mailto"}
# The theme's own element ids start with "__" (__config, __search, __drawer…); Material's components use "md-".
THEME_ID_PREFIXES = ("__", "md-")


def keep_attribute(tag: str, name: str, value: str) -> str | None:
    """An id the theme uses for its own elements would let the page take them over: dropped."""
    if name == "id" and value.lower().startswith(THEME_ID_PREFIXES):
        return None
    return value


# Elements whose content is dropped with them: what a browser would run, or never show as text.
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "textarea", "title", "xmp", "iframe", "noembed",
                        "noframes", "object", "svg", "math"}


def sanitized(html: str) -> str:
    """The HTML with everything outside the allowlist removed (elements unwrapped, their text kept; the content
    of DROPPED_WITH_CONTENT dropped)."""
    return CLEANER.clean(html)


CLEANER = nh3.Cleaner(tags=TAGS, attributes=ATTRIBUTES, attribute_filter=keep_attribute, strip_comments=True,
                      link_rel=None, url_schemes=URL_SCHEMES, allowed_classes=CLASSES,
                      clean_content_tags=DROPPED_WITH_CONTENT)
