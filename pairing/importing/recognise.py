"""Recognise a plan's parts in its blocks: headings, numbered lists with their markers as written, leadership
groups, timetable rows (months, phases, times of day), the signature. Every character of the source's text is kept
in order: a line that is none of these stays a paragraph where it is. Whitespace between a marker and its text is
layout, and is not kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..shaping.views import SECTION_KINDS
from .blocks import Block

CN = "一二三四五六七八九十"
CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
# A top-level heading: 一、 followed by its words (a short label, maybe a colon and more text on the same line).
HEADING = re.compile(rf"^\s*([{CN}]+、)\s*(.+)$")
# A sub-heading on a line of its own: （一）幼儿园管理.
SUBHEADING = re.compile(rf"^\s*([（(][{CN}]+[）)])\s*(.{{1,24}})$")
# List markers, each a style of its own (a change of style is a level deeper, a style seen above a level back).
MARKERS = [
    ("decimal", re.compile(r"^\s*(\d{1,2}[、.．](?!\d))\s*(.*)$")),
    ("paren-decimal", re.compile(r"^\s*([（(]\d{1,2}[）)])\s*(.*)$")),
    ("paren-chinese", re.compile(rf"^\s*([（(][{CN}]+[）)])\s*(.*)$")),
    ("circled", re.compile(r"^\s*([①-⑳])\s*(.*)$")),
    ("letter", re.compile(r"^\s*([A-Za-z][、.．])\s*(.*)$")),
    ("chinese-is", re.compile(rf"^\s*([{CN}]是)\s*(.*)$")),
    ("ordinal", re.compile(rf"^\s*(第[{CN}]+[，、,])\s*(.*)$")),
    ("dash", re.compile(r"^\s*([-•●▪·])\s+(.*)$")),
]
# A member of a group: 组长：xxx（负责…）.
MEMBER = re.compile(r"^\s*((?:副?组长|组员|成员|副组长|负责人|联络员|主任|副主任|顾问)\s*[：:])\s*([^（(]*?)\s*([（(].*)?$")
# A timetable row keyed by months (二、三月份：, xx年一月份：, 2024年9月：, 九月份 …), a phase, or a time of day.
MONTH_ROW = re.compile(rf"^\s*((?:(?:\d{{4}}|[Xx]{{2}}|二[〇零][一二三四五六七八九〇零]{{2}})年)?[{CN}]+(?:、[{CN}]+)*月份?(?:[上中下]旬)?[：:]?)\s*(.*)$")
DIGIT_MONTH_ROW = re.compile(r"^\s*((?:\d{4}年)?\d{1,2}(?:[、-]\d{1,2})?月份?(?:[上中下]旬)?[：:])\s*(.*)$")
PHASE_ROW = re.compile(rf"^\s*((?:[{CN}\d]+[、.．])?\s*(?:第[{CN}]+阶段|[\u4e00-\u9fff]{{2}}阶段)(?:[（(][^）)]*[）)])?[：:]?)\s*(.*)$")
DAY_ROW = re.compile(r"^\s*((?:上午|下午|晚上)(?:[（(][^）)]*[）)])?[：:]?)\s*(.*)$")
# A month row run together with the line before it (a missing line break): …学习2次xx年一月份：…
RUN_TOGETHER = re.compile(rf"(?<=\S)(?=(?:\d{{4}}|[Xx]{{2}})年[{CN}]+月份[：:])")
# The signature: an organisation's line, then a date line, at the end of the plan.
DATE_LINE = re.compile(r"^\s*((?:\d{4}|[Xx]{2}|二[〇零][一二三四五六七八九〇零]{2})\s*年\s*(?:[Xx\d]{1,2}|[一二三四五六七八九十]+)\s*月(?:\s*[Xx\d]{1,2}\s*日)?|\d{4}[./-]\d{1,2}[./-]\d{1,2})\s*$")
ORG_LINE = re.compile(r"^\s*(\S{2,30}(?:幼儿园|学校|中心|教育局|办公室|教研室))\s*$")
# Items run together on one line: ①…②…③… or 1、…2、…3、… (two or more, counting up from the first).
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
INLINE_DECIMAL = re.compile(r"(?<![\d.])(\d{1,2})[、．](?!\d)")
KINDS = [("指导思想", "guiding_ideology"), ("原则", "principles"), ("领导小组", "leadership"), ("目标", "goals"),
         ("帮扶内容", "content"), ("措施", "measures"), ("组织实施", "organisation"), ("安排", "schedule"),
         ("现状", "status"), ("对象", "partners"), ("要求", "requirements"), ("预期", "expected_results"),
         ("背景", "background"), ("目的", "purpose"), ("方式", "method"), ("保障", "safeguards"), ("内容", "content")]


@dataclass
class Recognised:
    """What was found in one plan: its data's sections, its title line, and counts for the report."""
    sections: list[dict] = field(default_factory=list)
    original_title: str = ""
    counts: dict[str, int] = field(default_factory=lambda: {"章节": 0, "条目": 0, "小组成员": 0, "安排行": 0,
                                                            "段落": 0, "落款": 0, "表格": 0})
    paragraphs_why: list[tuple[int, str]] = field(default_factory=list)   # (line, why it stayed a paragraph)


