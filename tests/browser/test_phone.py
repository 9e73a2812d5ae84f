"""Phones and weak networks: every page asks only the site's own host for anything, nothing scrolls sideways
at 360 px, and a plan page's first view stays small."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import ROOT
from pageweight import first_view_bytes

PLAN_PAGES = [f"plans/{p.stem}/" for p in sorted((ROOT / "docs" / "plans").glob("*.md"))]
PAGES = ["", "editing/", "calendar/", "calendar/page/2/", "tags/", "tags/环境创设/", "kindergartens/dongyuan/", *PLAN_PAGES]
# Budget for a plan page's first view (HTML + CSS + JS + favicon, search index left out).
FIRST_VIEW_BUDGET = {"total": 400_000, "total_gzip": 100_000}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, service_workers="block")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize("path", [*PAGES, "404.html"])
def test_page_requests_only_the_sites_own_host(page, site_server, path):
    urls = []
    page.context.on("request", lambda request: urls.append(request.url))
    page.goto(site_server + path, wait_until="networkidle")
    own = urlparse(site_server).netloc
    assert [url for url in urls if urlparse(url).netloc != own] == []
    assert len(urls) > 3   # the page, its CSS and JS were seen


def test_opening_search_requests_only_the_sites_own_host(page, site_server):
    urls = []
    page.context.on("request", lambda request: urls.append(request.url))
    page.goto(site_server + PLAN_PAGES[0])
    search = page.locator(".md-search__input")
    search.click()
    search.fill("送教下乡")
    search.press("ArrowRight")   # Material searches on key-up
    page.locator(".md-search-result__item").first.wait_for()
    assert any("/search/index/s/" in url for url in urls)   # the site's index, fetched for the query
    assert {urlparse(url).netloc for url in urls} == {urlparse(site_server).netloc}


@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_at_360_px(phone, site_server, path):
    phone.goto(site_server + path)
    width, inner = phone.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert inner == 360
    assert width <= inner


def test_wide_schedule_scrolls_inside_its_own_box(phone, site_server):
    phone.goto(site_server + "plans/xx-county-jiguan-pairing/")
    assert phone.locator(".plan-timetable tbody tr[id^=schedule-]").count() == 10
    box = phone.locator(".plan-timetable table").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_plan_page_first_view_stays_small(browser, site_server):
    context = browser.new_context(service_workers="block")
    sizes = first_view_bytes(context.new_page(), site_server + "plans/xx-county-jiguan-pairing/")
    context.close()
    print(f"\n首次打开计划页面下载：{sizes}")
    assert "font" not in sizes            # no web fonts
    assert sizes["document"] > 10_000     # the plan itself was counted
    for key, budget in FIRST_VIEW_BUDGET.items():
        assert sizes[key] <= budget, sizes
