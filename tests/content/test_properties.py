"""Property-based tests: generated plans, valid and mutated, through the same checks and templates
as the site. Valid plans pass and show every text as written; broken ones name the file, the line and the field;
never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_site, run_build
from pairing.content import plans, scaffold
from pairing.content.markup import TAG_START
from pairing.content.problems import ContentError
from pairing.content.schema import plan_schema
from pairing.shaping import views
from pairing.site import pagetext, render
from pairing.site.pagetext import squeeze

ROOT = Path(__file__).resolve().parents[2]
FILE = "docs/plans/generated-plan.md"
CHARS = list("结对帮扶幼儿园计划教师月份活动送教下乡，。、；：“”《》()<>&\"'?!xX019 ")
# Text may hold < and & (shown escaped), but never the start of a tag: < followed by a letter, /, ! or ?
# (markup.TAG_START; a plan with one is refused, see MUTATIONS). One line, no space at either end.
LINE = st.text(alphabet=CHARS, min_size=1, max_size=24).map(str.strip).filter(bool).filter(lambda t: not TAG_START.search(t))
# A text of one or more paragraphs: a line break starts a new one.
TEXT = st.lists(LINE, min_size=1, max_size=3).map("\n".join)
# Titles and tags may not hold < > & (Material prints them unescaped: see page_title in schema.yml); a tag is at
# most 20 characters.
TITLE = st.text(alphabet=[c for c in CHARS if c not in "<>&"], min_size=1, max_size=24).map(str.strip).filter(bool)
TAG = st.text(alphabet=[c for c in CHARS if c not in "<>&"], min_size=1, max_size=20).map(str.strip).filter(bool)
MARKER = st.sampled_from(["1、", "1.", "一、", "（一）", "A、", "①", "(1)", "一是", "-", "2)"])
KINDS = plan_schema()["$defs"]["section"]["properties"]["kind"]["enum"]
KINDERGARTENS = ["dongyuan", "xx-county-jiguan", "gaojian", "jinzhu", "z-town"]


def lists(depth: int = 2):
    leaf = st.one_of(TEXT, st.fixed_dictionaries({}, optional={"marker": MARKER, "heading": LINE, "text": TEXT}).filter(bool))
    item = leaf if depth == 0 else st.one_of(leaf, st.fixed_dictionaries(
        {"heading": LINE}, optional={"marker": MARKER, "text": TEXT, "items": st.deferred(lambda: lists(depth - 1))}))
    return st.lists(item, min_size=1, max_size=4)


MONTHS = st.lists(st.integers(1, 12), min_size=1, max_size=3, unique=True)
ROWS = st.one_of(
    st.fixed_dictionaries({"when": LINE, "text": TEXT}, optional={"year": st.integers(1990, 2090), "months": MONTHS}),
    st.fixed_dictionaries({"when": LINE, "items": lists(1)}, optional={"year": st.integers(1990, 2090), "months": MONTHS}))
MEMBERS = st.fixed_dictionaries({"name": LINE}, optional={"role": LINE, "duty": TEXT})
CONTENTS = st.one_of(
    st.fixed_dictionaries({"paragraphs": st.lists(TEXT, min_size=1, max_size=3)}),
    st.fixed_dictionaries({"list": lists()}),
    st.fixed_dictionaries({"group": st.lists(MEMBERS, min_size=1, max_size=3)}),
    st.fixed_dictionaries({"timetable": st.lists(ROWS, min_size=1, max_size=3)}),
    st.fixed_dictionaries({"signature": st.fixed_dictionaries({}, optional={"org": LINE, "date": LINE}).filter(bool)}),
    st.just({}))    # a heading alone


@st.composite
def sections(draw) -> dict:
    section = draw(st.fixed_dictionaries({}, optional={"heading": LINE, "level": st.sampled_from([2, 3, 4]),
                                                       "kind": st.sampled_from(KINDS)}))
    section.update(draw(CONTENTS))
    return section if section.keys() - {"level", "kind"} else {**section, "heading": draw(LINE)}


@st.composite
def plan_data(draw) -> dict:
    helping, helped = draw(st.lists(st.sampled_from(KINDERGARTENS), min_size=2, max_size=2, unique=True))
    data = {"title": draw(TITLE), "slug": "generated-plan"}
    if draw(st.booleans()):
        data["original_title"] = draw(LINE)
    data["parties"] = [{"kindergarten": helping, "role": "helping"}, {"kindergarten": helped, "role": "helped"}]
    if draw(st.booleans()):
        data["author"] = draw(st.sampled_from([helping, helped]))
    if draw(st.booleans()):
        data["period"] = {"text": draw(LINE), **draw(st.fixed_dictionaries({}, optional={
            "start_year": st.integers(1990, 2090), "start_month": st.integers(1, 12),
            "end_year": st.integers(1990, 2090), "end_month": st.integers(1, 12)}))}
    data["sections"] = draw(st.lists(sections(), min_size=1, max_size=5))
    if draw(st.booleans()):
        data["tags"] = draw(st.lists(TAG, min_size=1, max_size=3, unique=True))
    return data


def page_text(data: dict) -> str:
    # Written as `python -m pairing new` writes a plan: front matter only.
    return scaffold.plan_text(data)


def texts_in(value) -> list[str]:
    """Every reader-facing text in a value, paragraph by paragraph (a section's kind is a code, not shown)."""
    if isinstance(value, str):
        return [line for line in value.split("\n") if line]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k != "kind" for t in texts_in(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts_in(v)]
    return []


def shown_texts(data: dict) -> dict:
    """What a plan page shows of a plan: all but its address, its author's id and its parties' ids and roles."""
    return {k: v for k, v in data.items() if k not in ("slug", "author", "parties")}


def load_generated(tmp_path: Path, text: str):
    project = tmp_path / "p"
    if project.exists():
        shutil.rmtree(project)
    (project / "docs" / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data", project / "data")
    (project / "docs" / "plans" / "generated-plan.md").write_text(text, encoding="utf-8")
    return plans.load(project, project / "docs", project / "data")


def rendered(plan, collection) -> str:
    """The plan as its page shows it: the card, then each section's heading (Markdown) and content."""
    parts = [render.plan_card(plan, collection)]
    for section in views.sections_view(plan.record()):
        if section["heading"]:
            parts.append(markdown.markdown(render.heading_markdown(section)))
        parts.append(render.section(section))
    return squeeze(pagetext.read("".join(parts)).text)


def article_text(html: str) -> str:
    """The text a reader sees in a built page's article (the plan, without the theme's menu, header and footer)."""
    start, end = html.find("<article"), html.rfind("</article>")
    assert 0 <= start < end, "no <article> in the page"
    return pagetext.read(html[start:end]).text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=plan_data())
def test_valid_plans_pass_read_back_as_written_and_show_every_text(tmp_path, data):
    collection = load_generated(tmp_path, page_text(data))
    plan = collection.plans["plans/generated-plan.md"]
    assert plan.record() == data
    assert plan.data == {key: value for key, value in data.items() if key != "sections"}
    shown = rendered(plan, collection)
    # The title is shown by the page template (checked in the build test below).
    for text in texts_in({k: v for k, v in shown_texts(data).items() if k != "title"}):
        assert squeeze(text) in shown, text


NO_HTML = "不能包含 HTML 标签、注释或 <! <? 写法（尖括号后面紧跟字母、/、! 或 ?）：请直接写文字"
MONTH = "月份只能是 1 到 12 的数字；原文写的“春季”“每学期”等请写在“时间”里"


def other_kindergarten(data: dict) -> str:
    return next(kid for kid in KINDERGARTENS if kid not in {p["kindergarten"] for p in data["parties"]})


# mutation → (the change, the field named, the start of its Chinese message); section changes are made to a
# section put first, so that its field is named the same whatever was generated.
MUTATIONS = {
    "months": (lambda d: d["sections"].insert(0, {"timetable": [{"when": "九月", "months": [13]}]}),
               "章节第1项 › 活动安排第1项 › 月份第1项（sections[0].timetable[0].months[0]）", f"{MONTH}，得到 13"),
    "season": (lambda d: d["sections"].insert(0, {"timetable": [{"when": "春季", "months": ["春季"]}]}),
               "章节第1项 › 活动安排第1项 › 月份第1项（sections[0].timetable[0].months[0]）", f'{MONTH}，得到 "春季"'),
    "unknown key": (lambda d: d.update(plan_year=2024), "", "未知字段 plan_year；可用的字段：标题（title）、网址名（slug）"),
    "old field": (lambda d: d.update(goals={"items": ["x"]}), "", "未知字段 goals；可用的字段：标题（title）"),
    "role": (lambda d: d["parties"][0].update(role="帮扶园"), "参与幼儿园第1项 › 角色（parties[0].role）", "只能是以下之一"),
    "title type": (lambda d: d.update(title=["a"]), "标题（title）", "应为文字，得到 列表"),
    "missing": (lambda d: d.pop("parties"), "参与幼儿园（parties）", "缺少必填字段 参与幼儿园（parties）"),
    "no sections": (lambda d: d.update(sections=[]), "章节（sections）", "不能为空，至少要写一项"),
    "kindergarten": (lambda d: d["parties"][1].update(kindergarten="nowhere"),
                     "参与幼儿园第2项 › 幼儿园编号（parties[1].kindergarten）", '未知的幼儿园编号 "nowhere"'),
    "author": (lambda d: d.update(author=other_kindergarten(d)), "撰写单位（author）", "撰写单位 \""),
    "html": (lambda d: d["sections"].insert(0, {"paragraphs": ["有<b>标签</b>的原则"]}),
             "章节第1项 › 段落第1项（sections[0].paragraphs[0]）", NO_HTML),
    "invisible": (lambda d: d["sections"].insert(0, {"signature": {"org": "某某\u202e幼儿园"}}),
                  "章节第1项 › 落款 › 落款单位（sections[0].signature.org）", "文字中有不可见的控制字符 U+202E，请删除"),
    "two contents": (lambda d: d["sections"].insert(0, {"paragraphs": ["甲"], "list": ["乙"]}),
                     "章节第1项（sections[0]）", "一节只能有一种内容"),
    "line break": (lambda d: d["sections"].insert(0, {"heading": "一、\n指导思想"}),
                   "章节第1项 › 标题（sections[0].heading）", "应为一行文字（不换行，两端不留空格，最长 200 个字）"),
    "long tag": (lambda d: d.update(tags=["标" * 21]), "标签第1项（tags[0]）", "标签最长 20 个字"),
}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=plan_data(), mutation=st.sampled_from(sorted(MUTATIONS)))
def test_mutated_plans_fail_naming_file_and_field(tmp_path, data, mutation):
    mutate, field, message = MUTATIONS[mutation]
    mutate(data)
    try:
        load_generated(tmp_path, page_text(data))
    except ContentError as error:
        messages = [str(p) for p in error.problems]
        named = f": {field}: {message}" if field else f": {message}"
        assert any(m.startswith(f"{FILE}:") and named in m for m in messages), messages
    else:
        raise AssertionError(f"{mutation} was not refused")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=plan_data())
def test_generated_plans_build_into_the_site(tmp_path_factory, data):
    project = copy_site(tmp_path_factory.mktemp("generated"))
    (project / "docs" / "plans" / "generated-plan.md").write_text(page_text(data), encoding="utf-8")
    result = run_build(project, project / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "out" / "plans" / "generated-plan" / "index.html").read_text(encoding="utf-8")
    shown = squeeze(article_text(html))
    for text in texts_in(shown_texts(data)):
        assert squeeze(text) in shown, text
