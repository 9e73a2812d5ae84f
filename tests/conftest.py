"""Shared fixtures: a strict build of the real site, and throw-away copies of the site for bad input."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the site needs to build: both configurations, the package (whose plugin mkdocs.yml lists), the
# site's macros, templates, pages and data. A build runs `python -m mkdocs` in the copy, which puts the copy first
# on sys.path: its own pairing/ is imported, ahead of the editable install of this checkout (tests may edit it).
SITE_PARTS = ["mkdocs.yml", "offline.yml", "pyproject.toml", "macros.py", "pairing", "overrides", "docs", "data"]
MKDOCS = [sys.executable, "-m", "mkdocs"]
# The hosting repo the test builds link to (edit links, the form editor's "new file" page); never fetched.
TEST_REPO_URL = "https://git.example.org/pairing/plans"


def run_build(project: Path, out: Path, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as an editor or CI would run it; output decoded for message checks."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env_extra or {})}
    return subprocess.run([*MKDOCS, "build", "--strict", "-d", str(out)], cwd=project, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def copy_site(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
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
    result = run_build(ROOT, out, {"REPO_URL": TEST_REPO_URL})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def site_copy(tmp_path) -> Path:
    """A copy of the site that a test may break."""
    return copy_site(tmp_path / "project")


# Browser tests: Debian's Chromium driven by Playwright (it never downloads a browser of its own).
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = "没有安装 Chromium（apt-get install -y chromium），浏览器测试未运行"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


@contextlib.contextmanager
def serve(directory: Path, handler_class: type | None = None):
    """A built site served on 127.0.0.1 (a free port), as a static host would serve it; yields its URL."""
    handler = functools.partial(handler_class or _QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_server(built_site):
    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def tooling_page(browser):
    """A tab for tests that inject their own tools (axe, a planted style): those are not the site's scripts,
    so this tab ignores the pages' Content Security Policy (tested itself in test_browser_security.py)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block", bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass
