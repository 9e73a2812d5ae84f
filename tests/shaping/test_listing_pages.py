"""Unit tests of the listing pages: which pages are generated, and what each shows (pairing/listings.py)."""

from __future__ import annotations

import yaml
from hooks import _generated_page
from test_directory import collection, plan

from pairing import directory, listings

FIRST_PAGES = {"index.md", "kindergartens/index.md", "calendar.md", "tags.md", "open-data.md"}


def test_generated_pages_cover_every_kindergarten_tag_and_further_page(monkeypatch):
    monkeypatch.setattr(directory, "PLANS_PER_PAGE", 2)
    monkeypatch.setattr(directory, "PLANS_PER_TAG_PAGE", 2)
    every = collection(*[plan(f"p{n}", {"a": "helping"}, tags=["环境创设"]) for n in range(5)])
    pages = {p["src_uri"]: (p["title"], p["macro"], p["args"], p["search"]) for p in listings.generated_pages(every)}
    assert pages["kindergartens/a.md"] == ("甲园", "kindergarten_page", ["a"], True)
    assert pages["kindergartens/idle.md"][2] == ["idle"]
    assert pages["tags/环境创设.md"] == ("标签：环境创设", "tag_page", ["环境创设"], True)
    assert pages["tags/环境创设/page/3.md"] == ("标签：环境创设（第 3 页）", "tag_page", ["环境创设", 3], False)
    assert pages["page/3.md"] == ("全部计划（第 3 页）", "plan_index", [3], False)
    assert "page/4.md" not in pages and "index.md" not in pages and "calendar/page/2.md" not in pages


def test_spellings_of_one_tag_get_one_page():
    both = collection(plan("one", {"a": "helping"}, tags=["Steam 教育", "！！"]), plan("two", {"b": "helping"}, tags=["steam-教育"]))
    pages = {p["src_uri"] for p in listings.generated_pages(both) if p["src_uri"].startswith("tags/")}
    assert len(pages) == 2 and "tags/steam-教育.md" in pages


def test_contents_cover_every_listing_page_and_name_their_plans(monkeypatch):
    monkeypatch.setattr(directory, "PLANS_PER_PAGE", 2)
    plans = [plan(f"p{n}", {"a": "helping", "b": "helped"}, schedule=[[9]], tags=["送教下乡"]) for n in range(3)]
    contents = listings.listing_contents(collection(*plans))
    assert set(contents) == {p["src_uri"] for p in listings.generated_pages(collection(*plans))} | FIRST_PAGES
    assert contents["index.md"]["plans"] == ("plans/p0.md", "plans/p1.md")
    assert contents["page/2.md"]["plans"] == ("plans/p2.md",)
    assert contents["kindergartens/b.md"]["plans"] == ("plans/p0.md", "plans/p1.md", "plans/p2.md")
    assert contents["kindergartens/idle.md"]["plans"] == ()


def test_contents_change_where_a_page_would_change_and_only_there(monkeypatch):
    monkeypatch.setattr(directory, "PLANS_PER_PAGE", 2)
    plans = [plan(f"p{n}", {"a": "helping"}, schedule=[[9]], tags=["送教下乡"]) for n in range(4)]
    before = listings.listing_contents(collection(*plans))
    # A new title shows on the pages that list the plan (they name it), but moves nothing.
    plans[0].data["title"] = "改了名的计划"
    assert listings.listing_contents(collection(*plans)) == before
    # A plan that gains a year moves its row to the front of the month, and the count of events changes.
    dated = plan("p3", {"a": "helping"}, schedule=[[9]], tags=["送教下乡"], year=2030)
    after = listings.listing_contents(collection(*plans[:3], dated))
    assert after["calendar.md"] != before["calendar.md"] and after["calendar.md"]["plans"][0] == "plans/p3.md"
    assert after["index.md"] == before["index.md"] and after["tags.md"] == before["tags.md"]
    # A removed plan shifts the pages after it.
    fewer = listings.listing_contents(collection(*plans[1:]))
    assert fewer["index.md"] != before["index.md"] and "page/2.md" in fewer
    assert fewer["kindergartens/index.md"] != before["kindergartens/index.md"]   # the counts


def test_generated_front_matter_is_read_back_by_yaml():
    page = {"src_uri": "tags/x.md", "title": '标签："引号" \\ 与\t制表符', "macro": "tag_page", "args": ["x", 2], "search": False}
    text = _generated_page(page)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert yaml.safe_load(text.strip("-\n")) == {"title": page["title"], "search": {"exclude": True}, "render_macros": False}
