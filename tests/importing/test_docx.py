"""The .docx reader: Word files built here with python-docx (lists get numbering definitions written into the
document's numbering part), read back as the blocks a reader of the document sees."""

from __future__ import annotations

import dataclasses
import random
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from pairing.importing import docx as reader
from pairing.importing.docx import DocxError, format_number, read_docx

W = nsdecls("w")
# Where these lists' definitions start: above the ids python-docx's own template uses (1–9).
FIRST_ID = 100


# ---- building documents ----------------------------------------------------------------------------------------

def new_list(document, levels: list[tuple], *, overrides: dict[int, int] | None = None, abstract: str | None = None,
             restarts: dict[int, int] | None = None) -> str:
    """A list definition (an abstractNum with these (numFmt, lvlText[, start]) levels, or a new w:num of an
    existing abstractNum with startOverrides); returns its numId."""
    numbering = document.part.numbering_part.element
    nums = numbering.findall(qn("w:num"))
    num_id = str(FIRST_ID + len([n for n in nums if int(n.get(qn("w:numId"))) >= FIRST_ID]))
    if abstract is None:
        abstract = num_id
        xml = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="{level[2] if len(level) > 2 else 1}"/><w:numFmt w:val="{level[0]}"/>'
            + (f'<w:lvlRestart w:val="{restarts[i]}"/>' if restarts and i in restarts else "")
            + f'<w:lvlText w:val="{level[1]}"/><w:lvlJc w:val="left"/></w:lvl>'
            for i, level in enumerate(levels))
        element = parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract}">{xml}</w:abstractNum>')
        # Every w:abstractNum comes before the first w:num (the schema's order).
        numbering.insert(numbering.index(nums[0]) if nums else len(numbering), element)
    over = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                   for i, v in (overrides or {}).items())
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract}"/>{over}</w:num>'))
    return num_id


def abstract_of(document, num_id: str) -> str:
    for num in document.part.numbering_part.element.findall(qn("w:num")):
        if num.get(qn("w:numId")) == num_id:
            return num.find(qn("w:abstractNumId")).get(qn("w:val"))
    raise KeyError(num_id)


def first_level(document, num_id: str, level: int = 0):
    """The w:lvl element of list `num_id`'s abstractNum at `level`, to add to."""
    abstract_id = abstract_of(document, num_id)
    for abstract in document.part.numbering_part.element.findall(qn("w:abstractNum")):
        if abstract.get(qn("w:abstractNumId")) == abstract_id:
            return abstract.findall(qn("w:lvl"))[level]
    raise KeyError(num_id)


def item(document, text: str, num_id: str | None, level: int = 0, style: str | None = None):
    """A paragraph in list `num_id` at `level` (numPr written on the paragraph itself)."""
    paragraph = document.add_paragraph(text, style)
    if num_id is not None:
        ppr = paragraph.paragraph_format.element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def raw_paragraph(document, inner_xml: str):
    """A paragraph written as XML (tracked changes, content controls, fields), placed before the section settings."""
    body = document.element.find(qn("w:body"))
    element = parse_xml(f"<w:p {W}>{inner_xml}</w:p>")
    body.insert(len(body) - 1, element)
    return element


def save(document, tmp_path: Path, name: str = "plan.docx") -> Path:
    path = tmp_path / name
    document.save(str(path))
    return path


def seen(blocks) -> list[tuple[str, str]]:
    return [(block.number, block.text) for block in blocks]


# ---- paragraphs --------------------------------------------------------------------------------------------------

def test_plain_paragraphs_come_in_order_with_their_place(tmp_path):
    document = docx.Document()
    document.add_paragraph("一、结对双方")
    document.add_paragraph("")                       # counted, not returned (like a blank line of a text file)
    document.add_paragraph("县实验幼儿园与东山村幼儿园结对")
    document.add_paragraph("二、帮扶内容")
    blocks = read_docx(save(document, tmp_path))
    assert [b.text for b in blocks] == ["一、结对双方", "县实验幼儿园与东山村幼儿园结对", "二、帮扶内容"]
    assert [b.line for b in blocks] == [1, 3, 4]
    assert [(b.number, b.heading_level, b.rows) for b in blocks] == [("", None, [])] * 3
    # Negative control: the order is the document's, not sorted or reversed.
    assert [b.text for b in blocks] != sorted(b.text for b in blocks)


