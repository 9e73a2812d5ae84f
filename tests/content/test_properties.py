"""Property-based tests: generated plans, valid and mutated, through the same checks and templates
as the site. Valid plans pass and show every field; broken ones name the file; never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import copy_site, run_build
from pairing.content import plans, policy
from pairing.content.markup import TAG_START
from pairing.content.problems import ContentError
from pairing.site import pagetext, render
from pairing.site.pagetext import squeeze

ROOT = Path(__file__).resolve().parents[2]
CHARS = list("结对帮扶幼儿园计划教师月份活动送教下乡，。、；：“”《》()<>&\"'?!xX019 ")
# Text may hold < and & (shown escaped), but never the start of a tag: < followed by a letter, /, ! or ?
# (markup.TAG_START; a plan with one is refused, see MUTATIONS).
TEXT = st.text(alphabet=CHARS, min_size=1, max_size=24).map(str.strip).filter(bool).filter(lambda t: not TAG_START.search(t))
# Titles and tags may not hold < > & (Material prints them unescaped: see page_title in schema.yml); a tag is at
# most 20 characters.
TITLE = st.text(alphabet=[c for c in CHARS if c not in "<>&"], min_size=1, max_size=24).map(str.strip).filter(bool)
TAG = st.text(alphabet=[c for c in CHARS if c not in "<>&"], min_size=1, max_size=20).map(str.strip).filter(bool)
NUMBERING = st.sampled_from([None, "1、", "1.", "一、", "（一）", "A、", "①", "(1)", "一是"])
KINDERGARTENS = ["dongyuan", "xx-county-jiguan", "gaojian", "jinzhu", "z-town"]


def outlines(depth: int = 2):
    leaf = st.one_of(TEXT, st.fixed_dictionaries({}, optional={"heading": TEXT, "text": TEXT}).filter(bool))
    item = leaf if depth == 0 else st.one_of(leaf, st.fixed_dictionaries(
        {"heading": TEXT}, optional={"text": TEXT, "sub": st.deferred(lambda: outlines(depth - 1))}))
    return st.builds(lambda numbering, items: {**({"numbering": numbering} if numbering else {}), "items": items},
                     NUMBERING, st.lists(item, min_size=1, max_size=4))


ROWS = st.fixed_dictionaries(
    {"months": st.lists(st.integers(1, 12), min_size=1, max_size=2), "activities": outlines(1)},
    optional={"next_year": st.booleans(), "year_label": st.sampled_from(["xx", "XX"])})
MEMBERS = st.fixed_dictionaries({"role": st.sampled_from(["组长", "副组长", "组员", "成员"]), "name": TEXT},
                                optional={"duty": TEXT})


@st.composite
def plan_data(draw) -> dict:
    helping, helped = draw(st.lists(st.sampled_from(KINDERGARTENS), min_size=2, max_size=2, unique=True))
    data = {"title": draw(TITLE), "slug": "generated-plan",
            "parties": [{"kindergarten": helping, "role": "helping"}, {"kindergarten": helped, "role": "helped"}],
            "author": draw(st.sampled_from([helping, helped]))}
    optional = {"year": st.integers(1990, 2090), "guiding_ideology": st.lists(TEXT, min_size=1, max_size=2),
                "principles": st.lists(TEXT, min_size=1, max_size=2), "leadership": st.lists(MEMBERS, min_size=1, max_size=3),
                "goals": outlines(), "content": outlines(), "measures": outlines(), "organisation": outlines(),
                "status_analysis": st.fixed_dictionaries({"strengths": st.lists(TEXT, min_size=1, max_size=2)}, optional={"weaknesses": outlines(1)}),
                "schedule": st.lists(ROWS, min_size=1, max_size=4),
                "signature": st.fixed_dictionaries({"org": TEXT}, optional={"date": TEXT})}
    for key, strategy in optional.items():
        if draw(st.booleans()):
            data[key] = draw(strategy)
    data["tags"] = draw(st.lists(TAG, max_size=3, unique=True))
    return data


def body_for(data: dict) -> str:
    calls = []
    for key in data:
        for name, shows in policy.PLAN_MACROS.items():
            if isinstance(shows, str) and key in policy.fields_of_kind(shows):
                calls.append(f'{{{{ {name}("{key}") }}}}')
            elif not isinstance(shows, str) and key in shows:
                calls.append(f"{{{{ {name}() }}}}")
    return "正文。\n\n" + "\n\n".join(calls) + "\n"


def page_text(data: dict) -> str:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return f"---\n{front}---\n\n{body_for(data)}"


def texts_in(value) -> list[str]:
    """Every reader-facing string in a value (enum codes and numbers are shown as labels instead)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for k, v in value.items() if k not in ("numbering", "role", "kindergarten") for t in texts_in(v)]
    if isinstance(value, list):
        return [t for v in value for t in texts_in(v)]
    return []


