"""Search in a real browser: Material's search box answered by the site's worker, which fetches the parts of the
site's index a query needs; the plan that contains the query as written first."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from search_queries import FIRST_RESULT, GAOJIAN, NO_MATCH, XIANYANG, Z_TOWN
from conftest import _QuietHandler, serve
from searchbox import result_summary, search


@pytest.mark.parametrize("query, expected", FIRST_RESULT.items(), ids=list(FIRST_RESULT))
def test_the_plan_with_the_query_comes_first(page, site_server, query, expected):
    assert search(page, site_server, query)[:1] == [expected]


@pytest.mark.parametrize("query", NO_MATCH)
def test_a_query_with_no_match_shows_no_result(page, site_server, query):
    assert search(page, site_server, query) == []
    assert result_summary(page) == "没有找到符合条件的结果"


def test_a_query_sharing_only_single_characters_shows_no_result(page, site_server):
    # 高 and 站 are on many pages (提高, 网站), 高铁站 on none: Material alone lists pages for 高.
    assert search(page, site_server, "高铁站") == []


def test_the_plan_with_the_whole_word_beats_plans_with_part_of_it(page, site_server):
    # 家园共育 is in one plan; another has only 家园联系制度, which shares 家园.
    found = search(page, site_server, "家园共育")
    assert found[0] == XIANYANG
    assert "plans/dongyuan-pairing/" in found[1:]


def test_plans_with_all_terms_come_before_plans_with_some(page, site_server):
    found = [path for path in search(page, site_server, "送教 示范课") if path.startswith("plans/")]
    with_both = {GAOJIAN, Z_TOWN}                                  # 送教 (or 送教下乡) and 示范课
    assert set(found[:2]) == with_both
    assert "plans/xx-county-jiguan-pairing/" in found[2:]          # 示范课 only


def test_results_are_highlighted_and_the_query_is_shareable(page, site_server):
    found = search(page, site_server, "高枧")
    assert found[0] == GAOJIAN
    first = page.locator(".md-search-result__item").first
    assert "高枧" in first.locator("mark").first.inner_text()
    assert "?h=" in first.locator("a").first.get_attribute("href")
    assert page.locator("input[data-md-component=search-query]").input_value() == "高枧"


def test_the_site_worker_answers_under_the_csp_without_errors(page, site_server, built_site):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    workers = []
    page.on("worker", lambda worker: workers.append(worker.url))
    assert search(page, site_server, "园本教研")[:1] == ["plans/xx-county-jiguan-pairing/"]
    assert errors == []
    # the number of shard files of the build's index, as the build wrote them
    shards = len(list((built_site / "search" / "index" / "s").glob("*.bin")))
    assert workers == [f"{site_server}assets/javascripts/workers/site-search.js?shards={shards}"]


def requests_of(page, action) -> list[str]:
    """The paths under the site that the page and its workers request while `action` runs."""
    seen = []
    page.context.on("request", lambda request: seen.append(request.url))
    action()
    return seen


def type_into(box, text: str) -> None:
    """As a reader types: Material reads the box on a key's release."""
    box.fill(text)
    box.press("End")


def test_a_page_view_downloads_no_index(page, site_server):
    def view():
        page.goto(f"{site_server}plans/dongyuan-pairing/")
        page.wait_for_load_state("networkidle")
    seen = requests_of(page, view)
    assert not [url for url in seen if "/search/index/" in url]
    # what Material's script fetches at start: its settings file (no page in it) and the worker it starts (the
    # search's code, no index)
    assert f"{site_server}search/search_index.json" in seen
    assert [url for url in seen if "/workers/site-search.js?shards=" in url]
    assert not [url for url in seen if "/lunr/" in url or "/workers/search." in url]
    # positive control: a search then fetches shards and documents
    before = len(seen)
    box = page.locator("input[data-md-component=search-query]")
    box.click()
    type_into(box, "送教下乡")
    page.wait_for_selector(".md-search-result__item", state="attached")
    later = seen[before:]
    for part in ("/search/index/s/", "/search/index/d/"):
        assert [url for url in later if part in url], part


