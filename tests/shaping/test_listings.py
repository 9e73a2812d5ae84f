"""Long listings in pages: with 65 plans the plan index, calendar, kindergarten and tag pages are split into
pages of a few items, every item is on exactly one page, and the index still filters and sorts every plan."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest
import searchfiles
from conftest import copy_site, run_build, serve
from sample_plans import add_plans

from pairing.content import plans
from pairing.shaping import directory, views

SYNTHETIC = 60


@pytest.fixture(scope="module")
def big_site(tmp_path_factory) -> tuple[Path, plans.Collection]:
    project = copy_site(tmp_path_factory.mktemp("listings") / "project")
    add_plans(project, SYNTHETIC)
    out = project.parent / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    return out, plans.load(project, project / "docs", project / "data")


def walk(site: Path, first: str) -> list[tuple[str, str]]:
    """A listing's pages in order, following each page's rel="next" link: (path, html)."""
    pages, path = [], first
    while path is not None:
        html = (site / path / "index.html").read_text(encoding="utf-8")
        pages.append((path, html))
        following = re.search(r'<a href="([^"]+)" rel="next">', html)
        path = posixpath.normpath(posixpath.join(path, following[1])) + "/" if following else None
    return pages


def linked_plans(path: str, html: str, part: str) -> list[str]:
    """Slugs of the plans a part of a page links to (links are relative to the page)."""
    return re.findall(rf'href="{"../" * path.count("/")}plans/([a-z0-9-]+)/[#"]', part)


def test_the_plan_index_lists_every_plan_once_in_pages_of_ten(big_site):
    site, collection = big_site
    pages = walk(site, "")
    assert [p for p, _ in pages] == ["", *[f"page/{n}/" for n in range(2, 10)]]
    listed = []
    for path, html in pages:
        rows = html.split("<tbody>")[1].split("</tbody>")[0]
        found = linked_plans(path, html, rows)
        assert 1 <= len(found) <= directory.PLANS_PER_PAGE
        listed += found
    assert listed == [plan.slug for plan in collection.plans.values()]
    assert "第 1 / 9 页" in pages[0][1] and 'href="page/9/"' in pages[0][1]
    assert not (site / "page" / "10").exists()


def test_the_calendar_lists_every_row_once_across_its_pages(big_site):
    site, collection = big_site
    pages = walk(site, "calendar/")
    listed = []
    for path, html in pages:
        found = re.findall(r'<p><span class="plan-year">[^<]*</span> <a href="(?:\.\./)+(plans/[a-z0-9-]+/#schedule-\d+)"', html)
        assert len(found) <= directory.ENTRIES_PER_PAGE
        listed += found
    expected = [f"plans/{plan.slug}/#{row['anchor']}" for plan in collection.plans.values()
                for row in views.timetable_rows(plan.record()) for _ in dict.fromkeys(row["months"])]
    assert sorted(listed) == sorted(expected)
    assert len(pages) == -(-len(expected) // directory.ENTRIES_PER_PAGE) > 1


def test_kindergarten_and_tag_pages_list_their_plans_once_across_pages(big_site):
    site, collection = big_site
    by_kindergarten = directory.plans_by_kindergarten(collection)["dongyuan"]
    pages = walk(site, "kindergartens/dongyuan/")
    assert len(pages) > 1
    listed = [slug for path, html in pages for slug in linked_plans(path, html, html.split('class="plan-kindergarten"')[1])]
    assert sorted(listed) == sorted(plan.slug for found in by_kindergarten.values() for plan in found)
    assert "作为帮扶园的计划" in pages[1][1] and "份，续）" in pages[1][1]

    with_tag = directory.plans_by_tag(collection)["送教下乡"]
    pages = walk(site, "tags/送教下乡/")
    assert len(pages) == -(-len(with_tag) // directory.PLANS_PER_TAG_PAGE) > 1
    listed = [slug for path, html in pages for slug in linked_plans(path, html, html.split('class="plan-tag-page"')[1])]
    assert listed == [plan.slug for plan in with_tag]


def test_listing_pages_stay_out_of_search(big_site):
    # They repeat the plans' text: search leads to the plans themselves (the site's index: pairing/site/plugin.py).
    site, collection = big_site
    locations = {doc["u"] for doc in searchfiles.documents(site)}
    assert {plan.url for plan in collection.plans.values()} <= locations
    assert not [loc for loc in locations if loc == "" or loc.startswith(("page/", "calendar/", "tags/", "kindergartens/"))]
    assert "editing/" in locations


@pytest.fixture(scope="module")
def big_server(big_site):
    with serve(big_site[0]) as url:
        yield url


def titles(page) -> list[str]:
    return page.locator(".plan-index tbody tr td:first-child").all_inner_texts()


def test_the_index_filters_and_sorts_every_plan_from_any_page(page, big_site, big_server):
    page.goto(big_server + "page/3/")
    count = page.locator(".plan-index-count")
    count.filter(has_text="共 65 份").wait_for()
    assert len(titles(page)) == directory.PLANS_PER_PAGE
    page.fill(".plan-index-filters input[name=text]", "第 42 份")
    count.filter(has_text="找到 1 份，共 65 份").wait_for()
    assert titles(page) == ["第 42 份测试计划"]
    assert page.locator(".plan-pager").is_hidden()
    # links in rows built from the data lead to the plan from this page too
    assert page.locator(".plan-index tbody a").first.evaluate("a => a.href") == big_server + "plans/synthetic-0042/"
    page.fill(".plan-index-filters input[name=text]", "")
    count.filter(has_text="共 65 份").wait_for()
    assert len(titles(page)) == directory.PLANS_PER_PAGE and page.locator(".plan-pager").is_visible()

    page.locator(".plan-index th", has_text="计划").locator("button").click()
    more = page.locator(".plan-index-more")
    assert more.inner_text() == "再显示 15 份（还有 15 份）"
    assert len(titles(page)) == 50
    more.click()
    every = titles(page)
    assert len(every) == 65 and more.is_hidden()
    assert sorted(every) == sorted(plan.data["title"] for plan in big_site[1].plans.values())
    assert every.index("第 10 份测试计划") < every.index("第 2 份测试计划")   # text order, all plans
