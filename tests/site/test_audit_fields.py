"""The audit checks every field of every plan against the text a reader sees (audit.expected_texts): the card
(original title, each party, the period, the tags) and every section in the plan's order: its heading, its
paragraphs, list items, group members, timetable rows and signature. Here a plan page's content is made as the
plugin makes it (the card, then each section's heading as Markdown makes it and its content) from the real plans;
a field hidden or removed from it gives exactly that field's problem, at the field's line."""

from __future__ import annotations

import re
import shutil

import markdown
import pytest
from markupsafe import escape

from builtpage import article
from conftest import ROOT
from pairing.content import plans, schema
from pairing.content.schema import plan_schema
from pairing.shaping import views
from pairing.site import audit, pagetext, render

DONGYUAN, GAOJIAN, XIANYANG = "plans/dongyuan-pairing.md", "plans/gaojian-jinzhu-pairing.md", "plans/xianyang-jiguan-pairing.md"
XX, ZTOWN = "plans/xx-county-jiguan-pairing.md", "plans/z-town-pairing.md"
# tests/fixtures/dated-pairing.md: no seed gives a period; this test plan does.
DATED = "plans/dated-pairing.md"


@pytest.fixture(scope="module")
def collection(tmp_path_factory):
    """The real plans, and the test plan that gives a period (in a copy of docs/, never in the published site)."""
    project = tmp_path_factory.mktemp("fields")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copy(ROOT / "tests" / "fixtures" / "dated-pairing.md", project / "docs" / "plans")
    return plans.load(project, project / "docs", project / "data")


@pytest.fixture(scope="module")
def seeds():
    return plans.load(ROOT, ROOT / "docs", ROOT / "data")


def content_html(plan, collection) -> str:
    """A plan page's content as the plugin makes it: the card and share link, then each section's heading (as
    Markdown makes it) and its content."""
    parts = [render.plan_card(plan, collection), render.share_link()]
    for section in views.sections_view(plan.record()):
        if section["heading"]:
            parts.append(markdown.markdown(render.heading_markdown(section)))
        parts.append(render.section(section))
    return "\n".join(parts)


def lost(plan, collection, html: str) -> list[str]:
    built = audit.BuiltPages(collection.kindergartens)
    built.record(plan.url + "index.html", pagetext.read(html), plan, False)
    return [str(problem) for problem in built.lost_content(collection) if problem.file == plan.file]


def problem(plan, field: str) -> str:
    path = audit._path_of(field)
    line, column = plan.source.where(path)
    return f"{plan.file}:{line}:{column}: {schema.field_label(path)}: 这一项没有完整地、按原文顺序出现在页面 {plan.url} 上"


def once(html: str, old: str, new: str) -> str:
    assert html.count(old) == 1, old
    return html.replace(old, new)


def without(text):
    """Remove the field's text (a string, or a function of the plan giving it) as the templates escape it."""
    return lambda plan, html: once(html, str(escape(text(plan) if callable(text) else text)), "")


def hiding(old: str, new: str):
    """Change a piece of the page's markup so that a reader does not see the field."""
    return lambda plan, html: once(html, old, new)


def section(plan, index: int) -> dict:
    return plan.record()["sections"][index]


