"""Raw HTML and link rules for plan text. The site is shared widely, so nothing in a plan may run in a
reader's browser: no script-like tags, no event handlers, and links only to http(s), mailto or pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = {"script", "iframe", "object", "embed", "style", "frame", "frameset", "applet", "base", "form", "meta", "link"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcset", "poster"}
SAFE_SCHEMES = {"http", "https", "mailto"}
MARKDOWN_LINKS = [
    re.compile(r"\]\(\s*<?([^)\s>]+)"),                      # [text](url)
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M),  # [ref]: url
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>"),      # <scheme:...>
]
# Invisible characters that can disguise text (bidi overrides) or break files (control characters).
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def unsafe_url(url: str) -> bool:
    """True for javascript:, data: and any scheme but http, https and mailto; relative links are fine."""
    cleaned = re.sub(r"[\s\x00-\x1f]", "", url).lower()
    match = re.match(r"([a-z][a-z0-9+.\-]*):", cleaned)
    return bool(match) and match.group(1) not in SAFE_SCHEMES


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str]] = []

    def handle_starttag(self, tag, attrs):
        line, column = self.getpos()
        if tag in FORBIDDEN_TAGS:
            self.found.append((line, column, f"不允许使用 <{tag}> 标签：计划里不能嵌入会在读者浏览器中运行的内容"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, column, f"不允许使用 {name} 这样的事件属性"))
            elif name in URL_ATTRIBUTES and value and unsafe_url(value):
                self.found.append((line, column, f"链接只能是 http、https、mailto 或站内页面，得到 \"{value[:40]}\""))

    handle_startendtag = handle_starttag


def markup_problems(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for every rule the text breaks; lines and columns are 1-based."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    found = [(line, column + 1, message) for line, column, message in scanner.found]
    for pattern in MARKDOWN_LINKS:
        for match in pattern.finditer(text):
            if unsafe_url(match.group(1)):
                line = text.count("\n", 0, match.start(1)) + 1
                found.append((line, 1, f"链接只能是 http、https、mailto 或站内页面，得到 \"{match.group(1)[:40]}\""))
    for match in INVISIBLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.append((line, 1, f"文字中有不可见的控制字符 U+{ord(match.group()):04X}，请删除"))
    return sorted(set(found))
