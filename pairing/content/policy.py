"""What a page may contain. Plans come from many kindergartens as pull requests, so a plan is data only: its
front matter, no body. The site's own pages may call the registered site macros with literal arguments, and no
value anywhere may hold template code."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from jinja2 import nodes

from .markup import markup_problems, text_problems
from .problems import Problem
from . import schema
from .schema import plan_schema

SITE_MACROS = {"plan_index": (), "kindergarten_index": (), "activity_calendar": (), "tag_index": (), "open_data": (),
               "field_reference": (), "starter_plan": (), "form_editor": ()}
# The site's own pages: the only pages besides plans that may call macros (SITE_MACROS) and that mkdocs-macros
# renders (they say `render_macros: true`). Any other page is text only.
SITE_PAGES = ("index.md", "kindergartens/index.md", "calendar.md", "tags.md", "open-data.md", "editing.md", "editor.md")
TEMPLATE_MARKS = ("{{", "{%", "{#")
# Template marks that would change the text around them: a comment, and whitespace control.
TEXT_CHANGING_MARKS = re.compile(r"\{#|\{\{-|-\}\}|\{%-|-%\}")
TEXT_CHANGING_MESSAGES = {"{#": "正文不能写 {# #}（模板注释会让其中的文字从页面上消失），请删除 {# 和 #}",
                          "{{": "正文中的 {{ }} 不能带减号（{{- 或 -}} 会删掉前后的换行）", "}}": "正文中的 {{ }} 不能带减号（{{- 或 -}} 会删掉前后的换行）",
                          "{%": "正文不能使用 {% %} 模板语句，只能调用网站的宏，如 {{ plan_index() }}",
                          "%}": "正文不能使用 {% %} 模板语句，只能调用网站的宏，如 {{ plan_index() }}"}
MAX_MARKS_REPORTED = 10


def plan_body_problems(body: str, file: str, body_line: int) -> list[Problem]:
    """A plan's page is its front matter: everything it says is in its sections, shown as written. Text after
    the second --- would be Markdown, which changes text (a line starting "1." becomes a list, *…* loses its
    stars), so a plan has none."""
    for number, line in enumerate(body.splitlines(), start=body_line):
        if line.strip():
            return [Problem(file, number, 1, "", "计划的全部内容都写在开头两行 --- 之间（章节 sections）；"
                                                 "第二行 --- 之后不能再写内容，请把这些文字移到相应的章节里")]
    return []


def body_problems(body: str, file: str, body_line: int, allowed: dict) -> tuple[list[tuple], list[Problem]]:
    """The macro calls in a page body, and a problem for anything else that is template code."""
    def at(lineno: int) -> int:
        return body_line + lineno - 1

    def line_of(index: int) -> int:
        return at(body.count("\n", 0, index) + 1)

    if "{" not in body and "}" not in body:
        return [], []
    # Why: Jinja drops a {# comment #} and the text inside it, and {{- -}} eats the line breaks around a call,
    # so the page would silently lose or join text.
    marks = [(m.start(), m.group()) for m in TEXT_CHANGING_MARKS.finditer(body)][:MAX_MARKS_REPORTED]
    if marks:
        return [], sorted({Problem(file, line_of(index), 1, "", TEXT_CHANGING_MESSAGES[mark[:2] if mark.startswith("{") else mark[-2:]])
                           for index, mark in marks})
    try:
        tree = jinja2.Environment().parse(body)
    except jinja2.TemplateSyntaxError as error:
        line = _unclosed_line(body, error.lineno or 1)
        return [], [Problem(file, at(line), 1, "", "正文中的 {{ }} 写法有误，请检查括号和引号是否成对")]
    except RecursionError:
        return [], [Problem(file, line_of(body.index("{")), 1, "", "正文中的 {{ }} 里括号嵌套太深，请检查是否误粘贴了内容")]
    calls, problems = [], []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            problems.append(Problem(file, at(node.lineno), 1, "", "正文不能使用 {% %} 模板语句，只能调用网站的宏，如 {{ plan_index() }}"))
            continue
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                # Why: a brace in the text is attribute syntax ({: #id onclick=… }, which Material's tags plugin
                # switches on for every page) or a {% raw %} block's content; plans need neither.
                brace = min((i for i in (child.data.find("{"), child.data.find("}")) if i >= 0), default=-1)
                if brace >= 0:
                    line = at(child.lineno) + child.data.count("\n", 0, brace)
                    problems.append(Problem(file, line, 1, "", "正文中不能出现 { 或 } 符号（宏调用 {{ }} 除外），请改用全角括号"))
                continue
            call, problem = _macro_call(child, allowed)
            if problem:
                problems.append(Problem(file, at(child.lineno), 1, "", problem))
            else:
                calls.append((call, at(child.lineno)))
    return calls, problems


def macros_for(src_uri: str) -> dict:
    """The macros a page may call: the site pages' listings, or none (plans have no body at all)."""
    return SITE_MACROS if src_uri in SITE_PAGES else {}


