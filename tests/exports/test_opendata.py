"""Unit tests of the open data (format 2: a plan is its sections in the source's order): plans.json and its
schema, plans.csv, schedule.csv, and calendar events with stable UIDs.

The plans are small and in memory, made here (not from tests/sample_plans.py); each is checked against schema.yml
first, so a test never passes on data the site would refuse."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, datetime, timezone

import icalendar
import jsonschema
import pytest

from pairing.content.plans import Collection, Plan, plan_of
from pairing.content.schema import plan_schema
from pairing.exports import opendata
from pairing.site import audit

SITE = "https://example.org/site/"
STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)
KINDERGARTENS = {"a": {"name": "甲园", "region": "甲县"}, "b": {"name": "乙园"}, "c": {"name": "丙园", "region": "丙镇"}}
INTRO = {"paragraphs": ["为促进城乡幼儿园均衡发展，特制定本计划。"]}


def make_plan(slug: str = "one", sections: list | None = None, check: bool = True, **extra) -> Plan:
    data = {"title": f"{slug} 计划", "slug": slug,
            "parties": [{"kindergarten": "a", "role": "helping"}, {"kindergarten": "b", "role": "helped"}],
            "sections": sections or [INTRO], **extra}
    if check:
        jsonschema.validate(data, plan_schema())
    return plan_of(f"docs/plans/{slug}.md", f"plans/{slug}.md", data, None)


def collection(*plans: Plan) -> Collection:
    return Collection(KINDERGARTENS, {p.src_uri: p for p in plans})


def timetable(*rows: dict, heading: str = "三、活动安排") -> dict:
    return {"heading": heading, "kind": "schedule", "timetable": list(rows)}


def row(when: str, months: list[int] | None = None, year: int | None = None, **content) -> dict:
    found = {"when": when, **({"months": months} if months else {}), **({"year": year} if year else {})}
    return {**found, **(content or {"text": f"{when}的活动"})}


def dated(*months: list[int], year: int = 2024, slug: str = "dated") -> Plan:
    """A plan whose one timetable has a row per list of months, each in `year`."""
    return make_plan(slug, [INTRO, timetable(*(row(f"{'、'.join(map(str, m))}月", m, year) for m in months))])


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def plans_csv(*plans: Plan) -> list[dict]:
    return read_csv(opendata.as_csv(opendata.PLAN_COLUMNS, opendata.plan_rows(collection(*plans), SITE)))


def schedule_csv(*plans: Plan) -> list[dict]:
    return read_csv(opendata.as_csv(opendata.SCHEDULE_COLUMNS, opendata.schedule_rows(collection(*plans))))


# Calendar events
@pytest.mark.parametrize("months, spans", [
    ([9], [(date(2024, 9, 1), date(2024, 10, 1))]),
    ([2, 3], [(date(2024, 2, 1), date(2024, 4, 1))]),
    ([12], [(date(2024, 12, 1), date(2025, 1, 1))]),
    ([3, 5], [(date(2024, 3, 1), date(2024, 4, 1)), (date(2024, 5, 1), date(2024, 6, 1))]),
    ([12, 1], [(date(2024, 12, 1), date(2025, 2, 1))]),
    ([11, 12, 1, 3], [(date(2024, 11, 1), date(2025, 2, 1)), (date(2025, 3, 1), date(2025, 4, 1))]),
])
def test_month_spans_are_whole_months_in_each_months_year(months, spans):
    assert opendata.month_spans({"months": months, "year": 2024}) == spans


def test_events_name_the_row_as_written_and_link_to_it():
    one = make_plan("one", [
        INTRO,
        timetable(row("九月份", [9], 2024, text="制定计划"), heading="（一）第一学期"),
        {"heading": "四、工作要求", "list": ["按时参加"]},
        timetable(row("第二学期（2025年春）", text="总结"),   # no months: no event, but it is numbered
                  row("十、十一月份", [10, 11], 2025, text="开展送教活动\n组织观摩",
                      items=[{"marker": "1、", "text": "语言"}, {"marker": "2、", "heading": "科学：", "text": "观察"}]),
                  heading="（二）第二学期"),
    ])
    events = opendata.calendar_events(one, SITE)
    assert [(e["start"], e["end"]) for e in events] == [(date(2024, 9, 1), date(2024, 10, 1)),
                                                         (date(2025, 10, 1), date(2025, 12, 1))]
    assert [e["summary"] for e in events] == ["one 计划 · 九月份", "one 计划 · 十、十一月份"]
    # the row's content as written, a paragraph or an item a line, each marker right before its text
    assert events[1]["description"] == "开展送教活动\n组织观摩\n1、语言\n2、科学： 观察"
    # rows are numbered across the plan's timetables: the dated row of the second one is the third row
    assert [e["url"] for e in events] == ["https://example.org/site/plans/one/#schedule-1",
                                          "https://example.org/site/plans/one/#schedule-3"]


def test_no_event_from_a_row_without_a_year_or_months():
    no_year = make_plan("u", [timetable(row("九月", [9]))], period={"text": "2024年", "start_year": 2024})
    no_months = make_plan("m", [timetable(row("2024年第一学期", year=2024))])
    for plan in (no_year, no_months):
        assert opendata.calendar_events(plan, SITE) == []   # the period's year is not lent to a row either
        assert opendata.publishes_events(plan) is False
        assert opendata.event_count(plan) == 0
        assert opendata.plan_calendar_text(plan, SITE) is None
    # Negative control: the same row with its year gives an event.
    with_year = make_plan("y", [timetable(row("九月", [9], 2024))])
    assert opendata.publishes_events(with_year) is True
    assert len(opendata.calendar_events(with_year, SITE)) == 1


def test_a_row_across_the_new_year_runs_into_the_next_year():
    (event,) = opendata.calendar_events(make_plan("w", [timetable(row("十二月、一月", [12, 1], 2024))]), SITE)
    assert (event["start"], event["end"]) == (date(2024, 12, 1), date(2025, 2, 1))


def test_uids_survive_reordering_and_change_with_the_row():
    first = {e["uid"] for e in opendata.calendar_events(dated([9], [10, 11]), SITE)}
    reordered = dated([10, 11], [9])
    assert {e["uid"] for e in opendata.calendar_events(reordered, SITE)} == first
    data = reordered.record()
    data["sections"][1]["timetable"][0]["text"] = "改过的活动"
    changed = plan_of(reordered.file, reordered.src_uri, data, None)
    assert len({e["uid"] for e in opendata.calendar_events(changed, SITE)} & first) == 1


def test_identical_rows_get_distinct_uids():
    events = opendata.calendar_events(dated([9], [9]), SITE)
    assert len(events) == 2 and len({e["uid"] for e in events}) == 2


def test_ics_parses_with_all_day_events_and_time_zone():
    calendar = icalendar.Calendar.from_ical(opendata.as_ics("测试", opendata.calendar_events(dated([9]), SITE), STAMP))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == date(2024, 9, 1) and event.decoded("dtend") == date(2024, 10, 1)
    assert "VALUE=DATE" in event.to_ical().decode()
    assert str(event["summary"]) == "dated 计划 · 9月"
    assert str(event["description"]) == "9月的活动"
    assert calendar["x-wr-timezone"] == "Asia/Shanghai"
    # all-day dates name no time zone, so none is carried; a calendar without events keeps one to be valid
    assert calendar.walk("VTIMEZONE") == [] and "TZID" not in calendar.to_ical().decode()
    empty = icalendar.Calendar.from_ical(opendata.as_ics("测试", [], STAMP))
    assert [tz["tzid"] for tz in empty.walk("VTIMEZONE")] == ["Asia/Shanghai"]


def test_event_count_and_total_match_the_events_made():
    many = make_plan("many", [timetable(row("九月", [9], 2024), row("十、十一月", [10, 11], 2024),
                                        row("一、三月", [1, 3], 2025), row("某月", [5]))])
    undated = make_plan("undated", [timetable(row("九月", [9]))])
    for one in (many, undated):
        assert opendata.event_count(one) == len(opendata.calendar_events(one, SITE))
    assert opendata.event_count(many) == 4
    assert opendata.event_total(collection(many, undated)) == 4


# plans.json and its schema
def test_plans_json_starts_with_its_format_version_and_keeps_a_plan_a_line():
    one, two = make_plan("one"), dated([9], slug="two")
    text = dict(opendata.open_data_files(collection(one, two), SITE, STAMP))[opendata.PLANS_JSON]
    document = json.loads(text)
    assert list(document) == ["format_version", "plans", "kindergartens"] and document["format_version"] == 2
    lines = text.splitlines()
    assert lines[:2] == ['{"format_version":2,', '"plans":[']
    assert [json.loads(line.rstrip(",")) for line in lines[2:4]] == document["plans"]
    # the same document as_json_lines writes, read line by line by the build's audit
    assert text == opendata.as_json_lines(opendata.plans_document(collection(one, two), SITE))
    assert len(json.loads(audit.json_skeleton(io.BytesIO(text.encode("utf-8"))))["plans"]) == 2


def test_a_plan_record_is_its_data_as_written_with_names_and_address():
    sections = [INTRO, {"heading": "二、领导小组", "group": [{"role": "组长", "name": "xxx"}]},
                timetable(row("九月", [9], 2024, items=["送教", {"marker": "①", "text": "观摩"}])),
                {"signature": {"org": "甲园", "date": "XX年X月"}}]
    one = make_plan("one", sections, author="a", period={"text": "2024年9月至2025年7月", "start_year": 2024},
                    tags=["送教下乡"], original_title="篇1：幼儿园帮扶计划")
    record = opendata.plan_record(one, KINDERGARTENS, SITE)
    assert record.pop("url") == "https://example.org/site/plans/one/"
    assert [party.pop("name") for party in record["parties"]] == ["甲园", "乙园"]
    assert record == one.record()
    assert "name" not in one.data["parties"][0] and "name" not in one.record()["parties"][0]   # the plan is unchanged


def test_published_schema_accepts_the_document_and_refuses_what_it_should():
    schema = opendata.published_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["format_version"] == {"title": "格式版本", "const": 2}
    assert "format_version" in schema["required"]
    document = opendata.plans_document(collection(make_plan("one", author="a"), dated([9])), SITE)
    jsonschema.validate(document, schema)
    assert document["plans"][0]["parties"][0] == {"kindergarten": "a", "role": "helping", "name": "甲园"}
    # Negative controls: without a url, with another version, with an old field, without sections
    for change, message in [(lambda d: d["plans"][0].pop("url"), "'url' is a required property"),
                            (lambda d: d.update(format_version=1), "2 was expected"),
                            (lambda d: d["plans"][0].update(year=2024), "'year' was unexpected"),
                            (lambda d: d["plans"][1].pop("sections"), "'sections' is a required property")]:
        broken = json.loads(json.dumps(document))
        change(broken)
        with pytest.raises(jsonschema.ValidationError, match=message):
            jsonschema.validate(broken, schema)


def test_published_schema_does_not_change_the_declared_one():
    opendata.published_schema()
    assert "url" not in plan_schema()["properties"]
    assert "name" not in plan_schema()["$defs"]["party"]["properties"]


# plans.csv
def test_plans_csv_row_of_a_full_plan():
    sections = [INTRO, {"heading": "一、指导思想", "paragraphs": ["以……为指导"]},
                {"heading": "（一）目标", "level": 3, "list": ["提高"]}, timetable(row("九月", [9], 2024)),
                {"signature": {"org": "甲园"}}]
    one = make_plan("one", sections, author="a", tags=["送教下乡", "教研"], original_title="篇1",
                    period={"text": "2023年4月至2025年4月", "start_year": 2023, "start_month": 4, "end_year": 2025},
                    parties=[{"kindergarten": "a", "role": "helping"}, {"kindergarten": "b", "role": "helped"},
                             {"kindergarten": "c", "role": "helped"}])
    (named,) = plans_csv(one)
    assert list(named) == opendata.PLAN_COLUMNS and "年份" not in named and "起始年份" not in named
    assert named == {"网址名": "one", "标题": "one 计划", "原标题": "篇1", "帮扶园": "甲园", "受援园": "乙园、丙园",
                     "指导单位": "", "撰写单位": "甲园", "时间（原文写法）": "2023年4月至2025年4月", "开始年份": "2023",
                     "结束年份": "2025", "章节": "一、指导思想、（一）目标、三、活动安排", "地区": "甲县、丙镇",
                     "标签": "送教下乡、教研", "网址": "https://example.org/site/plans/one/"}


def test_plans_csv_leaves_empty_what_the_plan_does_not_give():
    bare = make_plan("bare")   # no author, period, headings, tags
    timed = make_plan("timed", [timetable(row("九月", [9], 2024))], author="b",
                      period={"text": "每学年"})   # a period without years
    rows = {r["网址名"]: r for r in plans_csv(bare, timed)}
    assert [rows["bare"][c] for c in ("撰写单位", "时间（原文写法）", "开始年份", "结束年份", "章节", "原标题", "标签")] == [""] * 7
    # Negative control: the same columns of a plan that gives them
    assert [rows["timed"][c] for c in ("撰写单位", "时间（原文写法）", "开始年份", "章节")] == ["乙园", "每学年", "", "三、活动安排"]


def test_plans_csv_time_is_the_plans_own_words_never_a_label_of_the_site():
    # the page says 原文未注明 for a plan without any time; the data cell stays empty (it states no fact)
    (row_,) = plans_csv(make_plan("bare"))
    assert row_["时间（原文写法）"] == "" and "原文未注明" not in row_.values()


# schedule.csv
def test_schedule_csv_has_a_bom_and_a_row_per_timetable_row():
    one = make_plan("one", [
        INTRO,
        timetable(row("十二月、一月", [12, 1], 2024, text="迎新年活动"), row("第一学期", text="制定计划\n签订协议")),
        timetable(row("三月", [3], items=[{"marker": "1、", "heading": "教研：", "text": "听课",
                                           "items": [{"marker": "①", "text": "语言课"}, "评课"]},
                                          "-送教", {"marker": "(2)", "items": ["观摩"]}])),
    ])
    data = opendata.as_csv(opendata.SCHEDULE_COLUMNS, opendata.schedule_rows(collection(one, make_plan("none"))))
    rows = read_csv(data)
    assert list(rows[0]) == ["计划网址名", "计划标题", "安排行", "时间", "年份", "月份", "内容"]
    assert [(r["计划网址名"], r["计划标题"], r["安排行"]) for r in rows] == [("one", "one 计划", str(n)) for n in (1, 2, 3)]
    assert [(r["时间"], r["年份"], r["月份"]) for r in rows] == [
        ("十二月、一月", "2024", "12、1"), ("第一学期", "", ""), ("三月", "", "3")]   # a year only when written
    assert [r["内容"] for r in rows] == ["迎新年活动", "制定计划 签订协议", "1、教研： 听课 ①语言课 评课 -送教 (2)观摩"]
    # no full address repeated on every row: the plan's is in plans.csv
    assert "网址" not in rows[0] and "http" not in data.decode("utf-8-sig")


@pytest.mark.parametrize("item, text", [
    ({"marker": "1、", "text": "正文"}, "1、正文"),
    ({"marker": "（一）", "heading": "小标题：", "text": "正文\n第二段"}, "（一）小标题： 正文 第二段"),
    ({"marker": "①", "items": [{"marker": "1.", "text": "甲"}, "乙"]}, "①1.甲 乙"),
    ("没有编号的条目", "没有编号的条目"),
])
def test_item_text_puts_the_marker_right_before_the_text(item, text):
    assert opendata.item_text(opendata.views.item_view(item)) == text


# Every file
def test_every_listed_file_is_published_and_only_dated_plans_get_a_calendar():
    files = dict(opendata.open_data_files(collection(make_plan("one"), dated([9], [12, 1])), SITE, STAMP))
    assert {file["path"] for file in opendata.OPEN_DATA_FILES} <= set(files)
    assert set(files) - {file["path"] for file in opendata.OPEN_DATA_FILES} == {opendata.plan_calendar("dated")}
    combined = icalendar.Calendar.from_ical(files[opendata.ALL_CALENDAR]).walk("VEVENT")
    own = icalendar.Calendar.from_ical(files[opendata.plan_calendar("dated")]).walk("VEVENT")
    assert [str(e["uid"]) for e in combined] == [str(e["uid"]) for e in own] and len(own) == 2
    assert [e.decoded("dtend") for e in own] == [date(2024, 10, 1), date(2025, 2, 1)]


def test_file_descriptions_name_the_columns_of_the_new_format():
    described = {file["name"]: file["description"] for file in opendata.OPEN_DATA_FILES}
    assert "format_version" in described["plans.json"]
    for column in ("撰写单位", "时间（原文写法）", "章节"):
        assert column.split("（")[0] in described["plans.csv"], column
    for column in ("安排行", "时间", "年份", "月份", "内容"):
        assert column in described["schedule.csv"], column
    assert "年份和月份" in described["calendar.ics"]


# No control, bidirectional or line-separator character is written raw into a published JSON file
# (the input checks refuse them; the JSON writer escapes them anyway: a file that carried them raw could show a
# reader something else than it holds, and U+2028 ends a JavaScript string in plan_index_data.js's older readers).
UNSAFE = ["\x00", "\x08", "\x1f", "\x7f", "\x80", "\x85", "\x9f", "\u061c", "\u200e", "\u200f", "\u2028", "\u2029",
          "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")   # all but \n


def test_plans_json_carries_no_control_or_bidi_character_raw():
    text = "".join(f"甲{char}乙" for char in UNSAFE)
    one = make_plan("one", [{"heading": text, "paragraphs": [text]}, timetable(row(text, [9], 2024, text=text))],
                    check=False, tags=[text], original_title=text, period={"text": text}, title=text)
    files = dict(opendata.open_data_files(collection(one), SITE, STAMP))
    published = files[opendata.PLANS_JSON]
    assert RAW.search(published) is None
    # Negative control: json.dumps alone writes the C1, bidirectional and separator characters raw.
    assert RAW.search(json.dumps(text, ensure_ascii=False)) is not None
    # The escapes are JSON's own: the file loads back to the same values.
    (record,) = json.loads(published)["plans"]
    assert record == opendata.plan_record(one, KINDERGARTENS, SITE)
    assert record["title"] == record["sections"][0]["heading"] == record["sections"][1]["timetable"][0]["when"] == text
    assert "\\u202e" in published and "\\u0085" in published and "\\u0000" in published


def test_json_lines_is_one_compact_document_with_an_item_a_line():
    document = {"format_version": 2, "plans": [{"title": "甲", "tags": ["a", "b"]}, {"title": "乙"}],
                "kindergartens": {"k": {"name": "园"}}, "empty": []}
    text = opendata.as_json_lines(document)
    assert json.loads(text) == document
    assert text.splitlines() == ['{"format_version":2,', '"plans":[', '{"title":"甲","tags":["a","b"]},', '{"title":"乙"}',
                                 '],', '"kindergartens":{', '"k":{"name":"园"}', '},', '"empty":[]}']


@pytest.mark.parametrize("char", UNSAFE)
def test_every_json_writer_escapes_each_character(char):
    value = {"键" + char: ["甲" + char, {"乙": char}], "n": 1}
    for written in (opendata.compact_json(value), opendata.as_json(value), opendata.as_json_lines(value)):
        assert RAW.search(written) is None, repr(char)
        assert json.loads(written) == value


def test_json_without_such_characters_is_as_json_dumps_writes_it():
    value = {"标题": "结对帮扶 “计划” \\ / \n", "n": [1, 2.5, None, True]}
    assert opendata.compact_json(value) == json.dumps(value, ensure_ascii=False, separators=(",", ":"))
