"""Unit tests of the checks: each bad plan gets a Chinese message naming file, line, column and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pairing.content import plans
from pairing.content.problems import ContentError

from check_cases import FRONT_MATTER_CASES, SCHEMA_CASES, STARTER, line_of

ROOT = Path(__file__).resolve().parents[2]
FILE = "docs/plans/example-pairing.md"


def problems_for(tmp_path: Path, text: str, name: str = "example-pairing.md") -> list[str]:
    (tmp_path / "docs" / "plans").mkdir(parents=True, exist_ok=True)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "docs" / "plans" / name).write_text(text, encoding="utf-8")
    try:
        plans.load(tmp_path, tmp_path / "docs", tmp_path / "data")
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


def test_starter_plan_is_valid(tmp_path):
    assert problems_for(tmp_path, STARTER) == []


# (what to change in the starter plan, the line to point at, the expected "column: field: message")
@pytest.mark.parametrize("old, new, needle, expected", [c for c in SCHEMA_CASES if c[2]])
def test_schema_problems_name_line_column_and_field(tmp_path, old, new, needle, expected):
    assert old in STARTER
    text = STARTER.replace(old, new, 1)
    line = line_of(text, needle) + needle.count("\n")
    problems = problems_for(tmp_path, text)
    assert problems == [f"{FILE}:{line}:{expected}"]


@pytest.mark.parametrize("front, expected", FRONT_MATTER_CASES)
def test_front_matter_that_does_not_parse_is_reported_not_dropped(tmp_path, front, expected):
    assert problems_for(tmp_path, f"---\n{front}---\n\n正文\n") == [f"{FILE}:{expected}"]


def test_plan_without_front_matter_is_refused(tmp_path):
    assert problems_for(tmp_path, "# 只有正文\n") == [f"{FILE}:1:1: 计划页面必须以 --- 开头的 front matter 开始"]


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    text = STARTER.replace("months: [9]", "months: [13]").replace("role: 组长", "role: 队长").replace("tags:", "tagz:")
    problems = problems_for(tmp_path, text)
    assert len(problems) == 4
    assert [p.split(": ", 2)[1] for p in problems] == ["tags", "leadership[0].role", "schedule[0].months[0]", "tagz"]


def test_slug_must_match_the_file_name(tmp_path):
    problems = problems_for(tmp_path, STARTER, name="other.md")
    assert problems == ['docs/plans/other.md:3:7: slug: 网址名必须与文件名相同：文件名是 other.md，网址名却是 "example-pairing"']


def test_duplicate_slugs_are_refused(tmp_path):
    # Plans sit directly in docs/plans/, so two file names never match: the slugs collide when a slug differs from
    # its file name, and each file gets its own problem.
    (tmp_path / "docs" / "plans").mkdir(parents=True)
    (tmp_path / "docs" / "plans" / "example-copy.md").write_text(STARTER, encoding="utf-8")
    problems = problems_for(tmp_path, STARTER)
    assert problems == ['docs/plans/example-copy.md:3:7: slug: 网址名必须与文件名相同：文件名是 example-copy.md，网址名却是 "example-pairing"',
                        'docs/plans/example-pairing.md:3:7: slug: 网址名 "example-pairing" 与 docs/plans/example-copy.md 重复']


def test_a_plan_in_a_subfolder_of_plans_is_refused(tmp_path):
    (tmp_path / "docs" / "plans" / "2024").mkdir(parents=True)
    (tmp_path / "docs" / "plans" / "2024" / "other.md").write_text(STARTER.replace("example-pairing", "other"), encoding="utf-8")
    assert problems_for(tmp_path, STARTER) == ["docs/plans/2024/other.md:1:1: 计划文件要直接放在 docs/plans/ 下，不能再建文件夹"]


def test_a_field_not_shown_in_the_body_is_refused(tmp_path):
    text = STARTER.replace('{{ outline("goals") }}', "")
    assert problems_for(tmp_path, text) == [
        f"{FILE}:{line_of(text, 'goals:')}:1: goals: front matter 中的 goals 没有在正文中显示，请在正文相应位置加入 {{{{ outline(\"goals\") }}}}"]


def test_showing_a_field_the_plan_lacks_is_refused(tmp_path):
    text = STARTER + '\n{{ outline("measures") }}\n'
    line = line_of(text, '{{ outline("measures") }}')
    assert problems_for(tmp_path, text) == [f"{FILE}:{line}:1: measures: 正文调用了 outline()，但 front matter 中没有 measures"]


def test_kindergartens_file_is_checked(tmp_path):
    (tmp_path / "docs" / "plans").mkdir(parents=True)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "kindergartens.yml").write_text("Bad_Id:\n  name: 甲园\nok:\n  nam: 乙园\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        plans.load(tmp_path, tmp_path / "docs", tmp_path / "data")
    messages = [str(p) for p in caught.value.problems]
    assert any("data/kindergartens.yml:1:1" in m and "幼儿园编号只能由小写字母、数字和连字符组成" in m for m in messages)
    assert "data/kindergartens.yml:4:3: ok.nam: 未知字段 nam，是不是想写 name？" in messages



def page_problems(tmp_path: Path, name: str, text: str) -> list[str]:
    """The problems of one page that is not a plan (docs/<name>), next to a valid plan."""
    (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    return problems_for(tmp_path, STARTER)


@pytest.mark.parametrize("name, text, expected", [
    ("about.md", "# 关于\n", ["1:1: title: 页面开头要有 --- 包围的一段，写明 title: 标题"]),
    ("about.md", "---\ntitle: 关于\n---\n\n{{ plan_index() }}\n", ["5:1: 这个页面不能使用 {{ }}：只有计划页面和网站自己的页面可以调用宏"]),
    ("about.md", "---\ntitle: 关于\nrender_macros: true\n---\n\n正文\n",
     ["3:1: render_macros: 只有网站自己的页面（首页、幼儿园、活动日历、标签、开放数据、编辑指南、表单编辑器）可以使用宏"]),
    ("about.md", "---\ntitle: 关于\nslug: about\nauthor: dongyuan\n---\n\n正文\n",
     ["3:1: slug: 这个页面写了计划的字段：计划文件必须放在 docs/plans/ 文件夹里"]),
    ("about.md", "---\ntitle: 关于\ntemplate: x.html\n---\n\n正文\n", ["3:1: template: 未知字段 template，可用的字段：title、search、render_macros"]),
    ("about.md", "---\nsearch: {exclude: true}\n---\n\n正文\n", ["2:1: title: 缺少必填字段 title（标题）"]),
    ("about.md", "---\ntitle: 关于<b>本站</b>\n---\n\n正文\n",
     ["2:8: title: 不能包含 HTML 标签、注释或 <! <? 写法：请直接写文字，链接写成 [文字](网址)",
      '2:8: title: 不能含 <、> 或 & 符号（网页模板会把它们当作代码），最长 100 个字，得到 "关于<b>本站</b>"']),
    ("about.md", "---\ntitle: 关于\n---\n\n正文 <em>强调</em>\n",
     ["5:4: 不能包含 HTML 标签、注释或 <! <? 写法：请直接写文字，链接写成 [文字](网址)",
      "5:10: 不能包含 HTML 标签、注释或 <! <? 写法：请直接写文字，链接写成 [文字](网址)"]),
    ("guide/about.md", "---\ntitle: 关于\n---\n\n{# 注释 #}\n", ["5:1: 正文不能写 {# #}（模板注释会让其中的文字从页面上消失），请删除 {# 和 #}"]),
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
    assert problems_for(tmp_path, STARTER) == [f"docs/{name}:1:1: {expected}"]


def test_real_images_pass(tmp_path):
    (tmp_path / "docs" / "images").mkdir(parents=True)
    (tmp_path / "docs" / "images" / "photo-1.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(16))
    (tmp_path / "docs" / "images" / "photo-2.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    assert problems_for(tmp_path, STARTER) == []
