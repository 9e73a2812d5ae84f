"""Unit tests of the questions across plans: by kindergarten, by month, by tag, and the links between pages."""

from __future__ import annotations

import posixpath
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from sample_plans import KINDERGARTENS, collection, plan

from pairing.shaping import directory


def test_plans_by_kindergarten_lists_each_plan_under_its_role():
    one, two = plan("one", {"a": "helping", "b": "helped"}), plan("two", {"b": "helping", "c": "helped", "a": "guiding"})
    found = directory.plans_by_kindergarten(collection(one, two))
    assert found["a"] == {"helping": [one], "helped": [], "guiding": [two]}
    assert found["b"] == {"helping": [two], "helped": [one], "guiding": []}
    assert found["idle"] == {"helping": [], "helped": [], "guiding": []}


def by_month(collection_) -> dict[int, list[tuple[str, int, int | None]]]:
    """rows_by_month as (plan slug, row number, that month's year)."""
    return {month: [(p.slug, number, year) for p, number, year in found]
            for month, found in directory.rows_by_month(collection_).items()}


def test_rows_by_month_puts_a_row_of_several_months_under_each():
    one = plan("one", {"a": "helping", "b": "helped"}, schedule=[[2, 3], [9]])
    two = plan("two", {"b": "helping", "c": "helped"}, schedule=[[3]])
    found = by_month(collection(one, two))
    assert found[2] == [("one", 1, None)]
    assert found[3] == [("one", 1, None), ("two", 1, None)]
    assert found[9] == [("one", 2, None)]
    assert [m for m, rows in found.items() if rows] == [2, 3, 9]
    assert list(found) == list(range(1, 13))
    # the row the calendar shows: its time as the plan writes it, linked to the row's anchor
    (entry,) = directory.calendar_view(collection(one), "calendar/")["months"][2]["entries"]
    assert entry["label"] == "九月份：" and entry["url"].endswith("#schedule-2")


def test_rows_by_month_gives_each_month_its_year_only_when_the_plan_gives_one():
    dated = plan("dated", {"a": "helping"}, schedule=[[12, 1]], year=2024)
    undated = plan("undated", {"b": "helping"}, schedule=[[12, 1]])
    found = by_month(collection(dated, undated))
    assert found[12] == [("dated", 1, 2024), ("undated", 1, None)]
    assert found[1] == [("dated", 1, 2025), ("undated", 1, None)]   # past December: the next year, never guessed


def test_rows_are_numbered_across_the_timetables_of_a_plan():
    rows = [{"when": "上午", "text": "观摩"}, {"when": "下午", "text": "研讨"}]
    two = plan("two", {"a": "helping"}, sections=[{"heading": "一、第一天", "timetable": rows[:1]},
                                                 {"heading": "二、第二天", "timetable": [{**rows[1], "months": [9]}]}])
    assert by_month(collection(two))[9] == [("two", 2, None)]


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
    # a page address as the site engine gives it, percent-encoded: the link stays within the tag's pages
    assert directory.relative_url("tags/%E7%8E%AF%E5%A2%83/page/3/", "tags/环境/page/2/") == "../2/"


def test_period_key_sorts_known_years_first_then_by_month():
    known = plan("k", {"a": "helping"}, schedule=[[9]], year=2024).record()
    earlier = plan("e", {"a": "helping"}, schedule=[[3]], year=2024).record()
    period = plan("p", {"a": "helping"}, period={"text": "2023年4月至2025年4月", "start_year": 2023, "start_month": 4,
                                                 "end_year": 2025, "end_month": 4}).record()
    year_only = plan("y", {"a": "helping"}, period={"text": "2024年", "start_year": 2024}).record()
    # the period's start comes before the timetable's
    both = plan("b", {"a": "helping"}, schedule=[[9]], year=2030, period={"text": "2022年", "start_year": 2022}).record()
    unknown = plan("u", {"a": "helping"}, schedule=[[10]]).record()
    text_only = plan("t", {"a": "helping"}, period={"text": "每学年"}).record()
    keys = [directory.period_key(d) for d in (unknown, known, text_only, earlier, period, both, year_only)]
    assert keys == ["9999-00", "2024-09", "9999-00", "2024-03", "2023-04", "2022-00", "2024-00"]
    assert sorted(keys) == ["2022-00", "2023-04", "2024-00", "2024-03", "2024-09", "9999-00", "9999-00"]