def page_front_matter_problems(source, file: str, src_uri: str) -> list[Problem]:
    """A page that is not a plan: only its title and search setting, and `render_macros` on the site's own pages."""
    data = source.data
    plan_keys = [key for key in data if key in plan_schema()["properties"] and key != "title"]
    # Why: a plan saved outside docs/plans/ would be published as a plain page with its fields missing.
    if plan_keys:
        return [Problem(file, *source.where_key((plan_keys[0],)), plan_keys[0],
                        "这个页面写了计划的字段：计划文件必须放在 docs/plans/ 文件夹里")]
    problems = schema.check(source, file, schema.subschema("page"))
    # Why: a page mkdocs-macros renders is a template; only the site's own pages may be one.
    if "render_macros" in data and src_uri not in SITE_PAGES:
        problems.append(Problem(file, *source.where_key(("render_macros",)), "render_macros",
                                "只有网站自己的页面（首页、幼儿园、活动日历、标签、开放数据、编辑指南、表单编辑器）可以使用宏"))
    return problems


def _macro_call(node: nodes.Node, allowed: dict) -> tuple[tuple | None, str]:
    if not allowed:
        return None, "这个页面不能使用 {{ }}：只有网站自己的页面可以调用宏"
    names = "、".join(f"{name}()" for name in allowed)
    rule = f"正文中的 {{{{ }}}} 只能调用这些宏，参数只能是写明的文字：{names}"
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
        return None, rule
    if node.node.name not in allowed:
        return None, f"不认识的宏 {node.node.name}()；{rule}"
    if node.kwargs or node.dyn_args or node.dyn_kwargs or not all(isinstance(a, nodes.Const) for a in node.args):
        return None, rule
    name, args = node.node.name, [a.value for a in node.args]
    if args:
        return None, f"{name}() 不需要参数"
    return (name, *args), ""


def _unclosed_line(body: str, reported: int) -> int:
    """Jinja notices a missing }} where the text ends; point at the line that opened it."""
    lines = body.splitlines()[:reported]
    for number in range(len(lines), 0, -1):
        line = lines[number - 1]
        if line.rfind("{{") > line.rfind("}}") or line.rfind("{%") > line.rfind("%}"):
            return number
    return reported


def front_matter_problems(source, file: str, root: dict | None = None) -> list[Problem]:
    """Template code in a value would be a template if anything ever rendered it; HTML and invisible characters
    are refused too, as written (raw) and as YAML decodes them (a "\u202e" escape)."""
    problems = []
    for path, raw in source.scalars.items():
        line, column = source.where(path)
        if any(mark in raw for mark in TEMPLATE_MARKS):
            problems.append(Problem(file, line, column, schema.field_label(path, root), "不能出现 {{、{% 或 {# 这样的模板代码"))
        for _, _, message in text_problems(raw):
            problems.append(Problem(file, line, column, schema.field_label(path, root), message))
    for path, value in _strings(source.data, ()):
        found = [message for _, _, message in text_problems(value)]
        # Why: YAML reads line breaks as \n; a carriage return comes only from a "\r" escape, and Markdown and
        # browsers would take it as a line break or a space that the text does not show.
        if "\r" in value:
            found.append("文字中有回车符（\\r），请删除；要分段请在冒号后写 | 再换行")
        for message in found:
            line, column = source.where(path)
            problems.append(Problem(file, line, column, schema.field_label(path, root), message))
    return sorted(set(problems))


def _strings(value, path: tuple):
    """Every text value in the data, with its path (as YAML decoded it: escapes resolved)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))


def body_markup_problems(body: str, file: str, body_line: int) -> list[Problem]:
    """Raw HTML passes through Markdown to the page: refuse what could run or mislead."""
    return [Problem(file, body_line + line - 1, column, "", message) for line, column, message in markup_problems(body)]


def no_symlinks(project_dir: Path, folders: list[Path]) -> list[Problem]:
    """A committed symlink could make the build read any file on the machine."""
    problems = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_symlink():
                shown = path.relative_to(project_dir).as_posix() if path.is_relative_to(project_dir) else path.name
                problems.append(Problem(shown, 1, 1, "", "不允许符号链接（symlink），请提交真实文件"))
    return problems
