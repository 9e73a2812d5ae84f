"""The attack corpus (issue 15, item 7; ported to the plan format of issue 16): what an attacker with only a pull
request would write, by class.

A plan is front matter only: every text it has (section headings, paragraphs, list markers, headings and texts,
timetable times, group members, the signature, the period, tags, titles) is escaped into the site's templates, and
a section heading becomes a Markdown heading with every ASCII punctuation mark written as a character reference
(pairing/site/render.py heading_markdown). So what used to be a plan body's Markdown is now delivered through
those fields, where it must be text; a plan body is refused whatever it holds.

Each case is one minimal edit of the real site (the valid plan tests/fixtures/base-plan.md saved as a new plan,
a seed plan, or one of the site's pages) that breaks exactly one rule, and says what must happen:

- REFUSED: `python -m pairing validate` and `mkdocs build --strict` both stop, naming the file and the line
  (`file:line:column: …`) with the expected Chinese message;
- ALLOWED: both accept it, and the published page shows the hostile text as written, as text (`shows`; a section
  heading (`heading`) also as the whole text of one heading element), and holds no script, no event handler
  attribute and no javascript:/data: URL (tests/attacks/test_attacks_build.py), and Chromium runs none of it
  (tests/attacks/test_attacks_browser.py);
- BOUNDED: no rule names this input (it only makes work); whatever the site does with it (refuse it with file and
  line, or publish a harmless page of sane size) it must do within the time bounds.

Every payload that could run sets `window.__pwned=1` (the browser test watches for it) or creates a file named
PWNED in the copy of the site (the build test looks for it).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The valid plan every case starts from (slug example-pairing). The starter file (pairing/content/starter_plan.md)
# is not a valid plan on purpose: its fields are left for the editor to fill in.
BASE = (ROOT / "tests" / "fixtures" / "base-plan.md").read_text(encoding="utf-8")

NEW_PLAN = "docs/plans/example-pairing.md"          # the base plan, saved as a contributor would
SEED = "docs/plans/dongyuan-pairing.md"             # a real plan already on the site
PAGE = "docs/sharing.md"                            # a page of the site that is not a plan and not a template
NOTES = "docs/kindergartens/notes.md"               # a new page (not_in_nav covers docs/kindergartens/**)
NOTES_TEXT = "---\ntitle: 活动笔记\n---\n\n# 活动笔记\n\n结对活动的笔记。\n"

REFUSED, ALLOWED, BOUNDED = "refused", "allowed", "bounded"

# The Chinese messages (a part of each that names the rule).
MACRO_RULE = "正文中的 {{ }} 只能调用这些宏"
STATEMENT = "正文不能使用 {% %} 模板语句"
UNKNOWN_MACRO = "不认识的宏"
NO_MACROS_HERE = "这个页面不能使用 {{ }}"
SITE_ONLY = "只有网站自己的页面"
FRONT_MATTER_TEMPLATE = "不能出现 {{、{% 或 {# 这样的模板代码"
PLAN_BODY = "第二行 --- 之后不能再写内容"           # policy.plan_body_problems
FILE_TYPE = "docs/ 下只能放页面（.md 文件）和图片"
FILE_NAME = "文件名只能由小写字母、数字和连字符组成"
FOLDER_NAME = "文件夹名只能由小写字母、数字和连字符组成"
HIDDEN_FILE = "不能提交隐藏文件"
NO_HTML = "不能包含 HTML 标签"
TITLE_CHARS = "不能含 <、> 或 & 符号"
UNKNOWN_FIELD = "未知字段"
ANCHORS = "锚点和别名"
TOO_DEEP_YAML = "层级太深"
TOO_DEEP_BRACES = "括号嵌套太深"
TOO_MANY_NODES = "内容太多"
TOO_MANY_BRACKETS = "方括号 [ 太多"
TOO_DEEP_INDENT = "缩进太深"
TOO_MANY_LINES = "正文太长"
TOO_BIG = "文件太大"
INVISIBLE = "不可见的控制字符"
OUTSIDE_PLANS = "计划文件必须放在 docs/plans/"
BRACES = "正文中不能出现 { 或 } 符号"
PLAN_SUBFOLDER = "计划文件要直接放在 docs/plans/ 下"
SYMLINK = "不允许符号链接"
NOT_UTF8 = "不是 UTF-8 编码"
LONG_TAG = "标签最长 20 个字"
LONG_SLUG = "最多 64 个字符"
LONG_KEY = "字段名太长"
YAML_ERROR = "格式错误"
NOT_SHOWN = "没有完整出现在页面"
# The YAML forms that would change a text without an error (content/yamlsource.py), and the field rules.
FLOW_TEXT = "一行 [ ] 或 { } 里的文字会在每个半角逗号处被拆开"
WRAPPED_TEXT = "这段文字分成了几行"
COMMENT_CUT = "和后面的文字会被当作注释丢掉"
ONE_LINE = "应为一行文字"
MARKER_RULE = "编号应为一小段文字"
DUPLICATE_KEY = "重复出现，只能写一次"
YEAR_RULE = "年份必须是四位数的公历年份"
SECTION_RULE = "应为"      # a section must be a mapping (schema.describe names what was written)


@dataclass(frozen=True)
class Edit:
    """Replace `old` by `new` in `path` (once; `old` must be there), or write `content` to `path` (a new file),
    or make `path` a symlink to `link`, or a folder (`folder`)."""
    path: str
    old: str | None = None
    new: str | None = None
    content: str | bytes | None = None
    link: str | None = None
    folder: bool = False

    def apply(self, project: Path) -> None:
        target = project / self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.folder:
            target.mkdir(parents=True, exist_ok=True)
        elif self.link is not None:
            os.symlink(self.link, target)
        elif self.content is not None:
            if isinstance(self.content, bytes):
                target.write_bytes(self.content)
            else:
                target.write_text(self.content, encoding="utf-8", newline="")
        else:
            text = target.read_text(encoding="utf-8")
            assert self.old in text, (self.path, self.old)
            target.write_text(text.replace(self.old, self.new, 1), encoding="utf-8", newline="")


@dataclass(frozen=True)
class Attack:
    name: str
    kind: int                     # the class, 1–6
    edits: tuple[Edit, ...]       # applied after plan_edits
    expect: str                   # REFUSED, ALLOWED or BOUNDED
    file: str = NEW_PLAN          # the file the message names (REFUSED) or whose page is checked (ALLOWED)
    needle: str | None = None     # text on the line the message points at (None: line 1; ANY_LINE: any line)
    message: str | None = None    # REFUSED: a part of the Chinese message (None: any message, at that line)
    shows: str | None = None      # ALLOWED: text the published page must show, as text
    heading: str | None = None    # ALLOWED: a section heading the page must show as the whole text of one heading
    note: str = ""
    plan_edits: tuple[tuple[str, str], ...] = ()   # (old, new) in the base plan, saved as NEW_PLAN

    def apply(self, project: Path) -> None:
        if self.plan_edits:
            Edit(NEW_PLAN, content=edited_plan(self.plan_edits)).apply(project)
        for edit in self.edits:
            edit.apply(project)

    def line(self, project: Path) -> int | None:
        """The 1-based line of `needle` in the attacked file as written (1 when there is no needle; None for any
        line)."""
        if self.needle is None:
            return 1
        if self.needle is ANY_LINE:
            return None
        text = (project / self.file).read_bytes().decode("utf-8", "replace")
        if self.needle is BODY:
            return text.split("\n").index("---", 1) + 2
        assert self.needle in text, (self.name, self.needle)
        return text[: text.index(self.needle)].count("\n") + 1


BODY = "<the first line of the body>"   # as a needle: the line after the front matter's closing ---
ANY_LINE = "<any line of the file>"      # as a needle: where the rule that refuses it is not decided yet


def edited_plan(changes) -> str:
    """The base plan with each (old, new) change made in turn (once each)."""
    text = BASE
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def Y(text: str) -> str:
    """A text as a YAML double-quoted scalar on one line (JSON's escapes are YAML's): what the text says, exactly,
    whatever marks it holds. Characters JSON leaves raw (bidi controls, C1 controls) stay raw in the file."""
    return json.dumps(text, ensure_ascii=False)


# Where the cases put their text in the base plan: each anchor is once in it, and each insertion keeps its anchor
# (so that the allowed cases can all be made in one plan: write_allowed).
TITLE = "title: 测试用结对帮扶计划"
SLUG_LINE = "slug: example-pairing\n"
AUTHOR = "author: plan1-author"
PERIOD = "  text: 2024年3月至2025年1月"
TAGS = "tags:\n  - 送教下乡\n  - 环境创设\n"
LAST_TAG = "  - 环境创设\n"
INTRO = "      - 为促进两园共同发展，我园与东苑幼儿园结对，特制定本计划。\n"
FIRST_HEADING = "  - heading: 一、指导思想\n"
ITEM_AFTER = "        text: 每学期送教两次。\n"                 # the goals list's first item
ROW_AFTER = "        text: 跨两个月的活动\n"                   # the timetable's last row
ROW_ITEM_AFTER = "            text: 第一项活动\n"              # the timetable's first row's first item
MEMBER_AFTER = "      - role: 成员：\n        name: xxx\n"      # the leadership group's last member
SIGNATURE = "  - signature:\n"
FIRST_ROW = "      - when: 九月份：\n"


def S(name: str, kind: int, old: str, new: str, expect: str, *, edits=(), **keywords) -> Attack:
    """A case that is the base plan with one change, saved as docs/plans/example-pairing.md."""
    return Attack(name, kind, tuple(edits), expect, plan_edits=((old, new),), **keywords)


def _field(name: str, kind: int, old: str, new: str, line: str, expect: str, text: str, keywords: dict) -> Attack:
    """A case whose text is a field written on `line` (its needle when refused; shown as written when allowed)."""
    if expect == REFUSED:
        keywords.setdefault("needle", line)
    elif expect == ALLOWED:
        keywords.setdefault("shows", text)
    return S(name, kind, old, new, expect, **keywords)


def P(name: str, kind: int, text: str, expect: str, **keywords) -> Attack:
    """The text as a paragraph of the plan's first section (a line break starts a paragraph of its own)."""
    line = f"      - {Y(text)}\n"
    return _field(name, kind, INTRO, INTRO + line, line, expect, text, keywords)


