"""Links that last: canonical URLs under any site_url, readable Chinese anchors, and old addresses of a
renamed plan that still lead to it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT, run_build, serve
from pairing.content import plans
from pairing.content.problems import ContentError
from pairing.shaping import links

PLAN = "plans/xx-county-jiguan-pairing.md"


def collection_of(project: Path) -> plans.Collection:
    return plans.load(project, project / "docs", project / "data")


def rename(project: Path, old: str, new: str, former: list[str]) -> Path:
    """Rename a plan the way an editor would: new file name, new slug, the old ones kept in former_slugs (one a
    line: the first on line 5, column 5)."""
    source = project / "docs" / "plans" / f"{old}.md"
    listed = "".join(f"  - {slug}\n" for slug in former)
    text = source.read_text(encoding="utf-8").replace(f"slug: {old}\n", f"slug: {new}\nformer_slugs:\n{listed}", 1)
    source.unlink()
    target = project / "docs" / "plans" / f"{new}.md"
    target.write_text(text, encoding="utf-8")
    return target


def problems_of(project: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        collection_of(project)
    return [str(problem) for problem in caught.value.problems]


# Unit tests of the link helpers
@pytest.mark.parametrize("site_url", ["https://example.org/jiedui/", "https://example.org/jiedui"])
def test_canonical_url_keeps_the_sub_path(site_url):
    plan = collection_of(ROOT).plans[PLAN]
    assert links.canonical_url(site_url, plan) == "https://example.org/jiedui/plans/xx-county-jiguan-pairing/"


def test_page_href_online_and_offline():
    plan = collection_of(ROOT).plans[PLAN]
    assert links.page_href(plan, directory_urls=True) == "plans/xx-county-jiguan-pairing/"
    assert links.page_href(plan, directory_urls=False) == "plans/xx-county-jiguan-pairing.html"


def test_redirects_from_former_slugs(site_copy):
    rename(site_copy, "dongyuan-pairing", "dongyuan-east-pairing", ["dongyuan-pairing", "dongyuan"])
    collection = collection_of(site_copy)
    assert links.redirects(collection, directory_urls=True) == [
        {"path": "plans/dongyuan-pairing/index.html", "target": "../dongyuan-east-pairing/"},
        {"path": "plans/dongyuan/index.html", "target": "../dongyuan-east-pairing/"},
    ]
    assert links.redirects(collection, directory_urls=False)[0] == {
        "path": "plans/dongyuan-pairing.html", "target": "dongyuan-east-pairing.html"}


# Negative tests: former slugs that would break a live page or lead two ways
def test_former_slug_of_a_live_plan_is_refused(site_copy):
    rename(site_copy, "dongyuan-pairing", "dongyuan-east-pairing", ["z-town-pairing"])
    assert problems_of(site_copy) == [
        'docs/plans/dongyuan-east-pairing.md:5:5: 旧网址名第1项（former_slugs[0]）: 旧网址名 "z-town-pairing" 正被 '
        'docs/plans/z-town-pairing.md 使用，不能再作为旧网址']


def test_same_former_slug_on_two_plans_is_refused(site_copy):
    rename(site_copy, "dongyuan-pairing", "dongyuan-east-pairing", ["old-plan"])
    rename(site_copy, "z-town-pairing", "z-town-new-pairing", ["old-plan"])
    assert problems_of(site_copy) == [
        'docs/plans/z-town-new-pairing.md:5:5: 旧网址名第1项（former_slugs[0]）: 旧网址名 "old-plan" 已经写在 '
        'docs/plans/dongyuan-east-pairing.md 中']


def test_former_slug_must_be_ascii(site_copy):
    rename(site_copy, "dongyuan-pairing", "dongyuan-east-pairing", ["东苑"])
    assert problems_of(site_copy) == [
        'docs/plans/dongyuan-east-pairing.md:5:5: 旧网址名第1项（former_slugs[0]）: 旧网址名只能由小写字母、数字和连字符组成'
        '（最多 64 个字符），如 dongyuan-pairing，得到 "东苑"']


def test_former_slug_is_at_most_64_characters(site_copy):
    rename(site_copy, "dongyuan-pairing", "dongyuan-east-pairing", ["a" * 65])
    assert problems_of(site_copy) == [
        'docs/plans/dongyuan-east-pairing.md:5:5: 旧网址名第1项（former_slugs[0]）: 旧网址名只能由小写字母、数字和连字符组成'
        f'（最多 64 个字符），如 dongyuan-pairing，得到 "{"a" * 65}"']


# The built site
def test_old_address_leads_to_the_renamed_plan_with_its_anchor(site_copy, tmp_path, page):
    rename(site_copy, "xx-county-jiguan-pairing", "xx-county-pairing", ["xx-county-jiguan-pairing"])
    out = tmp_path / "site"
    result = run_build(site_copy, out)
    assert result.returncode == 0, result.stderr
    redirect = (out / "plans" / "xx-county-jiguan-pairing" / "index.html").read_text(encoding="utf-8")
    assert "这份计划的网址已经更改" in redirect
    with serve(out) as site:
        page.goto(site + "plans/xx-county-jiguan-pairing/#二工作原则")
        page.wait_for_url(re.compile(r".*/plans/xx-county-pairing/#"))
        assert page.url == site + "plans/xx-county-pairing/#%E4%BA%8C%E5%B7%A5%E4%BD%9C%E5%8E%9F%E5%88%99"
        assert page.locator("h1").inner_text() == "XX县机关幼儿园与XX镇中心幼儿园结对帮扶计划"


def test_no_redirect_pages_without_former_slugs(built_site):
    assert sorted(p.name for p in (built_site / "plans").iterdir()) == sorted(
        p.stem for p in (ROOT / "docs" / "plans").glob("*.md"))


def test_chinese_headings_keep_readable_anchors(built_site):
    html = (built_site / "plans" / "xx-county-jiguan-pairing" / "index.html").read_text(encoding="utf-8")
    assert '<h2 id="一指导思想">' in html
    assert 'href="#二工作原则"' in html   # the table of contents links to the same anchor


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory) -> Path:
    """The real site built for hosting under a sub-path, as SITE_URL says."""
    out = tmp_path_factory.mktemp("sub-path-site")
    result = run_build(ROOT, out, {"SITE_URL": "https://example.org/jiedui/"})
    assert result.returncode == 0, result.stderr
    return out


def test_site_url_sets_canonical_urls_under_a_sub_path(sub_path_site):
    expected = "https://example.org/jiedui/plans/z-town-pairing/"
    html = (sub_path_site / "plans" / "z-town-pairing" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{expected}">' in html
    assert f'<meta property="og:url" content="{expected}">' in html
    assert f'网址：<a href="{expected}">{expected}</a>' in html
    home = (sub_path_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/jiedui/">' in home