def load_generated(tmp_path: Path, text: str):
    project = tmp_path / "p"
    if project.exists():
        shutil.rmtree(project)
    (project / "docs" / "plans").mkdir(parents=True)
    shutil.copytree(ROOT / "data", project / "data")
    (project / "docs" / "plans" / "generated-plan.md").write_text(text, encoding="utf-8")
    return plans.load(project, project / "docs", project / "data")


def rendered(plan, collection) -> str:
    parts = [render.plan_card(plan, collection)]
    for (name, *args), _ in policy.body_problems(plan.body, plan.file, plan.body_line, policy.PLAN_MACROS)[0]:
        parts.append(getattr(render, name)(plan, *args))
    return squeeze(pagetext.read("".join(parts)).text)


def article_text(html: str) -> str:
    """The text a reader sees in a built page's article (the plan, without the theme's menu, header and footer)."""
    start, end = html.find("<article"), html.rfind("</article>")
    assert 0 <= start < end, "no <article> in the page"
    return pagetext.read(html[start:end]).text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=plan_data())
def test_valid_plans_pass_and_show_every_field(tmp_path, data):
    collection = load_generated(tmp_path, page_text(data))
    plan = collection.plans["plans/generated-plan.md"]
    shown = rendered(plan, collection)
    # The title is shown by the page template (checked in the build test below).
    for text in texts_in({k: v for k, v in data.items() if k not in ("title", "slug", "author", "year", "parties")}):
        assert squeeze(text) in shown


# mutation → (the change, the field named, the start of its Chinese message)
MUTATIONS = {
    "months": (lambda d: d.setdefault("schedule", [{"months": [1], "activities": {"items": ["x"]}}])[0].update(months=[13]),
               "schedule[0].months[0]", "月份必须是 1–12 的整数，得到 13"),
    "unknown key": (lambda d: d.update(plan_year=2024), "plan_year", "未知字段 plan_year"),
    "role": (lambda d: d["parties"][0].update(role="帮扶园"), "parties[0].role", "只能是以下之一"),
    "title type": (lambda d: d.update(title=["a"]), "title", "应为文字，得到 列表"),
    "missing": (lambda d: d.pop("parties"), "parties", "缺少必填字段 parties"),
    "kindergarten": (lambda d: d["parties"][1].update(kindergarten="nowhere"), "parties[1].kindergarten", '未知的幼儿园编号 "nowhere"'),
    "html": (lambda d: d.update(principles=["有<b>标签</b>的原则"]), "principles[0]", "不能包含 HTML 标签、注释或 <! <? 写法"),
    "invisible": (lambda d: d.update(signature={"org": "某某\u202e幼儿园"}), "signature.org", "文字中有不可见的控制字符 U+202E，请删除"),
    "long tag": (lambda d: d.update(tags=["标" * 21]), "tags[0]", "标签最长 20 个字"),
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
        assert any(m.startswith("docs/plans/generated-plan.md:") and f": {field}: {message}" in m for m in messages), messages
    else:
        raise AssertionError(f"{mutation} was not refused")


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=plan_data())
def test_generated_plans_build_into_the_site(tmp_path_factory, data):
    project = copy_site(tmp_path_factory.mktemp("generated"))
    (project / "docs" / "plans" / "generated-plan.md").write_text(page_text(data), encoding="utf-8")
    result = run_build(project, project / "out")
    assert result.returncode == 0, result.stderr
    html = (project / "out" / "plans" / "generated-plan" / "index.html").read_text(encoding="utf-8")
    shown = squeeze(article_text(html))
    for text in texts_in({k: v for k, v in data.items() if k not in ("slug", "author", "year", "parties")}):
        assert squeeze(text) in shown