def H(name: str, kind: int, heading: str, expect: str, *, level: int | None = None, **keywords) -> Attack:
    """The text as the heading of a section of its own (the one text of a plan that becomes Markdown), with a
    paragraph; a published heading must be shown whole as one heading element, and in the table of contents."""
    line = f"  - heading: {Y(heading)}\n"
    section = line + (f"    level: {level}\n" if level else "") + "    paragraphs:\n      - 这一节的文字。\n"
    if expect == ALLOWED:
        keywords.setdefault("heading", heading)
    return _field(name, kind, FIRST_HEADING, section + FIRST_HEADING, line, expect, heading, keywords)


def L(name: str, kind: int, expect: str, *, marker: str | None = None, heading: str | None = None,
      text: str | None = None, in_row: bool = False, **keywords) -> Attack:
    """An item of the goals list (or, in_row, of the first timetable row's items) with this marker, heading or text;
    the first one given is the attack (its line the needle, its text what the page must show)."""
    indent = " " * (10 if in_row else 6)
    parts = [(key, value) for key, value in (("marker", marker), ("heading", heading), ("text", text)) if value is not None]
    lines = [f"{indent}{'- ' if i == 0 else '  '}{key}: {Y(value)}\n" for i, (key, value) in enumerate(parts)]
    anchor = ROW_ITEM_AFTER if in_row else ITEM_AFTER
    return _field(name, kind, anchor, anchor + "".join(lines), lines[0].strip().removeprefix("- "), expect, parts[0][1],
                  keywords)


def W(name: str, kind: int, expect: str, *, when: str = "十二月份：", text: str = "一项活动", attack: str = "when",
      **keywords) -> Attack:
    """A timetable row (dated: it is also on the activity calendar and in the plan's .ics) with this time and text;
    `attack` names which of them is the attack."""
    values = {"when": when, "text": text}
    row = f"      - when: {Y(when)}\n        year: 2024\n        months: [12]\n        text: {Y(text)}\n"
    return _field(name, kind, ROW_AFTER, ROW_AFTER + row, f"{attack}: {Y(values[attack])}", expect, values[attack],
                  keywords)


def WT(name: str, kind: int, text: str, expect: str, **keywords) -> Attack:
    """A timetable row whose text is the attack."""
    return W(name, kind, expect, text=text, attack="text", **keywords)


