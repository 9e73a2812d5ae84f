"""plans.csv and schedule.csv are safe to open in a spreadsheet (OWASP, "CSV Injection"): a text cell starting
with =, +, -, @, a tab or a carriage return is written with a single quote in front, so the spreadsheet shows it as
text instead of running it as a formula; numbers the exporter writes as numbers are left alone.

The plans are small and in memory, made here (not from tests/sample_plans.py); a dangerous value is put in after
the plan is made, as a plan file could carry it."""

from __future__ import annotations

import csv
import io

import pytest

from pairing.content.plans import Collection, Plan, plan_of
from pairing.exports import opendata

SITE = "https://example.org/"
DANGEROUS = ["=1+1", "+86 123", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x.example","点我")']
KINDERGARTENS = {"a": {"name": "甲园", "region": "甲县"}, "b": {"name": "乙园"}}


def make_plan(slug: str = "one", title: str | None = None, sections: list | None = None, **extra) -> Plan:
    data = {"title": title or f"{slug} 计划", "slug": slug, "author": "a",
            "parties": [{"kindergarten": "a", "role": "helping"}, {"kindergarten": "b", "role": "helped"}],
            "sections": sections or [{"heading": "一、目标", "paragraphs": ["提高保教质量"]}], **extra}
    return plan_of(f"docs/plans/{slug}.md", f"plans/{slug}.md", data, None)


def with_row(title: str = "计划", **row) -> Plan:
    """A plan whose one timetable row is `row` (九月 of 2024 unless given)."""
    return make_plan("one", title, [{"heading": "活动安排", "timetable": [{"when": "九月", "months": [9], "year": 2024, **row}]}])


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def plans_csv(*plans: Plan, kindergartens: dict = KINDERGARTENS) -> list[dict]:
    rows = opendata.plan_rows(Collection(kindergartens, {p.src_uri: p for p in plans}), SITE)
    return read_csv(opendata.as_csv(opendata.PLAN_COLUMNS, rows))


def schedule_csv(*plans: Plan) -> list[dict]:
    rows = opendata.schedule_rows(Collection(KINDERGARTENS, {p.src_uri: p for p in plans}))
    return read_csv(opendata.as_csv(opendata.SCHEDULE_COLUMNS, rows))


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_plan_cell_a_spreadsheet_would_run_is_text(text):
    one = make_plan(title=text, original_title=text, tags=[text], period={"text": text},
                    sections=[{"heading": text, "paragraphs": ["正文"]}, {"heading": "二、措施", "list": ["x"]}])
    names = {"a": {"name": text, "region": text}, "b": {"name": "乙园"}}
    (row,) = plans_csv(one, kindergartens=names)
    assert [row[c] for c in ("标题", "原标题", "标签", "时间（原文写法）", "章节", "帮扶园", "撰写单位", "地区")] == \
        [f"'{text}"] * 4 + [f"'{text}、二、措施"] + [f"'{text}"] * 3


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_schedule_cell_a_spreadsheet_would_run_is_text(text):
    (row,) = schedule_csv(with_row(text, when=text, text=text))
    # a row's paragraphs are as written (views.paragraphs): a tab or return in front stays, and is escaped
    assert (row["计划标题"], row["时间"], row["内容"]) == (f"'{text}",) * 3
    # numbers the exporter writes as numbers stay numbers
    assert (row["安排行"], row["年份"], row["月份"]) == ("1", "2024", "9")


@pytest.mark.parametrize("marker, text", [("-", "1"), ("+", "86"), ("=", "SUM(1)"), ("@", "x")])
def test_an_item_whose_marker_starts_a_formula_is_text(marker, text):
    # the marker is written right before its text, so "-" and "1" make the cell "-1": it is escaped as a whole
    (row,) = schedule_csv(with_row(items=[{"marker": marker, "text": text}]))
    assert row["内容"] == f"'{marker}{text}"


@pytest.mark.parametrize("text", ["结对=帮扶", "2024年计划", "1+1", "（一）=x", "'=已经是文字", " =1", "＝1", "甲@乙", "甲-乙"])
def test_other_cells_are_unchanged(text):
    # Negative control: a cell starting with a Chinese character, a digit or anything else is written as it is.
    (row,) = plans_csv(make_plan(title=text, original_title=text))
    assert (row["标题"], row["原标题"]) == (text, text)
    (row,) = schedule_csv(with_row(when=text, items=[{"marker": "1、", "text": "=不在开头"}]))
    assert (row["时间"], row["内容"]) == (text, "1、=不在开头")


def test_numbers_are_never_quoted():
    assert [opendata.text_cell(value) for value in (2024, -1, 0, 3.5, None)] == [2024, -1, 0, 3.5, None]
    assert opendata.text_cell("-1") == "'-1"   # the same as text is


def test_the_whole_file_reads_back_with_the_quote_visible():
    # Commas, quotes and line breaks in a dangerous cell: the csv module quotes the cell, the file stays valid.
    title = '=HYPERLINK("http://x.example/?a=1,b=2","点\n我")'
    one = make_plan(title=title, original_title="-原标题，带逗号", tags=["@标签", "送教"],
                    period={"text": "2024年", "start_year": 2024})
    data = opendata.as_csv(opendata.PLAN_COLUMNS, opendata.plan_rows(
        Collection(KINDERGARTENS, {p.src_uri: p for p in (one, make_plan("two", "正常", tags=["送教"]))}), SITE))
    text = data.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://x.example/?a=1,b=2"",""点\n我"")"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 3 and all(len(row) == len(opendata.PLAN_COLUMNS) for row in rows)
    named = dict(zip(rows[0], rows[1]))
    assert named["标题"] == f"'{title}"
    assert named["原标题"] == "'-原标题，带逗号"
    assert named["标签"] == "'@标签、送教"
    assert named["开始年份"] == "2024"
    assert dict(zip(rows[0], rows[2]))["标题"] == "正常"
    # no cell of the file starts a formula
    assert not [cell for row in rows for cell in row if cell.startswith(opendata.FORMULA_STARTS)]


def test_the_published_csv_files_go_through_the_same_writer():
    files = dict(opendata.open_data_files(Collection(KINDERGARTENS, {"plans/one.md": with_row("=1+1")}), SITE,
                                          opendata.STAMP_HOLDER))
    for path in (opendata.PLANS_CSV, opendata.SCHEDULE_CSV):
        rows = list(csv.reader(io.StringIO(files[path].decode("utf-8-sig"), newline="")))
        assert "'=1+1" in rows[1] and "=1+1" not in rows[1], path
