"""Read a Word file (.docx) into blocks: the body's paragraphs and tables in document order, each paragraph's text
as Word shows it, its heading level from its style, and the automatic number Word shows before it (numbering.xml:
counters per list, levels that restart, start values and overrides, number formats such as "（一）" or "①").

python-docx opens the package (zip, content types, relationships, a parser that resolves no entities); the body,
styles and numbering are then read from their XML here, since python-docx has no public API for a paragraph's
numbering and its `Paragraph.text` leaves out text that Word shows (tracked insertions, content controls, fields).
Text boxes, footnotes, comments, headers and footers are not read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from .blocks import Block

NOT_DOCX = "不是有效的 Word 文件（.docx），请用 Word 或 WPS 另存为 .docx 后再导入"
OLD_DOC = "这是旧版 Word 文件（.doc），请用 Word 或 WPS 另存为 .docx 后再导入"
ENCRYPTED = "这个 Word 文件设了打开密码，请在 Word 或 WPS 里取消密码、另存为 .docx 后再导入"
# A body kept in another file inside the package (w:altChunk: HTML or RTF, as some web systems' "导出 Word" writes
# it); Word and WPS turn it into ordinary paragraphs when they save the file.
EMBEDDED = "这个 Word 文件的正文是嵌入的网页或其他文件，请用 Word 或 WPS 打开后另存为 .docx 再导入"
# An OLE compound file (.doc, .wps, and a password-protected .docx, which Word wraps in one) starts with these.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"
# The stream an encrypted .docx keeps its package in, named (UTF-16) in the OLE file's directory.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
HEADING = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)
FALSE = ("0", "false", "off")


class DocxError(Exception):
    """A file that cannot be read as a Word document; its message is Chinese."""


# ---- numbers as Word writes them ------------------------------------------------------------------------------

CIRCLED = "".join(chr(0x2460 + i) for i in range(20))                  # ①…⑳
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
# Bullets in a symbol font are written with the font's own codes (often moved to U+F0xx): the character each shows.
SYMBOL_BULLETS = {
    "symbol": {0xB7: "•", 0xA7: "♣", 0xA8: "♦", 0xA9: "♥", 0xAA: "♠"},
    "wingdings": {0x6C: "●", 0x6E: "■", 0x71: "❑", 0x75: "◆", 0x76: "❖", 0xA7: "▪", 0xD8: "➢", 0xFC: "✓"},
}
ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
         (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@dataclass(frozen=True)
class Counting:
    """A counting system written with digits and units (一百零一, 壹佰零壹, 百一)."""
    digits: str                 # 0–9; digits[0] is the zero written between other digits
    units: str                  # 十, 百, 千
    groups: str                 # 万, 亿
    alone_zero: str = "〇"
    bare_ten: bool = True       # 10–19 as 十, 十一 (not 一十)
    bare_units: bool = False    # Japanese: 百, 千 for 100, 1000 (no 一), and no zero between digits

    def write(self, n: int) -> str:
        if n == 0:
            return self.alone_zero
        if n >= 10 ** (4 * (len(self.groups) + 1)):
            return str(n)
        groups = []
        while n:
            groups.append(n % 10000)
            n //= 10000
        out, gap = "", False
        for index in reversed(range(len(groups))):
            group = groups[index]
            if group == 0:
                gap = bool(out)
                continue
            if out and (gap or group < 1000) and not self.bare_units:
                out += self.digits[0]
            out += self._group(group) + ("" if index == 0 else self.groups[index - 1])
            gap = False
        return out

    def _group(self, n: int) -> str:
        out, gap = "", False
        for power in (3, 2, 1, 0):
            digit = n // 10 ** power % 10
            if digit == 0:
                gap = bool(out)
                continue
            if gap and not self.bare_units:
                out += self.digits[0]
            gap = False
            unit = self.units[power - 1] if power else ""
            bare = unit and digit == 1 and (self.bare_units or (power == 1 and self.bare_ten and not out and n < 20))
            out += ("" if bare else self.digits[digit]) + unit
        return out


CHINESE = Counting("零一二三四五六七八九", "十百千", "万亿")
TAIWANESE = Counting("零一二三四五六七八九", "十百千", "萬億")
JAPANESE = Counting("〇一二三四五六七八九", "十百千", "万億", bare_units=True)
LEGAL_SIMPLIFIED = Counting("零壹贰叁肆伍陆柒捌玖", "拾佰仟", "万亿", alone_zero="零", bare_ten=False)
LEGAL_TRADITIONAL = Counting("零壹貳參肆伍陸柒捌玖", "拾佰仟", "萬億", alone_zero="零", bare_ten=False)
COUNTINGS = {
    "chineseCounting": CHINESE, "chineseCountingThousand": CHINESE, "japaneseCounting": JAPANESE,
    "taiwaneseCounting": TAIWANESE, "taiwaneseCountingThousand": TAIWANESE,
    "chineseLegalSimplified": LEGAL_SIMPLIFIED, "ideographLegalTraditional": LEGAL_TRADITIONAL,
}


def format_number(n: int, fmt: str, custom: str = "") -> str:
    """`n` in the w:numFmt `fmt` (an unknown format is written as decimal, as Word falls back to it)."""
    if fmt in ("none", "bullet"):
        return ""
    if fmt in COUNTINGS:
        return COUNTINGS[fmt].write(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(FULL_WIDTH_DIGITS)
    if fmt == "custom":
        # Word 2010's own formats such as "001, 002, 003, ...": as many digits as the first item has.
        first = custom.split(",")[0].strip()
        return f"{n:0{len(first)}d}" if first.isdigit() else str(n)
    if n <= 0:
        return str(n)
    # Past the last sign or circled number, in decimal (Word's circled numbers stop at ⑳).
    if fmt == "ideographTraditional":
        return HEAVENLY_STEMS[n - 1] if n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return EARTHLY_BRANCHES[n - 1] if n <= 12 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return CIRCLED[n - 1] if n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return f"{n}."
    if fmt in ("upperLetter", "lowerLetter"):
        letters = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letters if fmt == "upperLetter" else letters.lower()
    if fmt in ("upperRoman", "lowerRoman") and n < 4000:
        roman = ""
        for value, letters in ROMAN:
            count, n = divmod(n, value)
            roman += letters * count
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "ordinal":
        suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix}"
    return str(n)


# ---- styles and numbering definitions ---------------------------------------------------------------------------

def _val(element, tag: str) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    return child.get(qn("w:val")) if child is not None else None


def _int(text: str | None, default: int | None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _on(element) -> bool:
    """A w:ST_OnOff toggle such as w:vanish or w:isLgl: on when present, unless its w:val says off."""
    return element is not None and (element.get(qn("w:val")) or "true").lower() not in FALSE


class Styles:
    """The paragraph styles: heading levels by name, and numbering that a style gives its paragraphs."""

    def __init__(self, element):
        self.by_id = {}
        self.default = None
        for style in element.findall(qn("w:style")) if element is not None else []:
            style_id = style.get(qn("w:styleId"))
            self.by_id[style_id] = style
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                self.default = self.default or style_id

    def chain(self, style_id: str | None) -> list:
        """The style, then the styles it is based on (a paragraph without a known style has the default one)."""
        if style_id not in self.by_id:
            style_id = self.default
        found = []
        while style_id in self.by_id and len(found) < 32:
            style = self.by_id[style_id]
            if style in found:
                break
            found.append(style)
            style_id = _val(style, "w:basedOn")
        return found

    def heading_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            names = [_val(style, "w:name") or ""] + (_val(style, "w:aliases") or "").split(",")
            for name in names:
                match = HEADING.match(name.strip())
                if match:
                    return int(match[1])
        return None

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """(numId, ilvl) that the style gives, through the styles it is based on; None where it gives none."""
        num_id = level = None
        for style in self.chain(style_id):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                num_id = num_id if num_id is not None else _val(num_pr, "w:numId")
                level = level if level is not None else _int(_val(num_pr, "w:ilvl"), None)
        return num_id, level


@dataclass
class Level:
    start: int = 0
    fmt: str = "decimal"
    custom: str = ""                 # w:numFmt/@w:format, for fmt "custom"
    text: str = ""                   # w:lvlText: "%1.", "（%2）", a bullet
    restart: int | None = None       # w:lvlRestart (1-based level, 0 = never)
    legal: bool = False              # w:isLgl: every level's number in decimal
    style: str | None = None         # w:pStyle: the paragraph style this level belongs to
    font: str = ""                   # the number's font (w:rPr/w:rFonts), for bullets in Symbol or Wingdings


def _level(lvl) -> Level:
    fmt = lvl.find(qn("w:numFmt"))
    if fmt is None:
        # Word writes its newer formats ("001, 002, …") inside mc:AlternateContent, with a fallback for old readers.
        fmt = lvl.find(f"{MC}AlternateContent/{MC}Choice/{qn('w:numFmt')}")
        fmt = fmt if fmt is not None else lvl.find(f"{MC}AlternateContent/{MC}Fallback/{qn('w:numFmt')}")
    text = lvl.find(qn("w:lvlText"))
    fonts = lvl.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    font = (fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi")) or "") if fonts is not None else ""
    return Level(start=_int(_val(lvl, "w:start"), 0),
                 fmt=(fmt.get(qn("w:val")) if fmt is not None else None) or "decimal",
                 custom=(fmt.get(qn("w:format")) if fmt is not None else None) or "",
                 text=(text.get(qn("w:val")) if text is not None else None) or "",
                 restart=_int(_val(lvl, "w:lvlRestart"), None),
                 legal=_on(lvl.find(qn("w:isLgl"))),
                 style=_val(lvl, "w:pStyle"),
                 font=font)


@dataclass
class Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)     # w:lvlOverride/w:startOverride
    levels: dict[int, Level] = field(default_factory=dict)   # w:lvlOverride/w:lvl: a level replaced for this list


class Numbering:
    """numbering.xml and the running counters, in document order, as Word keeps them: one set of counters per
    abstract list (w:num lists that share an abstractNum continue one another), restarted where a w:num with a
    startOverride is first used, deeper levels restarted when a shallower one advances."""

    def __init__(self, element, styles: Styles):
        self.styles = styles
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}           # abstractNum id → the numbering style it takes its levels from
        self.nums: dict[str, Num] = {}
        for abstract in element.findall(qn("w:abstractNum")) if element is not None else []:
            abstract_id = abstract.get(qn("w:abstractNumId"))
            self.abstracts[abstract_id] = {_int(lvl.get(qn("w:ilvl")), 0): _level(lvl)
                                           for lvl in abstract.findall(qn("w:lvl"))}
            link = _val(abstract, "w:numStyleLink")
            if link:
                self.links[abstract_id] = link
        for num in element.findall(qn("w:num")) if element is not None else []:
            entry = Num(abstract=_val(num, "w:abstractNumId") or "")
            for override in num.findall(qn("w:lvlOverride")):
                level = _int(override.get(qn("w:ilvl")), 0)
                start = _int(_val(override, "w:startOverride"), None)
                if start is not None:
                    entry.starts[level] = start
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    entry.levels[level] = _level(lvl)
            self.nums[num.get(qn("w:numId"))] = entry
        self.counters: dict[str, dict[int, int]] = {}
        self.used: set[tuple[str, int]] = set()

    def _abstract(self, num: Num) -> str:
        """The abstractNum that holds the levels (one that only links to a numbering style is followed there)."""
        abstract_id, hops = num.abstract, 0
        while abstract_id in self.links and hops < 8:
            linked_num, _ = self.styles.numbering(self.links[abstract_id])
            if linked_num not in self.nums:
                break
            abstract_id, hops = self.nums[linked_num].abstract, hops + 1
        return abstract_id

    def level_of_style(self, num_id: str, style_ids: list[str]) -> int | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        for level, definition in sorted(self.abstracts.get(self._abstract(num), {}).items()):
            if definition.style in style_ids:
                return level
        return None

    def next(self, num_id: str, ilvl: int) -> str:
        """The number the next paragraph of list `num_id` at level `ilvl` shows (without the tab or space after it);
        counts it."""
        num = self.nums.get(num_id)
        if num is None:
            return ""
        abstract_id = self._abstract(num)
        levels = {**self.abstracts.get(abstract_id, {}), **num.levels}
        if ilvl not in levels:
            return ""

        def start(level: int) -> int:
            return num.starts.get(level, levels[level].start if level in levels else 0)

        counters = self.counters.setdefault(abstract_id, {})
        if (num_id, ilvl) not in self.used:
            self.used.add((num_id, ilvl))
            if ilvl in num.starts or ilvl in num.levels:
                counters.pop(ilvl, None)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [level for level in counters if level > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            # Restarts when a level above it at or before w:lvlRestart advances (by default: any level above it).
            if restart is None or not 0 <= restart <= deeper:
                restart = deeper
            if ilvl < restart:
                del counters[deeper]

        legal = levels[ilvl].legal

        def placeholder(match: re.Match) -> str:
            level = int(match[1]) - 1
            if level not in levels:
                return ""
            value = counters.get(level, start(level))
            definition = levels[level]
            fmt = "decimal" if legal and definition.fmt not in ("none", "bullet") else definition.fmt
            return format_number(value, fmt, definition.custom)

        shown = re.sub(r"%([1-9])", placeholder, levels[ilvl].text)
        symbols = SYMBOL_BULLETS.get(levels[ilvl].font.strip().lower())
        if symbols and levels[ilvl].fmt == "bullet":
            shown = "".join(symbols.get(ord(c) - 0xF000 if 0xF000 <= ord(c) <= 0xF0FF else ord(c), c) for c in shown)
        return shown


# ---- the body ------------------------------------------------------------------------------------------------

W_P, W_TBL, W_TR, W_TC, W_R = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:r")
# Containers whose content Word shows as if it were not wrapped: content controls, custom XML, tracked insertions.
TRANSPARENT = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins"), qn("w:moveTo"), qn("w:smartTag"),
               qn("w:hyperlink"), qn("w:fldSimple"), qn("w:dir"), qn("w:bdo")}
MATH = {qn("m:oMathPara"), qn("m:oMath")}


def _children(element, tags: set[str] | str):
    """The child elements with one of `tags`, looking through content controls and the like, in document order."""
    tags = {tags} if isinstance(tags, str) else tags
    for child in element:
        if child.tag in tags:
            yield child
        elif child.tag in TRANSPARENT:
            yield from _children(child, tags)
        elif child.tag == f"{MC}AlternateContent":
            choice = child.find(f"{MC}Choice")
            if choice is not None:
                yield from _children(choice, tags)


class Reader:
    def __init__(self, styles: Styles, numbering: Numbering):
        self.styles = styles
        self.numbering = numbering

    # -- a paragraph --

    def text(self, p) -> str:
        """The paragraph's text as Word shows it: tabs as "\\t", line breaks as "\\n"; no deleted or hidden text,
        no field codes (their results instead), nothing from text boxes, footnote marks or comments."""
        out: list[str] = []
        fields: list[bool] = []    # open fields, innermost last: True while in its code (before w:separate)
        self._collect(p, out, fields)
        return "".join(out)

    def _collect(self, element, out: list[str], fields: list[bool]) -> None:
        for child in element:
            tag = child.tag
            if tag == W_R:
                self._run(child, out, fields)
            elif tag in TRANSPARENT:
                self._collect(child, out, fields)
            elif tag in MATH:
                if not any(fields):
                    out.extend(t.text or "" for t in child.iter(qn("m:t")))
            elif tag == f"{MC}AlternateContent":
                choice = child.find(f"{MC}Choice")
                if choice is not None:
                    self._collect(choice, out, fields)

    def _run(self, run, out: list[str], fields: list[bool]) -> None:
        if _on(run.find(f"{qn('w:rPr')}/{qn('w:vanish')}")):
            return
        for child in run:
            tag = child.tag
            if tag == qn("w:fldChar"):
                kind = child.get(qn("w:fldCharType"))
                if kind == "begin":
                    fields.append(True)
                elif kind == "separate" and fields:
                    fields[-1] = False
                elif kind == "end" and fields:
                    fields.pop()
                continue
            if any(fields):
                continue
            if tag == qn("w:t"):
                out.append(child.text or "")
            elif tag in (qn("w:tab"), qn("w:ptab")):
                out.append("\t")
            elif tag == qn("w:br"):
                out.append("\n" if child.get(qn("w:type"), "textWrapping") == "textWrapping" else "")
            elif tag == qn("w:cr"):
                out.append("\n")
            elif tag == qn("w:noBreakHyphen"):
                out.append("-")
            elif tag == qn("w:ruby"):
                base = child.find(qn("w:rubyBase"))
                if base is not None:
                    self._collect(base, out, [])

    def number(self, p) -> str:
        """The automatic number Word shows before the paragraph, counted; "" for none."""
        ppr = p.find(qn("w:pPr"))
        style_id = _val(ppr, "w:pStyle")
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        num_id = _val(num_pr, "w:numId")
        level = _int(_val(num_pr, "w:ilvl"), None)
        style_num, style_level = self.styles.numbering(style_id)
        if num_id is None:
            num_id = style_num
            if level is None:
                level = style_level
            if level is None and num_id is not None:
                chain = [style.get(qn("w:styleId")) for style in self.styles.chain(style_id)]
                level = self.numbering.level_of_style(num_id, chain)
        if num_id is None or num_id == "0":
            return ""
        return self.numbering.next(num_id, level if level is not None and 0 <= level <= 8 else 0)

    def heading_level(self, p) -> int | None:
        return self.styles.heading_level(_val(p.find(qn("w:pPr")), "w:pStyle"))

    # -- sequences of paragraphs and tables --

    def blocks(self, container):
        """(paragraph element or None, Block) for each paragraph and table in `container`, in order; a paragraph
        whose mark is deleted (tracked changes) is shown joined to the next one, as Word shows it."""
        carried = ""
        for element in _children(container, {W_P, W_TBL}):
            if element.tag == W_TBL:
                if carried:
                    yield Block(text=carried)
                    carried = ""
                yield Block(rows=self.rows(element))
                continue
            if _on(element.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:del')}")) or \
                    element.find(f"{qn('w:pPr')}/{qn('w:rPr')}/{qn('w:moveFrom')}") is not None:
                carried += self.text(element)
                continue
            number = self.number(element)
            yield Block(text=carried + self.text(element), number=number, heading_level=self.heading_level(element))
            carried = ""
        if carried:
            yield Block(text=carried)

    def rows(self, table) -> list[list[str]]:
        """Each row's cell texts; a cell that spans columns once per column it spans, and a cell merged down from
        the row above with that cell's text (as python-docx's `row.cells` gives them)."""
        rows: list[list[str]] = []
        above: dict[int, tuple[str, int]] = {}       # grid column → (text, span) of the cell starting there
        for tr in _children(table, W_TR):
            if tr.find(f"{qn('w:trPr')}/{qn('w:del')}") is not None:
                continue
            column = _int(_val(tr.find(qn("w:trPr")), "w:gridBefore"), 0) or 0
            row, here = [], {}
            for tc in _children(tr, W_TC):
                tc_pr = tc.find(qn("w:tcPr"))
                span = max(1, _int(_val(tc_pr, "w:gridSpan"), 1) or 1)
                merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
                if merge is not None and merge.get(qn("w:val"), "continue") == "continue" and column in above:
                    text, span = above[column]
                else:
                    text = self.cell_text(tc)
                row.extend([text] * span)
                here[column] = (text, span)
                column += span
            above = here
            rows.append(row)
        return rows

    def cell_text(self, tc) -> str:
        """The cell's paragraphs (numbers included) one a line, a table inside it flattened (cells by tabs)."""
        lines = []
        for block in self.blocks(tc):
            lines.append(block.seen if not block.is_table else "\n".join("\t".join(row) for row in block.rows))
        return "\n".join(lines).strip("\n")


