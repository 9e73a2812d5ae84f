"""Unit tests of the listing pages: which pages are generated, and what each shows (pairing/site/listings.py)."""

from __future__ import annotations

import yaml
from sample_plans import collection, plan

from pairing.shaping import directory
from pairing.site import listings
from pairing.site.plugin import generated_source


def test_generated_pages_cover_every_kindergarten_tag_and_further_page(monkeypatch):
    monkeypatch.setattr(directory, "PLANS_PER_PAGE", 2)
    monkeypatch.setattr(directory, "PLANS_PER_TAG_PAGE", 2)
    every = collection(*[plan(f"p{n}", {"a": "helping"}, tags=["环境创设"]) for n in range(5)])
    pages = {p["src_uri"]: (p["title"], p["macro"], p["key"], p["number"]) for p in listings.generated_pages(every)}
    assert pages["kindergartens/a.md"] == ("甲园", "kindergarten_page", "a", 1)
    assert pages["kindergartens/idle.md"][2:] == ("idle", 1)
    assert pages["tags/环境创设.md"] == ("标签：环境创设", "tag_page", "环境创设", 1)
    assert pages["tags/环境创设/page/3.md"] == ("标签：环境创设（第 3 页）", "tag_page", "环境创设", 3)
    assert pages["page/3.md"] == ("全部计划（第 3 页）", "plan_index", None, 3)
    assert "page/4.md" not in pages and "index.md" not in pages and "calendar/page/2.md" not in pages


def test_spellings_of_one_tag_get_one_page():
    both = collection(plan("one", {"a": "helping"}, tags=["Steam 教育", "！！"]), plan("two", {"b": "helping"}, tags=["steam-教育"]))
    pages = {p["src_uri"] for p in listings.generated_pages(both) if p["src_uri"].startswith("tags/")}
    assert len(pages) == 2 and "tags/steam-教育.md" in pages


def test_generated_front_matter_is_read_back_by_yaml():
    page = {"src_uri": "tags/x.md", "title": '标签："引号" \\ 与\t制表符\u2028行', "macro": "tag_page", "key": "x", "number": 2}
    text = generated_source(page)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    assert yaml.safe_load(text.strip("-\n")) == {"title": page["title"], "search": {"exclude": True}}