def G(name: str, kind: int, expect: str, *, role: str | None = None, name_: str = "某某", duty: str | None = None,
      attack: str = "name", **keywords) -> Attack:
    """A member of the leadership group (role, name and duty shown as one line, as written)."""
    values = {"role": role, "name": name_, "duty": duty}
    lines = "".join(f"{'      - ' if i == 0 else '        '}{key}: {Y(value)}\n"
                    for i, (key, value) in enumerate((k, v) for k, v in values.items() if v is not None))
    return _field(name, kind, MEMBER_AFTER, MEMBER_AFTER + lines, f"{attack}: {Y(values[attack])}", expect,
                  values[attack], keywords)


def SIG(name: str, kind: int, field: str, value: str, expect: str, **keywords) -> Attack:
    """A signature section of its own (before the plan's) with this org or date."""
    line = f"      {field}: {Y(value)}\n"
    return _field(name, kind, SIGNATURE, SIGNATURE + line + SIGNATURE, line.strip(), expect, value, keywords)


def T(name: str, kind: int, tag: str, expect: str, **keywords) -> Attack:
    """One more tag (every tag is a page and a link of the site)."""
    line = f"  - {Y(tag)}\n"
    return _field(name, kind, LAST_TAG, LAST_TAG + line, line.rstrip("\n"), expect, tag, keywords)


def B(name: str, kind: int, text: str, **keywords) -> Attack:
    """The base plan with `text` as a body after its front matter: refused whatever it holds (a plan is its
    front matter; text after it would be Markdown, or a template)."""
    keywords.setdefault("message", PLAN_BODY)
    return S(name, kind, BASE, BASE + text + "\n", REFUSED, needle=BODY, **keywords)


def plan_named(slug: str, old: str = "", new: str = "") -> str:
    """The base plan's text for a file named <slug>.md (its slug must be the file's name)."""
    text = BASE.replace(SLUG_LINE, f"slug: {slug}\n", 1)
    return text.replace(old, new, 1) if old else text


# As a needle: the first line of the body of docs/sharing.md (the blank line before its heading), where a
# problem of the whole body is reported.
PAGE_BODY = "\n# 分享计划"


def page_body(text: str, path: str = PAGE) -> Edit:
    """A paragraph added to a page of the site that is not a plan."""
    return Edit(path, "给结对园的老师看的几种分享方法：", f"给结对园的老师看的几种分享方法：\n\n{text}")


def page_front(line: str, path: str = PAGE) -> Edit:
    """A line added to the front matter of a page of the site that is not a plan."""
    return Edit(path, "title: 分享计划\n", f"title: 分享计划\n{line}\n")


GOALS_CALL = '{{ outline("goals") }}'
IDEOLOGY_CALL = '{{ paragraphs("guiding_ideology") }}'
LOL = '"lol","lol","lol","lol","lol","lol","lol","lol","lol"'
ALIAS_BOMB = (f"lol1: &a [{LOL}]\n" + "".join(f"lol{i}: &{c} [{','.join(['*' + p] * 9)}]\n"
                                           for i, (p, c) in enumerate(zip("abcdefgh", "bcdefghi"), start=2)))
# A word no page of the site has: the browser test searches for it to open the hostile page from the search box.
MARK = "攻击样本"
# Items nested 20 deep (YAML allows 12 levels): each level's marker names its depth.
DEEP_ITEMS = "".join(f"{' ' * (8 + 4 * depth)}items:\n{' ' * (10 + 4 * depth)}- marker: 层{depth}\n"
                     for depth in range(20))
ORIGINAL_TITLE_QUOTES = "'\" autofocus onfocus=\"window.__pwned=1"
# A heading of ASCII punctuation only: each mark is written as a character reference (five times its size).
PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

