"""Unit tests of the shaping helpers: numbering, sections in order, timetable rows and their years, periods, lists."""

import pytest

from pairing.content.numbering import chinese_numeral
from pairing.shaping import views
from pairing.site import render


def test_timetable_rows_keep_the_time_as_written_and_are_numbered_across_the_plan():
    plan = {"sections": [
        {"heading": "一、第一学期", "timetable": [{"when": "二、三月份：", "months": [2, 3], "items": ["a"]},
                                             {"when": "启动阶段", "text": "b"}]},
        {"paragraphs": ["中间的一段"]},
        {"heading": "二、第二学期", "timetable": [{"when": "xx年一月份：", "months": [1], "text": "c"}]}]}
    rows = views.timetable_rows(plan)
    assert [(r["number"], r["anchor"], r["when"], r["months"]) for r in rows] == [
        (1, "schedule-1", "二、三月份：", [2, 3]), (2, "schedule-2", "启动阶段", []), (3, "schedule-3", "xx年一月份：", [1])]
    assert [r["paragraphs"] for r in rows] == [[], ["b"], ["c"]]
    assert rows[0]["items"] == [{"marker": "", "heading": "", "paragraphs": ["a"], "items": []}]
    assert views.timetable_rows({"sections": [{"paragraphs": ["没有安排"]}]}) == []
    # the same rows, numbered the same, as the page's sections show them
    assert rows == [row for section in views.sections_view(plan) if section["kind"] == "timetable"
                    for row in section["rows"]]


def test_unknown_year_stays_unknown():
    assert views.row_years({"months": [5, 1]}) == [None, None]
    assert views.row_years({"when": "上午", "text": "观摩"}) == []


def test_known_year_carries_into_the_next_year():
    assert views.row_years({"year": 2024, "months": [9, 12, 1, 3]}) == [2024, 2024, 2025, 2025]
    assert views.row_years({"year": 2024, "months": [3, 9]}) == [2024, 2024]


def test_period_is_the_plans_own_text():
    timetable = {"timetable": [{"when": "九月份：", "year": 2024, "months": [9], "text": "a"}]}
    assert views.period_text({"period": {"text": "2023年4月至2025年4月", "start_year": 2023}, "sections": [timetable]}) \
        == "2023年4月至2025年4月"
    assert views.period_text({"period": {"text": "(20__、3---20__、12)"}, "sections": [{"paragraphs": ["a"]}]}) \
        == "(20__、3---20__、12)"
    # a timetable gives the plan's times row by row: the card says nothing of its own (no span made from months)
    assert views.period_text({"sections": [timetable]}) == ""


def test_a_plan_without_a_period_is_given_none():
    # its text may give its time in words ("每学期"): the site does not say it gives none
    assert views.period_text({"sections": [{"paragraphs": ["每学期开学前送教"]}]}) == ""


def test_start_key_from_the_period_then_the_first_dated_row():
    rows = [{"when": "启动阶段", "text": "a"}, {"when": "九月份：", "year": 2024, "months": [9], "text": "b"}]
    assert views.start_key({"period": {"text": "2023年4月", "start_year": 2023, "start_month": 4}}) == (2023, 4)
    assert views.start_key({"period": {"text": "2023年", "start_year": 2023}, "sections": [{"timetable": rows}]}) == (2023, 0)
    assert views.start_key({"period": {"text": "每学年"}, "sections": [{"timetable": rows}]}) == (2024, 9)
    assert views.start_key({"sections": [{"timetable": [{"when": "2024年", "year": 2024, "text": "a"}]}]}) == (2024, 0)
    assert views.start_key({"sections": [{"timetable": rows[:1]}]}) == (9999, 0)


def test_our_kindergarten_only_when_the_plan_says_it():
    assert views.says_our_kindergarten({"sections": [{"list": [{"text": "x", "items": ["我园教师"]}]}]})
    assert views.says_our_kindergarten({"sections": [{"timetable": [{"when": "九月", "text": "到我园观摩"}]}]})
    assert not views.says_our_kindergarten({"sections": [{"paragraphs": ["本园教师"]}]})
    # the title and the period are not the plan's text about itself
    assert not views.says_our_kindergarten({"title": "我园计划", "sections": [{"paragraphs": ["本园"]}]})


def test_list_view_nests_and_keeps_markers_as_written():
    first, second = views.list_view([
        "第一条",
        {"marker": "2、", "heading": "小标题", "text": "第一段\n第二段", "items": [{"marker": "①", "text": "甲"}, "乙"]},
    ])
    assert first == {"marker": "", "heading": "", "paragraphs": ["第一条"], "items": []}
    assert second["marker"] == "2、" and second["heading"] == "小标题"
    assert second["paragraphs"] == ["第一段", "第二段"]
    # nothing is numbered by the site: a sub-item without a marker has none
    assert [s["marker"] + s["paragraphs"][0] for s in second["items"]] == ["①甲", "乙"]


