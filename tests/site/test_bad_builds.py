"""A strict build of the site refuses bad plans and code in pages: it names the file, line and field
in Chinese, prints no traceback, publishes nothing, and runs none of the injected code."""

from __future__ import annotations

from pathlib import Path

import pytest

from check_cases import BASE, PLAN_BODY, STARTER, STARTER_PROBLEMS, line_of as text_line
from conftest import run_build

PLAN = "docs/plans/dongyuan-pairing.md"
NO_HTML = "不能包含 HTML 标签、注释或 <! <? 写法（尖括号后面紧跟字母、/、! 或 ?）：请直接写文字"
TEMPLATE_CODE = "不能出现 {{、{% 或 {# 这样的模板代码"
# The text of dongyuan-pairing.md the cases below change, and the field it is (a paragraph of the plan's sections).
PARAGRAPH = "      - 具体措施如下："
PARAGRAPH_AT = f"{PLAN}:18:9: 章节第2项 › 段落第1项（sections[1].paragraphs[0]）"
ITEM_TEXT = "        text: 我园指派专人负责结对活动，"
ITEM_TEXT_AT = f"{PLAN}:22:15: 章节第3项 › 条目第1项 › 正文（sections[2].list[0].text）"
SITE_MACRO_RULE = ("正文中的 {{ }} 只能调用这些宏，参数只能是写明的文字：plan_index()、kindergarten_index()、activity_calendar()、"
                   "tag_index()、open_data()、field_reference()、starter_plan()、form_editor()")


def break_file(project: Path, path: str, old: str, new: str) -> None:
    target = project / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")


def refused(project: Path, tmp_path: Path) -> str:
    out = tmp_path / "out"
    result = run_build(project, out)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output
    report = output[output.index("发现"):]
    assert str(project) not in report and str(Path.home()) not in report, "absolute paths must not reach editors"
    assert not (out / "index.html").exists(), "nothing may be published"
    return output


@pytest.mark.parametrize("old, new, expected", [
    ("slug: dongyuan-pairing", "slug:\tdongyuan-pairing", f"{PLAN}:3:1: 格式错误：这一行用了 Tab 键缩进，请改用空格"),
    ("slug: dongyuan-pairing", "slug：dongyuan-pairing", f"{PLAN}:3:1: 格式错误：这一行有全角冒号或全角空格"),
    ("title: 东苑幼儿园结对帮扶计划", "title: '东苑幼儿园结对帮扶计划", f"{PLAN}:2:8: 格式错误：引号没有配对，请检查这一行的引号是否成对"),
    ("original_title:", "original_titel:", f"{PLAN}:4:1: 未知字段 original_titel；是不是想写 原标题（original_title）？"),
    ("  - kindergarten: dongyuan", "  - kindergarten: dongyuan-x",
     f'{PLAN}:6:19: 参与幼儿园第1项 › 幼儿园编号（parties[0].kindergarten）: 未知的幼儿园编号 "dongyuan-x"'),
    ("tags:\n", "period:\n  text: 2024年\n  start_year: 2024-13-01\ntags:\n", f"{PLAN}:34:15: 2024-13-01 不是存在的日期"),
    ("tags:\n", "period:\n  text: 2024年\n  start_year: 24\ntags:\n",
     f"{PLAN}:34:15: 时间 › 开始年份（period.start_year）: 年份必须是四位数的公历年份"),
    ("title: 东苑幼儿园结对帮扶计划\n", "", f"{PLAN}:2:1: 标题（title）: 缺少必填字段 标题（title）"),
    # a plan is never a template: it cannot ask mkdocs-macros to render it
    ("original_title:", "render_macros: true\noriginal_title:", f"{PLAN}:4:1: 未知字段 render_macros；"),
    # the texts YAML would change without an error: split at commas, wrapped, cut at " #"
    ("tags:\n  - 示范性教学\n  - 教师结对\n  - 送课\n  - 管理制度\n  - 观摩学习\n", "tags: [示范性教学, 教师结对, 送课, 管理制度, 观摩学习]\n",
     f"{PLAN}:32:7: 一行 [ ] 或 {{ }} 里的文字会在每个半角逗号处被拆开；请把每一项单独写一行，以“- ”开头"),
    (PARAGRAPH, "      - 具体措施\n        如下：", f"{PLAN}:18:9: 这段文字分成了几行：换行会被读成空格"),
    (PARAGRAPH, "      - 具体措施如下： # 共四条", f"{PLAN}:18:9: “ #”和后面的文字会被当作注释丢掉；请给整段文字加上引号"),
    # a section has one kind of content
    ("    paragraphs:\n      - 具体措施如下：\n", "    paragraphs:\n      - 具体措施如下：\n    list:\n      - 第一条\n",
     f"{PLAN}:19:5: 章节第2项（sections[1]）: 一节只能有一种内容"),
])
def test_bad_front_matter_fails_the_build(site_copy, tmp_path, old, new, expected):
    break_file(site_copy, PLAN, old, new)
    assert expected in refused(site_copy, tmp_path)


