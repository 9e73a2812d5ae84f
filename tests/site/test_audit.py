"""The end-of-build checks: nothing lost between sources and pages, no broken internal link."""

import json
import shutil

import pytest

from conftest import ROOT, run_build
from pairing import audit, plans


@pytest.fixture(scope="module")
def collection():
    return plans.load(ROOT, ROOT / "docs", ROOT / "data")


@pytest.fixture
def site(built_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def test_the_real_site_passes(collection, built_site):
    assert audit.lost_content(collection, built_site) == []
    assert audit.broken_links(built_site) == []
    assert audit.listed_plans(built_site) == {"site/index.html": 5, "site/sitemap.xml": 5, "site/data/plans.json": 5}


def test_every_schedule_row_member_and_measure_is_expected(collection):
    texts = audit.expected_texts(collection.plans["plans/xx-county-jiguan-pairing.md"])
    assert len([k for k in texts if k.startswith("schedule[")]) == 10
    assert texts["leadership[1]"] == "组员：XXXXXXXX"
    assert texts["content.items[4]"] == "（五）校园文化建设组织机关幼儿园领导参观我校校园文化，和他们一起研讨、设计具有幼儿园特色的校园文化。"


def test_a_row_missing_from_a_page_is_reported(collection, site):
    page = site / "plans/xx-county-jiguan-pairing/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("倡议并指导大班毕业典礼", ""), encoding="utf-8")
    assert [str(p) for p in audit.lost_content(collection, site)] == [
        "docs/plans/xx-county-jiguan-pairing.md:80:5: schedule[3]: 这一项没有完整出现在页面 plans/xx-county-jiguan-pairing/ 上"]


def test_a_missing_page_is_reported(collection, site):
    shutil.rmtree(site / "plans/z-town-pairing")
    assert [str(p) for p in audit.lost_content(collection, site)] == [
        "docs/plans/z-town-pairing.md:1:1: 构建后找不到这份计划的页面 plans/z-town-pairing/"]


def test_plans_json_is_counted_without_keeping_its_plans(site):
    # The count keeps only the document itself (audit._document_only); a plan dropped from the file is still noticed.
    path = site / "data" / "plans.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["plans"] = document["plans"][:4]
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    assert audit.listed_plans(site)["site/data/plans.json"] == 4


def test_listings_that_disagree_are_reported():
    assert [str(p) for p in audit.count_problems({"site/index.html": 4, "site/sitemap.xml": 5}, 5)] == [
        "site/index.html:1:1: 列出了 4 份计划，应为 5 份"]


def test_broken_links_and_anchors_are_reported(site):
    page = site / "plans/dongyuan-pairing/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<a href="../nowhere/">x</a><a href="../z-town-pairing/#no-such-anchor">y</a><a href="https://example.org/">z</a></article>'), encoding="utf-8")
    assert [str(p) for p in audit.broken_links(site)] == [
        "site/plans/dongyuan-pairing/index.html:1:1: 站内链接 ../nowhere/ 指向不存在的文件",
        "site/plans/dongyuan-pairing/index.html:1:1: 站内链接 ../z-town-pairing/#no-such-anchor 的锚点 #no-such-anchor 不存在"]


def test_a_template_that_drops_content_fails_the_build(site_copy, tmp_path):
    template = site_copy / "overrides/partials/plan/schedule.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{% for row in rows %}", "{% for row in rows[:-1] %}"), encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "网站生成后的检查未通过" in result.stderr
    assert "docs/plans/xx-county-jiguan-pairing.md:108:5: schedule[9]: 这一项没有完整出现在页面 plans/xx-county-jiguan-pairing/ 上" in result.stderr
    assert "Traceback" not in result.stderr


# The same checks on the pages as they were built (audit.BuiltPages, recorded by speed_hooks.py in on_post_page)
def record_site(collection, site) -> audit.BuiltPages:
    built = audit.BuiltPages()
    by_url = {plan.url: plan for plan in collection.plans.values()}
    for path in site.rglob("*.html"):
        name = path.relative_to(site).as_posix()
        built.record(name, path.read_text(encoding="utf-8"), by_url.get(name.removesuffix("index.html")))
    return built


