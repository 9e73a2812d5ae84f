"""Unit tests of the questions across plans: by kindergarten, by month, by tag, and the links between pages."""

from __future__ import annotations

from pairing import directory
from pairing.plans import Collection, Plan

KINDERGARTENS = {"a": {"name": "甲园", "region": "甲县"}, "b": {"name": "乙园"}, "c": {"name": "丙园", "region": "丙镇"},
                 "idle": {"name": "没有计划的园"}}


def plan(slug: str, parties: dict, schedule: list | None = None, tags: list | None = None, **extra) -> Plan:
    data = {"title": f"{slug} 计划", "slug": slug, "author": next(iter(parties)),
            "parties": [{"kindergarten": kid, "role": role} for kid, role in parties.items()],
            "tags": tags or [], **extra}
    if schedule:
        data["schedule"] = [{"months": months, "activities": {"items": [f"{slug} 在 {months} 的活动"]}}
                            for months in schedule]
    return Plan(f"docs/plans/{slug}.md", f"plans/{slug}.md", data, None, "", 1)


def collection(*plans: Plan) -> Collection:
    return Collection(KINDERGARTENS, {p.src_uri: p for p in plans})


def test_plans_by_kindergarten_lists_each_plan_under_its_role():
    one, two = plan("one", {"a": "helping", "b": "helped"}), plan("two", {"b": "helping", "c": "helped", "a": "guiding"})
    found = directory.plans_by_kindergarten(collection(one, two))
    assert found["a"] == {"helping": [one], "helped": [], "guiding": [two]}
    assert found["b"] == {"helping": [two], "helped": [one], "guiding": []}
    assert found["idle"] == {"helping": [], "helped": [], "guiding": []}


def test_rows_by_month_puts_a_row_of_several_months_under_each():
    one = plan("one", {"a": "helping", "b": "helped"}, schedule=[[2, 3], [9]])
    two = plan("two", {"b": "helping", "c": "helped"}, schedule=[[3]])
    found = directory.rows_by_month(collection(one, two))
    assert found[2] == [(one, 1)]
    assert found[3] == [(one, 1), (two, 1)]
    assert found[9] == [(one, 2)]
    assert [m for m, rows in found.items() if rows] == [2, 3, 9]
    assert list(found) == list(range(1, 13))


def test_plans_by_tag_keeps_first_use_order():
    one = plan("one", {"a": "helping"}, tags=["送教下乡", "环境创设"])
    two = plan("two", {"b": "helping"}, tags=["环境创设"])
    assert directory.plans_by_tag(collection(one, two)) == {"送教下乡": [one], "环境创设": [one, two]}
    assert directory.plans_by_tag(collection()) == {}


def test_plan_regions_helping_first_each_once_unknown_left_out():
    data = plan("one", {"c": "helped", "b": "guiding", "a": "helping"}).data
    assert directory.plan_regions(data, KINDERGARTENS) == ["甲县", "丙镇"]


def test_relative_urls_between_pages():
    assert directory.relative_url("plans/x/", "kindergartens/a/") == "../../kindergartens/a/"
    assert directory.relative_url("", "plans/x/") == "plans/x/"
    assert directory.relative_url("calendar/", "plans/x/") == "../plans/x/"
    assert directory.relative_url("open-data/", "data/plans.json") == "../data/plans.json"
    assert directory.relative_url("plans/x/", "") == "../../"


def test_period_key_sorts_known_years_first_then_by_month():
    known = plan("k", {"a": "helping"}, schedule=[[9]], year=2024).data
    later_month = plan("m", {"a": "helping"}, schedule=[[10]]).data
    earlier_month = plan("e", {"a": "helping"}, schedule=[[3]]).data
    keys = [directory.period_key(d) for d in (later_month, known, earlier_month)]
    assert sorted(keys) == ["2024-09", "9999-03", "9999-10"]


def test_calendar_view_is_honest_about_unknown_years():
    known = plan("known", {"a": "helping"}, schedule=[[9]], year=2024)
    unknown = plan("unknown", {"b": "helping"}, schedule=[[9]])
    september = directory.calendar_view(collection(unknown, known), "calendar/")[8]
    assert september["label"] == "九月"
    assert [(e["year_text"], e["url"]) for e in september["entries"]] == [
        ("2024年", "../plans/known/#schedule-1"), ("原文未注明年份", "../plans/unknown/#schedule-1")]


def test_kindergarten_view_labels_facts_from_the_schema():
    view = directory.kindergarten_view("a", collection(plan("one", {"a": "helping", "b": "helped"})))
    assert view["name"] == "甲园"
    assert view["facts"] == [{"label": "地区", "value": "甲县"}]
    helping = view["roles"][0]
    assert (helping["label"], [p["url"] for p in helping["plans"]]) == ("帮扶园", ["../../plans/one/"])
    assert helping["plans"][0]["is_author"] is True


def test_index_view_offers_the_tags_and_regions_to_filter_by():
    one = plan("one", {"a": "helping", "b": "helped"}, tags=["送教下乡"])
    two = plan("two", {"b": "helping"}, tags=["送教下乡", "环境创设"])
    view = directory.index_view(collection(one, two))
    assert view["tags"] == [{"name": "送教下乡", "count": 2}, {"name": "环境创设", "count": 1}]
    assert view["regions"] == ["未注明", "甲县"]
    assert [p["name"] for p in view["plans"][0]["helped"]] == ["乙园"]
    assert view["plans"][0]["helping"][0]["url"] == "kindergartens/a/"


def test_tag_links_use_the_tags_plugin_anchors():
    assert directory.tag_anchor("环境创设") == "tag:环境创设"
    assert directory.tag_anchor("Steam 教育") == "tag:steam-教育"
    assert directory.tag_links(["送教下乡"], "plans/x/") == [{"name": "送教下乡", "url": "../../tags/#tag:送教下乡"}]
