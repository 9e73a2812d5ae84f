"""Unit tests of what a page body may contain, and of names that must never collide."""

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairing.content import policy
from pairing.content.schema import plan_schema


def calls_and_problems(body, allowed=policy.PLAN_MACROS):
    calls, problems = policy.body_problems(body, "docs/plans/x.md", 10, allowed)
    return [c for c, _ in calls], [str(p) for p in problems]


def test_registered_macros_with_literal_arguments_are_allowed():
    calls, problems = calls_and_problems('前言\n\n{{ outline("measures") }}\n\n{{ schedule_table() }}\n')
    assert problems == []
    assert calls == [("outline", "measures"), ("schedule_table",)]


def test_raw_blocks_are_refused_their_braces_would_be_text():
    # A raw block's markers would vanish from the page; its content is text with braces, which is refused.
    calls, problems = calls_and_problems("{% raw %}{{ config }}{% endraw %}")
    assert calls == [] and [p.split(": ")[-1] for p in problems] == ["正文中不能出现 { 或 } 符号（宏调用 {{ }} 除外），请改用全角括号"]


@pytest.mark.parametrize("body, line, message", [
    ("a\n{{ config }}", 11, "正文中的 {{ }} 只能调用这些宏"),
    ("{{ lipsum() }}", 10, "不认识的宏 lipsum()"),
    ("a\n\n{% if true %}x{% endif %}", 12, "正文不能使用 {% %} 模板语句"),
    ("a\n{{ schedule_table(1) }}", 11, "schedule_table() 不需要参数"),
    ('{{ paragraphs("goals") }}', 10, "paragraphs() 需要一个字段名，可用：guiding_ideology、principles"),
    ("a\n{{ oops\nb\nc", 11, "正文中的 {{ }} 写法有误"),
    # A template comment hides its text, and whitespace control joins lines: the page would silently change.
    ("a\n\n前{# 注释 #}后", 12, "正文不能写 {# #}（模板注释会让其中的文字从页面上消失），请删除 {# 和 #}"),
    ("{# 只有开头", 10, "正文不能写 {# #}（模板注释会让其中的文字从页面上消失），请删除 {# 和 #}"),
    ("a\n{{- schedule_table() }}", 11, "正文中的 {{ }} 不能带减号（{{- 或 -}} 会删掉前后的换行）"),
    ("a\nb\n{{ schedule_table() -}}", 12, "正文中的 {{ }} 不能带减号（{{- 或 -}} 会删掉前后的换行）"),
    ("{%- if true %}x{% endif %}", 10, "正文不能使用 {% %} 模板语句，只能调用计划宏，如 {{ schedule_table() }}"),
])
def test_anything_else_is_refused_at_its_line(body, line, message):
    _, problems = calls_and_problems(body)
    assert len(problems) == 1
    assert problems[0].startswith(f"docs/plans/x.md:{line}:1: {message}")


def test_a_page_that_is_neither_a_plan_nor_a_site_page_may_call_no_macro():
    allowed = policy.macros_for("about.md", is_plan=False)
    assert allowed == {}
    _, problems = calls_and_problems("关于本站\n\n{{ plan_index() }}\n", allowed)
    assert problems == ["docs/plans/x.md:12:1: 这个页面不能使用 {{ }}：只有计划页面和网站自己的页面可以调用宏"]


def test_plans_call_plan_macros_and_the_site_pages_site_macros():
    assert policy.macros_for("plans/x.md", is_plan=True) is policy.PLAN_MACROS
    for page in policy.SITE_PAGES:
        assert policy.macros_for(page, is_plan=False) is policy.SITE_MACROS
    calls, problems = calls_and_problems("{{ plan_index() }}", policy.SITE_MACROS)
    assert (calls, problems) == ([("plan_index",)], [])
    _, problems = calls_and_problems("{{ plan_index() }}")
    assert problems and "不认识的宏 plan_index()" in problems[0]


def test_no_front_matter_field_shares_a_name_with_a_macro():
    names = set(policy.PLAN_MACROS) | set(policy.SITE_MACROS) | {"context", "macros_info", "now", "fix_url"}
    assert set(plan_schema()["properties"]).isdisjoint(names)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="文字 \n\r\t-#*}%", max_size=8),
                          st.sampled_from(['{{ outline("goals") }}', "{{ schedule_table() }}", '{{paragraphs("x", 2)}}',
                                           "{# 注释 #}"])),
                max_size=8))
def test_body_parts_render_as_jinja_renders_the_body(pieces):
    body = "".join(pieces)
    environment = jinja2.Environment()
    macros = {name: (lambda *args, _name=name: f"<{_name}{args}>") for name in ("outline", "schedule_table", "paragraphs")}
    parts = policy.body_parts(body)
    assert "".join(p if isinstance(p, str) else macros[p[0]](*p[1:]) for p in parts) == environment.from_string(body).render(**macros)


def test_body_parts_are_the_text_and_the_literal_calls():
    assert policy.body_parts('前言\n{{ outline("goals") }}\n后记\n') == ["前言\n", ("outline", "goals"), "\n后记"]
    assert policy.body_parts("{{ schedule_table() }}") == [("schedule_table",)]


@pytest.mark.parametrize("body", ["{{ outline(x) }}", "{% if a %}x{% endif %}", "{{ plan.title }}", '{{ outline(field="goals") }}',
                                  "{# 注释 #}", "{{- schedule_table() -}}"])
def test_a_body_with_anything_but_literal_calls_never_reaches_body_parts(body):
    # body_parts reads only checked bodies: anything it could not split is refused by the checks first.
    _, problems = calls_and_problems(body)
    assert problems, body
