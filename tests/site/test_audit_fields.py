"""The audit checks every field of every plan against the text a reader sees (audit.expected_texts): the card
(original title, each party, the period, the tags), paragraph fields, the status analysis, the leadership group,
outlines, the schedule and the signature. Here a plan page's content is made as the plugin makes it (the card, the
body with each macro's part) from the real plans; a field hidden or removed from it gives exactly that field's
problem, at the field's line."""

from __future__ import annotations

import re

import markdown
import pytest
from markupsafe import escape

from builtpage import article
from conftest import ROOT
from pairing.content import plans, policy
from pairing.content.schema import plan_schema
from pairing.shaping import views
from pairing.site import audit, pagetext, render

DONGYUAN, GAOJIAN, XIANYANG = "plans/dongyuan-pairing.md", "plans/gaojian-jinzhu-pairing.md", "plans/xianyang-jiguan-pairing.md"
XX, ZTOWN = "plans/xx-county-jiguan-pairing.md", "plans/z-town-pairing.md"


@pytest.fixture(scope="module")
def collection():
    return plans.load(ROOT, ROOT / "docs", ROOT / "data")


def content_html(plan, collection) -> str:
    """A plan page's content as the plugin makes it: the card and share link, then the body's text (as Markdown
    makes it) and each macro call's part."""
    parts = [render.plan_card(plan, collection), render.share_link()]
    for part in policy.body_parts(plan.body):
        parts.append(markdown.markdown(part) if isinstance(part, str) else getattr(render, part[0])(plan, *part[1:]))
    return "\n".join(parts)


def lost(plan, collection, html: str) -> list[str]:
    built = audit.BuiltPages(collection.kindergartens)
    built.record(plan.url + "index.html", pagetext.read(html), plan, False)
    return [str(problem) for problem in built.lost_content(collection) if problem.file == plan.file]


def problem(plan, field: str) -> str:
    line, column = plan.source.where(audit._path_of(field))
    return f"{plan.file}:{line}:{column}: {field}: 这一项没有完整出现在页面 {plan.url} 上"


def once(html: str, old: str, new: str) -> str:
    assert html.count(old) == 1, old
    return html.replace(old, new)


def without(text):
    """Remove the field's text (a string, or a function of the plan giving it) as the templates escape it."""
    return lambda plan, html: once(html, str(escape(text(plan) if callable(text) else text)), "")


def hiding(old: str, new: str):
    """Change a piece of the page's markup so that a reader does not see the field."""
    return lambda plan, html: once(html, old, new)


def item_paragraph(plan, field: str, index: int) -> str:
    """The text of item `index` of the outline at field (a dotted path)."""
    outline = plan.data
    for key in field.split("."):
        outline = outline[key]
    return views.outline_view(outline)[index]["paragraphs"][0]


# (plan, field, how the field is lost) — each kind of field, and each way a reader does not see it.
CASES = [
    (XX, "original_title", hiding('<p class="plan-original-title">', '<p class="plan-original-title" hidden>')),
    (XX, "parties[1]", hiding('<dd class="plan-party plan-party-helped">', '<dd class="plan-party plan-party-helped" style="display: none">')),
    (GAOJIAN, "parties[3]", hiding('<dd class="plan-party plan-party-guiding">', '<dd class="plan-party plan-party-guiding" style="Visibility:Hidden">')),
    (XX, "schedule", hiding('<dd class="plan-period">', '<dd class="plan-period" hidden>')),   # period from the schedule
    # the period "原文未注明" is also in the card's calendar line: it must be found where the card shows it
    (DONGYUAN, "year", hiding('<dd class="plan-period">', '<dd class="plan-period" hidden>')),
    (DONGYUAN, "tags", lambda plan, html: re.sub(r'(<dd class="plan-tags">)(.*?)(</dd>)', r"\1<template>\2</template>\3", html)),
    (GAOJIAN, "guiding_ideology[0]", without(lambda plan: plan.data["guiding_ideology"][0])),
    (XX, "principles[0]", without(lambda plan: plan.data["principles"][0])),
    (GAOJIAN, "leadership[2]", hiding('<span class="plan-duty">环境布置、区域活动</span>', "")),   # only the duty
    (ZTOWN, "status_analysis.strengths[0]", without(lambda plan: plan.data["status_analysis"]["strengths"][0])),
    (ZTOWN, "status_analysis.weaknesses.items[1]",
     without(lambda plan: item_paragraph(plan, "status_analysis.weaknesses", 1))),
    (ZTOWN, "goals.items[0]", without(lambda plan: item_paragraph(plan, "goals", 0))),
    (ZTOWN, "measures.items[2]", without(lambda plan: item_paragraph(plan, "measures", 2))),
    (XX, "content.items[4]", without(lambda plan: item_paragraph(plan, "content", 4))),
    (XX, "organisation.items[0]", without(lambda plan: item_paragraph(plan, "organisation", 0))),
    (XX, "schedule[3]", without("倡议并指导大班毕业典礼")),
    (XIANYANG, "schedule[0]", hiding('<tr id="schedule-1">', '<tr id="schedule-1" style="color: red;display:none;">')),
    (XX, "signature", hiding('<p class="plan-signature-date">XX年X月</p>', '<!-- <p class="plan-signature-date">XX年X月</p> -->')),
    # the organisation alone is also on the card (the helped party): it is checked with its date
    (XX, "signature", hiding('<p class="plan-signature-org">', '<p class="plan-signature-org" hidden>')),
]