def test_tabs_and_line_breaks_are_kept_and_page_breaks_are_not_text(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("时间")
    run = paragraph.add_run()
    run.add_tab()
    run.add_text("九月")
    run.add_break()                                   # a line break: "\n"
    run.add_text("十月")
    run.add_break(WD_BREAK.PAGE)                      # a page break: no text
    paragraph.add_run("止")
    blocks = read_docx(save(document, tmp_path))
    assert [b.text for b in blocks] == ["时间\t九月\n十月止"]


def test_full_width_and_half_width_punctuation_and_spaces_are_kept_exactly(tmp_path):
    texts = ["活动目标：了解“秋天”的特征（树叶、果实）；", "Note: (a) 1. ok, 50% done; [x]!?",
             "\u3000\u3000首行缩进的段落。", "  前后有空格  ", "全角１２３ＡＢＣ，半角123ABC,"]
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    blocks = read_docx(save(document, tmp_path))
    assert [b.text for b in blocks] == texts
    # Negative control: half-width and full-width forms are different text, and none was normalised.
    assert "：" != ":" and all("：" in b.text for b in blocks[:1])


def test_heading_styles_give_levels_directly_by_chinese_name_and_through_a_base_style(tmp_path):
    document = docx.Document()
    styles = document.styles
    chinese = styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    derived = styles.add_style("计划小节", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = styles["Heading 2"]
    document.add_heading("结对帮扶计划", level=0)     # the Title style: not a heading level
    document.add_heading("一、指导思想", level=1)
    document.add_heading("（一）目标", level=2)
    document.add_paragraph("正文段落")
    document.add_paragraph("二、工作安排", style=chinese)
    document.add_paragraph("（二）安排", style=derived)
    document.add_heading("细则", level=3)
    blocks = read_docx(save(document, tmp_path))
    assert [(b.text, b.heading_level) for b in blocks] == [
        ("结对帮扶计划", None), ("一、指导思想", 1), ("（一）目标", 2), ("正文段落", None),
        ("二、工作安排", 1), ("（二）安排", 2), ("细则", 3)]


# ---- automatic numbering -----------------------------------------------------------------------------------------

def build_decimal(tmp_path) -> Path:
    document = docx.Document()
    first = new_list(document, [("decimal", "%1.")])
    again = new_list(document, [], abstract=abstract_of(document, first), overrides={0: 1})   # "restart at 1"
    five = new_list(document, [("decimal", "%1.", 5)])
    item(document, "观摩活动", first)
    item(document, "教研活动", first)
    document.add_paragraph("（中间的说明段落，没有编号）")
    item(document, "送教下乡", first)                 # continues: 3.
    item(document, "另一份清单", again)               # a w:num with startOverride: restarts at 1.
    item(document, "接着编号", again)
    item(document, "回到第一个编号", first)           # shares the abstract list: continues from 2. as Word does
    item(document, "从五开始", five)
    item(document, "然后是六", five)
    item(document, "编号为 0 的段落没有编号", "0")
    return save(document, tmp_path)


DECIMAL = [("1.", "观摩活动"), ("2.", "教研活动"), ("", "（中间的说明段落，没有编号）"), ("3.", "送教下乡"),
           ("1.", "另一份清单"), ("2.", "接着编号"), ("3.", "回到第一个编号"), ("5.", "从五开始"), ("6.", "然后是六"),
           ("", "编号为 0 的段落没有编号")]


def test_decimal_numbering_continues_and_restarts(tmp_path):
    blocks = read_docx(build_decimal(tmp_path))
    assert seen(blocks) == DECIMAL
    assert [b.seen for b in blocks[:2]] == ["1.观摩活动", "2.教研活动"]


def build_two_levels(tmp_path) -> Path:
    document = docx.Document()
    outline = new_list(document, [("decimal", "%1."), ("chineseCounting", "（%2）"), ("decimal", "%1.%2.%3")])
    item(document, "活动目标", outline)
    item(document, "认识秋天", outline, 1)
    item(document, "热爱自然", outline, 1)
    item(document, "活动准备", outline)
    item(document, "图片", outline, 1)                # restarts under the new level-1 item: （一）
    item(document, "细目", outline, 2)
    item(document, "细目二", outline, 2)
    item(document, "视频", outline, 1)
    item(document, "细目三", outline, 2)              # level 3 restarts under （二）
    return save(document, tmp_path)


# "%1.%2.%3" writes each level in its own format: level 2 is chineseCounting, so "2.一.1" (as Word shows it).
TWO_LEVELS = [("1.", "活动目标"), ("（一）", "认识秋天"), ("（二）", "热爱自然"), ("2.", "活动准备"),
              ("（一）", "图片"), ("2.一.1", "细目"), ("2.一.2", "细目二"), ("（二）", "视频"), ("2.二.1", "细目三")]


def test_two_levels_restart_the_deeper_level_under_each_item(tmp_path):
    assert seen(read_docx(build_two_levels(tmp_path))) == TWO_LEVELS


def test_legal_numbering_writes_every_level_in_decimal(tmp_path):
    document = docx.Document()
    outline = new_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "%1.%2")])
    first_level(document, outline, 1).append(parse_xml(f"<w:isLgl {W}/>"))
    for text, level in [("甲", 0), ("a", 1), ("b", 1), ("乙", 0), ("c", 1)]:
        item(document, text, outline, level)
    numbers = [b.number for b in read_docx(save(document, tmp_path))]
    assert numbers == ["一、", "1.1", "1.2", "二、", "2.1"]          # without w:isLgl: "一.一"