# (plan, field, how the field is lost) — each kind of field, and each way a reader does not see it.
CASES = [
    (XX, "original_title", hiding('<p class="plan-original-title">', '<p class="plan-original-title" hidden>')),
    (XX, "parties[1]", hiding('<dd class="plan-party plan-party-helped">', '<dd class="plan-party plan-party-helped" style="display: none">')),
    (GAOJIAN, "parties[3]", hiding('<dd class="plan-party plan-party-guiding">', '<dd class="plan-party plan-party-guiding" style="Visibility:Hidden">')),
    (DATED, "period", hiding('<dd class="plan-period">', '<dd class="plan-period" hidden>')),
    (DONGYUAN, "tags", lambda plan, html: re.sub(r'(<dd class="plan-tags">)(.*?)(</dd>)', r"\1<template>\2</template>\3", html)),
    (XX, "sections[1].heading", hiding("<h2>一、指导思想</h2>", "<h2 hidden>一、指导思想</h2>")),
    (XX, "sections[4].heading", without("四、帮扶内容")),   # a heading alone, its subsections after it
    (XX, "sections[5].heading", hiding("<h3>（一）幼儿园管理</h3>", '<h3 style="display:none">（一）幼儿园管理</h3>')),
    (GAOJIAN, "sections[1].paragraphs[0]", without(lambda plan: section(plan, 1)["paragraphs"][0])),
    (XX, "sections[2].paragraphs[0]", without(lambda plan: section(plan, 2)["paragraphs"][0])),
    (DONGYUAN, "sections[0].paragraphs[1]", without(lambda plan: section(plan, 0)["paragraphs"][1])),
    (GAOJIAN, "sections[3].group[2]", hiding('<span class="plan-duty">（环境布置、区域活动）</span>', "")),   # only the duty
    (ZTOWN, "sections[0].paragraphs[0]", without(lambda plan: section(plan, 0)["paragraphs"][0])),
    # a sub-item is part of its item's text
    (ZTOWN, "sections[1].list[0]", without(lambda plan: section(plan, 1)["list"][0]["items"][1]["text"])),
    (ZTOWN, "sections[3].list[2]", without(lambda plan: section(plan, 3)["list"][2]["text"])),
    (XX, "sections[9].paragraphs[0]", without(lambda plan: section(plan, 9)["paragraphs"][0])),
    (XX, "sections[10].list[0]", without(lambda plan: section(plan, 10)["list"][0]["text"])),
    (XX, "sections[11].timetable[3]", without("倡议并指导大班毕业典礼")),
    (XX, "sections[11].timetable[4]", hiding("<th scope=\"row\">七月份：</th>", "<th scope=\"row\" hidden>七月份：</th>")),   # its time
    (XIANYANG, "sections[3].timetable[0]", hiding('<tr id="schedule-1">', '<tr id="schedule-1" style="color: red;display:none;">')),
    (XX, "sections[12].signature", hiding('<p class="plan-signature-date">XX年X月</p>', '<!-- <p class="plan-signature-date">XX年X月</p> -->')),
    # the organisation alone is also on the card (the helped party): it is checked with its date
    (XX, "sections[12].signature", hiding('<p class="plan-signature-org">', '<p class="plan-signature-org" hidden>')),
]


def kind_of(field: str) -> str:
    """What kind of text a field is: a top-level field, or a section's heading or kind of content."""
    path = audit._path_of(field)
    return f"sections.{path[2]}" if path[0] == "sections" and len(path) > 2 else path[0]


@pytest.mark.parametrize("src_uri, field, lose", CASES, ids=[f"{case[0]}:{case[1]}" for case in CASES])
def test_a_field_hidden_or_removed_is_exactly_its_problem(collection, src_uri, field, lose):
    plan = collection.plans[src_uri]
    html = content_html(plan, collection)
    assert lost(plan, collection, lose(plan, html)) == [problem(plan, field)]


def test_every_kind_of_field_has_a_case(collection):
    # Every kind of text a page shows (every field but NOT_IN_CONTENT; every section's heading and kind of
    # content) that some plan has is lost in one of CASES.
    kinds = {kind_of(field) for _, field, _ in CASES}
    shown = {kind_of(field) for plan in collection.plans.values()
             for field in audit.expected_texts(plan, collection.kindergartens)}
    assert shown == kinds
    assert {f"sections.{kind}" for kind in views.SECTION_KINDS} | {"sections.heading"} <= kinds


def test_a_whole_page_loses_nothing(collection):
    # Negative control: every plan's content as made, with nothing hidden, shows every field.
    for plan in collection.plans.values():
        assert lost(plan, collection, content_html(plan, collection)) == [], plan.file


