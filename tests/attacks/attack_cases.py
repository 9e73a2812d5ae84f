"""The attack corpus (issue 15, item 7): what an attacker with only a pull request would write, by class.

Each case is one minimal edit of the real site (the starter plan saved as a new plan, a seed plan, or one of
the site's pages) that breaks exactly one rule, and says what must happen:

- REFUSED: `python -m pairing validate` and `mkdocs build --strict` both stop, naming the file and the line
  (`file:line:column: …`) with the expected Chinese message;
- ALLOWED: both accept it, and the published page shows the hostile text as text (`shows`) and holds no script,
  no event handler attribute and no javascript:/data: URL (tests/attacks/test_attacks_build.py), and Chromium
  runs none of it (tests/attacks/test_attacks_browser.py);
- BOUNDED: no rule names this input (it only makes work); whatever the site does with it (refuse it with file and
  line, or publish a harmless page of sane size) it must do within the time bounds.

Every payload that could run sets `window.__pwned=1` (the browser test watches for it) or creates a file named
PWNED in the copy of the site (the build test looks for it).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTER = (ROOT / "pairing" / "content" / "starter_plan.md").read_text(encoding="utf-8")

NEW_PLAN = "docs/plans/example-pairing.md"          # the starter plan, saved as a contributor would
SEED = "docs/plans/dongyuan-pairing.md"             # a real plan already on the site
PAGE = "docs/sharing.md"                            # a page of the site that is not a plan and not a template
NOTES = "docs/kindergartens/notes.md"               # a new page (not_in_nav covers docs/kindergartens/**)
NOTES_TEXT = "---\ntitle: 活动笔记\n---\n\n# 活动笔记\n\n结对活动的笔记。\n"

REFUSED, ALLOWED, BOUNDED = "refused", "allowed", "bounded"

# The Chinese messages (a part of each that names the rule).
MACRO_RULE = "正文中的 {{ }} 只能调用这些宏"
STATEMENT = "正文不能使用 {% %} 模板语句"
TEMPLATE_COMMENT = "正文不能写 {# #}"
DASH = "不能带减号"
UNKNOWN_MACRO = "不认识的宏"
NO_MACROS_HERE = "这个页面不能使用 {{ }}"
SITE_ONLY = "只有网站自己的页面"
FRONT_MATTER_TEMPLATE = "不能出现 {{、{% 或 {# 这样的模板代码"
FILE_TYPE = "docs/ 下只能放页面（.md 文件）和图片"
FILE_NAME = "文件名只能由小写字母、数字和连字符组成"
FOLDER_NAME = "文件夹名只能由小写字母、数字和连字符组成"
HIDDEN_FILE = "不能提交隐藏文件"
NO_HTML = "不能包含 HTML 标签"
TITLE_CHARS = "不能含 <、> 或 & 符号"
UNKNOWN_FIELD = "未知字段"
LINK = "链接只能是 http、https、mailto 或站内页面"
ANCHORS = "不支持 YAML 的锚点和别名"
TOO_DEEP_YAML = "层级太深"
TOO_DEEP_BRACES = "括号嵌套太深"
TOO_MANY_NODES = "内容太多"
TOO_MANY_BRACKETS = "方括号 [ 太多"
TOO_DEEP_INDENT = "缩进太深"
TOO_BIG = "文件太大"
INVISIBLE = "不可见的控制字符"
OUTSIDE_PLANS = "计划文件必须放在 docs/plans/"
BRACES = "正文中不能出现 { 或 } 符号"
REFERENCE_DEFINITION = "不能使用 [标签]: 网址 这样的引用式链接"
PLAN_SUBFOLDER = "计划文件要直接放在 docs/plans/ 下"
SYMLINK = "不允许符号链接"
NOT_UTF8 = "不是 UTF-8 编码"
LONG_TAG = "标签最长 20 个字"
LONG_SLUG = "最多 64 个字符"
LONG_KEY = "字段名太长"
YAML_ERROR = "YAML 格式错误"
NOT_SHOWN = "没有完整出现在页面"


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
    edits: tuple[Edit, ...]       # applied after starter_edits
    expect: str                   # REFUSED, ALLOWED or BOUNDED
    file: str = NEW_PLAN          # the file the message names (REFUSED) or whose page is checked (ALLOWED)
    needle: str | None = None     # text on the line the message points at (None: line 1)
    message: str | None = None    # REFUSED: a part of the Chinese message
    shows: str | None = None      # ALLOWED: text the published page must show, as text
    note: str = ""
    starter_edits: tuple[tuple[str, str], ...] = ()   # (old, new) in the starter plan, saved as NEW_PLAN

    def apply(self, project: Path) -> None:
        if self.starter_edits:
            Edit(NEW_PLAN, content=edited_starter(self.starter_edits)).apply(project)
        for edit in self.edits:
            edit.apply(project)

    def line(self, project: Path) -> int:
        """The 1-based line of `needle` in the attacked file as written (1 when there is no needle)."""
        if self.needle is None:
            return 1
        text = (project / self.file).read_bytes().decode("utf-8", "replace")
        if self.needle is BODY:
            return text.split("\n").index("---", 1) + 2
        assert self.needle in text, (self.name, self.needle)
        return text[: text.index(self.needle)].count("\n") + 1


BODY = "<the first line of the body>"   # as a needle: the line after the front matter's closing ---
BODY_ANCHOR = "这里写计划开头的一段话。"


def edited_starter(changes) -> str:
    """The starter plan with each (old, new) change made in turn (once each)."""
    text = STARTER
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def S(name: str, kind: int, old: str, new: str, expect: str, *, edits=(), **keywords) -> Attack:
    """A case that is the starter plan with one change, saved as docs/plans/example-pairing.md."""
    return Attack(name, kind, tuple(edits), expect, starter_edits=((old, new),), **keywords)


def B(name: str, kind: int, text: str, expect: str, **keywords) -> Attack:
    """A case that is the starter plan with `text` as a paragraph of its body."""
    return S(name, kind, BODY_ANCHOR, f"{BODY_ANCHOR}\n\n{text}", expect, **keywords)


def starter_slug(slug: str, old: str = "", new: str = "") -> str:
    """The starter plan's text for a file named <slug>.md (its slug must be the file's name)."""
    text = STARTER.replace("slug: example-pairing", f"slug: {slug}", 1)
    return text.replace(old, new, 1) if old else text


def page_body(text: str, path: str = PAGE) -> Edit:
    """A paragraph added to a page of the site that is not a plan."""
    return Edit(path, "给结对园的老师看的几种分享方法：", f"给结对园的老师看的几种分享方法：\n\n{text}")


def page_front(line: str, path: str = PAGE) -> Edit:
    """A line added to the front matter of a page of the site that is not a plan."""
    return Edit(path, "title: 分享计划\n", f"title: 分享计划\n{line}\n")


TITLE = "title: 某某幼儿园结对帮扶计划"
TAGS = "tags: [送教下乡, 环境创设]"
AUTHOR = "author: plan1-author"
GOALS_CALL = '{{ outline("goals") }}'
IDEOLOGY_CALL = '{{ paragraphs("guiding_ideology") }}'
LOL = '"lol","lol","lol","lol","lol","lol","lol","lol","lol"'
ALIAS_BOMB = (f"lol1: &a [{LOL}]\n" + "".join(f"lol{i}: &{c} [{','.join(['*' + p] * 9)}]\n"
                                           for i, (p, c) in enumerate(zip("abcdefgh", "bcdefghi"), start=2)))
# A word no page of the site has: the browser test searches for it to open the hostile page from the search box.
MARK = "攻击样本"

CASES: list[Attack] = [
    # ── 1. Code at build time ────────────────────────────────────────────────────────────────────────────────
    B("jinja-lipsum-globals", 1, "{{ lipsum.__globals__['os'].popen('touch PWNED').read() }}", REFUSED, needle="{{ lipsum",
      message=MACRO_RULE),
    B("jinja-for-loop", 1, "{% for i in range(3) %}活动{% endfor %}", REFUSED, needle="{% for", message=STATEMENT),
    B("jinja-config", 1, "站点：{{ config }}", REFUSED, needle="{{ config", message=MACRO_RULE),
    B("jinja-comment", 1, "{# 审核时看得到，页面上没有 #}", REFUSED, needle="{#", message=TEMPLATE_COMMENT),
    S("jinja-whitespace-control", 1, '{{ paragraphs("guiding_ideology") }}', '{{- paragraphs("guiding_ideology") -}}', REFUSED,
      needle="{{- paragraphs", message=DASH),
    # README: "Any other {{ }}, {% %} or {# #} stops the build": a raw block is a {% %} statement too.
    B("jinja-raw-block", 1, "{% raw %}{{ config }}{% endraw %}", REFUSED, needle="{% raw", message=BRACES),
    S("jinja-macro-attribute", 1, GOALS_CALL, "{{ outline.__globals__ }}\n\n" + GOALS_CALL, REFUSED,
      needle="{{ outline.__globals__", message=MACRO_RULE),
    S("jinja-macro-filter-argument", 1, GOALS_CALL, '{{ outline("goals"|attr("__class__")) }}', REFUSED,
      needle='{{ outline("goals"|', message=MACRO_RULE),
    B("jinja-site-macro-in-plan", 1, "{{ plan_index() }}", REFUSED, needle="{{ plan_index", message=UNKNOWN_MACRO),
    *[Attack(f"page-extension-{suffix.strip('.').lower()}{'-upper' if suffix.isupper() else ''}", 1,
             (Edit(f"docs/plans/evil{suffix}", content=starter_slug("evil", BODY_ANCHOR, "{{ config }}")),),
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
    S("front-matter-template-plan", 1, TITLE, "title: 某某幼儿园{{ config.site_name }}", REFUSED, needle="title:",
      message=FRONT_MATTER_TEMPLATE),
    Attack("front-matter-template-page", 1, (Edit(PAGE, "title: 分享计划", "title: 分享计划{% if true %}"),), REFUSED, file=PAGE,
           needle="title:", message=FRONT_MATTER_TEMPLATE),
    # YAML's escapes (\x7B is "{") spell the marks only once the file is read, on a page mkdocs-macros renders.
    Attack("front-matter-template-escaped", 1,
           (Edit("docs/index.md", "title: 幼儿园结对帮扶计划", 'title: "幼儿园\\x7B\\x7B config.site_name \\x7D\\x7D"'),),
           REFUSED, file="docs/index.md", needle="title:", message=FRONT_MATTER_TEMPLATE),
    B("committed-cache", 1, "{{ config }}", REFUSED, needle="{{ config", message=MACRO_RULE,
      edits=(Edit(".cache/plugin/macros/checked.json", content='{"docs/plans/example-pairing.md": "ok"}'),
             Edit(".cache/pairing/checked", content="example-pairing.md\n"))),
    Attack("cache-folder-in-docs", 1, (Edit("docs/.cache/notes.md", content=NOTES_TEXT),), REFUSED, file="docs/.cache",
           message=HIDDEN_FILE),

    # ── 2. Script on the live site ───────────────────────────────────────────────────────────────────────────
    B("cdata", 2, "<![CDATA[<script>window.__pwned=1</script>]]>", REFUSED, needle="<![CDATA[", message=NO_HTML),
    B("abrupt-comment", 2, "<!--><img src=x onerror=window.__pwned=1>", REFUSED, needle="<!-->", message=NO_HTML),
    B("abrupt-comment-dash", 2, "<!---><img src=x onerror=window.__pwned=1>", REFUSED, needle="<!--->", message=NO_HTML),
    B("comment-bang-close", 2, "<!-- 注释 --!><img src=x onerror=window.__pwned=1>", REFUSED, needle="<!-- 注释", message=NO_HTML),
    B("noscript", 2, '<noscript><p title="</noscript><img src=x onerror=window.__pwned=1>"></noscript>', REFUSED,
      needle="<noscript>", message=NO_HTML),
    B("textarea", 2, "<textarea></textarea><img src=x onerror=window.__pwned=1></textarea>", REFUSED, needle="<textarea>",
      message=NO_HTML),
    B("xmp", 2, "<xmp></xmp><img src=x onerror=window.__pwned=1></xmp>", REFUSED, needle="<xmp>", message=NO_HTML),
    B("svg-script", 2, "<svg><script>window.__pwned=1</script></svg>", REFUSED, needle="<svg>", message=NO_HTML),
    B("uppercase-script", 2, "<SCRIPT>window.__pwned=1</SCRIPT>", REFUSED, needle="<SCRIPT>", message=NO_HTML),
    B("processing-instruction", 2, '<?xml-stylesheet href="javascript:window.__pwned=1"?>', REFUSED, needle="<?xml",
      message=NO_HTML),
    B("meta-refresh", 2, '<meta http-equiv="refresh" content="0;url=javascript:window.__pwned=1">', REFUSED, needle="<meta",
      message=NO_HTML),
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
    # Allowed, and harmless: what looks like markup but is not HTML to the rules.
    B("autolink-quote", 2, f'{MARK}<https://example.org/"onmouseover="window.__pwned=1">', ALLOWED,
      shows='https://example.org/"onmouseover="window.__pwned=1"', note="the autolink exception (<https://…> with no space)"),
    B("entity-encoded-markup", 2,
      f"{MARK}&lt;img src=x onerror=window.__pwned=1&gt; &#60;script&#62;window.__pwned=1&#60;/script&#62;",
      ALLOWED, shows="<img src=x onerror=window.__pwned=1> <script>window.__pwned=1</script>"),
    B("heading-entity-markup", 2, "## 标题&lt;img src=x onerror=window.__pwned=1&gt;", ALLOWED,
      shows="标题<img src=x onerror=window.__pwned=1>", note="the heading's text is also the table of contents' (the theme's)"),
    B("spaced-angle-brackets", 2, "< script>window.__pwned=1< /script>", ALLOWED, shows="< script>window.__pwned=1< /script>"),
    S("title-attribute-quotes", 2, TITLE, """title: '某某" onmouseover="window.__pwned=1" x="'""", ALLOWED,
      shows='某某" onmouseover="window.__pwned=1" x="', note="titles reach attributes (og:title, aria-label)"),
    S("tag-attribute-quotes", 2, TAGS, """tags: [送教下乡, '"onclick="__pwned=1']""", ALLOWED, shows='"onclick="__pwned=1',
      note="a tag is a file name and a link of the site"),
    B("gif-javascript-polyglot", 2, "![标志](logo.gif)", ALLOWED, shows=BODY_ANCHOR,
      edits=(Edit("docs/plans/logo.gif", content=b"GIF89a=1;window.__pwned=1;//" + bytes(16)),),
      note="a GIF that is also JavaScript is only ever shown as an image"),

    # ── 3. Handlers and javascript: links ────────────────────────────────────────────────────────────────────
    B("javascript-link", 3, "[点这里](javascript:window.__pwned=1)", REFUSED, needle="[点这里]", message=LINK),
    B("entity-javascript-link", 3, "[点这里](&#106;avascript:window.__pwned=1)", REFUSED, needle="[点这里]", message=LINK),
    B("named-entity-colon-link", 3, "[点这里](javascript&colon;window.__pwned=1)", REFUSED, needle="[点这里]", message=LINK),
    B("tab-entity-link", 3, "[点这里](java&#9;script:window.__pwned=1)", REFUSED, needle="[点这里]", message=LINK),
    B("uppercase-vbscript-link", 3, "[点这里](VBScript:window.__pwned=1)", REFUSED, needle="[点这里]", message=LINK),
    B("data-image", 3, "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", REFUSED, needle="![图]", message=LINK),
    B("javascript-link-in-code-span", 3, "`[点这里](javascript:window.__pwned=1)`", REFUSED, needle="`[点这里]", message=LINK),
    B("reference-javascript", 3, "[点这里][r]\n\n[r]: javascript:window.__pwned=1", REFUSED, needle="[r]:", message=LINK),
    B("reference-next-line", 3, "[点这里][r]\n\n[r]:\n    javascript:window.__pwned=1", REFUSED, needle="    javascript:",
      message=LINK),
    # Python-Markdown accepts an empty label ([]: …), used by [][].
    B("reference-empty-label", 3, "[][]\n\n[]: javascript:window.__pwned=1", REFUSED, needle="[]:",
      message=REFERENCE_DEFINITION),
    B("reference-blank-label", 3, "[ ][]\n\n[ ]: javascript:window.__pwned=1", REFUSED, needle="[ ]:",
      message=REFERENCE_DEFINITION),
    B("link-destination-next-line", 3, "[点这里](\njavascript:window.__pwned=1)", REFUSED, needle="javascript:", message=LINK),
    # ':' is not escapable in Markdown: the backslash stays, and the href is a relative address, not javascript:
    # (a broken link, then).
    B("backslash-in-scheme", 3, "[点这里](javascript\\:window.__pwned=1)", REFUSED, needle="[点这里]"),
    # Material's tags plugin turns attr_list on for every page: a brace in a body is refused outright.
    B("attr-list-onclick", 3, '点这里\n{: onclick="window.__pwned=1" }', REFUSED, needle="{: onclick", message=BRACES),
    B("attr-list-config-id", 3, "## 活动 {: #__config }", REFUSED, needle="## 活动", message=BRACES),
    B("attr-list-heading-onmouseover", 3, "## 标题 {: onmouseover=window.__pwned=1 }", REFUSED, needle="## 标题",
      message=BRACES),
    B("heading-id-config", 3, "## __config", ALLOWED, shows="__config",
      note="toc would give the heading the id of Material's __config script"),
    B("heading-id-search", 3, "## __search", ALLOWED, shows="__search"),
    B("attr-list-href-override", 3, '[教育局通知](https://example.org/notice){: href="javascript:window.__pwned=1" }', REFUSED,
      needle="[教育局通知]", message=BRACES),
    # The home page's plan index reads window.pairingPlanIndex: an element with that id would stand in for it.
    Attack("attr-list-id-clobbering", 3,
           (Edit("docs/index.md", "{{ plan_index() }}", "说明\n{: #pairingPlanIndex }\n\n{{ plan_index() }}"),),
           REFUSED, file="docs/index.md", needle="{: #pairingPlanIndex", message=BRACES),
    B("link-title-quote", 3, '[点这里](https://example.org "a\\" onmouseover=\\"window.__pwned=1")', ALLOWED, shows="点这里"),

    # ── 4. Tracebacks and machine paths ──────────────────────────────────────────────────────────────────────
    B("bang-bracket-non-name", 4, "<![ 这是什么", REFUSED, needle="<![", message=NO_HTML),
    S("yaml-self-alias", 4, TAGS, "tags: &t [送教下乡, *t]", REFUSED, needle="tags:", message=ANCHORS),
    S("yaml-undefined-alias", 4, TAGS, "tags: *nothing", REFUSED, needle="tags:", message=ANCHORS),
    S("yaml-nested-brackets", 4, TAGS, "tags: " + "[" * 3000 + "]" * 3000, REFUSED, needle="tags:", message=TOO_DEEP_YAML),
    B("jinja-nested-parentheses", 4, "{{ " + "(" * 3000 + "1" + ")" * 3000 + " }}", REFUSED, needle="{{ (((",
      message=TOO_DEEP_BRACES),
    B("jinja-nested-lists", 4, "{{ " + "[" * 150 + "]" * 150 + " }}", REFUSED, needle="{{ [[[", message=TOO_DEEP_BRACES),
    S("long-chinese-tag", 4, TAGS, "tags: [送教下乡, " + "环境创设" * 50 + "]", REFUSED, needle="tags:", message=LONG_TAG),
    S("long-former-slug", 4, AUTHOR, f"{AUTHOR}\nformer_slugs: [" + "a" * 300 + "]", REFUSED, needle="former_slugs:",
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
    Attack("plan-in-subfolder", 4, (Edit("docs/plans/2024/example-pairing.md", content=STARTER),), REFUSED,
           file="docs/plans/2024/example-pairing.md", message=PLAN_SUBFOLDER),
    S("yaml-python-tag", 4, TITLE, 'title: !!python/object/apply:os.system ["touch PWNED"]', REFUSED, needle="title:",
      message=YAML_ERROR),
    S("yaml-number-key", 4, AUTHOR, f"{AUTHOR}\n1: 一", REFUSED, needle="1: 一", message=UNKNOWN_FIELD),
    S("yaml-list-key", 4, AUTHOR, f"{AUTHOR}\n? [a, b]\n: c", REFUSED, needle="? [a, b]", message=YAML_ERROR),
    Attack("page-number-key", 4, (page_front("2024: 一"),), REFUSED, file=PAGE, needle="2024:", message=UNKNOWN_FIELD),
    Attack("not-utf8", 4, (Edit(NEW_PLAN, content=STARTER.encode("utf-8").replace("这里写".encode(), b"\xff\xfe")),), REFUSED,
           needle="\ufffd", message=NOT_UTF8),
    Attack("file-name-not-utf8", 4, (Edit("docs/plans/evil-\udcff.md", content=starter_slug("evil")),), REFUSED,
           file="docs/plans/evil-", message=FILE_NAME, note="a file name that is not UTF-8 (bytes from another system)"),
    Attack("file-name-terminal-escape", 4, (Edit("docs/plans/evil\x1b[2J\x1b[31m.md", content=starter_slug("evil")),), REFUSED,
           file="docs/plans/evil", message=FILE_NAME, note="an ANSI escape in a file name must not reach the terminal raw"),
    Attack("file-name-newline", 4, (Edit("docs/plans/evil\n检查了全部计划和数据文件，没有发现问题。.md", content=starter_slug("evil")),),
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
    B("many-a-tags", 5, "<a " * 24_000, REFUSED, needle="<a <a", message=NO_HTML),
    B("many-brackets", 5, "[" * 20_000, REFUSED, needle=BODY, message=TOO_MANY_BRACKETS),
    B("deep-list", 5, "".join("  " * depth + "- 一项\n" for depth in range(200)), REFUSED, needle="  " * 17 + "- 一项",
      message=TOO_DEEP_INDENT),
    B("deep-list-tabs", 5, "".join("\t" * depth + "- 一项\n" for depth in range(100)), REFUSED, needle="\t" * 9 + "- 一项",
      message=TOO_DEEP_INDENT),
    S("many-tags", 5, TAGS, "tags: [" + ", ".join(f"标签{i}" for i in range(19_000)) + "]", BOUNDED,
      note="every tag is a page of the site: one plan makes 19,000 pages"),
    S("yaml-many-nodes", 5, TAGS, "tags: [" + ", ".join(f"t{i}" for i in range(25_000)) + "]", REFUSED, needle="tags:",
      message=TOO_MANY_NODES),
    B("page-too-large", 5, "很长的文字。" * 50_000, REFUSED, message=TOO_BIG),
    B("deep-blockquote", 5, ">" * 5_000 + " 引用", BOUNDED),
    B("many-identical-headings", 5, "# a\n" * 50_000, BOUNDED, note="200 KB: 50,000 headings"),
    S("many-macro-calls", 5, GOALS_CALL, f"{GOALS_CALL}\n" * 9_000, BOUNDED, note="each call repeats the goals on the page"),
    Attack("macro-amplification", 5, (), BOUNDED, note="54 KB of source: each of 500 calls repeats 30 KB of goals",
           starter_edits=(("      text: 目标的具体内容。", "      text: " + "目标的具体内容。" * 1250),
                          (GOALS_CALL, f"{GOALS_CALL}\n" * 500))),
    # Python-Markdown's setext-heading and horizontal-rule processors search the rest of a paragraph once per line.
    B("setext-heading-chain", 5, "a\n-\n" * 25_000, BOUNDED, note="100 KB, under the 256 KB page limit"),
    B("horizontal-rule-lines", 5, "---\n" * 25_000, BOUNDED, note="100 KB, under the 256 KB page limit"),

    # ── 6. Lost or disguised content ─────────────────────────────────────────────────────────────────────────
    B("template-comment-hides-text", 6, "{# 我园不参加本次活动 #}", REFUSED, needle="{#", message=TEMPLATE_COMMENT),
    B("div-hidden", 6, "<div hidden>我园不参加本次活动</div>", REFUSED, needle="<div hidden>", message=NO_HTML),
    B("template-element", 6, "<template>我园不参加本次活动</template>", REFUSED, needle="<template>", message=NO_HTML),
    S("html-comment-around-macro", 6, GOALS_CALL, f"<!--\n{GOALS_CALL}\n-->", REFUSED, needle="<!--", message=NO_HTML),
    B("bidi-override-entity", 6, "活动时间：&#x202E;月9年4202", REFUSED, needle="&#x202E;", message=INVISIBLE),
    B("bidi-override-raw", 6, "活动时间：\u202e月9年4202", REFUSED, needle="\u202e", message=INVISIBLE),
    S("bidi-override-yaml-escape", 6, TITLE, 'title: "某某幼儿园\\u202E划计扶帮对结"', REFUSED, needle="title:", message=INVISIBLE),
    B("c1-control-raw", 6, "活动\u0085时间\u009b31m", REFUSED, needle="活动\u0085", message=INVISIBLE),
    B("zero-width-entity", 6, "东&#8203;苑幼儿园", REFUSED, needle="&#8203;", message=INVISIBLE),
    Attack("plan-outside-plans", 6, (Edit("docs/example-pairing.md", content=STARTER),), REFUSED, file="docs/example-pairing.md",
           needle="slug:", message=OUTSIDE_PLANS),
    Attack("plan-in-kindergartens", 6, (Edit("docs/kindergartens/example-pairing.md", content=STARTER),), REFUSED,
           file="docs/kindergartens/example-pairing.md", needle="slug:", message=OUTSIDE_PLANS),
    # A reference definition never shows: "[//]: # (…)" is the Markdown way to write a comment, like {# #}.
    B("markdown-comment-hides-text", 6, "[//]: # (我园不参加本次活动)", REFUSED, needle="[//]:"),
    B("link-title-hides-text", 6, '[备注]: https://example.org "我园不参加本次活动"', REFUSED, needle="[备注]:"),
    # A macro's part is a block of its own: it cannot be hidden inside a definition or a code span.
    S("reference-definition-around-macro", 6, IDEOLOGY_CALL, f"[//]: # ({IDEOLOGY_CALL})", REFUSED, needle="[//]:",
      message=REFERENCE_DEFINITION),
    S("macro-in-code-span", 6, "{{ schedule_table() }}", "`{{ schedule_table() }}`", ALLOWED, shows="第一项活动"),
]

CLASSES = {1: "code at build time", 2: "script on the live site", 3: "handlers and javascript: links",
           4: "tracebacks and machine paths", 5: "resource exhaustion", 6: "lost or disguised content"}


def allowed_cases() -> list[Attack]:
    """The cases whose content the site publishes (hostile, but text once published): all on one plan page."""
    return [case for case in CASES if case.expect == ALLOWED and case.file == NEW_PLAN]


def write_allowed(project: Path, cases: list[Attack] | None = None) -> None:
    """Allowed cases at once (all of them by default): the starter plan with all their changes, and their files."""
    cases = allowed_cases() if cases is None else cases
    Edit(NEW_PLAN, content=edited_starter([change for case in cases for change in case.starter_edits])).apply(project)
    for case in cases:
        for edit in case.edits:
            edit.apply(project)
