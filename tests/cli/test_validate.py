"""`python -m pairing validate` and `new`, run as an editor runs them; the bad-plan corpus through validate and the build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bad_plans import corpus, in_order, write_corpus
from check_cases import BASE, NO_SECTIONS
from conftest import copy_site, run_build
from sample_plans import run_pairing

CORPUS = corpus()


def problem_lines(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    assert lines[0] == f"发现 {len(lines) - 1} 处问题：", stdout
    return lines[1:]


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory) -> Path:
    """One copy of the site holding every bad plan next to the good ones."""
    project = copy_site(tmp_path_factory.mktemp("corpus") / "project")
    write_corpus(project, CORPUS)
    return project


def test_the_corpus_has_at_least_forty_bad_plans():
    assert len(CORPUS) >= 40
    assert len({plan.name for plan in CORPUS}) == len(CORPUS)


def test_the_real_site_is_clean(tmp_path):
    result = run_pairing(copy_site(tmp_path / "project"), "validate")
    assert (result.returncode, result.stdout, result.stderr) == (0, "检查了全部计划和数据文件，没有发现问题。\n", "")


def test_validate_reports_every_problem_in_the_corpus(corpus_site):
    result = run_pairing(corpus_site, "validate")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert problem_lines(result.stdout) == in_order(line for plan in CORPUS for line in plan.expected)


@pytest.mark.parametrize("plan", CORPUS, ids=[plan.name for plan in CORPUS])
def test_validate_one_bad_plan(corpus_site, plan):
    result = run_pairing(corpus_site, "validate", plan.file)
    assert (result.returncode, result.stderr) == (1, "")
    assert problem_lines(result.stdout) == plan.expected


def test_the_build_fails_with_every_corpus_message(corpus_site, tmp_path):
    result = run_build(corpus_site, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    missing = [line for plan in CORPUS for line in plan.expected if line not in output]
    assert missing == []


def test_validate_a_folder_and_a_data_file(corpus_site):
    result = run_pairing(corpus_site, "validate", "data/kindergartens.yml", "docs/kindergartens")
    assert (result.returncode, result.stdout) == (0, "检查了 2 个文件，没有发现问题。\n")


@pytest.mark.parametrize("args, message", [
    (["validate", "docs/plans/nowhere.md"], "python -m pairing validate: 错误：找不到文件：docs/plans/nowhere.md"),
    (["validate", "mkdocs.yml"], "python -m pairing validate: 错误：mkdocs.yml 不在 docs/ 或 data/ 下；只有那里的文件会发布到网站"),
    (["validate", "--strict"], "python -m pairing: 错误：不认识的参数：--strict"),
    ([], "python -m pairing: 错误：缺少必填参数：命令"),
    (["check"], "python -m pairing: 错误：参数 命令 的值 'check' 不可用，可选：'validate', 'new', 'import', 'offline'"),
    (["new", "--title", "甲"], "python -m pairing new: 错误：缺少必填参数：--slug"),
    # The year and the signature are no longer facts of a new plan: the period is written as the source says it.
    (["new", "--title", "甲", "--slug", "a", "--helping", "dongyuan", "--year", "2024"], "python -m pairing: 错误：不认识的参数：--year 2024"),
    (["new", "--title", "甲", "--slug", "a", "--helping", "dongyuan", "--org", "某某幼儿园"],
     "python -m pairing: 错误：不认识的参数：--org 某某幼儿园"),
])
def test_usage_errors_exit_2_in_chinese(tmp_path, args, message):
    result = run_pairing(copy_site(tmp_path / "project"), *args)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1] == message


NEW_PLAN = ["new", "--title", "测试幼儿园结对帮扶计划", "--slug", "test-pairing", "--helping", "东苑幼儿园",
            "--helped", "plan1-author", "--author", "plan1-author", "--period", "2024年3月至2025年1月", "--tag", "送教下乡"]
NEW_PLAN_MADE = ("已新建 docs/plans/test-pairing.md，写好了计划的基本信息。章节（sections）还没有内容：请照文件里的说明按原文写好，"
                 "再运行 python -m pairing validate docs/plans/test-pairing.md 检查。写好之前，检查不会通过，网站也不会生成。\n")


def test_new_writes_the_facts_and_the_plan_validates_once_its_sections_are_written(site_copy, tmp_path):
    result = run_pairing(site_copy, *NEW_PLAN)
    assert (result.returncode, result.stdout, result.stderr) == (0, NEW_PLAN_MADE, "")
    target = site_copy / "docs" / "plans" / "test-pairing.md"
    text = target.read_text(encoding="utf-8")
    assert "kindergarten: dongyuan" in text and "author: plan1-author" in text and "text: 2024年3月至2025年1月" in text
    # Only the facts given: nothing else is invented (no year, no signature, no placeholder sentence).
    assert "start_year" not in text and "signature" not in text.split("sections:")[0]
    # Until the sections are written from the source, the plan does not validate, and the site is not built.
    line = text[:text.index("sections:")].count("\n") + 1
    result = run_pairing(site_copy, "validate", "docs/plans/test-pairing.md")
    assert (result.returncode, problem_lines(result.stdout)) == (1, [f"docs/plans/test-pairing.md:{line}:10: {NO_SECTIONS}"])
    unfinished = run_build(site_copy, tmp_path / "unfinished")
    assert unfinished.returncode != 0
    assert f"docs/plans/test-pairing.md:{line}:10: {NO_SECTIONS}" in unfinished.stdout + unfinished.stderr
    # Written (here: the base plan's sections), it validates and builds.
    sections = BASE[BASE.index("sections:"):BASE.index("tags:")]
    target.write_text(text[:text.index("sections:")] + sections + "---\n", encoding="utf-8")
    result = run_pairing(site_copy, "validate", "docs/plans/test-pairing.md")
    assert (result.returncode, result.stdout) == (0, "检查了 1 个文件，没有发现问题。\n")
    build = run_build(site_copy, tmp_path / "site")
    assert build.returncode == 0, build.stderr
    page = (tmp_path / "site" / "plans" / "test-pairing" / "index.html").read_text(encoding="utf-8")
    assert "测试幼儿园结对帮扶计划" in page and "跨两个月的活动" in page and "2024年3月至2025年1月" in page
    # Built outside git and without a repository: no date, no edit link, and no error.
    assert "最后更新" not in page and "编辑此页" not in page


def test_new_needs_no_author_or_period(site_copy):
    # Who wrote a plan, and when it runs, may not be in the source: the facts that are not known are not written.
    args = ["new", "--title", "测试计划", "--slug", "no-author", "--helping", "dongyuan", "--helped", "plan1-author"]
    result = run_pairing(site_copy, *args)
    assert (result.returncode, result.stderr) == (0, "")
    text = (site_copy / "docs" / "plans" / "no-author.md").read_text(encoding="utf-8")
    assert "author:" not in text and "period:" not in text
    line = text[:text.index("sections:")].count("\n") + 1
    result = run_pairing(site_copy, "validate", "docs/plans/no-author.md")
    assert problem_lines(result.stdout) == [f"docs/plans/no-author.md:{line}:10: {NO_SECTIONS}"]


def test_new_refuses_a_wrong_fact_and_leaves_no_file(site_copy):
    result = run_pairing(site_copy, *NEW_PLAN[:-1], "a&b")
    assert (result.returncode, result.stderr) == (1, "")
    assert problem_lines(result.stdout) == [
        'docs/plans/test-pairing.md:13:3: 标签第1项（tags[0]）: 标签最长 20 个字，不能含 <、> 或 & 符号，得到 "a&b"']
    assert not (site_copy / "docs" / "plans" / "test-pairing.md").exists()


def test_new_refuses_to_overwrite(site_copy):
    target = site_copy / "docs" / "plans" / "dongyuan-pairing.md"
    before = target.read_bytes()
    args = [*NEW_PLAN[:3], "--slug", "dongyuan-pairing", *NEW_PLAN[5:]]
    result = run_pairing(site_copy, *args)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "docs/plans/dongyuan-pairing.md 已经存在，不会覆盖。要修改它，请直接编辑这个文件。\n"
    assert target.read_bytes() == before


def test_new_refuses_an_author_who_is_not_a_party(site_copy):
    result = run_pairing(site_copy, "new", "--title", "测试", "--slug", "test-pairing", "--helping", "dongyuan",
                         "--author", "plan1-author")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == "撰写单位“plan1-author”必须是参与幼儿园之一（--helping、--helped 或 --guiding 中写的幼儿园）\n"
    assert not (site_copy / "docs" / "plans" / "test-pairing.md").exists()


def test_new_refuses_an_unknown_kindergarten(site_copy):
    args = [arg.replace("东苑幼儿园", "西苑幼儿园") for arg in NEW_PLAN]
    result = run_pairing(site_copy, *args)
    assert result.returncode == 1
    assert result.stderr == "找不到幼儿园：西苑幼儿园。请写 data/kindergartens.yml 中的编号或园名，新幼儿园先在那里添加。\n"
    assert not (site_copy / "docs" / "plans" / "test-pairing.md").exists()


def test_validate_does_not_load_the_site_engine():
    # Why: validate must stay fast (well under a second for the seeds), so it never imports MkDocs.
    probe = "import sys, pairing.cli.main; print(sorted(m for m in ('mkdocs', 'material', 'jieba') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout == "[]\n"


def test_files_the_site_cannot_check_are_refused(site_copy):
    (site_copy / "docs" / "plans" / "2024").mkdir()
    plan = (site_copy / "docs" / "plans" / "dongyuan-pairing.md").read_text(encoding="utf-8")
    (site_copy / "docs" / "plans" / "2024" / "other.md").write_text(plan.replace("slug: dongyuan-pairing", "slug: other"), encoding="utf-8")
    (site_copy / "docs" / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    result = run_pairing(site_copy, "validate")
    assert (result.returncode, result.stderr) == (1, "")
    assert problem_lines(result.stdout) == [
        "docs/page.html:1:1: docs/ 下只能放页面（.md 文件）和图片（.png、.jpg、.jpeg、.gif、.webp）；“.html”类型的文件不能发布。页面请用 .md 结尾",
        "docs/plans/2024/other.md:1:1: 计划文件要直接放在 docs/plans/ 下，不能再建文件夹"]
    result = run_pairing(site_copy, "validate", "docs/plans/2024")
    assert problem_lines(result.stdout) == ["docs/plans/2024/other.md:1:1: 计划文件要直接放在 docs/plans/ 下，不能再建文件夹"]


def test_validate_of_a_file_that_is_not_a_page_reports_it(site_copy):
    (site_copy / "docs" / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    result = run_pairing(site_copy, "validate", "docs/page.html")
    assert result.returncode == 1, result.stdout
