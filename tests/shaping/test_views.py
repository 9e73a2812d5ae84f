"""Unit tests of the shaping helpers: numbering, month labels, years, periods, outlines."""

import pytest

from pairing.content.numbering import chinese_numeral, marker
from pairing.shaping import views
from pairing.site import render


@pytest.mark.parametrize("n, text", [(1, "一"), (2, "二"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"), (35, "三十五")])
def test_chinese_numeral(n, text):
    assert chinese_numeral(n) == text


def test_chinese_numeral_refuses_what_plans_never_count():
    with pytest.raises(ValueError):
        chinese_numeral(0)


@pytest.mark.parametrize("style, n, text", [
    ("1、", 3, "3、"), ("1.", 2, "2."), ("一、", 4, "四、"), ("（一）", 5, "（五）"), ("A、", 4, "D、"),
    ("①", 3, "③"), ("(1)", 4, "(4)"), ("一是", 3, "三是"), (None, 7, ""),
])
def test_markers_follow_the_source_style(style, n, text):
    assert marker(style, n) == text


@pytest.mark.parametrize("row, label", [
    ({"months": [7]}, "七月份"),
    ({"months": [2, 3]}, "二、三月份"),
    ({"months": [11]}, "十一月份"),
    ({"months": [1], "year_label": "xx", "next_year": True}, "xx年一月份"),
])
def test_month_labels_read_as_the_plans_write_them(row, label):
    assert views.month_label(row) == label


def test_unknown_year_stays_unknown():
    plan = {"schedule": [{"months": [5]}, {"months": [1], "next_year": True}]}
    assert [views.row_year(plan, r) for r in plan["schedule"]] == [None, None]
    assert views.period_text(plan) == "五月至次年一月（原文未注明年份）"


def test_known_year_carries_into_the_next_year():
    plan = {"year": 2024, "schedule": [{"months": [9]}, {"months": [6], "next_year": True}]}
    assert [views.row_year(plan, r) for r in plan["schedule"]] == [2024, 2025]
    assert views.period_text(plan) == "2024年九月至2025年六月"


def test_period_without_schedule_says_so():
    assert views.period_text({}) == "原文未注明"


def test_outline_view_nests_and_numbers():
    outline = {"numbering": "1、", "items": [
        "第一条",
        {"heading": "小标题", "text": "第一段\n第二段", "sub": {"numbering": "①", "items": ["甲", "乙"]}},
    ]}
    first, second = views.outline_view(outline)
    assert first == {"marker": "1、", "heading": "", "paragraphs": ["第一条"], "sub": []}
    assert second["marker"] == "2、" and second["heading"] == "小标题"
    assert second["paragraphs"] == ["第一段", "第二段"]
    assert [s["marker"] + s["paragraphs"][0] for s in second["sub"]] == ["①甲", "②乙"]


def test_schedule_view_keeps_order_and_anchors():
    plan = {"schedule": [{"months": [2, 3], "activities": {"items": ["a"]}}, {"months": [4], "activities": {"items": ["b"]}}]}
    rows = views.schedule_view(plan)
    assert [(r["anchor"], r["label"]) for r in rows] == [("schedule-1", "二、三月份"), ("schedule-2", "四月份")]


def test_parties_are_ordered_by_role_and_mark_the_author():
    plan = {"author": "b", "parties": [{"kindergarten": "c", "role": "guiding"}, {"kindergarten": "b", "role": "helped"},
                                       {"kindergarten": "a", "role": "helping"}]}
    names = {"a": {"name": "甲园"}, "b": {"name": "乙园"}, "c": {"name": "丙园"}}
    shown = [(p["role_label"], p["name"], p["is_author"]) for p in views.parties_view(plan, names)]
    assert shown == [("帮扶园", "甲园", False), ("受援园", "乙园", True), ("指导单位", "丙园", False)]


def test_outline_text_needs_a_span_only_beside_a_heading_or_another_paragraph():
    items = views.outline_view({"numbering": "1、", "items": ["独段<文字>", {"heading": "标题", "text": "正文"},
                                                            {"text": "一段\n二段"}]})
    html = render.render("outline_items.html", items=items)
    assert '<li><span class="plan-marker">1、</span>独段&lt;文字&gt;</li>' in html
    assert '<strong class="plan-heading">标题</strong><span class="plan-text">正文</span>' in html
    assert '<span class="plan-text">一段</span><span class="plan-text">二段</span>' in html
