"""Search in a real browser: Material's search box, with the plan that contains the query as written first."""

from __future__ import annotations

import pytest

from search_queries import FIRST_RESULT, GAOJIAN, NO_MATCH, XIANYANG, Z_TOWN
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


def test_material_search_runs_inside_the_ranking_worker_without_errors(page, site_server):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type in ("error", "warning") else None)
    workers = []
    page.on("worker", lambda worker: workers.append(worker.url))
    assert search(page, site_server, "园本教研")[:1] == ["plans/xx-county-jiguan-pairing/"]
    assert errors == []
    assert len(workers) == 1 and "/assets/javascripts/workers/plan-search.js?material=search." in workers[0]


# The index as Material writes it, listing pages left out (`search: exclude: true`): a tag, words just before a
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
