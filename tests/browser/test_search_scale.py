"""Search at 1,000 plans in a real browser (issue 18's ranking cases): on a generated site, every kindergarten
name, title and tag that occurs in one plan finds that plan first, the field's common words fill the first five
results with plans that contain them, and a query that occurs in no plan shows nothing. The queries are drawn
from the plan files by bench/ranking.py (which the benchmark runs at 10,000)."""

from __future__ import annotations

import pytest
from conftest import ROOT, run_build, serve
from searchbox import search

from bench import ranking, synthetic

PLANS = 1_000
SAMPLE = 40


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("large")
    project = synthetic.copy_site(ROOT, scratch / "project")
    synthetic.write_plans(project, PLANS)
    ranking.unique_tags(project, SAMPLE)
    result = run_build(project, scratch / "site")
    assert result.returncode == 0, result.stdout[-3000:]
    texts = ranking.plan_texts(project)
    with serve(scratch / "site") as url:
        yield url, texts, ranking.queries(project, texts, SAMPLE)


@pytest.fixture(scope="module")
def scores(large_site, browser):
    url, texts, found = large_site
    context = browser.new_context(service_workers="block")
    tab = context.new_page()
    try:
        yield ranking.score(found, texts, lambda query: search(tab, url, query))
    finally:
        context.close()


def test_the_queries_are_there(large_site):
    _, texts, found = large_site
    assert len(texts) == PLANS + 5
    assert len(found.names) >= 20 and len(found.titles) == SAMPLE and len(found.tags) >= 20
    assert len(found.no_match) == SAMPLE and len(found.common) >= 5
    # the hard no-match cases: every two characters in a row of a changed title occur in the site
    title = next(query for query in found.no_match if query.endswith("）"))
    assert not ranking.occurs_in(texts, title)


@pytest.mark.parametrize("kind", ["names", "titles", "tags"])
def test_a_text_in_one_plan_finds_that_plan_first(scores, kind):
    assert getattr(scores, kind) >= 0.95, scores.failures


def test_a_query_in_no_plan_shows_nothing(scores):
    assert scores.no_match == 1.0, scores.failures


def test_common_words_fill_the_first_five_with_plans_that_have_them(scores):
    assert scores.common >= 0.95, scores.failures
