"""What plan text may contain. The site is shared widely, so nothing in a plan may run in a reader's browser or
hide from the reader, and no text may make the build slow.

The rules are structural, so nothing has to be recognised as dangerous: no HTML at all (no `<` followed by a
letter, `/`, `!` or `?`, except an autolink `<https://…>`), links only to http, https, mailto or the site's own
pages (after character references are decoded, as a browser would), no invisible control characters (raw or as
references), and bounds on what makes Markdown's work grow faster than the text. Every check is one linear scan.
The published HTML is sanitized again on the way out (pairing/site/sanitize.py).
"""

from __future__ import annotations

import re
from html import unescape
from itertools import islice

SAFE_SCHEMES = {"http", "https", "mailto"}
# Anything that an HTML parser would read as a tag, an end tag, a comment, CDATA or a processing instruction.
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^\s<>]*>", re.I)
MARKDOWN_LINKS = [
    re.compile(r"\]\(\s*<?([^)\s>]+)"),                      # [text](url)
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M),  # [ref]: url
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.\-]*:[^>\s]*)>"),      # <scheme:...>
]
# Invisible characters that can disguise text (bidi controls and marks), break files (C0 and C1 controls, line
# and paragraph separators) or the search index's word breaks (zero-width space).
INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
                       r"\u2066-\u2069\ufeff]")
CHARACTER_REFERENCE = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{1,31};?)")
# Python-Markdown's link patterns take time that grows with the square of the brackets in a paragraph, and its
# list parser recurses once per level of indentation.
MAX_BRACKETS = 200
# Python-Markdown's block parsers (setext headings, rules, lists) and the theme's table of contents take time that
# grows faster than the number of lines; a plan is a few hundred lines.
MAX_LINES = 2000
# A link reference definition ([label]: url "title") is never shown, so text in it would hide from readers.
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]*\]:", re.M)
MAX_INDENT = 32
INDENT = re.compile(r"^[ \t]+", re.M)
# Problems of one kind reported at most (the first ones are enough to act on, and the scan stays linear).
MAX_REPORTED = 10
LINK_RULE = "链接只能是 http、https、mailto 或站内页面，得到 \"{}\""
NO_HTML = "不能包含 HTML 标签、注释或 <! <? 写法（尖括号后面紧跟字母、/、! 或 ?）：请直接写文字"


def unsafe_url(url: str) -> bool:
    """True for javascript:, data: and any scheme but http, https and mailto (after character references are
    decoded, as a browser decodes them); relative links are fine."""
    cleaned = re.sub(r"[\s\x00-\x1f]", "", unescape(url)).lower()
    # Why a backslash too: browsers read it as a slash, and Markdown keeps it; no address needs one.
    if "\\" in cleaned:
        return True
    match = re.match(r"([a-z][a-z0-9+.\-]*):", cleaned)
    return bool(match) and match.group(1) not in SAFE_SCHEMES


def text_problems(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for HTML and invisible characters in any text (front matter or body)."""
    autolinks = {match.start() for match in AUTOLINK.finditer(text)}
    tags = (m for m in TAG_START.finditer(text) if m.start() not in autolinks)
    found = [(*_position(text, m.start()), NO_HTML) for m in islice(tags, MAX_REPORTED)]
    found += [(*_position(text, m.start()), _invisible(m.group())) for m in islice(INVISIBLE.finditer(text), MAX_REPORTED)]
    references = ((m, INVISIBLE.search(unescape(m.group()))) for m in CHARACTER_REFERENCE.finditer(text))
    hidden = ((m, found_char) for m, found_char in references if found_char is not None)
    found += [(*_position(text, m.start()), _invisible(c.group())) for m, c in islice(hidden, MAX_REPORTED)]
    return found


def markup_problems(text: str) -> list[tuple[int, int, str]]:
    """text_problems of a page body, its links, and the bounds on what Markdown must do; sorted, once each."""
    found = text_problems(text)
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        found.append((1, 1, f"正文太长（{lines} 行，最多 {MAX_LINES} 行），请检查是否误粘贴了内容"))
    found += [(*_position(text, m.start()), "不能使用 [标签]: 网址 这样的引用式链接（它本身不显示在页面上），请写成 [文字](网址)")
              for m in islice(REFERENCE_DEFINITION.finditer(text), MAX_REPORTED)]
    brackets = text.count("[")
    if brackets > MAX_BRACKETS:
        found.append((1, 1, f"正文中的方括号 [ 太多（{brackets} 个，最多 {MAX_BRACKETS} 个），请检查是否误粘贴了内容"))
    else:   # Why only then: the link patterns, too, would take long over thousands of brackets
        for pattern in MARKDOWN_LINKS:
            unsafe = (m for m in pattern.finditer(text) if unsafe_url(m.group(1)))
            found += [(*_position(text, m.start(1)), LINK_RULE.format(m.group(1)[:40])) for m in islice(unsafe, MAX_REPORTED)]
    for match in INDENT.finditer(text):
        if len(match.group().expandtabs(4)) > MAX_INDENT:
            found.append((*_position(text, match.start()), f"缩进太深（超过 {MAX_INDENT} 个空格），列表最多缩进 8 层"))
            break
    return sorted(set(found))


def _invisible(character: str) -> str:
    return f"文字中有不可见的控制字符 U+{ord(character):04X}，请删除"


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of an index in text."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1
