"""The contributor guide lists every schema field; plan pages link to their source and show their last change."""

from __future__ import annotations

import os
import re
import subprocess
from datetime import date

import pytest
from conftest import TEST_REPO_URL, run_build

from pairing.content.schema import plan_schema
from pairing.site import history


def schema_fields(spec: dict, prefix: str = "", seen: tuple = ()) -> list[str]:
    """Every field path the schema declares, nested ones included (a shape inside itself once)."""
    defs = plan_schema()["$defs"]

    def resolve(s: dict) -> dict:
        return {**resolve(defs[s["$ref"].rsplit("/", 1)[1]]), **s} if "$ref" in s else s

    # The shapes a value may take: the spec, and each branch of its anyOf that names fields (a branch that only
    # requires some of the spec's fields, as a timetable row's {required: [text]}, names none of its own).
    shapes = [resolve(spec), *(resolve(b) for b in resolve(spec).get("anyOf", []))]
    paths = []
    for branch in shapes:
        for name, sub in branch.get("properties", {}).items():
            if prefix + name in paths:
                continue
            paths.append(prefix + name)
            if "$ref" not in sub or sub["$ref"] not in seen:
                inner = (*seen, sub["$ref"]) if "$ref" in sub else seen
                paths += schema_fields(sub, f"{prefix}{name}.", inner)
                paths += schema_fields(resolve(sub).get("items", {}), f"{prefix}{name}[].", inner)
    return paths


def guide_fields(site) -> list[str]:
    """The fields the guide's reference table lists."""
    page = (site / "editing" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('id="字段一览"'):]
    return re.findall(r"<tr>\s*<td>[^<]*</td>\s*<td><code>([^<]+)</code></td>", table[: table.index("</table>")])


# The fields of a timetable row: a row's schema says it needs text or items (anyOf), and the reference, reading
# anyOf as the shapes a value may take, finds no fields in it (pairing/shaping/reference.py, _object_shapes).
ROW_FIELDS = {f"sections[].timetable[].{name}" for name in ("when", "year", "months", "text", "items")} | {
    f"sections[].timetable[].items[].{name}" for name in ("marker", "heading", "text", "items")}


def test_the_guide_lists_every_schema_field(built_site):
    listed, fields = guide_fields(built_site), schema_fields(plan_schema())
    assert "sections[].list[].items" in fields and "period.start_year" in fields and "sections[].group[].duty" in fields
    assert ROW_FIELDS <= set(fields)
    assert len(listed) == len(set(listed))
    assert sorted(set(listed) - ROW_FIELDS) == sorted(set(fields) - ROW_FIELDS)


def test_the_guide_lists_the_fields_of_a_timetable_row(built_site):
    assert ROW_FIELDS <= set(guide_fields(built_site))


def test_a_plan_page_links_to_its_source_and_the_form_editor(built_site):
    page = (built_site / "plans" / "dongyuan-pairing" / "index.html").read_text(encoding="utf-8")
    assert f'<a class="plan-edit" href="{TEST_REPO_URL}/edit/main/docs/plans/dongyuan-pairing.md">编辑此页</a>' in page
    assert f'href="{TEST_REPO_URL}/commits/main/docs/plans/dongyuan-pairing.md">修改历史</a>' in page
    assert '<a class="plan-form-edit" href="../../editor/?plan=dongyuan-pairing">用表单编辑</a>' in page


def test_the_last_change_comes_from_git(site_copy, tmp_path):
    when = {"GIT_AUTHOR_DATE": "2026-03-05T10:00:00+08:00", "GIT_COMMITTER_DATE": "2026-03-05T10:00:00+08:00"}
    git = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.org"]
    env = {**os.environ, **when}
    for command in (["init", "-q"], ["add", "."], ["commit", "-q", "-m", "计划"]):
        subprocess.run([*git, *command], cwd=site_copy, env=env, check=True, capture_output=True)
    result = run_build(site_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "plans" / "z-town-pairing" / "index.html").read_text(encoding="utf-8")
    assert '<p class="plan-updated">最后更新：2026年3月5日</p>' in page
    # No repository configured: no edit link, and nothing pretends to be one.
    assert "编辑此页" not in page


def test_outside_git_there_is_no_date_and_no_error(tmp_path):
    plan = tmp_path / "plan.md"
    plan.write_text("---\n---\n", encoding="utf-8")
    assert history.last_changed(plan) is None


def test_chinese_dates():
    assert history.chinese_date(date(2026, 11, 29)) == "2026年11月29日"
    assert history.chinese_date(date(2027, 1, 5)) == "2027年1月5日"


def test_source_links_need_a_repository():
    assert history.source_links({"url": ""}, "docs/plans/a.md") == {"edit_url": "", "history_url": ""}
    assert history.source_links({"url": "https://h/o/r/", "branch": "dev"}, "docs/plans/a.md") == {
        "edit_url": "https://h/o/r/edit/dev/docs/plans/a.md", "history_url": "https://h/o/r/commits/dev/docs/plans/a.md"}


def test_each_file_gets_the_day_of_its_own_last_commit(tmp_path):
    git = ["git", "-c", "user.name=测试", "-c", "user.email=test@example.org"]
    (tmp_path / "plans" / "old").mkdir(parents=True)
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    for day, files in (("2026-03-05", ["plans/甲.md", "plans/old/乙.md"]), ("2026-04-01", ["plans/乙.md"]),
                       ("2026-05-09", ["README.md"])):
        for name in files:
            (tmp_path / name).write_text(day, encoding="utf-8")
        env = {**os.environ, "GIT_AUTHOR_DATE": f"{day}T10:00:00+08:00", "GIT_COMMITTER_DATE": f"{day}T10:00:00+08:00"}
        subprocess.run([*git, "add", "."], cwd=tmp_path, env=env, check=True)
        subprocess.run([*git, "commit", "-q", "-m", day], cwd=tmp_path, env=env, check=True)
    (tmp_path / "plans" / "丙.md").write_text("not committed", encoding="utf-8")
    plans = tmp_path / "plans"
    assert history.last_changed(plans / "甲.md") == date(2026, 3, 5)
    assert history.last_changed(plans / "乙.md") == date(2026, 4, 1)
    assert history.last_changed(plans / "old" / "乙.md") == date(2026, 3, 5)
    assert history.last_changed(plans / "丙.md") is None
