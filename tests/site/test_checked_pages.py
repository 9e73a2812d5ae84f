"""pairing/plans.py with .cache/checked-pages.json: a page checked clean is not checked again; anything else still is."""

import shutil
from datetime import date
from pathlib import Path

import pytest

from pairing import plans
from pairing.problems import ContentError

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def project(tmp_path):
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def load(project):
    return plans.load(project, project / "docs", project / "data")


def refuse_checks(monkeypatch):
    def check(*args):
        pytest.fail("a clean, unchanged page was checked again")
    monkeypatch.setattr(plans, "check_page", check)


def test_second_load_reads_the_same_plans_without_checking(project, monkeypatch):
    first = load(project)
    assert (project / plans.CHECKED_PAGES).is_file()
    plans.read_checked_page.cache_clear()
    refuse_checks(monkeypatch)
    second = load(project)
    assert {k: p.data for k, p in second.plans.items()} == {k: p.data for k, p in first.plans.items()}
    where = ("parties", 1, "kindergarten")
    assert (second.plans["plans/dongyuan-pairing.md"].source.where(where)
            == first.plans["plans/dongyuan-pairing.md"].source.where(where))


def test_changed_page_is_checked_again_and_its_problem_reported(project):
    load(project)
    page = project / "docs" / "plans" / "dongyuan-pairing.md"
    page.write_text(page.read_text(encoding="utf-8").replace("role: helped", "role: 受援"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(project)
    assert "docs/plans/dongyuan-pairing.md" in str(error.value) and "parties[1].role" in str(error.value)


def test_cross_file_checks_still_run_on_unchanged_pages(project, monkeypatch):
    # Negative control: the pages are unchanged (read from the cache), but a kindergarten they name is gone.
    load(project)
    refuse_checks(monkeypatch)
    data = project / "data" / "kindergartens.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("\njinzhu:", "\njinzhu-renamed:"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(project)
    assert '未知的幼儿园编号 "jinzhu"' in str(error.value)
    assert "docs/plans/gaojian-jinzhu-pairing.md:" in str(error.value)


def test_a_page_with_problems_is_never_recorded(project, monkeypatch):
    page = project / "docs" / "plans" / "dongyuan-pairing.md"
    page.write_text(page.read_text(encoding="utf-8").replace("role: helped", "role: 受援"), encoding="utf-8")
    with pytest.raises(ContentError):
        load(project)
    calls = []
    original = plans.check_page.__wrapped__
    monkeypatch.setattr(plans, "check_page", lambda *args: calls.append(args[1]) or original(*args))
    with pytest.raises(ContentError):
        load(project)
    assert "docs/plans/dongyuan-pairing.md" in calls


def test_unreadable_cache_means_check_everything(project, monkeypatch):
    load(project)
    (project / plans.CHECKED_PAGES).write_text("{broken", encoding="utf-8")
    calls = []
    original = plans.check_page.__wrapped__
    monkeypatch.setattr(plans, "check_page", lambda *args: calls.append(args[1]) or original(*args))
    load(project)
    assert "docs/plans/dongyuan-pairing.md" in calls


def test_clean_plans_and_kindergartens_are_read_back_from_the_cache_without_parsing_yaml(project, monkeypatch):
    first = load(project)
    plans.read_checked_page.cache_clear()
    refuse_checks(monkeypatch)
    monkeypatch.setattr(plans.yamlsource, "parse", lambda text, shown, **kw: pytest.fail(f"{shown}: YAML parsed again"))
    second = load(project)
    assert second.kindergartens == first.kindergartens
    assert {k: p.data for k, p in second.plans.items()} == {k: p.data for k, p in first.plans.items()}
    assert {k: p.body for k, p in second.plans.items()} == {k: p.body for k, p in first.plans.items()}


def test_front_matter_json_would_change_is_not_stored(project):
    plan = next(iter(load(project).plans.values()))
    assert plans._storable(plan) == {"data": plan.data}
    assert plans._storable(None) is True
    for changed in ({"signed": date(2026, 3, 5)}, {"counts": {1: "一"}}):
        plan.data = {**plan.data, **changed}
        assert plans._storable(plan) is True, changed


def test_a_page_stored_only_as_clean_is_parsed_from_yaml(project, monkeypatch):
    # Negative control of the stored front matter: a plan JSON cannot keep is stored as clean only (True).
    original = plans._storable
    monkeypatch.setattr(plans, "_storable", lambda plan: True)
    load(project)
    monkeypatch.setattr(plans, "_storable", original)
    plans.read_checked_page.cache_clear()
    calls = []
    parse = plans.yamlsource.parse
    monkeypatch.setattr(plans.yamlsource, "parse", lambda text, shown, **kw: calls.append(shown) or parse(text, shown, **kw))
    loaded = load(project)
    assert "docs/plans/dongyuan-pairing.md" in calls
    assert loaded.plans["plans/dongyuan-pairing.md"].data["slug"] == "dongyuan-pairing"


def test_changed_kindergartens_are_checked_again(project):
    load(project)
    data = project / "data" / "kindergartens.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("\njinzhu:", "\njinzhu:\n  oops: 1\njinzhu-old:", 1),
                    encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load(project)
    assert "data/kindergartens.yml" in str(error.value)
