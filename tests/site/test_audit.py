"""The end-of-build checks (pairing/site/audit.py): nothing lost between sources and pages, no broken internal link,
every listing names every plan once. The build records each page's content as it makes it (audit.BuiltPages, in
the plugin's on_page_content); here the same record is made from the article of each page of a built site."""

import io
import json
import re
import shutil
import tracemalloc

import pytest

from builtpage import article
from conftest import ROOT, run_build
from pairing.content import plans
from pairing.exports import opendata
from pairing.site import audit, pagetext


@pytest.fixture(scope="module")
def collection():
    return plans.load(ROOT, ROOT / "docs", ROOT / "data")


@pytest.fixture
def site(built_site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    return copy


def lists_plans(name: str) -> bool:
    """The pages of the plan index: the home page and its further pages (page/2/ …)."""
    return name == "index.html" or re.fullmatch(r"page/\d+/index.html", name) is not None


def record_site(collection, site) -> audit.BuiltPages:
    """What the build records, from the site on disk: each page's article read as its content."""
    built = audit.BuiltPages(collection.kindergartens)
    by_url = {plan.url: plan for plan in collection.plans.values()}
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        content = pagetext.read(article(path.read_text(encoding="utf-8")))
        built.record(name, content, by_url.get(name.removesuffix("index.html")), lists_plans(name))
    return built


def broken_links(built, site):
    return audit.broken_links(built.links, lambda file: (site / file).is_file(), "/")


def test_the_real_site_passes(collection, built_site):
    built = record_site(collection, built_site)
    assert built.lost_content(collection) == []
    assert broken_links(built, built_site) == []
    assert audit.listed_plans(built_site, built.plan_rows, plans.PLANS_DIR) == {
        "site/index.html": 5, "site/sitemap.xml": 5, "site/data/plans.json": 5}
    # the links of every page's content were read (the theme's menu and header are not content)
    assert sum(len(links) for links, _ in built.links.values()) > 100


LOST = "这一项没有完整地、按原文顺序出现在页面 plans/xx-county-jiguan-pairing/ 上"
ROW_4 = "章节第12项 › 活动安排第4项（sections[11].timetable[3]）"


def test_every_section_row_member_and_item_is_expected_in_order(collection):
    plan = collection.plans["plans/xx-county-jiguan-pairing.md"]
    texts = audit.expected_texts(plan, collection.kindergartens)
    assert len([k for k in texts if k.startswith("sections[11].timetable[")]) == 10
    assert texts["sections[11].timetable[3]"] == "六月份：1、指导课堂教学主题五、六的活动2、学习如何开展课题研究3、倡议并指导大班毕业典礼"
    assert texts["sections[3].group[1]"] == "组员：XXXXXXXX"
    assert texts["sections[12].signature"] == "XX镇中心幼儿园XX年X月"
    assert texts["parties[1]"] == "受援园XX镇中心幼儿园"
    assert texts["sections[9].heading"] == "（五）校园文化建设"
    assert texts["sections[9].paragraphs[0]"] == "组织机关幼儿园领导参观我校校园文化，和他们一起研讨、设计具有幼儿园特色的校园文化。"
    # the sections' texts in the plan's order: each heading before its content, section after section
    in_sections = [k for k in texts if k.startswith("sections[")]
    assert in_sections[:4] == ["sections[0].paragraphs[0]", "sections[1].heading", "sections[1].paragraphs[0]",
                               "sections[2].heading"]
    assert [audit._path_of(k)[1] for k in in_sections] == sorted(audit._path_of(k)[1] for k in in_sections)
    # a plan without a period: the card says nothing of its time, and nothing of it is expected
    dongyuan = audit.expected_texts(collection.plans["plans/dongyuan-pairing.md"], collection.kindergartens)
    assert "period" not in dongyuan and "sections" not in dongyuan
    assert not [k for k in texts if k in ("period", "sections")]


def test_a_row_missing_from_a_page_is_reported(collection, site):
    page = site / "plans/xx-county-jiguan-pairing/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("倡议并指导大班毕业典礼", ""), encoding="utf-8")
    assert [str(p) for p in record_site(collection, site).lost_content(collection)] == [
        f"docs/plans/xx-county-jiguan-pairing.md:114:9: {ROW_4}: {LOST}"]


def swap(html: str, first: str, second: str) -> str:
    """The page with two parts of it (each found once) in each other's place."""
    assert html.count(first) == 1 and html.count(second) == 1 and html.index(first) < html.index(second)
    before, rest = html.split(first)
    middle, after = rest.split(second)
    return before + second + middle + first + after


def test_sections_or_rows_out_of_order_are_reported(collection, site):
    page = site / "plans/xx-county-jiguan-pairing/index.html"
    html = page.read_text(encoding="utf-8")
    # two whole sections (heading and list) in each other's place: every text is still on the page
    first = html[html.index('<h3 id="三教学研究">'):html.index('<h3 id="四资源共享">')]
    second = html[html.index('<h3 id="四资源共享">'):html.index('<h3 id="五校园文化建设">')]
    page.write_text(swap(html, first, second), encoding="utf-8")
    lost = [str(p) for p in record_site(collection, site).lost_content(collection)]
    assert lost and all(LOST in p for p in lost)
    assert [p.split(": ")[0] for p in lost] == [
        "docs/plans/xx-county-jiguan-pairing.md:60:14", "docs/plans/xx-county-jiguan-pairing.md:64:9",
        "docs/plans/xx-county-jiguan-pairing.md:66:9"]   # the plan's later section, shown before the earlier one
    # two rows of the timetable
    row_4 = html[html.index('<tr id="schedule-4">'):html.index('<tr id="schedule-5">')]
    row_5 = html[html.index('<tr id="schedule-5">'):html.index('<tr id="schedule-6">')]
    page.write_text(swap(html, row_4, row_5), encoding="utf-8")
    assert [str(p) for p in record_site(collection, site).lost_content(collection)] == [
        f"docs/plans/xx-county-jiguan-pairing.md:123:9: 章节第12项 › 活动安排第5项（sections[11].timetable[4]）: {LOST}"]
    # negative control: the page as built is in order
    page.write_text(html, encoding="utf-8")
    assert record_site(collection, site).lost_content(collection) == []


def test_text_only_in_a_permalink_or_a_script_is_not_shown(collection, site):
    # negative control: the words are still in the page's HTML, but no reader sees them
    page = site / "plans/xx-county-jiguan-pairing/index.html"
    html = page.read_text(encoding="utf-8").replace("倡议并指导大班毕业典礼", "")
    page.write_text(html.replace("</article>", '<script>"倡议并指导大班毕业典礼"</script></article>'), encoding="utf-8")
    assert len(record_site(collection, site).lost_content(collection)) == 1


def test_a_missing_page_is_reported(collection, site):
    shutil.rmtree(site / "plans/z-town-pairing")
    assert [str(p) for p in record_site(collection, site).lost_content(collection)] == [
        "docs/plans/z-town-pairing.md:1:1: 构建后找不到这份计划的页面 plans/z-town-pairing/"]


def test_plans_json_is_counted_without_keeping_its_plans(collection, site):
    # The count keeps only the document's skeleton (audit.json_skeleton); a plan dropped from the file is still noticed.
    path = site / "data" / "plans.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["plans"] = document["plans"][:4]
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    assert audit.listed_plans(site, 5, plans.PLANS_DIR)["site/data/plans.json"] == 4


def test_a_broken_line_in_plans_json_still_fails_to_read(site):
    path = site / "data" / "plans.json"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith('{"format_version":') and lines[1] == '"plans":[\n'   # the plans from lines[2]
    lines[2] = lines[2][:20] + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValueError):
        audit.listed_plans(site, 5, plans.PLANS_DIR)