def test_a_list_instead_of_fields_fails_the_build(site_copy, tmp_path):
    (site_copy / PLAN).write_text("---\n- title: 东苑幼儿园结对帮扶计划\n- slug: dongyuan-pairing\n---\n", encoding="utf-8")
    assert f"{PLAN}:2:1: 两行 --- 之间必须是“字段: 值”的形式，得到 列表" in refused(site_copy, tmp_path)


def test_text_after_a_plan_fails_the_build(site_copy, tmp_path):
    # A plan is its front matter: what follows the second --- would be Markdown, so there is none.
    (site_copy / PLAN).write_text((site_copy / PLAN).read_text(encoding="utf-8") + "\n## 五、结语\n\n正文\n", encoding="utf-8")
    assert f"{PLAN}:40:1: {PLAN_BODY}" in refused(site_copy, tmp_path)


def test_month_outside_1_to_12_fails_the_build(site_copy, tmp_path):
    path = "docs/plans/xx-county-jiguan-pairing.md"
    break_file(site_copy, path, "        months: [4]", "        months: [13]")
    assert (f"{path}:97:18: 章节第12项 › 活动安排第2项 › 月份第1项（sections[11].timetable[1].months[0]）: "
            "月份只能是 1 到 12 的数字；原文写的“春季”“每学期”等请写在“时间”里，得到 13") in refused(site_copy, tmp_path)


def test_a_season_for_a_month_fails_the_build(site_copy, tmp_path):
    # A month is a number; "春季" is the row's time (when), written as the source writes it.
    path = "docs/plans/xx-county-jiguan-pairing.md"
    break_file(site_copy, path, "        months: [4]", "        months:\n          - 春季")
    assert (f"{path}:98:13: 章节第12项 › 活动安排第2项 › 月份第1项（sections[11].timetable[1].months[0]）: "
            '月份只能是 1 到 12 的数字；原文写的“春季”“每学期”等请写在“时间”里，得到 "春季"') in refused(site_copy, tmp_path)


def test_duplicate_slug_fails_the_build(site_copy, tmp_path):
    # Plans sit directly in docs/plans/: a copy under another name keeps the slug, and both files are named.
    (site_copy / "docs/plans/dongyuan-copy.md").write_text((site_copy / PLAN).read_text(encoding="utf-8"), encoding="utf-8")
    output = refused(site_copy, tmp_path)
    assert f'{PLAN}:3:7: 网址名（slug）: 网址名 "dongyuan-pairing" 与 docs/plans/dongyuan-copy.md 重复' in output
    assert ('docs/plans/dongyuan-copy.md:3:7: 网址名（slug）: 网址名必须与文件名相同：文件名是 dongyuan-copy.md，'
            '网址名却是 "dongyuan-pairing"') in output