def test_recorded_pages_give_the_same_results_as_the_site_on_disk(collection, site):
    page = site / "plans/xx-county-jiguan-pairing/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("倡议并指导大班毕业典礼", ""), encoding="utf-8")
    built = record_site(collection, site)
    assert audit.recorded_lost_content(collection, built) == audit.lost_content(collection, site) != []
    assert audit.broken_links(site, "/", built.links) == audit.broken_links(site) == []


def test_a_plan_never_recorded_is_a_missing_page(collection, site):
    built = record_site(collection, site)
    built.keep_only(set(built.links), set(collection.plans) - {"plans/z-town-pairing.md"})
    assert [str(p) for p in audit.recorded_lost_content(collection, built)] == [
        "docs/plans/z-town-pairing.md:1:1: 构建后找不到这份计划的页面 plans/z-town-pairing/"]


def test_recorded_links_are_checked_instead_of_reading_the_page_again(collection, site):
    # Negative control: the page on disk is fine; what the build wrote (recorded) had a broken link.
    built = record_site(collection, site)
    links, ids = built.links["plans/dongyuan-pairing/index.html"]
    built.links["plans/dongyuan-pairing/index.html"] = ([*links, "../nowhere/"], ids)
    assert [str(p) for p in audit.broken_links(site, "/", built.links)] == [
        "site/plans/dongyuan-pairing/index.html:1:1: 站内链接 ../nowhere/ 指向不存在的文件"]
    assert audit.broken_links(site) == []


# The audit of `mkdocs serve --dirty` (audit.LinkAudit): pages checked again only when their result can change.
def rebuilt(built, site, name, html):
    """A page built again with new HTML, as speed_hooks.py records it."""
    (site / name).write_text(html, encoding="utf-8")
    built.record(name, html, None)


def test_the_serving_audit_finds_what_the_full_audit_finds_after_each_rebuild(collection, site):
    built, links = record_site(collection, site), audit.LinkAudit()
    assert links.check(site, "/", built) == audit.broken_links(site, "/", built.links) == []
    calendar, plan = "calendar/index.html", "plans/xianyang-jiguan-pairing/index.html"
    html = (site / plan).read_text(encoding="utf-8")
    anchors = [a for a in built.links[calendar][0] if a.startswith("../plans/xianyang-jiguan-pairing/#")]
    assert anchors   # the calendar links to rows of the plan by #anchor
    anchor = anchors[0].split("#")[1]
    # The plan is built again without the row the calendar links to: the calendar (not built again) is now broken.
    rebuilt(built, site, plan, html.replace(f'id="{anchor}"', 'id="renamed-row"'))
    found = links.check(site, "/", built)
    assert found == audit.broken_links(site, "/", built.links) and [p.file for p in found] == [f"site/{calendar}"]
    # Fixed in the next save: the calendar is checked again as the page with a problem, and passes.
    rebuilt(built, site, plan, html)
    assert links.check(site, "/", built) == audit.broken_links(site, "/", built.links) == []
    # A page built again with a broken link of its own.
    home = (site / "index.html").read_text(encoding="utf-8")
    rebuilt(built, site, "index.html", home.replace("</article>", '<a href="nowhere/">x</a></article>'))
    assert [str(p) for p in links.check(site, "/", built)] == ["site/index.html:1:1: 站内链接 nowhere/ 指向不存在的文件"]


def test_the_serving_audit_checks_again_only_what_can_have_changed(collection, site):
    # negative control: a page not built again keeps last time's result, even if its file changed behind the
    # build's back (which in `serve --dirty` nothing does)
    built, links = record_site(collection, site), audit.LinkAudit()
    links.check(site, "/", built)
    links_of = built.links["plans/dongyuan-pairing/index.html"]
    built.links["plans/dongyuan-pairing/index.html"] = ([*links_of[0], "../nowhere/"], links_of[1])
    assert links.check(site, "/", built) == []
    built.record("plans/dongyuan-pairing/index.html", '<a href="../nowhere/">x</a>', None)
    assert [p.file for p in links.check(site, "/", built)] == ["site/plans/dongyuan-pairing/index.html"]


def test_article_text_is_the_article_only():
    from pairing.htmltext import article_text
    page = '<nav><a href="x/">甲</a></nav><article class="md-content__inner"><h2 id="a">乙<a class="headerlink" href="#a">¶</a></h2><p>丙&amp;丁</p></article><footer>戊</footer>'
    assert article_text(page) == "乙丙&丁"
    assert article_text("<main><p>没有 article 的页面</p></main>") == ""