def test_plans_json_is_counted_from_its_skeleton():
    document = {"format_version": opendata.FORMAT_VERSION,
                "plans": [{"slug": f"p{n}", "tags": ["送教", "教研"], "n": n} for n in range(4)],
                "kindergartens": {"a": {"name": "东苑幼儿园"}, "b": {"name": "西苑幼儿园"}}}
    lines = audit.json_skeleton(io.BytesIO(opendata.as_json_lines(document).encode("utf-8")))
    assert json.loads(lines)["plans"] == [None] * 4 and b"p3" not in lines   # each plan line read and dropped
    indented = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")   # any layout still counts right
    assert len(json.loads(audit.json_skeleton(io.BytesIO(indented)))["plans"]) == 4
    # Negative control: a broken plan line stays in the skeleton, so the file still fails to read.
    broken = opendata.as_json_lines(document).replace('{"slug":"p2"', '{"slug":"p2"]', 1)
    with pytest.raises(json.JSONDecodeError):
        json.loads(audit.json_skeleton(io.BytesIO(broken.encode("utf-8"))))


def test_a_large_plans_json_is_counted_in_little_memory(tmp_path):
    plan = {"slug": "p", "title": "结对帮扶计划" * 20, "sections": [{"list": ["开展教研活动，观摩与研讨" * 10] * 10}]}
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plans.json").write_text(opendata.plans_json([opendata.compact_json(plan)] * 3000, {}),
                                                 encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                          "<url><loc>https://x/plans/p/</loc></url></urlset>", encoding="utf-8")
    assert (tmp_path / "data" / "plans.json").stat().st_size > 10_000_000
    tracemalloc.start()
    try:
        counts = audit.listed_plans(tmp_path, 3, plans.PLANS_DIR)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert counts == {"site/index.html": 3, "site/sitemap.xml": 1, "site/data/plans.json": 3000}
    assert peak < 1_000_000   # the whole file read at once would be more than 10 MB


