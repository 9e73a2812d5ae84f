"""A strict build of the site refuses bad plans and code in pages: it names the file, line and field
in Chinese, prints no traceback, publishes nothing, and runs none of the injected code."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_build

PLAN = "docs/plans/dongyuan-pairing.md"
NO_HTML = "不能包含 HTML 标签、注释或 <! <? 写法：请直接写文字，链接写成 [文字](网址)"


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
    report = output[output.index("ERROR"):]
    assert str(project) not in report and str(Path.home()) not in report, "absolute paths must not reach editors"
    assert not (out / "index.html").exists(), "nothing may be published"
    return output


@pytest.mark.parametrize("old, new, expected", [
    ("slug: dongyuan-pairing", "slug:\tdongyuan-pairing", f"{PLAN}:3:1: YAML 格式错误：这一行用了 Tab 键缩进，请改用空格"),
    ("slug: dongyuan-pairing", "slug：dongyuan-pairing", f"{PLAN}:3:1: YAML 格式错误：这一行有全角冒号或全角空格"),
    ("title: 东苑幼儿园结对帮扶计划", "title: '东苑幼儿园结对帮扶计划", f"{PLAN}:2:8: YAML 格式错误：引号没有配对，请检查这一行的引号是否成对"),
    ("original_title:", "original_titel:", f"{PLAN}:4:1: original_titel: 未知字段 original_titel，是不是想写 original_title？"),
    ("  - kindergarten: dongyuan", "  - kindergarten: dongyuan-x", f'{PLAN}:6:19: parties[0].kindergarten: 未知的幼儿园编号 "dongyuan-x"'),
    ("tags: [", "year: 2024-13-01\ntags: [", f"{PLAN}:18:7: 2024-13-01 不是存在的日期"),
    ("tags: [", "year: 24\ntags: [", f"{PLAN}:18:7: year: 年份必须是四位数的公历年份"),
    ("title: 东苑幼儿园结对帮扶计划\n", "", f"{PLAN}:2:1: title: 缺少必填字段 title（标题）"),
    # a plan is never a template: it cannot ask mkdocs-macros to render it
    ("original_title:", "render_macros: true\noriginal_title:", f"{PLAN}:4:1: render_macros: 未知字段 render_macros"),
])
def test_bad_front_matter_fails_the_build(site_copy, tmp_path, old, new, expected):
    break_file(site_copy, PLAN, old, new)
    assert expected in refused(site_copy, tmp_path)


def test_a_list_instead_of_fields_fails_the_build(site_copy, tmp_path):
    (site_copy / PLAN).write_text("---\n- title: 东苑幼儿园结对帮扶计划\n- slug: dongyuan-pairing\n---\n\n正文\n", encoding="utf-8")
    assert f"{PLAN}:2:1: front matter 必须是“字段: 值”的形式，得到 列表" in refused(site_copy, tmp_path)


def test_month_outside_1_to_12_fails_the_build(site_copy, tmp_path):
    path = "docs/plans/xx-county-jiguan-pairing.md"
    break_file(site_copy, path, "  - months: [4]", "  - months: [13]")
    assert f"{path}:66:14: schedule[1].months[0]: 月份必须是 1–12 的整数，得到 13" in refused(site_copy, tmp_path)


def test_duplicate_slug_fails_the_build(site_copy, tmp_path):
    # Plans sit directly in docs/plans/: a copy under another name keeps the slug, and both files are named.
    (site_copy / "docs/plans/dongyuan-copy.md").write_text((site_copy / PLAN).read_text(encoding="utf-8"), encoding="utf-8")
    output = refused(site_copy, tmp_path)
    assert f'{PLAN}:3:7: slug: 网址名 "dongyuan-pairing" 与 docs/plans/dongyuan-copy.md 重复' in output
    assert ('docs/plans/dongyuan-copy.md:3:7: slug: 网址名必须与文件名相同：文件名是 dongyuan-copy.md，'
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
    assert "docs/about.md:5:1: 这个页面不能使用 {{ }}：只有计划页面和网站自己的页面可以调用宏" in output
    assert "docs/notes.md:1:1: title: 页面开头要有 --- 包围的一段，写明 title: 标题" in output
    assert "docs/plan-copy.md:3:1: slug: 这个页面写了计划的字段：计划文件必须放在 docs/plans/ 文件夹里" in output


def test_every_problem_in_every_file_is_listed(site_copy, tmp_path):
    break_file(site_copy, PLAN, "original_title:", "original_titel:")
    break_file(site_copy, "docs/plans/z-town-pairing.md", "    role: helped", "    role: 受援")
    output = refused(site_copy, tmp_path)
    assert "发现 2 处问题，网站没有生成" in output
    assert "docs/plans/z-town-pairing.md:8:11: parties[1].role" in output


def test_broken_kindergarten_data_fails_the_build(site_copy, tmp_path):
    break_file(site_copy, "data/kindergartens.yml", "  name: 东苑幼儿园", "  name: 东苑幼儿园\n  city: 某地")
    assert "data/kindergartens.yml:5:3: dongyuan.city: 未知字段 city" in refused(site_copy, tmp_path)


MARKER = "/tmp/pairing-injection-ran"


@pytest.mark.parametrize("payload, expected", [
    ("{{ cycler.__init__.__globals__.os.popen('touch " + MARKER + "').read() }}", "正文中的 {{ }} 只能调用这些宏"),
    ("{{ config }}", "正文中的 {{ }} 只能调用这些宏"),
    ("{{ environment }}", "正文中的 {{ }} 只能调用这些宏"),
    ("{{ outline.__globals__ }}", "正文中的 {{ }} 只能调用这些宏"),
    ('{{ outline("measures") | safe }}', "正文中的 {{ }} 只能调用这些宏"),
    ("{{ outline(config.site_name) }}", "正文中的 {{ }} 只能调用这些宏"),
    ('{{ outline("measures", x=1) }}', "正文中的 {{ }} 只能调用这些宏"),
    ("{{ now() }}", "不认识的宏 now()"),
    ("{{ macros_info() }}", "不认识的宏 macros_info()"),
    ('{{ outline("../../etc/passwd") }}', "outline() 需要一个字段名，可用：goals、content、measures、organisation"),
    ("{% include '/etc/passwd' %}", "正文不能使用 {% %} 模板语句"),
    ("{% set x = 1 %}", "正文不能使用 {% %} 模板语句"),
    ("{{ unclosed", "正文中的 {{ }} 写法有误"),
])
def test_template_code_in_a_page_body_fails_the_build(site_copy, tmp_path, payload, expected):
    Path(MARKER).unlink(missing_ok=True)
    break_file(site_copy, PLAN, "具体措施如下：", f"具体措施如下：{payload}")
    output = refused(site_copy, tmp_path)
    assert f"{PLAN}:25:1: {expected}" in output
    assert not Path(MARKER).exists()


def test_template_code_in_a_title_fails_the_build(site_copy, tmp_path):
    break_file(site_copy, PLAN, "title: 东苑幼儿园结对帮扶计划", 'title: "{{ config.extra }}"')
    assert f"{PLAN}:2:8: title: 不能出现 {{{{、{{% 或 {{# 这样的模板代码" in refused(site_copy, tmp_path)


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
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "网站生成后的检查未通过" in result.stderr and "site/index.html:1:1: 列出了 0 份计划，应为 5 份" in result.stderr


def test_plan_macros_are_refused_outside_plan_pages(site_copy, tmp_path):
    break_file(site_copy, "docs/index.md", "{{ plan_index() }}", "{{ schedule_table() }}")
    line = line_of(site_copy, "docs/index.md", "{{ schedule_table() }}")
    assert f"docs/index.md:{line}:1: 不认识的宏 schedule_table()" in refused(site_copy, tmp_path)


def test_a_symlink_under_docs_fails_the_build(site_copy, tmp_path):
    (site_copy / "docs" / "secrets.md").symlink_to("/etc/hostname")
    assert "docs/secrets.md:1:1: 不允许符号链接（symlink），请提交真实文件" in refused(site_copy, tmp_path)


def test_the_starter_plan_builds(site_copy, tmp_path):
    starter = (site_copy / "pairing" / "content" / "starter_plan.md").read_text(encoding="utf-8")
    (site_copy / "docs/plans/example-pairing.md").write_text(starter, encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/plans/example-pairing/index.html").read_text(encoding="utf-8")
    assert "跨两个月的活动" in html and "十、十一月份" in html


def test_front_matter_strings_are_escaped_on_the_page(site_copy, tmp_path):
    # Tags are refused in front matter (test_markup_that_could_run_or_mislead_fails_the_build); what is left of
    # markup characters, < > & and character references, is shown as written.
    break_file(site_copy, PLAN, "original_title: 篇1：幼儿园帮扶计划", 'original_title: "1<2 & 3>2 <篇1> &lt;img src=x&gt;"')
    break_file(site_copy, PLAN, "    - 我园指派专人负责结对活动，", '    - "a <3 b，< img src=x>，&amp;"\n    - 我园指派专人负责结对活动，')
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/plans/dongyuan-pairing/index.html").read_text(encoding="utf-8")
    assert "原标题：1&lt;2 &amp; 3&gt;2 &lt;篇1&gt; &amp;lt;img src=x&amp;gt;" in html
    assert "a &lt;3 b，&lt; img src=x&gt;，&amp;amp;" in html
    assert "<img src=x" not in html and "<篇1>" not in html


@pytest.mark.parametrize("path, old, new, expected", [
    (PLAN, "    - 我园指派专人负责结对活动，", "    - <script>alert(1)</script>我园指派专人负责结对活动，",
     f"{PLAN}:14:7: measures.items[0]: {NO_HTML}"),
    (PLAN, "    - 我园指派专人负责结对活动，", "    - <img src=x onerror=alert(1)>我园指派专人负责结对活动，",
     f"{PLAN}:14:7: measures.items[0]: {NO_HTML}"),
    (PLAN, "    - 我园指派专人负责结对活动，", '    - "\\x3cb>粗"\n    - 我园指派专人负责结对活动，', f"{PLAN}:14:7: measures.items[0]: {NO_HTML}"),
    (PLAN, "具体措施如下：", "具体措施如下：<script>alert(1)</script>", f"{PLAN}:25:8: {NO_HTML}"),
    (PLAN, "具体措施如下：", "具体措施如下：<b>粗</b>", f"{PLAN}:25:8: {NO_HTML}"),
    (PLAN, "具体措施如下：", "具体措施如下：<!-- 藏起来的字 -->", f"{PLAN}:25:8: {NO_HTML}"),
    (PLAN, "具体措施如下：", "具体措施如下：[点我](javascript:alert(1))", f'{PLAN}:25:13: 链接只能是 http、https、mailto 或站内页面，得到 "javascript:alert(1"'),
    (PLAN, "具体措施如下：", "具体措施如下：[点我](&#106;avascript:alert(1))",
     f'{PLAN}:25:13: 链接只能是 http、https、mailto 或站内页面，得到 "&#106;avascript:alert(1"'),
    (PLAN, "具体措施如下：", "具体措施如下：<iframe src=https://example.org></iframe>", f"{PLAN}:25:8: {NO_HTML}"),
    (PLAN, "具体措施如下：", "具体措施如下：&#x202E;", f"{PLAN}:25:8: 文字中有不可见的控制字符 U+202E，请删除"),
    (PLAN, "具体措施如下：", "具体措施如下：{# 藏起来的字 #}", f"{PLAN}:25:1: 正文不能写 {{# #}}（模板注释会让其中的文字从页面上消失），请删除 {{# 和 #}}"),
    ("data/kindergartens.yml", "  name: 东苑幼儿园", "  name: 东苑\u202e幼儿园", "data/kindergartens.yml:4:9: dongyuan.name: 文字中有不可见的控制字符 U+202E"),
])
def test_markup_that_could_run_or_mislead_fails_the_build(site_copy, tmp_path, path, old, new, expected):
    break_file(site_copy, path, old, new.encode().decode("unicode_escape") if "\\u" in new else new)
    assert expected in refused(site_copy, tmp_path)


@pytest.mark.parametrize("path, old, new, expected", [
    (PLAN, "title: 东苑幼儿园结对帮扶计划", "title: 东苑<b>幼儿园</b>",
     f'{PLAN}:2:8: title: 不能含 <、> 或 & 符号（网页模板会把它们当作代码），最长 100 个字，得到 "东苑<b>幼儿园</b>"'),
    (PLAN, "title: 东苑幼儿园结对帮扶计划", "title: 东苑&lt;/title&gt;", f'{PLAN}:2:8: title: 不能含 <、> 或 & 符号'),
    (PLAN, "tags: [", "tags: [a&b, ", f'{PLAN}:18:8: tags[0]: 标签最长 20 个字，不能含 <、> 或 & 符号，得到 "a&b"'),
    ("data/kindergartens.yml", "  name: 东苑幼儿园", "  name: 东苑>幼儿园", 'data/kindergartens.yml:4:9: dongyuan.name: 不能含 <、> 或 & 符号'),
])
def test_markup_characters_in_titles_fail_the_build(site_copy, tmp_path, path, old, new, expected):
    break_file(site_copy, path, old, new)
    assert expected in refused(site_copy, tmp_path)


def test_a_10_mb_field_fails_the_build(site_copy, tmp_path):
    break_file(site_copy, PLAN, "original_title: 篇1：幼儿园帮扶计划", "original_title: " + "长" * 3_500_000)
    assert f"{PLAN}:1:1: 文件太大（超过 256 KB）" in refused(site_copy, tmp_path)


def test_a_huge_plan_fails_the_build(site_copy, tmp_path):
    rows = "".join(f"  - months: [{n % 12 + 1}]\n    activities:\n      items: [活动{n}]\n" for n in range(10_000))
    break_file(site_copy, PLAN, "tags: [", f"schedule:\n{rows}tags: [")
    assert f"{PLAN}:1:1: 文件太大（超过 256 KB）" in refused(site_copy, tmp_path)


def test_a_copy_of_the_site_builds_with_its_own_package(site_copy, tmp_path):
    # What the tests that change a copy's pairing/ rely on (test_scale.py): `python -m mkdocs` run in the copy
    # imports the copy's package, ahead of the editable install of this checkout.
    init = site_copy / "pairing" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8") + '\nraise ImportError("这是副本里的 pairing")\n', encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "这是副本里的 pairing" in result.stdout + result.stderr
