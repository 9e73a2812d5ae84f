"""Unit tests of splitting long listings into pages (pairing/shaping/paging.py)."""

from __future__ import annotations

from pairing.shaping import paging


def test_page_count_and_items():
    assert [paging.page_count(n, 10) for n in (0, 1, 10, 11, 1000)] == [1, 1, 1, 2, 100]
    items = list(range(23))
    assert paging.page_items(items, 10, 3) == [20, 21, 22]
    assert paging.page_items(items, 10, 4) == []
    assert [paging.page_of(i, 10) for i in (0, 9, 10, 22)] == [1, 1, 2, 3]


def test_page_addresses():
    assert paging.page_url("calendar/", 1) == "calendar/"
    assert paging.page_url("calendar/", 2) == "calendar/page/2/"
    assert paging.page_url("", 7) == "page/7/"
    assert paging.page_src_uri("tags/环境创设/", 2) == "tags/环境创设/page/2.md"


def test_nearby_pages_stay_few_however_many_pages():
    assert paging.nearby_pages(1, 1) == [1]
    assert paging.nearby_pages(1, 100) == [1, 100]
    assert paging.nearby_pages(50, 100) == [1, 50, 100]
    assert len(paging.nearby_pages(500, 1000)) == len(paging.nearby_pages(50, 100))


def test_group_runs_marks_a_group_continued_from_the_previous_page():
    items = [{"month": 3, "n": 1}, {"month": 3, "n": 2}, {"month": 4, "n": 3}]
    runs = paging.group_runs(items, "month", before={"month": 3, "n": 0})
    assert [(r["key"], r["continued"], [i["n"] for i in r["items"]]) for r in runs] == [(3, True, [1, 2]), (4, False, [3])]
    assert paging.group_runs(items, "month", before={"month": 2})[0]["continued"] is False
    assert paging.group_runs([], "month") == []