def test_files_and_pages_the_site_cannot_check_fail_the_build(site_copy, tmp_path):
    plan = (site_copy / PLAN).read_text(encoding="utf-8")
    (site_copy / "docs/plans/2024").mkdir()
    (site_copy / "docs/plans/2024/other.md").write_text(plan.replace("slug: dongyuan-pairing", "slug: other"), encoding="utf-8")
    (site_copy / "docs/page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (site_copy / "docs/about.md").write_text("---\ntitle: 关于\n---\n\n{{ plan_index() }}\n", encoding="utf-8")
    (site_copy / "docs/notes.md").write_text("# 没有 front matter 的页面\n", encoding="utf-8")
    (site_copy / "docs/plan-copy.md").write_text(plan.replace("slug: dongyuan-pairing", "slug: plan-copy"), encoding="utf-8")
    output = refused(site_copy, tmp_path)
    assert "docs/plans/2024/other.md:1:1: 计划文件要直接放在 docs/plans/ 下，不能再建文件夹" in output
    assert ("docs/page.html:1:1: docs/ 下只能放页面（.md 文件）和图片（.png、.jpg、.jpeg、.gif、.webp）；"
            "“.html”类型的文件不能发布。页面请用 .md 结尾") in output
    assert "docs/about.md:5:1: 这个页面不能使用 {{ }}：只有网站自己的页面可以调用宏" in output
    assert "docs/notes.md:1:1: title: 页面开头要有 --- 包围的一段，写明 title: 标题" in output
    assert "docs/plan-copy.md:3:1: slug: 这个页面写了计划的字段：计划文件必须放在 docs/plans/ 文件夹里" in output


def test_every_problem_in_every_file_is_listed(site_copy, tmp_path):
    break_file(site_copy, PLAN, "original_title:", "original_titel:")
    break_file(site_copy, "docs/plans/z-town-pairing.md", "    role: helped", "    role: 受援")
    output = refused(site_copy, tmp_path)
    assert "发现 2 处问题，网站没有生成" in output
    assert "docs/plans/z-town-pairing.md:8:11: 参与幼儿园第2项 › 角色（parties[1].role）: 只能是以下之一" in output


def test_broken_kindergarten_data_fails_the_build(site_copy, tmp_path):
    break_file(site_copy, "data/kindergartens.yml", "  name: 东苑幼儿园", "  name: 东苑幼儿园\n  city: 某地")
    assert "data/kindergartens.yml:5:3: dongyuan: 未知字段 city；可用的字段：园名（name）、" in refused(site_copy, tmp_path)


def test_a_bad_kindergarten_id_at_the_end_of_the_data_is_named_at_its_line(site_copy, tmp_path):
    path = site_copy / "data" / "kindergartens.yml"
    text = path.read_text(encoding="utf-8") + "Z_Town_2:\n  name: 乙园\n"
    path.write_text(text, encoding="utf-8")
    line = text_line(text, "Z_Town_2:")
    assert line > 50
    assert (f"data/kindergartens.yml:{line}:1: Z_Town_2: 幼儿园编号只能由小写字母、数字和连字符组成（最多 64 个字符），"
            '得到 "Z_Town_2"') in refused(site_copy, tmp_path)


MARKER = "/tmp/pairing-injection-ran"
PAYLOADS = ["{{ cycler.__init__.__globals__.os.popen('touch " + MARKER + "').read() }}", "{{ config }}", "{{ environment }}",
            "{{ plan_index.__globals__ }}", "{{ plan_index() | safe }}", "{{ plan_index(config.site_name) }}",
            "{{ plan_index(x=1) }}", "{{ now() }}", "{{ macros_info() }}", '{{ plan_index("../../etc/passwd") }}',
            "{% include '/etc/passwd' %}", "{% set x = 1 %}", "{{ unclosed"]


def test_template_code_in_a_plan_fails_the_build(site_copy, tmp_path):
    # Every text of a plan is front matter: template code in any of them is refused, each at its own line.
    Path(MARKER).unlink(missing_ok=True)
    lines = "".join(f'      - "{payload}"\n' if "'" in payload else f"      - '{payload}'\n" for payload in PAYLOADS)
    break_file(site_copy, PLAN, f"{PARAGRAPH}\n", f"{PARAGRAPH}\n{lines}")
    output = refused(site_copy, tmp_path)
    for index in range(len(PAYLOADS)):
        assert f"{PLAN}:{19 + index}:9: 章节第2项 › 段落第{index + 2}项（sections[1].paragraphs[{index + 1}]）: {TEMPLATE_CODE}" in output
    assert not Path(MARKER).exists()


def test_template_code_after_a_plan_fails_the_build(site_copy, tmp_path):
    Path(MARKER).unlink(missing_ok=True)
    (site_copy / PLAN).write_text((site_copy / PLAN).read_text(encoding="utf-8") + f"\n{PAYLOADS[0]}\n", encoding="utf-8")
    assert f"{PLAN}:40:1: {PLAN_BODY}" in refused(site_copy, tmp_path)
    assert not Path(MARKER).exists()


@pytest.mark.parametrize("payload, expected", list(zip(PAYLOADS, [
    SITE_MACRO_RULE, SITE_MACRO_RULE, SITE_MACRO_RULE, SITE_MACRO_RULE, SITE_MACRO_RULE, SITE_MACRO_RULE, SITE_MACRO_RULE,
    f"不认识的宏 now()；{SITE_MACRO_RULE}", f"不认识的宏 macros_info()；{SITE_MACRO_RULE}", "plan_index() 不需要参数",
    "正文不能使用 {% %} 模板语句，只能调用网站的宏，如 {{ plan_index() }}",
    "正文不能使用 {% %} 模板语句，只能调用网站的宏，如 {{ plan_index() }}", "正文中的 {{ }} 写法有误，请检查括号和引号是否成对"], strict=True)))
def test_template_code_in_a_site_page_fails_the_build(site_copy, tmp_path, payload, expected):
    # The site's own pages are templates: they may call the site's macros, with literal arguments, and nothing else.
    Path(MARKER).unlink(missing_ok=True)
    break_file(site_copy, "docs/index.md", "{{ plan_index() }}", f"{{{{ plan_index() }}}}\n{payload}")
    assert f"docs/index.md:14:1: {expected}" in refused(site_copy, tmp_path)
    assert not Path(MARKER).exists()


def test_template_code_in_a_title_fails_the_build(site_copy, tmp_path):
    break_file(site_copy, PLAN, "title: 东苑幼儿园结对帮扶计划", 'title: "{{ config.extra }}"')
    assert f"{PLAN}:2:8: 标题（title）: {TEMPLATE_CODE}" in refused(site_copy, tmp_path)


def line_of(project: Path, path: str, text: str) -> int:
    """The line of a file that holds text (counted from 1, as the build's messages count)."""
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


def test_template_code_in_other_pages_fails_the_build(site_copy, tmp_path):
    break_file(site_copy, "docs/index.md", "{{ plan_index() }}", "{{ plan_index() }}{{ config }}")
    line = line_of(site_copy, "docs/index.md", "{{ config }}")
    assert line > 6   # after the page's front matter
    assert f"docs/index.md:{line}:1: 正文中的 {{{{ }}}} 只能调用这些宏" in refused(site_copy, tmp_path)


def test_a_site_page_that_stops_being_a_template_fails_the_build(site_copy, tmp_path):
    # Without render_macros the home page shows "{{ plan_index() }}" as text and lists no plan: the audit notices.
    # (the end-of-build audit runs once the pages are written: the build fails, as with test_audit.py's templates)
    break_file(site_copy, "docs/index.md", "render_macros: true\n", "")
    result = run_build(site_copy, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "网站生成后的检查未通过" in output and "site/index.html:1:1: 列出了 0 份计划，应为 5 份" in output


def test_the_former_plan_macros_are_refused_in_site_pages(site_copy, tmp_path):
    break_file(site_copy, "docs/index.md", "{{ plan_index() }}", "{{ schedule_table() }}")
    line = line_of(site_copy, "docs/index.md", "{{ schedule_table() }}")
    assert f"docs/index.md:{line}:1: 不认识的宏 schedule_table()" in refused(site_copy, tmp_path)


def test_a_symlink_under_docs_fails_the_build(site_copy, tmp_path):
    (site_copy / "docs" / "secrets.md").symlink_to("/etc/hostname")
    assert "docs/secrets.md:1:1: 不允许符号链接（symlink），请提交真实文件" in refused(site_copy, tmp_path)


def test_the_starter_file_does_not_build(site_copy, tmp_path):
    # A guide, not a plan: copied as it is, nothing of it is published.
    (site_copy / "docs/plans/example-pairing.md").write_text(STARTER, encoding="utf-8")
    output = refused(site_copy, tmp_path)
    for needle, rest in STARTER_PROBLEMS:
        assert f"docs/plans/example-pairing.md:{text_line(STARTER, needle)}:{rest}" in output


def test_the_base_plan_builds(site_copy, tmp_path):
    (site_copy / "docs/plans/example-pairing.md").write_text(BASE, encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/plans/example-pairing/index.html").read_text(encoding="utf-8")
    assert "跨两个月的活动" in html and "十、十一月份：" in html and "2024年3月至2025年1月" in html


def test_front_matter_strings_are_escaped_on_the_page(site_copy, tmp_path):
    # Tags are refused in front matter (test_markup_that_could_run_or_mislead_fails_the_build); what is left of
    # markup characters, < > & and character references, is shown as written.
    break_file(site_copy, PLAN, "original_title: 篇1：幼儿园帮扶计划", 'original_title: "1<2 & 3>2 <篇1> &lt;img src=x&gt;"')
    break_file(site_copy, PLAN, PARAGRAPH, f'      - "a <3 b，< img src=x>，&amp;"\n{PARAGRAPH}')
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/plans/dongyuan-pairing/index.html").read_text(encoding="utf-8")
    assert "原标题：1&lt;2 &amp; 3&gt;2 &lt;篇1&gt; &amp;lt;img src=x&amp;gt;" in html
    assert "a &lt;3 b，&lt; img src=x&gt;，&amp;amp;" in html
    assert "<img src=x" not in html and "<篇1>" not in html


@pytest.mark.parametrize("path, old, new, expected", [
    (PLAN, ITEM_TEXT, "        text: <script>alert(1)</script>我园指派专人负责结对活动，", f"{ITEM_TEXT_AT}: {NO_HTML}"),
    (PLAN, ITEM_TEXT, "        text: <img src=x onerror=alert(1)>我园指派专人负责结对活动，", f"{ITEM_TEXT_AT}: {NO_HTML}"),
    (PLAN, PARAGRAPH, '      - "\\x3cb>粗具体措施如下："', f"{PARAGRAPH_AT}: {NO_HTML}"),
    (PLAN, PARAGRAPH, f"{PARAGRAPH}<script>alert(1)</script>", f"{PARAGRAPH_AT}: {NO_HTML}"),
    (PLAN, PARAGRAPH, f"{PARAGRAPH}<b>粗</b>", f"{PARAGRAPH_AT}: {NO_HTML}"),
    (PLAN, PARAGRAPH, f"{PARAGRAPH}<!-- 藏起来的字 -->", f"{PARAGRAPH_AT}: {NO_HTML}"),
    (PLAN, PARAGRAPH, f"{PARAGRAPH}<iframe src=https://example.org></iframe>", f"{PARAGRAPH_AT}: {NO_HTML}"),
    (PLAN, PARAGRAPH, f"{PARAGRAPH}&#x202E;", f"{PARAGRAPH_AT}: 文字中有不可见的控制字符 U+202E，请删除"),
    (PLAN, PARAGRAPH, f"{PARAGRAPH}{{# 藏起来的字 #}}", f"{PARAGRAPH_AT}: {TEMPLATE_CODE}"),
    ("data/kindergartens.yml", "  name: 东苑幼儿园", "  name: 东苑\u202e幼儿园",
     "data/kindergartens.yml:4:9: dongyuan › 园名（dongyuan.name）: 文字中有不可见的控制字符 U+202E"),
])
def test_markup_that_could_run_or_mislead_fails_the_build(site_copy, tmp_path, path, old, new, expected):
    break_file(site_copy, path, old, new)
    assert expected in refused(site_copy, tmp_path)


@pytest.mark.parametrize("link", ["[点我](javascript:alert(1))", "[点我](&#106;avascript:alert(1))", "[//]: # (藏起来的字)"])
def test_markdown_in_a_plan_is_shown_as_written(site_copy, tmp_path, link):
    # A plan's texts are shown as written, never read as Markdown: a link is its text, never an address a reader
    # could follow, and nothing written can hide.
    break_file(site_copy, PLAN, PARAGRAPH, f"      - '具体措施如下：{link}'")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/plans/dongyuan-pairing/index.html").read_text(encoding="utf-8")
    assert f"<p>具体措施如下：{link.replace('&', '&amp;')}</p>" in html
    assert "javascript:alert" not in html.replace(f"具体措施如下：{link}", "") and "&#106;avascript" not in html


@pytest.mark.parametrize("path, old, new, expected", [
    (PLAN, "title: 东苑幼儿园结对帮扶计划", "title: 东苑<b>幼儿园</b>",
     f'{PLAN}:2:8: 标题（title）: 不能含 <、> 或 & 符号（网页模板会把它们当作代码），最长 100 个字，得到 "东苑<b>幼儿园</b>"'),
    (PLAN, "title: 东苑幼儿园结对帮扶计划", "title: 东苑&lt;/title&gt;", f'{PLAN}:2:8: 标题（title）: 不能含 <、> 或 & 符号'),
    (PLAN, "  - 示范性教学\n", "  - a&b\n", f'{PLAN}:33:5: 标签第1项（tags[0]）: 标签最长 20 个字，不能含 <、> 或 & 符号，得到 "a&b"'),
    ("data/kindergartens.yml", "  name: 东苑幼儿园", "  name: 东苑>幼儿园",
     "data/kindergartens.yml:4:9: dongyuan › 园名（dongyuan.name）: 不能含 <、> 或 & 符号"),
])
def test_markup_characters_in_titles_fail_the_build(site_copy, tmp_path, path, old, new, expected):
    break_file(site_copy, path, old, new)
    assert expected in refused(site_copy, tmp_path)


def test_a_10_mb_field_fails_the_build(site_copy, tmp_path):
    break_file(site_copy, PLAN, "original_title: 篇1：幼儿园帮扶计划", "original_title: " + "长" * 3_500_000)
    assert f"{PLAN}:1:1: 文件太大（超过 256 KB）" in refused(site_copy, tmp_path)


def test_a_huge_plan_fails_the_build(site_copy, tmp_path):
    rows = "".join(f"      - when: 第{n}周\n        months: [{n % 12 + 1}]\n        text: 活动{n}\n" for n in range(10_000))
    break_file(site_copy, PLAN, "tags:\n", f"  - timetable:\n{rows}tags:\n")
    assert f"{PLAN}:1:1: 文件太大（超过 256 KB）" in refused(site_copy, tmp_path)


def test_a_copy_of_the_site_builds_with_its_own_package(site_copy, tmp_path):
    # What the tests that change a copy's pairing/ rely on (test_scale.py): `python -m mkdocs` run in the copy
    # imports the copy's package, ahead of the editable install of this checkout.
    init = site_copy / "pairing" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + '\nraise ImportError("这是副本里的 pairing")\n', encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "这是副本里的 pairing" in result.stdout + result.stderr


@pytest.mark.parametrize("stage", ["loading", "audit"])
def test_a_failed_build_ends_with_its_own_chinese_summary(site_copy, tmp_path, stage):
    # Not MkDocs' English "Aborted with a BuildError!": the build's own summary is the last line an editor sees,
    # whether the checks before the build stop it or the audit after it.
    if stage == "loading":
        break_file(site_copy, "docs/plans/xx-county-jiguan-pairing.md", "        months: [4]", "        months: [13]")
    else:
        break_file(site_copy, "overrides/partials/plan/section.html", "{% for row in section.rows %}",
                   "{% for row in section.rows[:-1] %}")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 1
    assert "Aborted" not in result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "网站没有生成。请按上面的说明修改，再重新运行。"
    first = "发现 1 处问题，网站没有生成：" if stage == "loading" else "网站生成后的检查未通过："
    assert first in result.stdout