def test_calendar_view_is_honest_about_unknown_years():
    known = plan("known", {"a": "helping"}, schedule=[[9]], year=2024)
    unknown = plan("unknown", {"b": "helping"}, schedule=[[9]])
    view = directory.calendar_view(collection(unknown, known), "calendar/")
    september = view["months"][0]
    assert (september["label"], september["continued"]) == ("九月", False)
    assert [(e["year_text"], e["url"], e["label"]) for e in september["entries"]] == [
        ("2024年", "../plans/known/#schedule-1", "九月份："), ("原文未注明年份", "../plans/unknown/#schedule-1", "九月份：")]
    assert view["pager"] is None
    assert [(m["label"], m["count"], m["url"]) for m in view["month_links"]][8:10] == [("九月", 2, "./#month-9"), ("十月", 0, "")]


def test_calendar_pages_split_months_and_link_each_month_to_where_it_begins(monkeypatch):
    monkeypatch.setattr(directory, "ENTRIES_PER_PAGE", 2)
    plans = [plan(f"p{n}", {"a": "helping"}, schedule=[[3], [4]]) for n in range(3)]
    every = collection(*plans)
    first, second = directory.calendar_view(every, "calendar/", 1), directory.calendar_view(every, "calendar/page/2/", 2)
    assert [(m["month"], m["continued"], len(m["entries"])) for m in first["months"]] == [(3, False, 2)]
    assert [(m["month"], m["continued"], len(m["entries"])) for m in second["months"]] == [(3, True, 1), (4, False, 1)]
    assert [m["url"] for m in second["month_links"]][2:4] == ["../../#month-3", "./#month-4"]
    assert second["pager"]["previous"] == "../../" and first["pager"]["next"] == "page/2/"
    assert directory.calendar_view(every, "calendar/page/3/", 3)["pager"]["next"] == ""


def test_kindergarten_view_labels_facts_from_the_schema():
    view = directory.kindergarten_view("a", collection(plan("one", {"a": "helping", "b": "helped"})))
    assert view["name"] == "甲园"
    assert view["facts"] == [{"label": "地区", "value": "甲县"}]
    helping = view["roles"][0]
    assert (helping["label"], [p["url"] for p in helping["plans"]]) == ("帮扶园", ["../../plans/one/"])
    assert helping["plans"][0]["is_author"] is True


def test_index_data_offers_the_tags_and_regions_to_filter_by():
    one = plan("one", {"a": "helping", "b": "helped"}, tags=["送教下乡"])
    two = plan("two", {"b": "helping"}, tags=["送教下乡", "环境创设"])
    data = directory.index_data(collection(one, two), "")
    assert data["tags"] == [{"name": "送教下乡", "count": 2}, {"name": "环境创设", "count": 1}]
    assert data["regions"] == ["未注明", "甲县"]
    assert data["plans"][0]["helped"] == [{"name": "乙园", "url": "kindergartens/b/"}]
    assert data["plans"][0]["helping"][0]["url"] == "kindergartens/a/"
    assert directory.index_data(collection(one), "index.html")["plans"][0]["url"] == "plans/one.html"


def test_index_view_shows_one_page_of_plans_and_where_the_rest_are(monkeypatch):
    monkeypatch.setattr(directory, "PLANS_PER_PAGE", 2)
    every = collection(*[plan(f"p{n}", {"a": "helping"}) for n in range(5)])
    view = directory.index_view(every, "page/3/", 3)
    assert ([p["title"] for p in view["plans"]], view["total"]) == (["p4 计划"], 5)
    assert (view["data_url"], view["root"]) == ("../../assets/plan-index-data.js", "../../")
    assert [(p["number"], p["url"], p["current"]) for p in view["pager"]["pages"]] == [
        (1, "../../", False), (3, "./", True)]
    assert directory.index_view(collection(plan("one", {"a": "helping"})), "")["pager"] is None


