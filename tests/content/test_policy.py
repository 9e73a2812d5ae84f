"""Unit tests of what a page may contain: a plan is its front matter only, with no body; the site's own pages call
the site's macros with literal arguments, and nothing else; and names that must never collide."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pairing.content import policy
from pairing.content.schema import plan_schema

PLAN_BODY = ("计划的全部内容都写在开头两行 --- 之间（章节 sections）；"
             "第二行 --- 之后不能再写内容，请把这些文字移到相应的章节里")
NO_STATEMENTS = "正文不能使用 {% %} 模板语句，只能调用网站的宏，如 {{ plan_index() }}"


def calls_and_problems(body, allowed=policy.SITE_MACROS):
    calls, problems = policy.body_problems(body, "docs/index.md", 10, allowed)
    return [c for c, _ in calls], [str(p) for p in problems]


def test_registered_macros_with_literal_arguments_are_allowed():
    calls, problems = calls_and_problems("前言\n\n{{ plan_index() }}\n\n{{ tag_index() }}\n")
    assert problems == []
    assert calls == [("plan_index",), ("tag_index",)]


def test_raw_blocks_are_refused_their_braces_would_be_text():
    # A raw block's markers would vanish from the page; its content is text with braces, which is refused.
    calls, problems = calls_and_problems("{% raw %}{{ config }}{% endraw %}")
    assert calls == [] and [p.split(": ")[-1] for p in problems] == ["正文中不能出现 { 或 } 符号（宏调用 {{ }} 除外），请改用全角括号"]


@pytest.mark.parametrize("body, line, message", [
    ("a\n{{ config }}", 11, "正文中的 {{ }} 只能调用这些宏"),
    ("{{ lipsum() }}", 10, "不认识的宏 lipsum()"),
    ("a\n\n{% if true %}x{% endif %}", 12, NO_STATEMENTS),
    ("a\n{{ plan_index(1) }}", 11, "plan_index() 不需要参数"),
    ('{{ plan_index("goals") }}', 10, "plan_index() 不需要参数"),
    ("a\n{{ oops\nb\nc", 11, "正文中的 {{ }} 写法有误，请检查括号和引号是否成对"),
    # A template comment hides its text, and whitespace control joins lines: the page would silently change.
    ("a\n\n前{# 注释 #}后", 12, "正文不能写 {# #}（模板注释会让其中的文字从页面上消失），请删除 {# 和 #}"),
    ("{# 只有开头", 10, "正文不能写 {# #}（模板注释会让其中的文字从页面上消失），请删除 {# 和 #}"),
    ("a\n{{- plan_index() }}", 11, "正文中的 {{ }} 不能带减号（{{- 或 -}} 会删掉前后的换行）"),
    ("a\nb\n{{ plan_index() -}}", 12, "正文中的 {{ }} 不能带减号（{{- 或 -}} 会删掉前后的换行）"),
    ("{%- if true %}x{% endif %}", 10, NO_STATEMENTS),
    # The macros plans used to call are not site macros.
    ('{{ outline("goals") }}', 10, "不认识的宏 outline()"),
    ("{{ schedule_table() }}", 10, "不认识的宏 schedule_table()"),
])
def test_anything_else_is_refused_at_its_line(body, line, message):
    _, problems = calls_and_problems(body)
    assert len(problems) == 1
    assert problems[0].startswith(f"docs/index.md:{line}:1: {message}")


def test_a_page_that_is_not_a_site_page_may_call_no_macro():
    allowed = policy.macros_for("about.md")
    assert allowed == {}
    _, problems = calls_and_problems("关于本站\n\n{{ plan_index() }}\n", allowed)
    assert problems == ["docs/index.md:12:1: 这个页面不能使用 {{ }}：只有网站自己的页面可以调用宏"]


def test_the_site_pages_call_the_site_macros_and_plans_none():
    for page in policy.SITE_PAGES:
        assert policy.macros_for(page) is policy.SITE_MACROS
    assert policy.macros_for("plans/x.md") == {}
    calls, problems = calls_and_problems("{{ plan_index() }}", policy.SITE_MACROS)
    assert (calls, problems) == ([("plan_index",)], [])


@pytest.mark.parametrize("body, line", [
    ("正文\n", 30),
    ("\n\n## 三、工作目标\n\n{{ outline(\"goals\") }}\n", 32),
    ("  \n\t\n<b>x</b>", 32),
    ("{# 注释 #}", 30),
])
def test_a_plan_body_is_refused_at_its_first_line_of_text(body, line):
    assert [str(p) for p in policy.plan_body_problems(body, "docs/plans/x.md", 30)] == [f"docs/plans/x.md:{line}:1: {PLAN_BODY}"]


@pytest.mark.parametrize("body", ["", "\n", "\n\n  \n\t\n"])
def test_a_plan_may_end_with_blank_lines(body):
    assert policy.plan_body_problems(body, "docs/plans/x.md", 30) == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="文字 \n\r\t-#*{}%<>", max_size=16))
def test_a_plan_body_passes_only_when_it_is_blank(body):
    # Nothing a plan's body could say reaches its page: it is refused unless it is empty or blank lines.
    problems = policy.plan_body_problems(body, "docs/plans/x.md", 30)
    assert bool(problems) == any(line.strip() for line in body.splitlines())


def test_no_front_matter_field_shares_a_name_with_a_macro():
    names = set(policy.SITE_MACROS) | {"context", "macros_info", "now", "fix_url"}
    assert set(plan_schema()["properties"]).isdisjoint(names)
    assert set(plan_schema()["$defs"]["section"]["properties"]).isdisjoint(names)


@pytest.mark.parametrize("body", ["{{ plan_index(x) }}", "{% if a %}x{% endif %}", "{{ plan.title }}", '{{ plan_index(field="goals") }}',
                                  "{# 注释 #}", "{{- plan_index() -}}"])
def test_anything_but_literal_calls_of_site_macros_is_refused(body):
    _, problems = calls_and_problems(body)
    assert problems, body