CASES: list[Attack] = [
    # ── 1. Code at build time ────────────────────────────────────────────────────────────────────────────────
    P("jinja-lipsum-globals", 1, "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}", REFUSED,
      message=FRONT_MATTER_TEMPLATE),
    L("jinja-for-loop", 1, REFUSED, text="{% for i in range(3) %}活动{% endfor %}", message=FRONT_MATTER_TEMPLATE),
    H("jinja-config", 1, "站点：{{ config }}", REFUSED, message=FRONT_MATTER_TEMPLATE),
    W("jinja-comment", 1, REFUSED, when="{# 审核时看得到，页面上没有 #}", message=FRONT_MATTER_TEMPLATE),
    B("jinja-whitespace-control", 1, '{{- paragraphs("guiding_ideology") -}}',
      note="the plan macros are gone: a body that calls one is refused as a body"),
    G("jinja-raw-block", 1, REFUSED, name_="{% raw %}{{ config }}{% endraw %}", message=FRONT_MATTER_TEMPLATE),
    B("jinja-macro-attribute", 1, "{{ outline.__globals__ }}\n\n" + GOALS_CALL),
    B("jinja-macro-filter-argument", 1, '{{ outline("goals"|attr("__class__")) }}'),
    SIG("jinja-site-macro-in-plan", 1, "date", "{{ plan_index() }}", REFUSED, message=FRONT_MATTER_TEMPLATE),
    B("plan-body-site-code", 1, "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}",
      note="a body is never rendered: refused before any template could see it"),
    L("jinja-in-marker", 1, REFUSED, marker="{{ 7*7 }}", text="条目", message=FRONT_MATTER_TEMPLATE),
    T("jinja-in-tag", 1, "{{ config }}", REFUSED, message=FRONT_MATTER_TEMPLATE),
    S("jinja-in-period", 1, PERIOD, "  text: '{% if true %}2024年{% endif %}'", REFUSED, needle="  text: '{%",
      message=FRONT_MATTER_TEMPLATE),
    # YAML's escapes (\x7B is "{") spell the marks only once the file is read.
    S("plan-template-escaped", 1, INTRO, INTRO + '      - "\\x7B\\x7B config \\x7D\\x7D"\n', REFUSED,
      needle='      - "\\x7B', message=FRONT_MATTER_TEMPLATE),
    *[Attack(f"page-extension-{suffix.strip('.').lower()}{'-upper' if suffix.isupper() else ''}", 1,
             (Edit(f"docs/plans/evil{suffix}", content=plan_named("evil", INTRO, INTRO + "      - '{{ config }}'\n")),),
             REFUSED, file=f"docs/plans/evil{suffix}", message=FILE_TYPE)
      for suffix in (".markdown", ".mdown", ".mkd", ".mkdn", ".MD")],
    Attack("file-name-with-braces", 1, (Edit("docs/{{ config }}.md", content=NOTES_TEXT + "{{ config }}\n"),), REFUSED,
           file="docs/{{ config }}.md", message=FILE_NAME),
    Attack("folder-name-with-braces", 1, (Edit("docs/{% raw %}/notes.md", content=NOTES_TEXT),), REFUSED,
           file="docs/{% raw %}", message=FOLDER_NAME),
    Attack("page-render-macros", 1,
           (Edit(NOTES, content=NOTES_TEXT.replace("title: 活动笔记\n", "title: 活动笔记\nrender_macros: true\n")),),
           REFUSED, file=NOTES, needle="render_macros", message=SITE_ONLY),
    Attack("page-macro-call", 1, (page_body("{{ plan_index() }}"),), REFUSED, file=PAGE, needle="{{ plan_index",
           message=NO_MACROS_HERE),
    Attack("site-page-code", 1, (Edit("docs/index.md", "{{ plan_index() }}", "{{ plan_index() }}\n\n{{ lipsum.__globals__ }}"),),
           REFUSED, file="docs/index.md", needle="{{ lipsum", message=MACRO_RULE),
    Attack("site-page-include", 1,
           (Edit("docs/tags.md", "{{ tag_index() }}", "{{ tag_index() }}\n\n{% include 'mkdocs.yml' %}"),),
           REFUSED, file="docs/tags.md", needle="{% include", message=STATEMENT),
    Attack("site-page-unknown-macro", 1, (Edit("docs/index.md", "{{ plan_index() }}", "{{ plan_index() }}\n\n{{ outline() }}"),),
           REFUSED, file="docs/index.md", needle="{{ outline", message=UNKNOWN_MACRO),
    S("front-matter-template-plan", 1, TITLE, "title: 某某幼儿园{{ config.site_name }}", REFUSED, needle="title:",
      message=FRONT_MATTER_TEMPLATE),
    Attack("front-matter-template-page", 1, (Edit(PAGE, "title: 分享计划", "title: 分享计划{% if true %}"),), REFUSED, file=PAGE,
           needle="title:", message=FRONT_MATTER_TEMPLATE),
    Attack("front-matter-template-escaped", 1,
           (Edit("docs/index.md", "title: 幼儿园结对帮扶计划", 'title: "幼儿园\\x7B\\x7B config.site_name \\x7D\\x7D"'),),
           REFUSED, file="docs/index.md", needle="title:", message=FRONT_MATTER_TEMPLATE),
    P("committed-cache", 1, "{{ config }}", REFUSED, message=FRONT_MATTER_TEMPLATE,
      edits=(Edit(".cache/plugin/macros/checked.json", content='{"docs/plans/example-pairing.md": "ok"}'),
             Edit(".cache/pairing/checked", content="example-pairing.md\n"))),
    Attack("cache-folder-in-docs", 1, (Edit("docs/.cache/notes.md", content=NOTES_TEXT),), REFUSED, file="docs/.cache",
           message=HIDDEN_FILE),

    # ── 2. Script on the live site ───────────────────────────────────────────────────────────────────────────
    P("cdata", 2, "<![CDATA[<script>window.__pwned=1</script>]]>", REFUSED, message=NO_HTML),
    H("abrupt-comment", 2, "<!--><img src=x onerror=window.__pwned=1>", REFUSED, message=NO_HTML),
    L("abrupt-comment-dash", 2, REFUSED, heading="<!---><img src=x onerror=window.__pwned=1>", message=NO_HTML),
    G("comment-bang-close", 2, REFUSED, duty="<!-- 注释 --!><img src=x onerror=window.__pwned=1>", attack="duty",
      message=NO_HTML),
    L("noscript", 2, REFUSED, text='<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></noscript>',
      message=NO_HTML),
    W("textarea", 2, REFUSED, when="<textarea></textarea><img src=x onerror=window.__pwned=1></textarea>", message=NO_HTML),
    G("xmp", 2, REFUSED, role="<xmp></xmp><img src=x onerror=window.__pwned=1></xmp>", attack="role", message=NO_HTML),
    SIG("svg-script", 2, "org", "<svg><script>window.__pwned=1</script></svg>", REFUSED, message=NO_HTML),
    S("uppercase-script", 2, PERIOD, f"  text: {Y('<SCRIPT>window.__pwned=1</SCRIPT>')}", REFUSED, needle="  text: \"<SCRIPT>",
      message=NO_HTML),
    WT("processing-instruction", 2, '<?xml-stylesheet href="javascript:window.__pwned=1"?>', REFUSED, message=NO_HTML),
    S("meta-refresh", 2, SLUG_LINE,
      SLUG_LINE + f"original_title: {Y('<meta http-equiv=refresh content=0;url=javascript:window.__pwned=1>')}\n",
      REFUSED, needle="original_title:", message=NO_HTML),
    Attack("page-template-redirect", 2, (page_front("template: redirect.html"),), REFUSED, file=PAGE, needle="template:",
           message=UNKNOWN_FIELD),
    Attack("page-location", 2, (page_front("location: javascript:window.__pwned=1"),), REFUSED, file=PAGE, needle="location:",
           message=UNKNOWN_FIELD),
    S("plan-title-tag", 2, TITLE, "title: 某某<img src=x onerror=window.__pwned=1>", REFUSED, needle="title:", message=NO_HTML),
    Attack("page-title-tag", 2, (Edit(PAGE, "title: 分享计划", "title: 分享</title><script>window.__pwned=1</script>"),), REFUSED,
           file=PAGE, needle="title:", message=NO_HTML),
    Attack("page-title-entity", 2, (Edit(PAGE, "title: 分享计划", "title: 分享&lt;script&gt;"),), REFUSED, file=PAGE,
           needle="title:", message=TITLE_CHARS),
    Attack("kindergarten-name-tag", 2, (Edit("data/kindergartens.yml", "  name: 东苑幼儿园\n",
                                             "  name: 东苑幼儿园<img src=x onerror=window.__pwned=1>\n"),),
           REFUSED, file="data/kindergartens.yml", needle="  name: 东苑幼儿园<", message=NO_HTML),
    Attack("html-file", 2, (Edit("docs/evil.html", content="<script>window.__pwned=1</script>\n"),), REFUSED,
           file="docs/evil.html", message=FILE_TYPE),
    Attack("js-file", 2, (Edit("docs/assets/evil.js", content="window.__pwned=1\n"),), REFUSED, file="docs/assets/evil.js",
           message=FILE_TYPE),
    Attack("svg-file", 2,
           (Edit("docs/plans/logo.svg", content='<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=1"/>'),),
           REFUSED, file="docs/plans/logo.svg", message=FILE_TYPE),
    Attack("html-disguised-as-png", 2, (Edit("docs/plans/logo.png", content="<script>window.__pwned=1</script>"),), REFUSED,
           file="docs/plans/logo.png", message="不是 .png 图片"),
    # The heading path: tags are refused as in any text…
    H("heading-img-onerror", 2, "标题<img src=x onerror=window.__pwned=1>", REFUSED, message=NO_HTML),
    H("heading-template-element", 2, "<template>我园不参加本次活动</template>", REFUSED, message=NO_HTML),
    # …and what the rules allow of markup is text: character references shown as typed (never decoded), quotes.
    H("heading-entity-markup", 2, f"{MARK}标题&lt;img src=x onerror=window.__pwned=1&gt;", ALLOWED,
      note="the heading's text is also the table of contents' and a search result's title (the theme's)"),
    H("heading-entity-script", 2, "&#60;script&#62;window.__pwned=1&#60;/script&#62;", ALLOWED, level=3,
      note="numeric references as typed: shown as &#60;…, not as <script>"),
    H("heading-double-encoded-entity", 2, "&amp;lt;img src=x onerror=window.__pwned=1&amp;gt;", ALLOWED, level=4),
    H("heading-autolink-quote", 2, '<https://example.org/"onmouseover="window.__pwned=1">', ALLOWED,
      note="an autolink is no tag to the rules; in a heading it is text, brackets and all"),
    # Allowed, and harmless: what looks like markup but is not HTML to the rules.
    P("autolink-quote", 2, f'{MARK}<https://example.org/"onmouseover="window.__pwned=1">', ALLOWED,
      note="the autolink exception (<https://…> with no space): plan text is not Markdown, so it is no link"),
    P("entity-encoded-markup", 2,
      f"{MARK}&lt;img src=x onerror=window.__pwned=1&gt; &#60;script&#62;window.__pwned=1&#60;/script&#62;", ALLOWED,
      note="shown as typed: the references are never decoded"),
    L("spaced-angle-brackets", 2, ALLOWED, text="< script>window.__pwned=1< /script>"),
    S("title-attribute-quotes", 2, TITLE, """title: '某某" onmouseover="window.__pwned=1" x="'""", ALLOWED,
      shows='某某" onmouseover="window.__pwned=1" x="', note="titles reach attributes (og:title, aria-label)"),
    S("original-title-quotes", 2, SLUG_LINE, SLUG_LINE + f"original_title: {Y(ORIGINAL_TITLE_QUOTES)}\n", ALLOWED,
      shows=ORIGINAL_TITLE_QUOTES),
    T("tag-attribute-quotes", 2, '"onclick="__pwned=1', ALLOWED, note="a tag is a file name and a link of the site"),
    S("period-entity-markup", 2, PERIOD, f"  text: {Y('&lt;b&gt;2024年&#60;/b&#62;')}", ALLOWED,
      shows="&lt;b&gt;2024年&#60;/b&#62;", note="the period is in the card, plans.json, the CSV and the editor"),
    G("member-attribute-quotes", 2, ALLOWED, role="组员：", name_='" onmouseover="window.__pwned=1" x="'),
    SIG("signature-entity", 2, "org", "&#x3C;script&#x3E;window.__pwned=1&#x3C;/script&#x3E;", ALLOWED),
    W("when-entity-markup", 2, ALLOWED, when="&lt;img src=x onerror=window.__pwned=1&gt;十二月",
      note="a row's time is on the page, the calendar and in the .ics"),
    L("marker-tag", 2, REFUSED, marker="<b>1、</b>", text="条目", message=NO_HTML),
    L("row-marker-tag", 2, REFUSED, marker="<svg/onload>", text="条目", in_row=True, message=NO_HTML),
    L("marker-entity", 2, ALLOWED, marker="&#60;b&#62;", text="条目", note="a marker is text, as typed"),
    L("marker-attribute-quotes", 2, ALLOWED, marker='1" onclick="', text="条目", in_row=True),
    P("gif-javascript-polyglot", 2, "![标志](logo.gif)", ALLOWED,
      edits=(Edit("docs/plans/logo.gif", content=b"GIF89a=1;window.__pwned=1;//" + bytes(16)),),
      note="a GIF that is also JavaScript: plan text is no Markdown, so no page shows it, not even as an image"),

    # ── 3. Handlers and javascript: links ────────────────────────────────────────────────────────────────────
    # Plan text is not Markdown: a link, an image or a reference definition is text, in every field.
    P("javascript-link", 3, "[点这里](javascript:window.__pwned=1)", ALLOWED),
    L("entity-javascript-link", 3, ALLOWED, text="[点这里](&#106;avascript:window.__pwned=1)"),
    WT("named-entity-colon-link", 3, "[点这里](javascript&colon;window.__pwned=1)", ALLOWED),
    G("tab-entity-link", 3, ALLOWED, role="成员：", duty="[点这里](java&#9;script:window.__pwned=1)", attack="duty"),
    SIG("uppercase-vbscript-link", 3, "date", "[点这里](VBScript:window.__pwned=1)", ALLOWED),
    P("data-image", 3, "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", ALLOWED),
    L("javascript-link-in-code-span", 3, ALLOWED, heading="`[点这里](javascript:window.__pwned=1)`", text="条目"),
    P("reference-javascript", 3, "[点这里][r]\n[r]: javascript:window.__pwned=1", ALLOWED,
      shows="[点这里][r] [r]: javascript:window.__pwned=1"),
    L("reference-next-line", 3, ALLOWED, text="[点这里][r]\n[r]:\n    javascript:window.__pwned=1",
      shows="javascript:window.__pwned=1"),
    P("reference-empty-label", 3, "[][]\n[]: javascript:window.__pwned=1", ALLOWED, shows="[]: javascript:window.__pwned=1"),
    W("reference-blank-label", 3, ALLOWED, when="[ ]: javascript:window.__pwned=1"),
    P("link-destination-next-line", 3, "[点这里](\njavascript:window.__pwned=1)", ALLOWED,
      shows="[点这里]( javascript:window.__pwned=1)"),
    P("attr-list-onclick", 3, '点这里\n{: onclick="window.__pwned=1" }', ALLOWED, shows='点这里 {: onclick="window.__pwned=1" }'),
    L("attr-list-href-override", 3, ALLOWED,
      text='[教育局通知](https://example.org/notice){: href="javascript:window.__pwned=1" }'),
    P("link-title-quote", 3, '[点这里](https://example.org "a\\" onmouseover=\\"window.__pwned=1")', ALLOWED),
    # The heading path: every ASCII mark is a character reference, so Markdown and attr_list see none of them.
    H("heading-javascript-link", 3, "[点这里](javascript:window.__pwned=1)", ALLOWED),
    H("backslash-in-scheme", 3, "[点这里](javascript\\:window.__pwned=1)", ALLOWED, level=3),
    H("heading-emphasis", 3, "*重点* 和 **粗体** 和 _斜体_ 和 __下划线__", ALLOWED),
    H("heading-backslash", 3, "C:\\new\\ 路径 \\*不是强调\\* 结尾\\", ALLOWED, level=4),
    H("heading-trailing-hashes", 3, "第一节 ##", ALLOWED, note="an ATX heading's closing #s would be dropped"),
    H("heading-leading-hash", 3, "# 不是一级标题", ALLOWED, level=3),
    H("heading-code-span", 3, "`code` 与 ``两个``", ALLOWED, level=4),
    H("attr-list-heading-onclick", 3, '标题 {: onclick="window.__pwned=1" }', ALLOWED),
    H("attr-list-heading-onmouseover", 3, "标题 {: onmouseover=window.__pwned=1 }", ALLOWED, level=3),
    H("attr-list-config-id", 3, "活动 {: #__config }", ALLOWED, level=4),
    H("heading-id-config", 3, "__config", ALLOWED, note="toc would give the heading the id of Material's __config script"),
    H("heading-id-search", 3, "__search", ALLOWED),
    # …and the plan page's own anchors: the share box (the link at the top of the page leads there) and the
    # timetable's rows (schedule.csv and the calendars link to #schedule-N).
    H("heading-id-share", 3, "share", ALLOWED, level=3, note="would take the id of the share box"),
    H("heading-id-share-title", 3, "Share Title", ALLOWED, level=4, note="would name the share box (aria-labelledby)"),
    H("heading-id-schedule-row", 3, "Schedule 1", ALLOWED, note="would take the id of the timetable's first row"),
    L("item-heading-link", 3, ALLOWED, heading="[通知](javascript:window.__pwned=1)：", text="条目"),
    L("marker-markdown-emphasis", 3, ALLOWED, marker="**1**、", text="条目"),
    # The home page's plan index reads window.pairingPlanIndex: an element with that id would stand in for it.
    Attack("attr-list-id-clobbering", 3,
           (Edit("docs/index.md", "{{ plan_index() }}", "说明\n{: #pairingPlanIndex }\n\n{{ plan_index() }}"),),
           REFUSED, file="docs/index.md", needle="{: #pairingPlanIndex", message=BRACES),
    Attack("page-javascript-link", 3, (page_body("[点这里](javascript:window.__pwned=1)"),), REFUSED, file=PAGE,
           needle="[点这里]", message="链接只能是 http、https、mailto 或站内页面"),

    # ── 4. Tracebacks and machine paths ──────────────────────────────────────────────────────────────────────
    P("bang-bracket-non-name", 4, "<![ 这是什么", REFUSED, message=NO_HTML),
    S("yaml-self-alias", 4, TAGS, "tags: &t\n  - 送教下乡\n  - *t\n", REFUSED, needle="tags:", message=ANCHORS),
    S("yaml-undefined-alias", 4, TAGS, "tags: *nothing\n", REFUSED, needle="tags:", message=ANCHORS),
    S("yaml-nested-brackets", 4, TAGS, "tags: " + "[" * 3000 + "]" * 3000 + "\n", REFUSED, needle="tags:",
      message=TOO_DEEP_YAML),
    P("jinja-nested-parentheses", 4, "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", REFUSED, message=FRONT_MATTER_TEMPLATE,
      note="never parsed: a field's template marks are refused as written"),
    Attack("jinja-nested-lists", 4, (page_body("{{ " + "[" * 150 + "]" * 150 + " }}"),), REFUSED, file=PAGE,
           needle="{{ [[[", message=TOO_DEEP_BRACES),
    S("long-chinese-tag", 4, LAST_TAG, "  - " + "环境创设" * 50 + "\n", REFUSED, needle="  - 环境创设环境创设",
      message=LONG_TAG),
    S("long-former-slug", 4, AUTHOR, f"{AUTHOR}\nformer_slugs:\n  - " + "a" * 300, REFUSED, needle="  - aaa",
      message=LONG_SLUG),
    S("long-kindergarten-id", 4, "  - kindergarten: plan1-author", "  - kindergarten: " + "x" * 300, REFUSED,
      needle="  - kindergarten: xxx", message="幼儿园编号"),
    S("long-field-name", 4, AUTHOR, f"{AUTHOR}\n" + "k" * 300 + ": 1", REFUSED, needle="kkk", message=LONG_KEY),
    Attack("page-key-plan-index", 4, (page_front("plan_index: 1"),), REFUSED, file=PAGE, needle="plan_index",
           message=UNKNOWN_FIELD),
    Attack("page-key-on-undefined", 4, (page_front("on_undefined: keep"),), REFUSED, file=PAGE, needle="on_undefined",
           message=UNKNOWN_FIELD),
    S("plan-key-render-macros", 4, AUTHOR, f"{AUTHOR}\nrender_macros: true", REFUSED, needle="render_macros",
      message=UNKNOWN_FIELD),
    S("plan-key-macros-setting", 4, AUTHOR, f"{AUTHOR}\nj2_variable_start_string: '[['", REFUSED, needle="j2_variable",
      message=UNKNOWN_FIELD),
    S("section-key-onclick", 4, FIRST_HEADING, FIRST_HEADING + "    onclick: window.__pwned=1\n", REFUSED,
      needle="    onclick:", message=UNKNOWN_FIELD),
    S("section-as-text", 4, FIRST_HEADING, "  - 一、指导思想\n" + FIRST_HEADING, REFUSED, needle="  - 一、指导思想\n",
      message=SECTION_RULE),
    S("row-huge-year", 4, "        year: 2024\n        months: [10, 11]", "        year: " + "9" * 400 + "\n        months: [10, 11]",
      REFUSED, needle="        year: 999", message=YEAR_RULE, note="a year that would overflow a date"),
    # A value that breaks a rule is quoted back in the message (得到 "…"): as written, it must not forge a line
    # of the report nor reach the terminal as an escape sequence.
    H("message-forges-report-line", 4, "第一节\n检查了全部计划和数据文件，没有发现问题。", REFUSED, message=ONE_LINE),
    H("message-terminal-escape", 4, "\x1b[2J\x1b[31m第一节 ", REFUSED, message=INVISIBLE),
    # A file the engine names specially (index.md is the folder's page), and a page where the site generates one:
    # validate must refuse what the build refuses, naming the file.
    Attack("plan-named-index", 4, (Edit("docs/plans/index.md", content=plan_named("index")),), REFUSED,
           file="docs/plans/index.md", needle=ANY_LINE, message=None,
           note="published at plans/ instead of plans/index/: the build's link audit fails, naming built files"),
    Attack("page-named-like-kindergarten-page", 4, (Edit("docs/kindergartens/dongyuan.md", content=NOTES_TEXT),), REFUSED,
           file="docs/kindergartens/dongyuan.md", needle=ANY_LINE, message="同名",
           note="the page the plugin generates for the kindergarten dongyuan is kindergartens/dongyuan/"),
    Attack("plan-in-subfolder", 4, (Edit("docs/plans/2024/example-pairing.md", content=BASE),), REFUSED,
           file="docs/plans/2024/example-pairing.md", message=PLAN_SUBFOLDER),
    S("yaml-python-tag", 4, TITLE, 'title: !!python/object/apply:os.system ["touch PWNED"]', REFUSED, needle="title:",
      message=YAML_ERROR),
    S("yaml-number-key", 4, AUTHOR, f"{AUTHOR}\n1: 一", REFUSED, needle="1: 一", message=UNKNOWN_FIELD),
    S("yaml-list-key", 4, AUTHOR, f"{AUTHOR}\n? [a, b]\n: c", REFUSED, needle="? [a, b]", message=YAML_ERROR),
    Attack("page-number-key", 4, (page_front("2024: 一"),), REFUSED, file=PAGE, needle="2024: 一", message=UNKNOWN_FIELD),
    Attack("not-utf8", 4, (Edit(NEW_PLAN, content=BASE.encode("utf-8").replace("为促".encode(), b"\xff\xfe")),), REFUSED,
           needle="\ufffd", message=NOT_UTF8),
    Attack("file-name-not-utf8", 4, (Edit("docs/plans/evil-\udcff.md", content=plan_named("evil")),), REFUSED,
           file="docs/plans/evil-", message=FILE_NAME, note="a file name that is not UTF-8 (bytes from another system)"),
    Attack("file-name-terminal-escape", 4, (Edit("docs/plans/evil\x1b[2J\x1b[31m.md", content=plan_named("evil")),), REFUSED,
           file="docs/plans/evil", message=FILE_NAME, note="an ANSI escape in a file name must not reach the terminal raw"),
    Attack("file-name-newline", 4, (Edit("docs/plans/evil\n检查了全部计划和数据文件，没有发现问题。.md", content=plan_named("evil")),),
           REFUSED, file="docs/plans/evil", message=FILE_NAME,
           note="a line break in a file name must not forge a line of the report"),
    Attack("folder-named-md", 4, (Edit("docs/plans/evil.md", folder=True),), REFUSED, file="docs/plans/evil.md",
           message=FOLDER_NAME),
    Attack("symlink-to-system-file", 4, (Edit("docs/plans/evil-pairing.md", link="/etc/passwd"),), REFUSED,
           file="docs/plans/evil-pairing.md", message=SYMLINK),
    Attack("symlink-to-root", 4, (Edit("docs/kindergartens/root", link="/"),), REFUSED, file="docs/kindergartens/root",
           message=SYMLINK),

    # ── 5. Resource exhaustion ───────────────────────────────────────────────────────────────────────────────
    S("yaml-alias-bomb", 5, AUTHOR, f"{AUTHOR}\n{ALIAS_BOMB}", REFUSED, needle="lol1:", message=ANCHORS,
      note=f"{len(ALIAS_BOMB.encode())} bytes standing for 9^9 strings"),
    P("many-a-tags", 5, "<a " * 24_000, REFUSED, message=NO_HTML),
    P("many-brackets", 5, "[" * 4_999, BOUNDED, note="no Markdown reads plan text: 5,000 [ are text"),
    Attack("many-brackets-page", 5, (page_body("[" * 20_000),), REFUSED, file=PAGE, needle=PAGE_BODY,
           message=TOO_MANY_BRACKETS, note="a page of the site is Markdown: its link patterns are quadratic in ["),
    S("deep-list", 5, ITEM_AFTER, ITEM_AFTER + DEEP_ITEMS, REFUSED, needle="marker: 层3\n", message=TOO_DEEP_YAML,
      note="items nested 20 deep"),
    B("deep-list-tabs", 5, "".join("\t" * depth + "- 一项\n" for depth in range(100))),
    Attack("deep-list-page", 5, (page_body("".join("  " * depth + "- 一项\n" for depth in range(200))),), REFUSED,
           file=PAGE, needle="  " * 17 + "- 一项", message=TOO_DEEP_INDENT),
    S("many-tags", 5, TAGS, "tags:\n" + "".join(f"  - t{i}\n" for i in range(19_000)), BOUNDED,
      note="every tag is a page of the site: one plan would make 19,000 pages"),
    S("yaml-many-nodes", 5, TAGS, "tags: [" + ", ".join(f"t{i}" for i in range(25_000)) + "]\n", REFUSED, needle="tags:",
      message=TOO_MANY_NODES),
    P("page-too-large", 5, "很长的文字。" * 50_000, REFUSED, needle=None, message=TOO_BIG),
    P("deep-blockquote", 5, ">" * 4_990 + " 引用", BOUNDED),
    S("many-identical-headings", 5, FIRST_HEADING, "  - heading: a\n" * 194 + FIRST_HEADING, BOUNDED,
      note="as many sections as a plan may have, every heading the same (each needs an anchor of its own)"),
    S("too-many-sections", 5, FIRST_HEADING, "  - heading: a\n" * 15_000 + FIRST_HEADING, BOUNDED,
      note="225 KB, under the 256 KB page limit: 15,000 headings"),
    S("heading-punctuation-amplification", 5, FIRST_HEADING,
      f"  - heading: {Y((PUNCTUATION * 7)[:200])}\n" * 194 + FIRST_HEADING, BOUNDED,
      note="each heading's 200 marks become 1,000 characters of references, in the page and its table of contents"),
    S("timetable-amplification", 5, ROW_AFTER, ROW_AFTER + "".join(
        f"      - when: 第{i}行\n        year: 2024\n        months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]\n"
        f"        text: {'活动内容。' * 150}\n" for i in range(98)), BOUNDED,
      note="240 KB: each of 100 rows in every month of the calendar and the .ics"),
    B("many-macro-calls", 5, f"{GOALS_CALL}\n" * 9_000, note="was: each call repeated the goals on the page"),
    B("macro-amplification", 5, f"{GOALS_CALL}\n" * 500),
    B("setext-heading-chain", 5, "a\n-\n" * 25_000, note="100 KB: Markdown's setext parser, if a body were Markdown"),
    Attack("horizontal-rule-lines", 5, (page_body("---\n" * 25_000),), REFUSED, file=PAGE, needle=PAGE_BODY, message=TOO_MANY_LINES,
           note="100 KB of a page of the site, under the 256 KB limit"),

    # ── 6. Lost or disguised content ─────────────────────────────────────────────────────────────────────────
    P("template-comment-hides-text", 6, "{# 我园不参加本次活动 #}", REFUSED, message=FRONT_MATTER_TEMPLATE),
    L("div-hidden", 6, REFUSED, text="<div hidden>我园不参加本次活动</div>", message=NO_HTML),
    SIG("template-element", 6, "date", "<template>我园不参加本次活动</template>", REFUSED, message=NO_HTML),
    B("html-comment-around-macro", 6, f"<!--\n{GOALS_CALL}\n-->"),
    P("bidi-override-entity", 6, "活动时间：&#x202E;月9年4202", REFUSED, message=INVISIBLE),
    W("bidi-override-raw", 6, REFUSED, when="活动时间：\u202e月9年4202", message=INVISIBLE),
    S("bidi-override-yaml-escape", 6, TITLE, 'title: "某某幼儿园\\u202E划计扶帮对结"', REFUSED, needle="title:", message=INVISIBLE),
    G("c1-control-raw", 6, REFUSED, name_="活动\u0085时间\u009b31m", message=INVISIBLE),
    SIG("zero-width-entity", 6, "org", "东&#8203;苑幼儿园", REFUSED, message=INVISIBLE),
    H("heading-line-separator", 6, "第一节\u2028我园不参加本次活动", REFUSED, message=INVISIBLE),
    H("heading-line-break", 6, "第一节\n## 我园不参加本次活动", REFUSED, message=ONE_LINE),
    # A carriage return is a line break to Markdown (not to YAML's `line` rule): the rest of the heading would
    # leave it, as a paragraph or (indented) a code block.
    H("heading-carriage-return", 6, "一、指导思想\r    我园不参加本次活动", REFUSED, message=None,
      note="refused, or shown whole as the heading: either is fine, a heading cut in two is not"),
    Attack("plan-outside-plans", 6, (Edit("docs/example-pairing.md", content=BASE),), REFUSED, file="docs/example-pairing.md",
           needle="slug:", message=OUTSIDE_PLANS),
    Attack("plan-in-kindergartens", 6, (Edit("docs/kindergartens/example-pairing.md", content=BASE),), REFUSED,
           file="docs/kindergartens/example-pairing.md", needle="slug:", message=OUTSIDE_PLANS),
    # A reference definition never shows in Markdown: in a plan it is text, and shows.
    P("markdown-comment-hides-text", 6, "[//]: # (我园不参加本次活动)", ALLOWED),
    L("link-title-hides-text", 6, ALLOWED, text='[备注]: https://example.org "我园不参加本次活动"'),
    B("reference-definition-around-macro", 6, f"[//]: # ({IDEOLOGY_CALL})"),
    B("macro-in-code-span", 6, "`{{ schedule_table() }}`"),
    B("plan-body-hides-text", 6, "我园不参加本次活动", note="a body is never shown: refused, not lost"),
    # YAML forms that would give back another text than the one written, without an error.
    S("yaml-comment-cuts-text", 6, INTRO, INTRO + "      - 活动照常进行 #我园不参加本次活动\n", REFUSED,
      needle="      - 活动照常进行", message=COMMENT_CUT),
    S("flow-list-splits-text", 6, TAGS, "tags: [送教下乡, 环境创设]\n", REFUSED, needle="tags:", message=FLOW_TEXT),
    S("flow-list-splits-items", 6, ITEM_AFTER, ITEM_AFTER + "      - items: [我园参加, 但不出人]\n", REFUSED,
      needle="      - items: [", message=FLOW_TEXT),
    S("wrapped-text-gains-spaces", 6, INTRO, INTRO + "      - 我园与东苑幼儿园\n        结对。\n", REFUSED,
      needle="      - 我园与东苑幼儿园\n", message=WRAPPED_TEXT),
    S("folded-text", 6, INTRO, INTRO + "      - >\n        第一行\n        第二行\n", REFUSED, needle="      - >\n",
      message=WRAPPED_TEXT),
    S("duplicate-key-loses-text", 6, "        heading: 教育教学指导：\n",
      "        heading: 教育教学指导：\n        heading: 我园不参加本次活动\n", REFUSED, needle="        heading: 我园不参加",
      message=DUPLICATE_KEY),
]

CLASSES = {1: "code at build time", 2: "script on the live site", 3: "handlers and javascript: links",
           4: "tracebacks and machine paths", 5: "resource exhaustion", 6: "lost or disguised content"}


def allowed_cases() -> list[Attack]:
    """The cases whose content the site publishes (hostile, but text once published): all on one plan page."""
    return [case for case in CASES if case.expect == ALLOWED and case.file == NEW_PLAN]


def write_allowed(project: Path, cases: list[Attack] | None = None) -> None:
    """Allowed cases at once (all of them by default): the base plan with all their changes, and their files."""
    cases = allowed_cases() if cases is None else cases
    Edit(NEW_PLAN, content=edited_plan([change for case in cases for change in case.plan_edits])).apply(project)
    for case in cases:
        for edit in case.edits:
            edit.apply(project)
