"""Unit tests of the checks: each bad plan gets a Chinese message naming file, line, column and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pairing import plans
from pairing.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent
STARTER = (ROOT / "pairing" / "starter_plan.md").read_text(encoding="utf-8")
FILE = "docs/plans/example-pairing.md"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


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
SCHEMA_CASES = [
    ("months: [9]", "months: [13]", "months: [13]", "14: schedule[0].months[0]: 月份必须是 1–12 的整数，得到 13"),
    ("months: [9]", "months: [0]", "months: [0]", "14: schedule[0].months[0]: 月份必须是 1–12 的整数，得到 0"),
    ("months: [9]", 'months: ["九"]', 'months: ["九"]', '14: schedule[0].months[0]: 月份必须是 1–12 的整数，得到 "九"'),
    ("months: [9]", "months: 9", "months: 9", "13: schedule[0].months: 应为列表（每项以 - 开头），得到 9"),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡, 送教下乡]", "tags:", "7: tags: 有重复的项"),
    ("    role: helping\n", "    role: 帮扶\n", "role: 帮扶",
     '11: parties[0].role: 只能是以下之一：helping（帮扶园）、helped（受援园）、guiding（指导单位），得到 "帮扶"'),
    ("  - role: 组长\n", "  - role: 队长\n", "role: 队长", '11: leadership[0].role: 只能是以下之一：组长、副组长、组员、成员，得到 "队长"'),
    ("  org: 某某幼儿园", "  org: no", "org: no", '8: signature.org: 应为文字，得到 no（YAML 把它读成了 false，原意是文字的话请加引号："no"）'),
    ("  date: XX年X月", "  date: 9:30", "date: 9:30", '9: signature.date: 应为文字，得到 9:30（YAML 把它读成了 570，原意是文字的话请加引号："9:30"）'),
    ("    name: xxx\n    duty: 负责全面工作", "    name: 010\n    duty: 负责全面工作", "name: 010",
     '11: leadership[0].name: 应为文字，得到 010（YAML 把它读成了 8，原意是文字的话请加引号："010"）'),
    ("slug: example-pairing", "slug: 示例", "slug: 示例", '7: slug: 网址名只能由小写字母、数字和连字符组成，如 dongyuan-pairing，得到 "示例"'),
    ("  - kindergarten: dongyuan", "  - kindergarten: nowhere", "kindergarten: nowhere",
     '19: parties[0].kindergarten: 未知的幼儿园编号 "nowhere"，请先在 data/kindergartens.yml 中添加'),
    ("author: plan1-author", "author: dongyuan-x", "author: dongyuan-x", '9: author: 撰写单位 "dongyuan-x" 必须是 parties 中的一所幼儿园'),
    ("title: 某某幼儿园结对帮扶计划\n", "", "slug:", "1: title: 缺少必填字段 title（标题）"),
    ("      items: [跨两个月的活动]", "      items: []", "items: []", "14: schedule[1].activities.items: 不能为空，至少要写一项"),
    ("goals:\n  numbering: 1、", "goals:\n  numbering: 1)", "numbering: 1)",
     '14: goals.numbering: 只能是以下之一：1、、1.、一、、（一）、A、、①、(1)、一是，得到 "1)"'),
    ("    - 没有小标题的目标直接写一段文字。", "    - title: 错的键", "title: 错的键", "7: goals.items[1].title: 未知字段 title，可用的字段：heading、text、sub"),
    ("    - 没有小标题的目标直接写一段文字。", "    - 7", "- 7", "7: goals.items[1]: 条目必须是一段文字，或只包含 heading、text、sub 的条目，得到 7"),
    ("title: 某某幼儿园结对帮扶计划", "title: 某某{{ config }}", "title: 某某", "8: title: front matter 中不能出现 {{、{% 或 {# 这样的模板代码"),
    ("slug: example-pairing\n", "slug: example-pairing\nslug: example-pairing\n", "slug: example-pairing\nslug", "1: slug: 字段 slug 重复出现，只能写一次"),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡]\nyear: 24", "year: 24", "7: year: 年份必须是四位数的公历年份，如 2024，得到 24"),
    ("tags: [送教下乡, 环境创设]", "tags: [送教下乡]\ntemplate: x.html", "template:", "1: template: 未知字段 template，可用的字段：title、slug、former_slugs、original_title、year、parties、author、guiding_ideology、"
     "principles、status_analysis、leadership、goals、content、measures、organisation、schedule、signature、tags"),
]


@pytest.mark.parametrize("old, new, needle, expected", [c for c in SCHEMA_CASES if c[2]])
def test_schema_problems_name_line_column_and_field(tmp_path, old, new, needle, expected):
    assert old in STARTER
    text = STARTER.replace(old, new, 1)
    line = line_of(text, needle) + needle.count("\n")
    problems = problems_for(tmp_path, text)
    assert problems == [f"{FILE}:{line}:{expected}"]


FRONT_MATTER_CASES = [
    ("title: 甲\n\tslug: x\n", "3:1: YAML 格式错误：这一行用了 Tab 键缩进，请改用空格"),
    ("title：甲\nslug：x\n", "2:1: 字段名后面用了全角冒号（：），请改成英文冒号加空格（: ）"),
    ("title: 甲\nslug:\u3000x:\u3000y\n", "3:1: YAML 格式错误：这一行有全角冒号或全角空格，字段名后面要用英文冒号加空格（: ）"),
    ('title: "甲\nslug: x\n', "2:8: YAML 格式错误：引号没有配对，请检查这一行的引号是否成对"),
    ("- title: 甲\n- slug: x\n", "2:1: front matter 必须是“字段: 值”的形式，得到 列表"),
    ("title: 甲: 乙\n", "2:9: YAML 格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号"),
    ("title: 甲\x07\nslug: x\n", "2:1: 文字中有不可见的控制字符 U+0007，请删除"),
    ("title: 甲\n  slug: x\n", "3:7: YAML 格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号"),
]


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
    (tmp_path / "docs" / "plans" / "2024").mkdir(parents=True)
    (tmp_path / "docs" / "plans" / "2024" / "example-pairing.md").write_text(STARTER, encoding="utf-8")
    problems = problems_for(tmp_path, STARTER)
    assert problems == ['docs/plans/example-pairing.md:3:7: slug: 网址名 "example-pairing" 与 docs/plans/2024/example-pairing.md 重复']


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