def test_links_are_resolved_once_for_all_pages_at_one_depth():
    folders = ["", "plans/", "plans/a/", "plans/b/", "tags/环境创设/page/2/"]
    links = ["", "#x", "?q#x", "../", "../../", "./", "../#top", "../?q", "../b/", "../../assets/x.css?v=1",
             "..//x", "../../../../../../y/", "../%E7%8E%AF/", "/jiedui/plans/a/", "https://example.org/a/", "b.html#c",
             "../../index.html", ".././", "../../../"]
    for folder in folders:
        name = f"{folder}index.html"
        for link in links:
            expected = audit._internal_target.__wrapped__(name if not link or link[0] in "#?" else folder, link, "/jiedui/")
            assert audit.link_target(name, folder, link, "/jiedui/") == expected, (folder, link)
    audit._internal_target.cache_clear()
    for slug in ("a", "b", "c"):
        assert audit.link_target(f"plans/{slug}/index.html", f"plans/{slug}/", "../../assets/x.css", "/") == ("assets/x.css", "")
        assert audit.link_target(f"plans/{slug}/index.html", f"plans/{slug}/", "#top", "/") == (f"plans/{slug}/index.html", "top")
    # One entry for the three pages; links within a page are not kept at all.
    assert audit._internal_target.cache_info().currsize == 1


def test_listings_that_disagree_are_reported():
    assert [str(p) for p in audit.count_problems({"site/index.html": 4, "site/sitemap.xml": 5}, 5)] == [
        "site/index.html:1:1: 列出了 4 份计划，应为 5 份"]


def test_broken_links_and_anchors_are_reported(collection, site):
    page = site / "plans/dongyuan-pairing/index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<a href="../nowhere/">x</a><a href="../z-town-pairing/#no-such-anchor">y</a>'
                                               '<a href="https://example.org/">z</a><a href="mailto:a@example.org">m</a></article>'),
                    encoding="utf-8")
    assert [str(p) for p in broken_links(record_site(collection, site), site)] == [
        "site/plans/dongyuan-pairing/index.html:1:1: 站内链接 ../nowhere/ 指向不存在的文件",
        "site/plans/dongyuan-pairing/index.html:1:1: 站内链接 ../z-town-pairing/#no-such-anchor 的锚点 #no-such-anchor 不存在"]


