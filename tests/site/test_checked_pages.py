"""Nothing in .cache/ changes a build: every page is checked on every build and every load.

Earlier versions kept pages checked clean in .cache/checked-pages.json (and pages, search entries, QR codes and
calendars in other files there) and skipped their checks; a .cache/ committed by mistake, or restored by CI from
an older run, must now be ignored: a broken plan is still refused with its message, a good site builds the same."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_site, run_build
from pairing.content import plans
from pairing.content.problems import ContentError

PLAN = "docs/plans/dongyuan-pairing.md"
ROLE_PROBLEM = (f'{PLAN}:9:11: 参与幼儿园第2项 › 角色（parties[1].role）: 只能是以下之一：helping（帮扶园）、helped（受援园）、guiding（指导单位），'
                f'得到 "受援"')
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}


def break_plan(project: Path) -> str:
    """The plan with a role no schema allows; returns its new text."""
    page = project / PLAN
    text = page.read_text(encoding="utf-8")
    assert text.count("role: helped") == 1
    broken = text.replace("role: helped", "role: 受援")
    page.write_text(broken, encoding="utf-8")
    return broken


def plant_cache(project: Path, clean_text: str, broken_text: str) -> dict[str, bytes]:
    """A .cache/ as earlier builds left it, claiming every page (the broken one too) was checked clean; returns
    each file's bytes, to show that nothing touches them."""
    cache = project / ".cache"
    (cache / "templates").mkdir(parents=True)
    data = plans.load(ROOT, ROOT / "docs", ROOT / "data").plans["plans/dongyuan-pairing.md"].record()
    clean = {"data": json.loads(json.dumps(data, ensure_ascii=False, default=str))}
    pages = {hashlib.sha256(text.encode()).hexdigest(): clean for text in (clean_text, broken_text)}
    pages.update({PLAN: True, "data/kindergartens.yml": True})
    (cache / "checked-pages.json").write_text(json.dumps({"settings": "any", "pages": pages}, ensure_ascii=False),
                                              encoding="utf-8")
    for name in ("search-entries.json", "qr-codes.json", "calendars.json"):
        (cache / name).write_text(json.dumps({"settings": "any", "pages": {"x": "y"}}), encoding="utf-8")
    (cache / "templates" / "__jinja2_0123.cache").write_bytes(b"not a template")
    with sqlite3.connect(cache / "pages.sqlite") as database:
        database.execute("create table pages (key text primary key, html text)")
        database.execute("insert into pages values ('plans/dongyuan-pairing/', '<p>旧页面</p>')")
    database.close()
    return {path.relative_to(cache).as_posix(): path.read_bytes() for path in sorted(cache.rglob("*")) if path.is_file()}


def cache_files(project: Path) -> dict[str, bytes]:
    cache = project / ".cache"
    return {path.relative_to(cache).as_posix(): path.read_bytes() for path in sorted(cache.rglob("*")) if path.is_file()}


@pytest.fixture
def poisoned(tmp_path) -> tuple[Path, dict[str, bytes]]:
    """A copy of the site with one plan broken and a .cache/ that calls it clean."""
    project = copy_site(tmp_path / "project")
    clean_text = (project / PLAN).read_text(encoding="utf-8")
    planted = plant_cache(project, clean_text, break_plan(project))
    return project, planted


def test_load_checks_every_page_whatever_is_in_the_cache(poisoned):
    project, planted = poisoned
    with pytest.raises(ContentError) as error:
        plans.load(project, project / "docs", project / "data")
    assert ROLE_PROBLEM in str(error.value)
    assert "发现 1 处问题，网站没有生成" in str(error.value)
    assert cache_files(project) == planted


def test_the_build_still_refuses_the_broken_plan(poisoned, tmp_path):
    project, planted = poisoned
    out = tmp_path / "out"
    result = run_build(project, out)
    assert result.returncode != 0
    output = result.stdout + result.stderr   # MkDocs prints the message of its Abort on stdout
    assert ROLE_PROBLEM in output and "Traceback" not in output
    assert not (out / "index.html").exists()
    assert cache_files(project) == planted


def test_validate_still_refuses_the_broken_plan(poisoned):
    project, planted = poisoned
    result = subprocess.run([sys.executable, "-m", "pairing", "validate", PLAN], cwd=project, capture_output=True,
                            text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 1
    assert ROLE_PROBLEM in result.stdout + result.stderr
    assert cache_files(project) == planted


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_good_site_builds_the_same_with_or_without_a_cache(tmp_path):
    plain, cached = copy_site(tmp_path / "plain"), copy_site(tmp_path / "cached")
    text = (cached / PLAN).read_text(encoding="utf-8")
    planted = plant_cache(cached, text, text)
    assert run_build(plain, tmp_path / "plain-site", EPOCH).returncode == 0
    result = run_build(cached, tmp_path / "cached-site", EPOCH)
    assert result.returncode == 0, result.stderr
    built = tree(tmp_path / "plain-site")
    assert len(built) > 20 and tree(tmp_path / "cached-site") == built
    assert cache_files(cached) == planted
    # and a build writes no cache of its own
    assert not (plain / ".cache").exists()