def test_every_field_of_every_seed_is_expected(collection):
    """Every field and every section a plan has is checked, and every text expected is a view's text."""
    for plan in collection.plans.values():
        texts = audit.expected_texts(plan, collection.kindergartens)
        checked = {audit._path_of(field)[0] for field in texts}
        assert set(plan.record()) - set(audit.NOT_IN_CONTENT) <= checked, plan.file
        in_sections = {audit._path_of(field)[1] for field in texts if field.startswith("sections[")}
        assert in_sections == set(range(len(plan.record()["sections"]))), plan.file
        assert len([f for f in texts if f.startswith("parties[")]) == len(plan.data["parties"])
        assert all(text.strip() for text in texts.values())
    z = audit.expected_texts(collection.plans[ZTOWN], collection.kindergartens)
    assert z["sections[1].list[0]"] == ("需要加强的方面：1、幼儿园由于经费紧张，幼儿人数较多，教师外出学习的次数与人次得不到保证;"
                                         "2、农村幼儿园教研活动开展少，教师展示、锻炼机会更少，教师业务素质提高缓慢;"
                                         "3、农村幼儿家长教育观念存在偏差，幼儿园存在小学化、成人化倾向。")
    assert z["tags"] == "标签送教下乡省级示范园农村幼儿园小学化自制教玩具观摩课环境创设"
    gaojian = audit.expected_texts(collection.plans[GAOJIAN], collection.kindergartens)
    assert gaojian["sections[3].group[2]"] == "成员：xxxx（环境布置、区域活动）"
    assert gaojian["parties[3]"] == "指导单位县直属机关幼儿园"
    dated = audit.expected_texts(collection.plans[DATED], collection.kindergartens)
    assert dated["period"] == "时间2024年" and dated["sections[1].timetable[1]"] == "十、十一月份：跨两个月的环境创设活动"


def test_only_the_title_addresses_and_author_are_not_checked():
    # Every field of the schema is checked, or named in NOT_IN_CONTENT with the reason it is not text of the page.
    from sample_plans import KINDERGARTENS, plan

    sections = [
        {"kind": "intro", "paragraphs": ["引言"]},
        {"heading": "一、领导小组", "kind": "leadership", "group": [{"role": "组长：", "name": "甲", "duty": "（分工）"}]},
        {"heading": "二、工作目标", "level": 2, "kind": "goals", "list": [{"marker": "1、", "heading": "目标：", "text": "内容",
                                                                      "items": ["细目"]}]},
        {"signature": {"org": "甲园", "date": "2024年"}}]
    full = plan("full", {"a": "helping", "b": "helped", "c": "guiding"}, schedule=[[9], [10]], year=2024,
                sections=sections, tags=["送教"], original_title="原题", former_slugs=["old"],
                period={"text": "2024年9月至2024年10月", "start_year": 2024, "start_month": 9, "end_year": 2024,
                        "end_month": 10})
    assert set(full.record()) == set(plan_schema()["properties"])
    kinds = {views.section_kind(s) for s in full.record()["sections"]}
    assert kinds == set(views.SECTION_KINDS)
    texts = audit.expected_texts(full, KINDERGARTENS)
    checked = {audit._path_of(field)[0] for field in texts}
    assert checked == set(plan_schema()["properties"]) - set(audit.NOT_IN_CONTENT)
    assert texts["period"] == "时间2024年9月至2024年10月"   # the period as the plan writes it
    assert texts["sections[2].list[0]"] == "1、目标：内容细目"
    assert texts["sections[4].timetable[1]"] == "十月份：1、full 在 10 月的活动"


def test_a_build_that_records_before_the_kindergartens_are_known_finds_the_same(collection):
    # Without kindergartens the record keeps each plan page's text and checks it in lost_content.
    plan = collection.plans[DATED]
    html = once(content_html(plan, collection), '<dd class="plan-period">', '<dd class="plan-period" hidden>')
    built = audit.BuiltPages()
    built.record(plan.url + "index.html", pagetext.read(html), plan, False)
    assert [str(p) for p in built.lost_content(collection) if p.file == plan.file] == [problem(plan, "period")]


def test_every_field_of_every_seed_is_on_its_built_page(seeds, built_site):
    # The real site: each seed's page content (its article, read as the build reads its content) shows every field.
    for plan in seeds.plans.values():
        html = article((built_site / plan.url / "index.html").read_text(encoding="utf-8"))
        shown = pagetext.squeeze(pagetext.read(html).text)
        for field, text in audit.expected_texts(plan, seeds.kindergartens).items():
            assert pagetext.squeeze(text) in shown, (plan.file, field)
