"""plans.csv and schedule.csv are safe to open in a spreadsheet (OWASP, "CSV Injection"): a text cell starting
with =, +, -, @, a tab or a carriage return is written with a single quote in front, so the spreadsheet shows it as
text instead of running it as a formula; numbers the exporter writes as numbers are left alone."""

from __future__ import annotations

import csv
import io

import pytest
from sample_plans import collection, plan

from pairing.exports import opendata

SITE = "https://example.org/"
DANGEROUS = ["=1+1", "+86 123", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://x.example","点我")']


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def plans_csv(*plans) -> list[dict]:
    return read_csv(opendata.as_csv(opendata.PLAN_COLUMNS, opendata.plan_rows(collection(*plans), SITE)))


def schedule_csv(*plans) -> list[dict]:
    return read_csv(opendata.as_csv(opendata.SCHEDULE_COLUMNS, opendata.schedule_rows(collection(*plans))))


def titled(title: str, slug: str = "one", **extra):
    one = plan(slug, {"a": "helping", "b": "helped"}, **extra)
    one.data["title"] = title
    return one


@pytest.mark.parametrize("text", DANGEROUS)
def test_a_cell_a_spreadsheet_would_run_is_text(text):
    (row,) = plans_csv(titled(text, original_title=text, tags=[text]))
    assert (row["标题"], row["原标题"], row["标签"]) == (f"'{text}",) * 3


@pytest.mark.parametrize("text", DANGEROUS)
def test_an_activity_a_spreadsheet_would_run_is_text(text):
    one = plan("one", {"a": "helping"}, schedule=[[9]], year=2024)
    one.data["schedule"][0]["activities"]["items"] = [text]
    one.data["title"] = text
    (row,) = schedule_csv(one)
    # an activity's text is its paragraphs, each stripped (views.paragraphs): a tab or return in front is gone
    assert (row["计划标题"], row["活动"]) == (f"'{text}", f"'{text.strip()}")
    # numbers the exporter writes as numbers stay numbers
    assert (row["安排行"], row["年份"], row["月份"]) == ("1", "2024", "9")


@pytest.mark.parametrize("text", ["结对=帮扶", "2024年计划", "1+1", "（一）=x", "'=已经是文字", " =1", "＝1", "甲@乙", "甲-乙"])
def test_other_cells_are_unchanged(text):
    # Negative control: a cell starting with a Chinese character, a digit or anything else is written as it is.
    (row,) = plans_csv(titled(text, original_title=text))
    assert (row["标题"], row["原标题"]) == (text, text)


def test_numbers_are_never_quoted():
    assert [opendata.text_cell(value) for value in (2024, -1, 0, 3.5, None)] == [2024, -1, 0, 3.5, None]
    assert opendata.text_cell("-1") == "'-1"   # the same as text is


def test_the_whole_file_reads_back_with_the_quote_visible():
    # Commas, quotes and line breaks in a dangerous cell: the csv module quotes the cell, the file stays valid.
    title = '=HYPERLINK("http://x.example/?a=1,b=2","点\n我")'
    one = titled(title, original_title="-原标题，带逗号", tags=["@标签", "送教"], year=2024)
    data = opendata.as_csv(opendata.PLAN_COLUMNS, opendata.plan_rows(collection(one, titled("正常", "two", tags=["送教"])), SITE))
    text = data.decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://x.example/?a=1,b=2"",""点\n我"")"' in text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 3 and all(len(row) == len(opendata.PLAN_COLUMNS) for row in rows)
    named = dict(zip(rows[0], rows[1]))
    assert named["标题"] == f"'{title}"
    assert named["原标题"] == "'-原标题，带逗号"
    assert named["标签"] == "'@标签、送教"
    assert named["起始年份"] == "2024"
    assert dict(zip(rows[0], rows[2]))["标题"] == "正常"
    # no cell of the file starts a formula
    assert not [cell for row in rows for cell in row if cell.startswith(opendata.FORMULA_STARTS)]


def test_the_published_csv_files_go_through_the_same_writer():
    one = plan("one", {"a": "helping"}, schedule=[[9]])
    one.data["title"] = "=1+1"
    files = dict(opendata.open_data_files(collection(one), SITE, opendata.STAMP_HOLDER))
    for path in (opendata.PLANS_CSV, opendata.SCHEDULE_CSV):
        rows = list(csv.reader(io.StringIO(files[path].decode("utf-8-sig"), newline="")))
        assert "'=1+1" in rows[1] and "=1+1" not in rows[1], path