def test_sections_view_keeps_order_headings_levels_and_each_kind():
    plan = {"sections": [
        {"kind": "intro", "paragraphs": ["一段\n二段", "三段"]},
        {"heading": "一、领导小组", "group": [{"role": "组长：", "name": "xxx", "duty": "（全面）"}, {"name": "乙"}]},
        {"heading": "二、帮扶内容", "kind": "content"},
        {"heading": "（一）管理", "level": 3, "list": ["a"]},
        {"heading": "三、安排", "timetable": [{"when": "上午", "text": "a"}]},
        {"signature": {"date": "XX年X月"}}]}
    shown = views.sections_view(plan)
    assert [(s["index"], s["heading"], s["level"], s["kind"], s["name"]) for s in shown] == [
        (0, "", 2, "paragraphs", "intro"), (1, "一、领导小组", 2, "group", ""), (2, "二、帮扶内容", 2, None, "content"),
        (3, "（一）管理", 3, "list", ""), (4, "三、安排", 2, "timetable", ""), (5, "", 2, "signature", "")]
    assert shown[0]["paragraphs"] == ["一段", "二段", "三段"]
    assert shown[1]["members"] == [{"role": "组长：", "name": "xxx", "duty": "（全面）"}, {"role": "", "name": "乙", "duty": ""}]
    assert (shown[5]["org"], shown[5]["date"]) == ("", "XX年X月")


def test_parties_are_ordered_by_role_and_mark_the_author():
    plan = {"author": "b", "parties": [{"kindergarten": "c", "role": "guiding"}, {"kindergarten": "b", "role": "helped"},
                                       {"kindergarten": "a", "role": "helping"}]}
    names = {"a": {"name": "甲园"}, "b": {"name": "乙园"}, "c": {"name": "丙园"}}
    shown = [(p["role_label"], p["name"], p["is_author"]) for p in views.parties_view(plan, names)]
    assert shown == [("帮扶园", "甲园", False), ("受援园", "乙园", True), ("指导单位", "丙园", False)]


def test_parties_without_an_author_mark_none():
    plan = {"parties": [{"kindergarten": "a", "role": "helping"}, {"kindergarten": "b", "role": "helped"}]}
    assert [p["is_author"] for p in views.parties_view(plan, {"a": {"name": "甲园"}, "b": {"name": "乙园"}})] == [False, False]


def test_outline_text_needs_a_span_only_beside_a_heading_or_another_paragraph():
    items = views.list_view([{"marker": "1、", "text": "独段<文字>"}, {"marker": "2、", "heading": "标题", "text": "正文"},
                             {"marker": "3、", "text": "一段\n二段"}])
    html = render.render("outline_items.html", items=items)
    assert '<li><span class="plan-marker">1、</span>独段&lt;文字&gt;</li>' in html
    assert '<strong class="plan-heading">标题</strong><span class="plan-text">正文</span>' in html
    assert '<span class="plan-text">一段</span><span class="plan-text">二段</span>' in html


def test_each_section_kind_renders_its_text_as_written_and_escaped():
    plan = {"sections": [
        {"paragraphs": ["<b>段</b>"]}, {"group": [{"role": "组长：", "name": "xxx", "duty": "（全面）"}]},
        {"timetable": [{"when": "二、三月份：", "text": "a"}, {"when": "上午", "items": [{"marker": "1、", "text": "b"}]}]},
        {"signature": {"org": "某园", "date": "XX年X月"}}, {"heading": "只有标题"}]}
    paragraphs, group, timetable, signature, heading = (render.section(s) for s in views.sections_view(plan))
    assert "<p>&lt;b&gt;段&lt;/b&gt;</p>" in paragraphs
    assert ('<li><span class="plan-role">组长：</span><span class="plan-name">xxx</span>'
            '<span class="plan-duty">（全面）</span></li>') in group
    assert '<tr id="schedule-1">\n<th scope="row">二、三月份：</th>' in timetable
    assert '<tr id="schedule-2">\n<th scope="row">上午</th>' in timetable
    assert '<p class="plan-signature-org">某园</p>' in signature and '<p class="plan-signature-date">XX年X月</p>' in signature
    assert heading == ""


@pytest.mark.parametrize("heading, level, markdown", [
    ("一、指导思想", 2, "## 一、指导思想"),
    ("（三）工作要求：", 3, "### （三）工作要求："),
    ("# 1. *重点* [链接](x)", 4, "#### &#35; 1&#46; &#42;重点&#42; &#91;链接&#93;&#40;x&#41;"),
])
def test_a_heading_is_markdown_of_its_level_whose_text_is_the_heading_as_written(heading, level, markdown):
    assert render.heading_markdown({"heading": heading, "level": level}) == markdown