def fetched_by_a_page_view(page, site: Path, path: str) -> tuple[list[str], list[str]]:
    """The paths the server was asked for while a reader opened `path` and stayed five seconds (the browser warns
    of a preload nothing used three seconds after the page's load), and the console's warnings and errors."""
    asked, said = [], []

    class Counting(_QuietHandler):
        def do_GET(self):
            asked.append(self.path.split("?")[0])
            super().do_GET()

    page.on("console", lambda message: said.append(message.text) if message.type in ("error", "warning") else None)
    with serve(site, Counting) as url:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(5000)
    return asked, said


def test_the_preloaded_scripts_are_fetched_once(page, built_site):
    # main.html preloads Material's bundle and search-setup.js (pairing/site/themefiles.py): each is fetched
    # once, the preload being what the page then runs, and no preload goes unused
    asked, said = fetched_by_a_page_view(page, built_site, "plans/dongyuan-pairing/")
    bundle = next(path for path in asked if "/javascripts/bundle." in path)
    for path in ("/assets/javascripts/search-setup.js", bundle):
        assert asked.count(path) == 1, (path, asked)
    assert said == []


def test_the_fetch_count_notices_a_preload_the_page_does_not_use(page, built_site, tmp_path):
    # negative control: a preload the page's script does not take (Material reads its search settings as a blob)
    # is fetched again, and the browser warns
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    plan = site / "plans/dongyuan-pairing/index.html"
    html = plan.read_text(encoding="utf-8")
    extra = '<link rel="preload" href="../../search/search_index.json" as="fetch" crossorigin>'
    plan.write_text(html.replace("</head>", extra + "</head>", 1), encoding="utf-8")
    asked, said = fetched_by_a_page_view(page, site, "plans/dongyuan-pairing/")
    assert [text for text in said if "preload" in text and "search_index.json" in text]


def test_later_queries_answer_from_the_box(page, site_server):
    assert search(page, site_server, "高枧")[:1] == [GAOJIAN]
    box = page.locator("input[data-md-component=search-query]")
    type_into(box, "戏水池")
    page.wait_for_function("() => document.querySelector('.md-search-result__item a')?.href.includes('z-town')")
    type_into(box, "火箭发射")
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length === 0")
    assert result_summary(page) == "没有找到符合条件的结果"


def test_the_count_says_these_are_the_best_results(page, site_server):
    found = search(page, site_server, "幼儿园")
    assert len(found) >= 2 and result_summary(page) == f"最相关的 {len(found)} 个结果"


def test_an_excluded_term_drops_the_plans_that_have_it(page, site_server):
    everything = search(page, site_server, "送教")
    assert GAOJIAN in everything and Z_TOWN in everything
    assert Z_TOWN not in search(page, site_server, "送教 -戏水池")


@pytest.mark.parametrize("query, expected", [
    ("XX县机关幼儿园", "plans/xx-county-jiguan-pairing/"),   # capital letters, as the index lowers them
    ("xx县机关幼儿园", "plans/xx-county-jiguan-pairing/"),
    ("Z镇", Z_TOWN),
    ("组长：XXX", "plans/xx-county-jiguan-pairing/"),         # a term with punctuation inside it
])
def test_query_and_index_are_cut_alike(page, site_server, query, expected):
    assert search(page, site_server, query)[:1] == [expected]


def test_result_text_is_escaped_and_marked(page, site_server):
    search(page, site_server, "金竹")
    first = page.locator(".md-search-result__item").first
    assert first.locator("mark").count() >= 1
    assert first.locator("script, img, iframe").count() == 0


# The site's index, listing pages left out: a tag, words just before a
# full-width comma, a name between Chinese punctuation find the plan, and never a page that only lists plans.
@pytest.mark.parametrize("query, expected", [
    ("示范性教学", "plans/dongyuan-pairing/"),   # a tag
    ("结对活动", "plans/dongyuan-pairing/"),     # words just before a full-width comma
    ("金竹", GAOJIAN),                          # a name between Chinese punctuation
])
def test_the_index_finds_the_plan_and_no_listing(page, site_server, query, expected):
    found = search(page, site_server, query)
    assert found[:1] == [expected]
    assert not [path for path in found if not path.startswith("plans/") and path.split("#")[0] in ("", "calendar/", "tags/")]