def test_pager_leaves_out_far_pages_with_a_gap_mark():
    pager = directory.pager_view("calendar/", 10, 20, "calendar/page/10/")
    assert [(p["number"], p["gap_before"]) for p in pager["pages"]] == [
        (1, False), (10, True), (20, True)]
    assert pager["previous"] == "../9/" and pager["next"] == "../11/"


def test_kindergarten_pages_split_by_role_with_continued_headings(monkeypatch):
    monkeypatch.setattr(directory, "PLANS_PER_KINDERGARTEN_PAGE", 2)
    every = collection(*[plan(f"p{n}", {"a": "helping"}) for n in range(3)], plan("q", {"b": "helping", "a": "helped"}))
    second = directory.kindergarten_view("a", every, "kindergartens/a/page/2/", 2)
    assert [(r["role"], r["continued"], r["count"], [p["title"] for p in r["plans"]]) for r in second["roles"]] == [
        ("helping", True, 3, ["p2 计划"]), ("helped", False, 1, ["q 计划"])]
    assert second["facts"] == [{"label": "地区", "value": "甲县"}]
    assert second["pager"]["previous"] == "../../"


def test_tag_pages_list_the_plans_with_the_tag_and_plan_cards_link_there():
    one = plan("one", {"a": "helping"}, tags=["送教下乡", "Steam 教育"])
    two = plan("two", {"b": "helping"}, tags=["送教下乡"])
    view = directory.tag_view(collection(one, two), "steam-教育", "tags/steam-教育/")
    assert (view["name"], view["count"], [p["url"] for p in view["plans"]]) == ("Steam 教育", 1, ["../../plans/one/"])
    assert [(t["name"], t["count"], t["url"], t["anchor"]) for t in directory.tag_index_view(collection(one, two), "tags/")] == [
        ("送教下乡", 2, "送教下乡/", "tag:送教下乡"), ("Steam 教育", 1, "steam-教育/", "tag:steam-教育")]


def test_tag_links_lead_to_each_tags_page():
    assert directory.tag_anchor("环境创设") == "tag:环境创设"
    assert directory.tag_anchor("Steam 教育") == "tag:steam-教育"
    assert directory.tag_links(["送教下乡"], "plans/x/") == [{"name": "送教下乡", "url": "../../tags/送教下乡/"}]


def test_spellings_of_one_tag_share_its_page_and_punctuation_gets_an_address():
    one = plan("one", {"a": "helping"}, tags=["Steam 教育", "！！"])
    two = plan("two", {"b": "helping"}, tags=["steam-教育"])
    both = collection(one, two)
    view = directory.tag_view(both, "steam-教育", "tags/steam-教育/")
    assert (view["name"], view["count"], [p["url"] for p in view["plans"]]) == (
        "Steam 教育、steam-教育", 2, ["../../plans/one/", "../../plans/two/"])
    punctuation = directory.tag_links(["！！"], "")[0]["url"]
    assert re.fullmatch(r"tags/tag-[0-9a-f]{8}/", punctuation) and punctuation == directory.tag_links(["！！"], "")[0]["url"]
    assert punctuation != directory.tag_links(["！？"], "")[0]["url"]


def test_calendar_keeps_the_index_order_within_a_month_so_a_rename_moves_nothing():
    later, earlier = plan("zz", {"a": "helping"}, schedule=[[9]]), plan("aa", {"b": "helping"}, schedule=[[9]])
    dated = plan("dated", {"a": "helping"}, schedule=[[9]], year=2030)
    order = directory.calendar_order(collection(later, earlier, dated))
    assert [e["plan"].slug for e in order] == ["dated", "zz", "aa"]
    later.data["title"] = "啊 改名"
    assert [e["plan"].slug for e in directory.calendar_order(collection(later, earlier, dated))] == ["dated", "zz", "aa"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["plans", "x", "tags", "环境创设", "page", "2", ".", "", "..", "a.html"]), max_size=4),
       st.lists(st.sampled_from(["plans", "x", "kindergartens", "page", "3", ".", "", "..", "index.html"]), max_size=4),
       st.booleans())
def test_site_relpath_is_posix_relpath(path, start, rooted):
    path, start = "/".join(path), ("/" if rooted else "") + "/".join(start)
    assert directory.site_relpath(path, start) == posixpath.relpath(path or ".", start or ".")
