"""Shared fixtures: a strict build of the real site, and throw-away copies of the site for bad input."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE_PARTS = ["mkdocs.yml", "macros.py", "pairing", "overrides", "docs", "data"]
MKDOCS = [sys.executable, "-m", "mkdocs"]


def run_build(project: Path, out: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as an editor or CI would run it; output decoded for message checks."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    return subprocess.run([*MKDOCS, "build", "--strict", "-d", str(out)], cwd=project, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def copy_site(target: Path) -> Path:
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run."""
    out = tmp_path_factory.mktemp("site")
    result = run_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A copy of the site that a test may break."""
    return copy_site(tmp_path / "project")
