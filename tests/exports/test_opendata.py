"""Unit tests of the open data: the published schema, CSV, and calendar events with stable UIDs."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timezone

import icalendar
import jsonschema
import pytest
from sample_plans import KINDERGARTENS, collection, plan

from pairing.content.schema import plan_schema
from pairing.exports import opendata

SITE = "https://example.org/site/"
STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)


def dated(schedule: list[list[int]], **extra):
    return plan("dated", {"a": "helping", "b": "helped"}, schedule=schedule, year=2024, **extra)


@pytest.mark.parametrize("months, spans", [
    ([9], [(date(2024, 9, 1), date(2024, 10, 1))]),
    ([2, 3], [(date(2024, 2, 1), date(2024, 4, 1))]),
    ([12], [(date(2024, 12, 1), date(2025, 1, 1))]),
    ([3, 5], [(date(2024, 3, 1), date(2024, 4, 1)), (date(2024, 5, 1), date(2024, 6, 1))]),
    ([12, 1], [(date(2024, 12, 1), date(2025, 2, 1))]),
])
def test_month_spans_are_whole_months_with_exclusive_end(months, spans):
    assert opendata.month_spans(2024, months) == spans


def test_events_for_a_known_year_in_chinese_with_links():
    events = opendata.calendar_events(dated([[9], [10, 11]]), SITE)
    assert [(e["start"], e["end"]) for e in events] == [(date(2024, 9, 1), date(2024, 10, 1)),
                                                         (date(2024, 10, 1), date(2024, 12, 1))]
    assert events[1]["summary"] == "dated 计划：十、十一月份活动"
    assert events[1]["description"] == "dated 在 [10, 11] 的活动"
    assert events[1]["url"] == "https://example.org/site/plans/dated/#schedule-2"


def test_json_lines_is_one_compact_document_with_an_item_a_line():
    document = {"plans": [{"title": "甲", "tags": ["a", "b"]}, {"title": "乙"}], "kindergartens": {"k": {"name": "园"}},
                "empty": []}
    text = opendata.as_json_lines(document)
    assert json.loads(text) == document
    assert text.splitlines() == ['{"plans":[', '{"title":"甲","tags":["a","b"]},', '{"title":"乙"}', '],',
                                 '"kindergartens":{', '"k":{"name":"园"}', '},', '"empty":[]}']


def test_no_events_when_the_year_is_unknown():
    unknown = plan("u", {"a": "helping"}, schedule=[[9]])
    assert opendata.calendar_events(unknown, SITE) == []
    assert opendata.publishes_events(unknown) is False
    assert opendata.publishes_events(dated([[9]])) is True


def test_uids_survive_reordering_and_change_with_the_activity():
    first = {e["uid"] for e in opendata.calendar_events(dated([[9], [10, 11]]), SITE)}
    reordered = dated([[10, 11], [9]])
    assert {e["uid"] for e in opendata.calendar_events(reordered, SITE)} == first
    reordered.data["schedule"][0]["activities"]["items"] = ["改过的活动"]
    assert len({e["uid"] for e in opendata.calendar_events(reordered, SITE)} & first) == 1


def test_identical_rows_get_distinct_uids():
    events = opendata.calendar_events(dated([[9], [9]]), SITE)
    assert len({e["uid"] for e in events}) == 2


def test_ics_parses_with_all_day_events_and_time_zone():
    calendar = icalendar.Calendar.from_ical(opendata.as_ics("测试", opendata.calendar_events(dated([[9]]), SITE), STAMP))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == date(2024, 9, 1) and event.decoded("dtend") == date(2024, 10, 1)
    assert "VALUE=DATE" in event.to_ical().decode()
    assert str(event["summary"]) == "dated 计划：九月份活动"
    assert calendar["x-wr-timezone"] == "Asia/Shanghai"
    # all-day dates name no time zone, so none is carried; a calendar without events keeps one to be valid
    assert calendar.walk("VTIMEZONE") == [] and "TZID" not in calendar.to_ical().decode()
    empty = icalendar.Calendar.from_ical(opendata.as_ics("测试", [], STAMP))
    assert [tz["tzid"] for tz in empty.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_published_schema_accepts_records_and_refuses_a_missing_url():
    schema = opendata.published_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    one = plan("one", {"a": "helping", "b": "helped"}, schedule=[[9]])
    document = opendata.plans_document(collection(one), SITE)
    jsonschema.validate(document, schema)
    assert document["plans"][0]["parties"][0] == {"kindergarten": "a", "role": "helping", "name": "甲园"}
    # negative control: the same document without a url is refused
    del document["plans"][0]["url"]
    with pytest.raises(jsonschema.ValidationError, match="'url' is a required property"):
        jsonschema.validate(document, schema)


def test_published_schema_does_not_change_the_declared_one():
    opendata.published_schema()
    assert "url" not in plan_schema()["properties"]
    assert "name" not in plan_schema()["$defs"]["party"]["properties"]


def test_csv_has_a_bom_and_one_row_per_activity():
    data = opendata.as_csv(opendata.SCHEDULE_COLUMNS, opendata.schedule_rows(collection(dated([[9], [10, 11]]))))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert [(r["年份"], r["月份"], r["活动"]) for r in rows] == [
        ("2024", "9", "dated 在 [9] 的活动"), ("2024", "10、11", "dated 在 [10, 11] 的活动")]
    # the plan (by address name and title) and its row, not a full address repeated on every row
    assert [(r["计划网址名"], r["计划标题"], r["安排行"]) for r in rows] == [("dated", "dated 计划", "1"), ("dated", "dated 计划", "2")]
    assert "网址" not in rows[0] and "http" not in data.decode("utf-8-sig")


def test_item_text_flattens_headings_and_sub_items():
    item = {"marker": "1、", "heading": "小标题", "paragraphs": ["正文"],
            "sub": [{"marker": "①", "heading": "", "paragraphs": ["甲"], "sub": []}]}
    assert opendata.item_text(item) == "小标题 正文 ①甲"


def test_plan_rows_resolve_names():
    (row,) = opendata.plan_rows(collection(plan("one", {"a": "helping", "b": "helped"}, tags=["送教下乡"])), SITE)
    named = dict(zip(opendata.PLAN_COLUMNS, row))
    assert (named["帮扶园"], named["受援园"], named["地区"], named["标签"]) == ("甲园", "乙园", "甲县", "送教下乡")
    assert named["网址"] == "https://example.org/site/plans/one/"


def test_event_count_matches_the_events_made():
    dated = plan("dated", {"a": "helping"}, schedule=[[9], [10, 11], [1, 3]], year=2024)
    undated = plan("undated", {"a": "helping"}, schedule=[[9]])
    for one in (dated, undated):
        assert opendata.event_count(one) == len(opendata.calendar_events(one, "https://example.org/"))
    assert opendata.event_count(dated) == 4


# No control, bidirectional or line-separator character is written raw into a published JSON file
# (the input checks refuse them; the JSON writer escapes them anyway: a file that carried them raw could show a
# reader something else than it holds, and U+2028 ends a JavaScript string in plan_index_data.js's older readers).
UNSAFE = ["\x00", "\x08", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\u061c", "\u200e", "\u200f", "\u2028", "\u2029",
          "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")   # all but \n


def test_plans_json_carries_no_control_or_bidi_character_raw():
    text = "".join(f"甲{char}乙" for char in UNSAFE)
    one = plan("one", {"a": "helping", "b": "helped"}, tags=[text], original_title=text,
               guiding_ideology=[text], goals={"items": [{"heading": text, "text": text}]})
    one.data["title"] = text
    files = dict(opendata.open_data_files(collection(one), SITE, STAMP))
    published = files[opendata.PLANS_JSON]
    assert RAW.search(published) is None
    # Negative control: json.dumps alone writes the C1, bidirectional and separator characters raw.
    assert RAW.search(json.dumps(text, ensure_ascii=False)) is not None
    # The escapes are JSON's own: the file loads back to the same values.
    (record,) = json.loads(published)["plans"]
    assert record == opendata.plan_record(one, KINDERGARTENS, SITE)
    assert record["title"] == record["original_title"] == record["tags"][0] == text
    assert "\\u202e" in published and "\\u0085" in published and "\\u0000" in published


@pytest.mark.parametrize("char", UNSAFE)
def test_every_json_writer_escapes_each_character(char):
    value = {"键" + char: ["甲" + char, {"乙": char}], "n": 1}
    for written in (opendata.compact_json(value), opendata.as_json(value), opendata.as_json_lines(value)):
        assert RAW.search(written) is None, repr(char)
        assert json.loads(written) == value


def test_json_without_such_characters_is_as_json_dumps_writes_it():
    value = {"标题": "结对帮扶 “计划” \\ / \n", "n": [1, 2.5, None, True]}
    assert opendata.compact_json(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
