"""Unit tests of the checks: each bad plan gets a Chinese message naming file, line, column and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pairing.content import plans, scaffold
from pairing.content.problems import ContentError

from check_cases import (ACCEPTED_CASES, BASE, FRONT_MATTER_CASES, NO_SECTIONS, PLAN_BODY, SCHEMA_CASES, STARTER,
                         STARTER_PROBLEMS, TEXT_FORM_CASES, line_of)

ROOT = Path(__file__).resolve().parents[2]
FILE = "docs/plans/example-pairing.md"


def problems_for(tmp_path: Path, text: str, name: str = "example-pairing.md") -> list[str]:
    (tmp_path / "docs" / "plans").mkdir(parents=True, exist_ok=True)
    if not (tmp_path / "data").exists():
        shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "docs" / "plans" / name).write_text(text, encoding="utf-8")
    try:
        plans.load(tmp_path, tmp_path / "docs", tmp_path / "data")
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


def test_the_base_plan_is_valid(tmp_path):
    assert problems_for(tmp_path, BASE) == []


def test_the_starter_file_is_not_a_valid_plan(tmp_path):
    # On purpose: its facts are empty and its sections are comments, so a copy never reaches the site unfilled.
    expected = [f"{FILE}:{line_of(STARTER, needle)}:{rest}" for needle, rest in STARTER_PROBLEMS]
    assert problems_for(tmp_path, STARTER) == expected


def test_a_new_plan_does_not_validate_until_its_sections_are_written(tmp_path):
    # What `python -m pairing new` writes: the facts it was given, and the guide to the sections as comments.
    data = scaffold.plan_data(title="测试幼儿园结对帮扶计划", slug="example-pairing",
                              parties=[("dongyuan", "helping"), ("plan1-author", "helped")], author="plan1-author",
                              period="2024年3月至2025年1月", tags=["送教下乡"])
    text = scaffold.plan_text(data)
    assert problems_for(tmp_path, text) == [f"{FILE}:{line_of(text, 'sections:')}:10: {NO_SECTIONS}"]
    # Written from the source, the same sections as the base plan's: it validates.
    sections = BASE[BASE.index("sections:"):BASE.index("tags:")]
    written = text[:text.index("sections:")] + sections + "---\n"
    assert problems_for(tmp_path, written) == []


# (what to change in the base plan, what to write instead, the line to point at, the expected "column: field: message")
@pytest.mark.parametrize("old, new, needle, expected", SCHEMA_CASES + TEXT_FORM_CASES)
def test_problems_name_line_column_and_field(tmp_path, old, new, needle, expected):
    assert old in BASE
    text = BASE.replace(old, new, 1)
    line = line_of(text, needle) + needle.count("\n")
    problems = problems_for(tmp_path, text)
    assert problems == [f"{FILE}:{line}:{expected}"]


@pytest.mark.parametrize("old, new", ACCEPTED_CASES)
def test_what_is_written_as_the_source_says_passes(tmp_path, old, new):
    # The negative controls of the cases above: the same places written so that YAML reads them as written.
    assert old in BASE
    assert problems_for(tmp_path, BASE.replace(old, new, 1)) == []


@pytest.mark.parametrize("front, expected", FRONT_MATTER_CASES)
def test_front_matter_that_does_not_parse_is_reported_not_dropped(tmp_path, front, expected):
    assert problems_for(tmp_path, f"---\n{front}---\n") == [f"{FILE}:{rest}" for rest in expected]


def test_plan_without_front_matter_is_refused(tmp_path):
    assert problems_for(tmp_path, "# 只有正文\n") == [f"{FILE}:1:1: 计划页面的第一行必须是 ---，各字段写在两行 --- 之间"]


@pytest.mark.parametrize("body", ["\n正文\n", "\n## 三、工作目标\n\n{{ outline(\"goals\") }}\n", "\n\n\n  <b>x</b>\n"])
def test_a_plan_with_text_after_its_front_matter_is_refused(tmp_path, body):
    # A plan is its front matter: text after it would be Markdown (and the old plan macros are no more).
    text = BASE + body
    line = BASE.count("\n") + 1 + next(n for n, line in enumerate(body.splitlines()) if line.strip())
    assert problems_for(tmp_path, text) == [f"{FILE}:{line}:1: {PLAN_BODY}"]


def test_blank_lines_after_a_plan_are_not_a_body(tmp_path):
    assert problems_for(tmp_path, BASE + "\n  \n\n") == []


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = (BASE.replace("months: [9]", "months: [13]").replace("role: helping", "role: 帮扶")
            .replace("tags:", "tagz:").replace("name: xxx\n        duty", "name: 010\n        duty"))
    problems = problems_for(tmp_path, text)
    assert [p.split(": ", 2)[1] for p in problems] == [
        "参与幼儿园第1项 › 角色（parties[0].role）", "章节第3项 › 小组成员第1项 › 姓名（sections[2].group[0].name）",
        "章节第5项 › 活动安排第1项 › 月份第1项（sections[4].timetable[0].months[0]）", "未知字段 tagz；是不是想写 标签（tags）？"]


def test_slug_must_match_the_file_name(tmp_path):
    problems = problems_for(tmp_path, BASE, name="other.md")
    assert problems == ['docs/plans/other.md:3:7: 网址名（slug）: 网址名必须与文件名相同：文件名是 other.md，网址名却是 "example-pairing"']


def test_duplicate_slugs_are_refused(tmp_path):
    # Plans sit directly in docs/plans/, so two file names never match: the slugs collide when a slug differs from
    # its file name, and each file gets its own problem.
    (tmp_path / "docs" / "plans").mkdir(parents=True)
    (tmp_path / "docs" / "plans" / "example-copy.md").write_text(BASE, encoding="utf-8")
    problems = problems_for(tmp_path, BASE)
    assert problems == ['docs/plans/example-copy.md:3:7: 网址名（slug）: 网址名必须与文件名相同：文件名是 example-copy.md，网址名却是 "example-pairing"',
                        'docs/plans/example-pairing.md:3:7: 网址名（slug）: 网址名 "example-pairing" 与 docs/plans/example-copy.md 重复']


def test_a_plan_in_a_subfolder_of_plans_is_refused(tmp_path):
    (tmp_path / "docs" / "plans" / "2024").mkdir(parents=True)
    (tmp_path / "docs" / "plans" / "2024" / "other.md").write_text(BASE.replace("example-pairing", "other"), encoding="utf-8")
    assert problems_for(tmp_path, BASE) == ["docs/plans/2024/other.md:1:1: 计划文件要直接放在 docs/plans/ 下，不能再建文件夹"]


def kindergarten_problems(tmp_path: Path, text: str) -> list[str]:
    (tmp_path / "docs" / "plans").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kindergartens.yml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        plans.load(tmp_path, tmp_path / "docs", tmp_path / "data")
    return [str(p) for p in caught.value.problems]


def test_kindergartens_file_is_checked(tmp_path):
    assert kindergarten_problems(tmp_path, "Bad_Id:\n  name: 甲园\nok:\n  nam: 乙园\n") == [
        'data/kindergartens.yml:1:1: Bad_Id: 幼儿园编号只能由小写字母、数字和连字符组成（最多 64 个字符），得到 "Bad_Id"',
        "data/kindergartens.yml:4:3: ok: 未知字段 nam；是不是想写 园名（name）？",
        "data/kindergartens.yml:4:3: ok › 园名（ok.name）: 缺少必填字段 园名（name）"]


def test_a_bad_kindergarten_id_is_reported_at_its_own_line(tmp_path):
    # Not at the file's first entry: the id that breaks the rule, however far down the file it is.
    real = (ROOT / "data" / "kindergartens.yml").read_text(encoding="utf-8")
    text = real + "Z_Town_2:\n  name: 乙园\n"
    assert kindergarten_problems(tmp_path, text) == [
        f'data/kindergartens.yml:{line_of(text, "Z_Town_2:")}:1: Z_Town_2: '
        '幼儿园编号只能由小写字母、数字和连字符组成（最多 64 个字符），得到 "Z_Town_2"']
    assert line_of(text, "Z_Town_2:") > 50


def test_a_one_line_list_of_text_is_refused_in_the_kindergartens_file_too(tmp_path):
    real = (ROOT / "data" / "kindergartens.yml").read_text(encoding="utf-8")
    text = real.replace("  aliases:\n    - 市机关幼儿园", "  aliases: [市机关幼儿园]")
    assert kindergarten_problems(tmp_path, text) == [
        f"data/kindergartens.yml:{line_of(text, 'aliases: [市机关')}:12: "
        "一行 [ ] 或 { } 里的文字会在每个半角逗号处被拆开；请把每一项单独写一行，以“- ”开头"]


def page_problems(tmp_path: Path, name: str, text: str) -> list[str]:
    """The problems of one page that is not a plan (docs/<name>), next to a valid plan."""
    (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return problems_for(tmp_path, BASE)


NO_HTML = "不能包含 HTML 标签、注释或 <! <? 写法（尖括号后面紧跟字母、/、! 或 ?）：请直接写文字"


@pytest.mark.parametrize("name, text, expected", [
    ("about.md", "# 关于\n", ["1:1: title: 页面开头要有 --- 包围的一段，写明 title: 标题"]),
    ("about.md", "---\ntitle: 关于\n---\n\n{{ plan_index() }}\n", ["5:1: 这个页面不能使用 {{ }}：只有网站自己的页面可以调用宏"]),
    ("about.md", "---\ntitle: 关于\nrender_macros: true\n---\n\n正文\n",
     ["3:1: render_macros: 只有网站自己的页面（首页、幼儿园、活动日历、标签、开放数据、编辑指南、表单编辑器）可以使用宏"]),
    ("about.md", "---\ntitle: 关于\nslug: about\nauthor: dongyuan\n---\n\n正文\n",
     ["3:1: slug: 这个页面写了计划的字段：计划文件必须放在 docs/plans/ 文件夹里"]),
    ("about.md", "---\ntitle: 关于\ntemplate: x.html\n---\n\n正文\n",
     ["3:1: 未知字段 template；可用的字段：标题（title）、搜索（search）、使用网站的宏（render_macros）"]),
    ("about.md", "---\nsearch: {exclude: true}\n---\n\n正文\n", ["2:1: 标题（title）: 缺少必填字段 标题（title）"]),
    ("about.md", "---\ntitle: 关于<b>本站</b>\n---\n\n正文\n",
     [f"2:8: 标题（title）: {NO_HTML}", '2:8: 标题（title）: 不能含 <、> 或 & 符号（网页模板会把它们当作代码），最长 100 个字，得到 "关于<b>本站</b>"']),
    ("about.md", "---\ntitle: 关于\n---\n\n正文 <em>强调</em>\n", [f"5:4: {NO_HTML}", f"5:10: {NO_HTML}"]),
    ("guide/about.md", "---\ntitle: 关于\n---\n\n{# 注释 #}\n", ["5:1: 正文不能写 {# #}（模板注释会让其中的文字从页面上消失），请删除 {# 和 #}"]),
    # A page's front matter is YAML too: a one-line list of text would be split.
    ("about.md", "---\ntitle: [关于, 本站]\n---\n\n正文\n",
     ["2:8: 一行 [ ] 或 { } 里的文字会在每个半角逗号处被拆开；请把每一项单独写一行，以“- ”开头", "2:8: 标题（title）: 应为文字，得到 列表"]),
    # The old plan macros are not site macros: a site page may call only the site's own.
    ("index.md", "---\ntitle: 首页\nrender_macros: true\n---\n\n{{ schedule_table() }}\n",
     ["6:1: 不认识的宏 schedule_table()；正文中的 {{ }} 只能调用这些宏，参数只能是写明的文字：plan_index()、kindergarten_index()、"
      "activity_calendar()、tag_index()、open_data()、field_reference()、starter_plan()、form_editor()"]),
])
def test_pages_that_are_not_plans_are_checked_too(tmp_path, name, text, expected):
    assert page_problems(tmp_path, name, text) == [f"docs/{name}:{rest}" for rest in expected]


def test_a_site_page_may_call_the_site_macros(tmp_path):
    text = "---\ntitle: 首页\nrender_macros: true\n---\n\n{{ plan_index() }}\n"
    assert page_problems(tmp_path, "index.md", text) == []


@pytest.mark.parametrize("name, content, expected", [
    ("page.html", b"<p>x</p>", "docs/ 下只能放页面（.md 文件）和图片（.png、.jpg、.jpeg、.gif、.webp）；“.html”类型的文件不能发布。页面请用 .md 结尾"),
    ("page.markdown", "---\ntitle: x\n---\n".encode(), "docs/ 下只能放页面（.md 文件）和图片（.png、.jpg、.jpeg、.gif、.webp）；“.markdown”类型的文件不能发布。页面请用 .md 结尾"),
    ("README", b"x", "docs/ 下只能放页面（.md 文件）和图片（.png、.jpg、.jpeg、.gif、.webp）；没有扩展名的文件不能发布。页面请用 .md 结尾"),
    (".gitkeep", b"", "不能提交隐藏文件（名字以 . 开头），请删除"),
    ("About_Us.md", "---\ntitle: x\n---\n".encode(), '文件名只能由小写字母、数字和连字符组成（最多 64 个字符），如 dongyuan-pairing，再加 .md，得到 "About_Us.md"'),
    ("photo.png", b"GIF89a", "文件内容不是 .png 图片，请用图片软件另存为正确的格式"),
    ("a/b/c/d/e.png", b"\x89PNG\r\n\x1a\n", "文件夹不能超过 4 层"),
])
def test_only_pages_and_images_with_plain_names_may_be_under_docs(tmp_path, name, content, expected):
    (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / name).write_bytes(content)
    assert problems_for(tmp_path, BASE) == [f"docs/{name}:1:1: {expected}"]


def test_real_images_pass(tmp_path):
    (tmp_path / "docs" / "images").mkdir(parents=True)
    (tmp_path / "docs" / "images" / "photo-1.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    (tmp_path / "docs" / "images" / "photo-2.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    assert problems_for(tmp_path, BASE) == []