def test_a_level_with_lvlrestart_zero_never_restarts(tmp_path):
    document = docx.Document()
    outline = new_list(document, [("decimal", "%1."), ("lowerLetter", "%2)")], restarts={1: 0})
    for text, level in [("甲", 0), ("a", 1), ("b", 1), ("乙", 0), ("c", 1)]:
        item(document, text, outline, level)
    numbers = [b.number for b in read_docx(save(document, tmp_path))]
    assert numbers == ["1.", "a)", "b)", "2.", "c)"]      # by default the last would be "a)"


def test_chinese_counting_thousand_with_a_dun_comma(tmp_path):
    document = docx.Document()
    counted = new_list(document, [("chineseCountingThousand", "%1、")])
    later = new_list(document, [("chineseCountingThousand", "%1、", 19)])
    for n in range(1, 13):
        item(document, f"第{n}项", counted)
    for n in range(3):
        item(document, f"后面第{n}项", later)
    numbers = [b.number for b in read_docx(save(document, tmp_path))]
    assert numbers == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、", "十一、", "十二、",
                       "十九、", "二十、", "二十一、"]


def test_circled_numbers_and_bullets(tmp_path):
    document = docx.Document()
    circled = new_list(document, [("decimalEnclosedCircle", "%1")])
    bullets = new_list(document, [("bullet", "●"), ("bullet", "○")])
    item(document, "目标一", circled)
    item(document, "目标二", circled)
    item(document, "要点", bullets)
    item(document, "细点", bullets, 1)
    item(document, "目标三", circled)
    assert seen(read_docx(save(document, tmp_path))) == [
        ("①", "目标一"), ("②", "目标二"), ("●", "要点"), ("○", "细点"), ("③", "目标三")]


