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