def chinese_months(label: str) -> list[int]:
    """二、三月份 → [2, 3]; 十一月 → [11]; 9月 → [9]."""
    found = []
    for part in re.findall(rf"[{CN}]+|\d+", label.split("年")[-1].split("月")[0]):
        value = int(part) if part.isdigit() else _chinese_number(part)
        if 1 <= value <= 12:
            found.append(value)
    return found


def _chinese_number(text: str) -> int:
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + CN_DIGITS.get(text[1:], 0)
    if "十" in text:
        tens, ones = text.split("十")
        return CN_DIGITS.get(tens, 0) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)
    return CN_DIGITS.get(text, 0)


def row_year(label: str) -> int | None:
    match = re.match(r"\s*(\d{4})年", label)
    return int(match.group(1)) if match else None


def inline_items(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A line with items run together: (what comes before the first, [(marker, text)]); no items when the line
    has fewer than two markers counting up from ① or 1."""
    starts = [(m.start(), m.group()) for m in re.finditer(f"[{CIRCLED}]", text)]
    if not (len(starts) >= 2 and [mark for _, mark in starts] == list(CIRCLED[:len(starts)])):
        decimal = [(m.start(), m.group(), int(m.group(1))) for m in INLINE_DECIMAL.finditer(text)]
        if not (len(decimal) >= 2 and [n for _, _, n in decimal] == list(range(1, len(decimal) + 1))):
            return text, []
        starts = [(start, mark) for start, mark, _ in decimal]
    ends = [start for start, _ in starts[1:]] + [len(text)]
    return text[:starts[0][0]], [(mark, text[start + len(mark):end].strip()) for (start, mark), end in zip(starts, ends)]


def kind_of(heading: str) -> str | None:
    return next((kind for word, kind in KINDS if word in heading), None)


def split_heading(marker: str, rest: str) -> tuple[str, str]:
    """一、指导思想：以…为指导 → ("一、指导思想：", "以…为指导"); a short label keeps the whole line."""
    match = re.match(r"^(.{1,20}?[：:])\s*(\S.*)$", rest)
    if match:
        return marker + match.group(1), match.group(2)
    return marker + rest, ""


class Builder:
    """Builds the sections as the lines come, keeping where the current list or timetable is."""

    def __init__(self, result: Recognised) -> None:
        self.result = result
        self.section: dict | None = None
        self.stack: list[tuple[str, list]] = []   # (marker style, the list its items go into), outermost first
        self.row: dict | None = None

    # Sections
    def new_section(self, heading: str = "", level: int = 2) -> dict:
        section: dict = {}
        if heading:
            section["heading"] = heading
            if level != 2:
                section["level"] = level
            kind = kind_of(heading)
            if kind:
                section["kind"] = kind
            self.result.counts["章节"] += 1
        self.result.sections.append(section)
        self.section, self.stack, self.row = section, [], None
        return section

    def content(self, kind: str) -> list | dict:
        """The current section's content of this kind, starting a section without heading if it has another."""
        if self.section is None or any(k in self.section for k in SECTION_KINDS if k != kind):
            self.new_section()
        assert self.section is not None
        return self.section.setdefault(kind, {} if kind == "signature" else [])

    # Lines
    def paragraph(self, text: str, line: int, why: str) -> None:
        if self.row is not None and not self.stack:
            self.row["text"] = f"{self.row['text']}\n{text}" if "text" in self.row else text
            return
        if self.stack:
            item = self.stack[-1][1][-1]
            if isinstance(item, dict):
                item["text"] = f"{item['text']}\n{text}" if "text" in item else text
                return
        lead, items = inline_items(text)
        if items and self.row is None:
            entry: dict = {"heading": lead.strip()} if lead.strip() else {}
            entry["items"] = [{"marker": mark, "text": part} if part else {"marker": mark} for mark, part in items]
            self.content("list").append(entry if entry.get("heading") else entry["items"][0])
            if not entry.get("heading"):
                self.content("list").extend(entry["items"][1:])
            self.result.counts["条目"] += len(items) + (1 if entry.get("heading") else 0)
            self.stack = []
            return
        paragraphs = self.content("paragraphs")
        paragraphs.append(text)
        self.result.counts["段落"] += 1
        self.result.paragraphs_why.append((line, why))

    def item(self, style: str, marker: str, text: str) -> None:
        for depth, (seen, _) in enumerate(self.stack):
            if seen == style:
                del self.stack[depth + 1:]
                break
        else:
            if self.stack:
                parent = self.stack[-1][1][-1]
                parent.setdefault("items", [])
                self.stack.append((style, parent["items"]))
            elif self.row is not None:
                self.stack.append((style, self.row.setdefault("items", [])))
            else:
                items = self.content("list")   # first: it may start a section, which empties the stack
                self.stack.append((style, items))
        entry: dict = {"marker": marker}
        lead, inline = inline_items(text)
        if lead.strip():
            entry["text"] = lead.strip() if inline else text
        if inline:
            entry["items"] = [{"marker": mark, "text": part} if part else {"marker": mark} for mark, part in inline]
        self.stack[-1][1].append(entry)
        self.result.counts["条目"] += 1 + len(inline)

    def member(self, role: str, name: str, duty: str) -> None:
        members = self.content("group")
        entry = {"role": role, "name": name} if name else {"name": role}
        if duty:
            entry["duty"] = duty
        members.append(entry)
        self.result.counts["小组成员"] += 1

    def timetable_row(self, when: str, rest: str, months: list[int], year: int | None) -> None:
        rows = self.content("timetable")
        row: dict = {"when": when}
        if year is not None:
            row["year"] = year
        if months:
            row["months"] = months
        if rest:
            row["text"] = rest
        rows.append(row)
        self.row, self.stack = row, []
        self.result.counts["安排行"] += 1

    def table(self, rows: list[list[str]], line: int) -> None:
        """A Word table of two columns (time | what) is a timetable; any other stays paragraphs, row by row."""
        self.result.counts["表格"] += 1
        self.stack, self.row = [], None   # a table ends the list or timetable before it
        body = [row for row in rows if any(cell.strip() for cell in row)]
        header = []
        if body and len(body[0]) == 2 and not chinese_months(body[0][0]) and ("时间" in body[0][0] or "月" in body[0][0]):
            header, body = body[0], body[1:]
        if body and all(len(row) == 2 for row in body):
            if header:   # the table's own column labels: kept, as a paragraph before the rows
                self.paragraph("\t".join(cell.strip() for cell in header), line, "表格的标题行")
            self.new_section_if_content()
            for when, what in body:
                self.timetable_row(when.strip(), what.strip(), chinese_months(when), row_year(when))
            self.row = None
            return
        for row in body:
            self.paragraph("\t".join(cell.strip() for cell in row), line, "表格不是两列的时间安排表，按行保留为段落")

    def new_section_if_content(self) -> None:
        if self.section is not None and any(k in self.section for k in ("paragraphs", "list", "group", "signature")):
            self.new_section()


def recognise(blocks: list[Block]) -> Recognised:
    """The sections of one plan's blocks, in order."""
    result = Recognised()
    builder = Builder(result)
    lines = _unrun(blocks)
    signature_at = _signature_start(lines)
    for index, block in enumerate(lines):
        if block.is_table:
            builder.table(block.rows, block.line)
            continue
        text = block.seen.strip()
        if index == 0 and _is_title(text, lines[1:2]):
            result.original_title = text
            continue
        if signature_at is not None and index >= signature_at:
            signature = builder.content("signature")
            signature["date" if DATE_LINE.match(text) else "org"] = text
            result.counts["落款"] = 1
            continue
        _line(builder, block, text)
    return result


def _line(builder: Builder, block: Block, text: str) -> None:
    if block.heading_level is not None and not block.number:
        builder.new_section(text, min(max(block.heading_level + 1, 2), 4))
        return
    for pattern in (MONTH_ROW, DIGIT_MONTH_ROW):
        match = pattern.match(text)
        if match and (match.group(1).endswith(("：", ":")) or not match.group(2)):
            builder.timetable_row(match.group(1), match.group(2), chinese_months(match.group(1)), row_year(match.group(1)))
            return
    for pattern in (PHASE_ROW, DAY_ROW):
        match = pattern.match(text)
        if match and (builder.row is not None or match.group(1).endswith(("：", ":"))):
            builder.timetable_row(match.group(1), match.group(2), [], None)
            return
    match = HEADING.match(text)
    if match:
        heading, rest = split_heading(match.group(1), match.group(2))
        builder.new_section(heading)
        if rest:
            builder.paragraph(rest, block.line, "标题后同一行的文字")
        return
    match = SUBHEADING.match(text)
    if match and not re.search(r"[。；;]", match.group(2)):
        builder.new_section(match.group(1) + match.group(2), 3)
        return
    match = MEMBER.match(text)
    if match:
        builder.member(match.group(1), match.group(2).strip(), (match.group(3) or "").strip())
        return
    for style, pattern in MARKERS:
        match = pattern.match(text)
        if match:
            builder.item(style, match.group(1), match.group(2))
            return
    builder.paragraph(text, block.line, "没有编号、不是标题、成员或安排行")


def _is_title(text: str, following: list[Block]) -> bool:
    """The document's title line: "篇1：…", or a short first line with no sentence end, before a heading or item."""
    if re.match(r"^(篇[0-9一二三四五六七八九十]+|第[0-9一二三四五六七八九十]+篇)", text):
        return True
    if len(text) > 40 or re.search(r"[。；;，,]", text) or HEADING.match(text) or any(p.match(text) for _, p in MARKERS):
        return False
    return bool(following) and not following[0].is_table and bool(
        HEADING.match(following[0].seen.strip()) or following[0].heading_level is not None)


def _unrun(blocks: list[Block]) -> list[Block]:
    """Blocks with a month row that ran into the line before it split off (a missing line break)."""
    found = []
    for block in blocks:
        parts = RUN_TOGETHER.split(block.text) if not block.is_table else [block.text]
        if len(parts) > 1:
            found += [Block(text=part, line=block.line) for part in parts]
        else:
            found.append(block)
    return found


def _signature_start(blocks: list[Block]) -> int | None:
    """Where the signature begins: the last line is a date, and the one before it, if an organisation, is its org."""
    if not blocks or blocks[-1].is_table or not DATE_LINE.match(blocks[-1].seen):
        return None
    last = len(blocks) - 1
    if last >= 1 and not blocks[last - 1].is_table and ORG_LINE.match(blocks[last - 1].seen):
        return last - 1
    return last