def test_absolute_links_are_checked_under_the_sites_path(collection, site):
    built = record_site(collection, site)
    links, ids = built.links["index.html"]
    built.links["index.html"] = ([*links, "/jiedui/plans/dongyuan-pairing/", "/jiedui/plans/nowhere/", "/other/x/"], ids)
    found = audit.broken_links(built.links, lambda file: (site / file).is_file(), "/jiedui/")
    assert [p.message for p in found] == ["站内链接 /jiedui/plans/nowhere/ 指向不存在的文件", "站内链接 /other/x/ 指向不存在的文件"]


# The audit as the build runs it: a template that loses content, links nowhere or drops a plan from the index
def break_template(project, name: str, old: str, new: str) -> None:
    template = project / "overrides" / "partials" / "plan" / name
    text = template.read_text(encoding="utf-8")
    assert old in text
    template.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused_after_build(project, out) -> str:
    """What a build that fails its audit prints (MkDocs prints the message of its Abort on stdout)."""
    result = run_build(project, out)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "网站生成后的检查未通过" in output
    return output


def test_a_template_that_drops_content_fails_the_build(site_copy, tmp_path):
    break_template(site_copy, "section.html", "{% for row in section.rows %}", "{% for row in section.rows[:-1] %}")
    assert (f"docs/plans/xx-county-jiguan-pairing.md:146:9: 章节第12项 › 活动安排第10项（sections[11].timetable[9]）: {LOST}"
            in refused_after_build(site_copy, tmp_path / "out"))


def test_a_list_template_that_drops_an_item_fails_the_build(site_copy, tmp_path):
    break_template(site_copy, "outline_items.html", "{% for item in items %}", "{% for item in items[:-1] %}")
    stderr = refused_after_build(site_copy, tmp_path / "out")
    assert f"docs/plans/xx-county-jiguan-pairing.md:40:9: 章节第6项 › 条目第3项（sections[5].list[2]）: {LOST}" in stderr


def test_a_card_template_that_drops_a_fact_fails_the_build(site_copy, tmp_path):
    break_template(site_copy, "card.html", "{% for party in parties %}", "{% for party in parties[:1] %}")
    stderr = refused_after_build(site_copy, tmp_path / "out")
    assert "docs/plans/xx-county-jiguan-pairing.md:8:5: " in stderr and "（parties[1]）: 这一项没有完整地" in stderr


@pytest.mark.parametrize("template, old, new, lost", [
    ("section.html", "{% for row in section.rows %}", "{% for row in section.rows|reverse %}",
     f"docs/plans/xx-county-jiguan-pairing.md:96:9: 章节第12项 › 活动安排第2项（sections[11].timetable[1]）: {LOST}"),
    ("section.html", "{% for paragraph in section.paragraphs %}", "{% for paragraph in section.paragraphs|reverse %}",
     "docs/plans/dongyuan-pairing.md:15:9: 章节第1项 › 段落第2项（sections[0].paragraphs[1]）: "
     "这一项没有完整地、按原文顺序出现在页面 plans/dongyuan-pairing/ 上"),
    ("outline_items.html", "{% for item in items %}", "{% for item in items|reverse %}",
     f"docs/plans/xx-county-jiguan-pairing.md:38:9: 章节第6项 › 条目第2项（sections[5].list[1]）: {LOST}"),
], ids=["rows", "paragraphs", "items"])
def test_a_template_that_shows_everything_out_of_order_fails_the_build(site_copy, tmp_path, template, old, new, lost):
    # every text is still on the page, only not in the plan's order
    break_template(site_copy, template, old, new)
    assert lost in refused_after_build(site_copy, tmp_path / "out")


def test_a_template_that_links_nowhere_fails_the_build(site_copy, tmp_path):
    break_template(site_copy, "section.html", '<div class="plan-part plan-signature">',
                   '<div class="plan-part plan-signature"><a href="../no-such-plan/#top">甲</a>')
    stderr = refused_after_build(site_copy, tmp_path / "out")
    assert "site/plans/xx-county-jiguan-pairing/index.html:1:1: 站内链接 ../no-such-plan/#top 指向不存在的文件" in stderr