def _part_element(document_part, relationship: str):
    """The XML of the part related to the main document by `relationship`, or None (python-docx's own accessors
    would put its default styles or numbering in place of a missing part)."""
    try:
        part = document_part.part_related_by(relationship)
    except KeyError:
        return None
    element = getattr(part, "element", None)
    return element if element is not None else parse_xml(part.blob)


def _open(path: Path):
    with path.open("rb") as file:
        head = file.read(len(OLE_SIGNATURE))
    if head == OLE_SIGNATURE:
        raise DocxError(ENCRYPTED if ENCRYPTED_STREAM in path.read_bytes() else OLD_DOC)
    try:
        document = docx.Document(str(path))
        body = document.element.find(qn("w:body"))
        styles = _part_element(document.part, RT.STYLES)
        numbering = _part_element(document.part, RT.NUMBERING)
    except Exception as error:   # a bad zip, a missing or broken part, not a Word document: all the same to a reader
        raise DocxError(NOT_DOCX) from error
    if body is None:
        raise DocxError(NOT_DOCX)
    if next(body.iter(qn("w:altChunk")), None) is not None:
        raise DocxError(EMBEDDED)    # rather than leave its text out
    return body, styles, numbering


def read_docx(path: Path) -> list[Block]:
    """The body's paragraphs and tables in order; `line` is the place of each among them (from 1). Empty paragraphs
    (no text, no number) and tables with no text in them are counted but not returned, as a text file's blank lines."""
    body, styles_element, numbering_element = _open(Path(path))
    styles = Styles(styles_element)
    reader = Reader(styles, Numbering(numbering_element, styles))
    found = []
    for line, block in enumerate(reader.blocks(body), start=1):
        block.line = line
        if block.is_table:
            if any(cell.strip() for row in block.rows for cell in row):
                found.append(block)
        elif block.seen.strip():
            found.append(block)
    return found