@pytest.mark.parametrize("src_uri, field, lose", CASES, ids=[f"{case[0]}:{case[1]}" for case in CASES])
def test_a_field_hidden_or_removed_is_exactly_its_problem(collection, src_uri, field, lose):
    plan = collection.plans[src_uri]
    html = content_html(plan, collection)
    assert lost(plan, collection, lose(plan, html)) == [problem(plan, field)]


def test_every_kind_of_field_has_a_case(collection):
    # Every field a page shows (all but NOT_IN_CONTENT) that some seed has is lost in one of CASES.
    kinds = {field.split("[")[0].split(".")[0] for _, field, _ in CASES}
    fields = {field for plan in collection.plans.values() for field in plan.data} - set(audit.NOT_IN_CONTENT)
    assert fields - {"year"} <= kinds


def test_a_whole_page_loses_nothing(collection):
    # Negative control: every seed's content as made, with nothing hidden, shows every field.
    for plan in collection.plans.values():
        assert lost(plan, collection, content_html(plan, collection)) == [], plan.file


def test_every_field_of_every_seed_is_expected(collection):
    """Every field a seed plan has is checked, and every text expected is a view's text."""
    for plan in collection.plans.values():
        texts = audit.expected_texts(plan, collection.kindergartens)
        checked = {audit._path_of(field)[0] for field in texts}
        assert set(plan.data) - set(audit.NOT_IN_CONTENT) <= checked | {"year"}, plan.file
        assert len([f for f in texts if f.startswith("parties[")]) == len(plan.data["parties"])
        assert all(text.strip() for text in texts.values())
    z = audit.expected_texts(collection.plans[ZTOWN], collection.kindergartens)
    assert z["status_analysis.weaknesses.items[2]"] == "3、农村幼儿家长教育观念存在偏差，幼儿园存在小学化、成人化倾向。"
    assert z["tags"] == "标签送教下乡省级示范园农村幼儿园小学化自制教玩具观摩课环境创设"
    gaojian = audit.expected_texts(collection.plans[GAOJIAN], collection.kindergartens)
    assert gaojian["leadership[2]"] == "成员：xxxx（环境布置、区域活动）"
    assert gaojian["parties[3]"] == "指导单位县直属机关幼儿园"


def test_only_the_title_addresses_and_author_are_not_checked():
    # Every field of the schema is checked, or named in NOT_IN_CONTENT with the reason it is not text of the page.
    from sample_plans import KINDERGARTENS, plan

    full = plan("full", {"a": "helping", "b": "helped", "c": "guiding"}, schedule=[[9], [10]], tags=["送教"],
                year=2024, original_title="原题", guiding_ideology=["思想"], principles=["原则"],
                status_analysis={"strengths": ["优势"], "weaknesses": {"items": ["不足"]}},
                leadership=[{"role": "组长", "name": "甲", "duty": "分工"}], goals={"items": ["目标"]},
                content={"items": ["内容"]}, measures={"items": ["措施"]}, organisation={"items": ["组织"]},
                signature={"org": "甲园", "date": "2024年"}, former_slugs=["old"])
    assert set(full.data) == set(plan_schema()["properties"])
    texts = audit.expected_texts(full, KINDERGARTENS)
    checked = {audit._path_of(field)[0] for field in texts}
    assert checked == set(plan_schema()["properties"]) - set(audit.NOT_IN_CONTENT)
    assert texts["year"] == "时间2024年九月至2024年十月"   # the period, from the year the plan gives


def test_a_build_that_records_before_the_kindergartens_are_known_finds_the_same(collection):
    # Without kindergartens the record keeps each plan page's text and checks it in lost_content.
    plan = collection.plans[XX]
    html = once(content_html(plan, collection), '<dd class="plan-period">', '<dd class="plan-period" hidden>')
    built = audit.BuiltPages()
    built.record(plan.url + "index.html", pagetext.read(html), plan, False)
    assert [str(p) for p in built.lost_content(collection) if p.file == plan.file] == [problem(plan, "schedule")]


def test_every_field_of_every_seed_is_on_its_built_page(collection, built_site):
    # The real site: each seed's page content (its article, read as the build reads its content) shows every field.
    for plan in collection.plans.values():
        html = article((built_site / plan.url / "index.html").read_text(encoding="utf-8"))
        shown = pagetext.squeeze(pagetext.read(html).text)
        for field, text in audit.expected_texts(plan, collection.kindergartens).items():
            assert pagetext.squeeze(text) in shown, (plan.file, field)