def test_a_card_that_links_nowhere_fails_the_build(site_copy, tmp_path):
    break_template(site_copy, "card.html", '<div class="plan-card">', '<div class="plan-card"><a href="#no-such-anchor">甲</a>')
    stderr = refused_after_build(site_copy, tmp_path / "out")
    assert "site/plans/z-town-pairing/index.html:1:1: 站内链接 #no-such-anchor 的锚点 #no-such-anchor 不存在" in stderr


def test_a_template_that_drops_a_plan_from_the_index_fails_the_build(site_copy, tmp_path):
    break_template(site_copy, "plan_index.html", "{% for plan in plans %}", "{% for plan in plans[1:] %}")
    assert "site/index.html:1:1: 列出了 4 份计划，应为 5 份" in refused_after_build(site_copy, tmp_path / "out")


# A text the card and a section share: each is looked for only where its template shows it (the card's facts in the
# card, the sections after it), so a source's line of time under its title (a section, as every line of the source
# is, and also the plan's period) or a heading "时间" with its date cannot stand in for each other.
def shown_without(plan_, dropped_section: int | None = None, hidden_period: bool = False) -> pagetext.PageContent:
    """A plan page's content as the plugin makes it, with one section dropped or the card's period hidden."""
    import markdown

    from sample_plans import collection as plans_collection
    from pairing.shaping import views
    from pairing.site import render

    card = render.plan_card(plan_, plans_collection(plan_))
    if hidden_period:
        card = card.replace('<dd class="plan-period">', '<dd class="plan-period" hidden>')
    parts = [card, render.share_link()]
    for section in views.sections_view(plan_.record()):
        if section["index"] != dropped_section:
            parts += [markdown.markdown(render.heading_markdown(section)) if section["heading"] else "",
                      render.section(section)]
    return pagetext.read("\n".join(parts))


def period_plan(sections: list):
    """A plan of the sample kindergartens with its period "2024年11月", read from its file's text as the build
    reads it (so that a problem has the field's line)."""
    import yaml

    from sample_plans import plan

    data = plan("c", {"a": "helping", "b": "helped"}, sections=sections,
                period={"text": "2024年11月", "start_year": 2024, "start_month": 11}).record()
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n"
    checked, problems = plans.check_page(text, "docs/plans/c.md", "plans/c.md", True)
    assert problems == ()
    return checked


def test_a_section_or_the_period_lost_is_reported_when_nothing_else_shows_its_text():
    # the control for the two known holes below: with texts of their own, both losses are found
    from sample_plans import KINDERGARTENS

    one = period_plan([{"paragraphs": ["十一月下旬"]}, {"heading": "一、活动主题", "paragraphs": ["快乐游戏"]}])
    assert [p.message for p in audit.page_lost_content(one, shown_without(one, dropped_section=0), KINDERGARTENS)] == [
        "这一项没有完整地、按原文顺序出现在页面 plans/c/ 上"]
    assert len(audit.page_lost_content(one, shown_without(one, hidden_period=True), KINDERGARTENS)) == 1
    assert audit.page_lost_content(one, shown_without(one), KINDERGARTENS) == []


def test_a_lost_section_whose_text_the_card_also_shows_is_reported():
    from sample_plans import KINDERGARTENS

    one = period_plan([{"paragraphs": ["2024年11月"]}, {"heading": "一、活动主题", "paragraphs": ["快乐游戏"]}])
    assert len(audit.page_lost_content(one, shown_without(one, dropped_section=0), KINDERGARTENS)) == 1


def test_a_lost_period_whose_text_a_section_also_shows_is_reported():
    from sample_plans import KINDERGARTENS

    one = period_plan([{"heading": "一、活动安排", "list": [{"heading": "时间", "text": "2024年11月20日"}]}])
    assert len(audit.page_lost_content(one, shown_without(one, hidden_period=True), KINDERGARTENS)) == 1