def test_bullets_in_a_symbol_font_are_the_characters_they_show(tmp_path):
    document = docx.Document()
    bullets = [("Symbol", "\uf0b7"), ("Wingdings", "\uf06c"), ("Wingdings ", "\uf0a7"), ("Courier New", "o"),
               ("", "\uf0d8")]
    lists = {font: new_list(document, [("bullet", char)]) for font, char in bullets}
    for font, num_id in lists.items():
        if font:
            first_level(document, num_id).append(parse_xml(
                f'<w:rPr {W}><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:hint="default"/></w:rPr>'))
        item(document, f"{font or '没有字体'}的项目符号", num_id)
    numbers = [b.number for b in read_docx(save(document, tmp_path))]
    # Negative control: the last has no symbol font, so its private-use character is left as it is.
    assert numbers == ["•", "●", "▪", "o", "\uf0d8"]


def test_numbering_given_by_a_paragraph_style(tmp_path):
    document = docx.Document()
    outline = new_list(document, [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    style = document.styles.add_style("计划条目", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="{outline}"/></w:numPr>'))
    document.add_paragraph("指导思想", style=style)
    document.add_paragraph("工作目标", style=style)
    item(document, "分目标", outline, 1, style=style)  # the paragraph's own level, the style's list
    item(document, "不编号的说明", "0", style=style)   # numId 0 on the paragraph takes the style's numbering off
    document.add_paragraph("工作措施", style=style)
    assert seen(read_docx(save(document, tmp_path))) == [
        ("一、", "指导思想"), ("二、", "工作目标"), ("（一）", "分目标"), ("", "不编号的说明"), ("三、", "工作措施")]


def test_a_list_that_links_to_a_list_style_takes_its_levels_and_counters_from_there(tmp_path):
    document = docx.Document()
    defining = new_list(document, [("chineseCounting", "第%1章")])
    style = document.styles.add_style("章节列表", WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:type"), "numbering")
    style.element.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="{defining}"/></w:numPr>'))
    linking = new_list(document, [("decimal", "%1.")])       # its own levels are not used: it links to the style
    first_level(document, linking).getparent().insert(0, parse_xml(f'<w:numStyleLink {W} w:val="{style.style_id}"/>'))
    item(document, "总则", linking)
    item(document, "目标", defining)
    item(document, "措施", linking)
    assert [b.number for b in read_docx(save(document, tmp_path))] == ["第一章", "第二章", "第三章"]


def test_the_number_is_not_put_into_the_text(tmp_path):
    document = docx.Document()
    item(document, "活动名称", new_list(document, [("decimal", "%1.")]))
    (block,) = read_docx(save(document, tmp_path))
    assert (block.number, block.text, block.seen) == ("1.", "活动名称", "1.活动名称")


@pytest.mark.parametrize("fmt, values", [
    ("decimal", {1: "1", 10: "10"}),
    ("decimalZero", {1: "01", 9: "09", 10: "10"}),
    ("chineseCounting", {1: "一", 10: "十", 11: "十一", 20: "二十", 21: "二十一", 99: "九十九", 100: "一百",
                         101: "一百零一", 110: "一百一十", 1000: "一千", 1001: "一千零一", 10000: "一万"}),
    ("chineseCountingThousand", {1: "一", 10: "十", 11: "十一", 20: "二十", 21: "二十一"}),
    ("japaneseCounting", {1: "一", 10: "十", 11: "十一", 20: "二十", 100: "百", 101: "百一"}),
    ("taiwaneseCounting", {1: "一", 10: "十", 11: "十一", 20: "二十", 21: "二十一"}),
    ("ideographTraditional", {1: "甲", 2: "乙", 3: "丙", 10: "癸", 11: "11"}),
    ("ideographZodiac", {1: "子", 2: "丑", 12: "亥", 13: "13"}),
    ("decimalEnclosedCircle", {1: "①", 2: "②", 10: "⑩", 20: "⑳", 21: "21"}),
    ("decimalEnclosedCircleChinese", {1: "①", 3: "③"}),
    ("decimalEnclosedParen", {1: "(1)", 12: "(12)"}),
    ("decimalFullWidth", {1: "１", 12: "１２"}),
    ("upperLetter", {1: "A", 26: "Z", 27: "AA", 28: "BB"}),
    ("lowerLetter", {1: "a", 2: "b", 27: "aa"}),
    ("upperRoman", {1: "I", 4: "IV", 9: "IX", 14: "XIV", 2024: "MMXXIV"}),
    ("lowerRoman", {3: "iii", 40: "xl"}),
    ("chineseLegalSimplified", {1: "壹", 10: "壹拾", 12: "壹拾贰"}),
    ("bullet", {1: ""}),
    ("none", {1: ""}),
])
def test_number_formats(fmt, values):
    assert {n: format_number(n, fmt) for n in values} == values


def test_every_number_format_in_a_document(tmp_path):
    """Each format through numbering.xml, two items each, the template around the number kept."""
    formats = {"decimalZero": ("%1.", ["01.", "02."]), "ideographTraditional": ("%1、", ["甲、", "乙、"]),
               "ideographZodiac": ("%1.", ["子.", "丑."]), "japaneseCounting": ("%1、", ["一、", "二、"]),
               "taiwaneseCounting": ("（%1）", ["（一）", "（二）"]), "decimalEnclosedCircleChinese": ("%1", ["①", "②"]),
               "decimalEnclosedParen": ("%1", ["(1)", "(2)"]), "decimalFullWidth": ("%1．", ["１．", "２．"]),
               "upperLetter": ("%1.", ["A.", "B."]), "lowerLetter": ("(%1)", ["(a)", "(b)"]),
               "upperRoman": ("%1.", ["I.", "II."]), "lowerRoman": ("%1)", ["i)", "ii)"]), "none": ("%1", ["", ""])}
    document = docx.Document()
    for fmt, (template, _) in formats.items():
        num_id = new_list(document, [(fmt, template)])
        item(document, f"{fmt} 一", num_id)
        item(document, f"{fmt} 二", num_id)
    blocks = read_docx(save(document, tmp_path))
    assert [b.number for b in blocks] == [n for _, numbers in formats.values() for n in numbers]


def test_an_unknown_list_or_level_gives_no_number(tmp_path):
    document = docx.Document()
    single = new_list(document, [("decimal", "%1.")])
    item(document, "没有这个编号定义", "999")
    item(document, "没有这一级", single, 3)
    item(document, "有编号", single)
    assert seen(read_docx(save(document, tmp_path))) == [("", "没有这个编号定义"), ("", "没有这一级"), ("1.", "有编号")]


# ---- tables ------------------------------------------------------------------------------------------------------

def test_a_table_of_months_and_activities(tmp_path):
    document = docx.Document()
    document.add_paragraph("活动安排：")
    table = document.add_table(rows=4, cols=2)
    cells = [("月份", "活动"), ("九月", "开学观摩"), ("十月", "教研活动\n半日开放"), ("十一月", "送教下乡")]
    for row, values in zip(table.rows, cells):
        for cell, value in zip(row.cells, values):
            lines = value.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
    document.add_paragraph("以上安排可调整。")
    blocks = read_docx(save(document, tmp_path))
    assert [b.text for b in blocks] == ["活动安排：", "", "以上安排可调整。"]
    assert blocks[1].is_table and blocks[1].rows == [list(pair) for pair in cells]
    assert [b.line for b in blocks] == [1, 2, 3]
    # Negative control: the rows are the table's own, row by row, not its columns.
    assert blocks[1].rows != [list(column) for column in zip(*cells)]


def test_merged_cells_give_their_text_once_per_cell_and_a_nested_table_is_flattened(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).text, table.cell(0, 1).text = "学期安排", ""
    table.cell(0, 0).merge(table.cell(0, 2))          # across the whole first row
    table.cell(1, 0).text = "秋季"
    table.cell(1, 0).merge(table.cell(2, 0))          # down two rows
    table.cell(1, 1).text, table.cell(1, 2).text = "九月", "观摩"
    table.cell(2, 1).text = "十月"
    inner = table.cell(2, 2).add_table(rows=2, cols=2)
    for (r, c), value in {(0, 0): "上旬", (0, 1): "教研", (1, 0): "下旬", (1, 1): "送教"}.items():
        inner.cell(r, c).text = value
    (block,) = read_docx(save(document, tmp_path))
    assert block.rows == [["学期安排"] * 3, ["秋季", "九月", "观摩"], ["秋季", "十月", "上旬\t教研\n下旬\t送教"]]
    # The same cells as python-docx gives them (its cell text leaves nested tables out).
    (table,) = docx.Document(str(tmp_path / "plan.docx")).tables
    python_docx = [[cell.text for cell in row.cells] for row in table.rows]
    assert [row[:2] for row in block.rows] == [[text.strip("\n") for text in row[:2]] for row in python_docx]


def test_numbered_paragraphs_in_table_cells_are_counted_in_document_order(tmp_path):
    document = docx.Document()
    steps = new_list(document, [("decimal", "%1.")])
    item(document, "准备", steps)
    table = document.add_table(rows=1, cols=1)
    cell_paragraph = table.cell(0, 0).paragraphs[0]
    cell_paragraph.text = "表中的一步"
    cell_paragraph.paragraph_format.element.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="{steps}"/></w:numPr>'))
    item(document, "总结", steps)
    blocks = read_docx(save(document, tmp_path))
    assert [b.seen if not b.is_table else b.rows for b in blocks] == ["1.准备", [["2.表中的一步"]], "3.总结"]


# ---- text Word shows, text it does not ------------------------------------------------------------------------------

def test_no_body_text_is_dropped_and_hidden_or_deleted_text_is_not_shown(tmp_path):
    document = docx.Document()
    change = 'w:author="园长" w:date="2024-09-01T00:00:00Z"'
    raw_paragraph(document, '<w:r><w:t>修订后：</w:t></w:r>'
                            f'<w:ins w:id="1" {change}><w:r><w:t>新增内容</w:t></w:r></w:ins>'
                            f'<w:del w:id="2" {change}><w:r><w:delText>删去内容</w:delText></w:r></w:del>')
    body = document.element.find(qn("w:body"))
    body.insert(len(body) - 1, parse_xml(
        f'<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>内容控件里的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    raw_paragraph(document, '<w:r><w:t xml:space="preserve">日期：</w:t></w:r>'
                            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>'
                            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2024年9月1日</w:t></w:r>'
                            '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
                            '<w:hyperlink w:anchor="x"><w:r><w:t>（链接）</w:t></w:r></w:hyperlink>'
                            '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏文字</w:t></w:r>'
                            '<w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt>')
    texts = [b.text for b in read_docx(save(document, tmp_path))]
    assert texts == ["修订后：新增内容", "内容控件里的段落", "日期：2024年9月1日（链接）行内控件"]
    # Negative control: python-docx's own paragraph text drops the inserted text and the inline content control,
    # keeps the hidden text, and skips the content control around a paragraph.
    plain = docx.Document(str(tmp_path / "plan.docx"))
    assert [p.text for p in plain.paragraphs] == ["修订后：", "日期：2024年9月1日（链接）隐藏文字"]


def test_a_paragraph_whose_mark_is_deleted_joins_the_next_one(tmp_path):
    document = docx.Document()
    raw_paragraph(document, '<w:pPr><w:rPr><w:del w:id="3" w:author="a" w:date="2024-09-01T00:00:00Z"/></w:rPr></w:pPr>'
                            '<w:r><w:t>前半句，</w:t></w:r>')
    document.add_paragraph("后半句。")
    document.add_paragraph("另一段")
    blocks = read_docx(save(document, tmp_path))
    assert [(b.text, b.line) for b in blocks] == [("前半句，后半句。", 1), ("另一段", 2)]


def test_text_boxes_headers_and_footnotes_are_not_read(tmp_path):
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    document.sections[0].footer.paragraphs[0].text = "页脚文字"
    raw_paragraph(document, '<w:r><w:t>正文</w:t></w:r><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml">'
                            '<v:textbox><w:txbxContent><w:p><w:r><w:t>文本框文字</w:t></w:r></w:p></w:txbxContent>'
                            '</v:textbox></v:shape></w:pict></w:r>')
    assert [b.text for b in read_docx(save(document, tmp_path))] == ["正文"]


def test_a_body_kept_in_an_embedded_file_is_not_silently_left_out(tmp_path):
    document = docx.Document()
    document.add_paragraph("导出的计划")
    body = document.element.find(qn("w:body"))
    body.insert(len(body) - 1, parse_xml(f'<w:altChunk {nsdecls("w", "r")} r:id="htmlChunk"/>'))
    with pytest.raises(DocxError) as caught:
        read_docx(save(document, tmp_path))
    assert str(caught.value) == reader.EMBEDDED
    # Negative control: the same document without the embedded part reads.
    body.remove(body.find(qn("w:altChunk")))
    assert [b.text for b in read_docx(save(document, tmp_path, "plain.docx"))] == ["导出的计划"]


# ---- files that are not .docx ---------------------------------------------------------------------------------------

def test_an_old_doc_file_is_named_as_such(tmp_path):
    path = tmp_path / "旧计划.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le"))
    with pytest.raises(DocxError) as caught:
        read_docx(path)
    assert str(caught.value) == "这是旧版 Word 文件（.doc），请用 Word 或 WPS 另存为 .docx 后再导入"


def test_a_password_protected_docx_is_named_as_such(tmp_path):
    path = tmp_path / "加密.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "EncryptedPackage".encode("utf-16-le"))
    with pytest.raises(DocxError) as caught:
        read_docx(path)
    assert str(caught.value) == reader.ENCRYPTED


@pytest.mark.parametrize("make", ["random", "empty", "zip-without-document", "truncated", "text"])
def test_a_file_that_is_not_a_docx_gets_the_chinese_message(tmp_path, make):
    path = tmp_path / "计划.docx"
    if make == "random":
        path.write_bytes(b"\x00" + random.Random(17).randbytes(4096))
    elif make == "empty":
        path.write_bytes(b"")
    elif make == "zip-without-document":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("readme.txt", "不是 Word")
    elif make == "truncated":
        docx.Document().save(str(path))
        path.write_bytes(path.read_bytes()[:2000])
    else:
        path.write_text("一、活动目标\n二、活动准备\n", encoding="utf-8")
    with pytest.raises(DocxError) as caught:
        read_docx(path)
    assert str(caught.value) == "不是有效的 Word 文件（.docx），请用 Word 或 WPS 另存为 .docx 后再导入"


# ---- negative controls: a reader that got these wrong fails the checks above -----------------------------------

def test_a_reader_without_numbering_fails_the_numbering_checks(tmp_path, monkeypatch):
    monkeypatch.setattr(reader.Numbering, "next", lambda self, num_id, ilvl: "")
    assert seen(read_docx(build_decimal(tmp_path))) != DECIMAL


def test_a_reader_that_never_restarts_deeper_levels_fails_the_two_level_check(tmp_path, monkeypatch):
    level = reader._level
    monkeypatch.setattr(reader, "_level", lambda lvl: dataclasses.replace(level(lvl), restart=0))   # never restart
    numbers = seen(read_docx(build_two_levels(tmp_path)))
    assert numbers != TWO_LEVELS and numbers[4] == ("（三）", "图片")


def test_a_reader_counting_per_numid_fails_the_continuation_check(tmp_path, monkeypatch):
    counted = reader.Numbering.next

    def per_num_id(self, num_id, ilvl):
        shared, self.counters = self.counters, self.__dict__.setdefault("own", {}).setdefault(num_id, {})
        try:
            return counted(self, num_id, ilvl)
        finally:
            self.counters = shared

    monkeypatch.setattr(reader.Numbering, "next", per_num_id)
    numbers = seen(read_docx(build_decimal(tmp_path)))
    assert numbers != DECIMAL and numbers[6] == ("4.", "回到第一个编号")
