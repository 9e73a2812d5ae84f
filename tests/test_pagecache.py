"""Written pages kept between builds (pairing/pagecache.py, speed_hooks.py): found again only for the same
inputs, and then the same bytes as a page rendered anew. tests/test_build_shortcuts.py compares every page of a
build served from the store with one rendered in full."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import TEST_REPO_URL, run_build
from pairing import pagecache

KEY = dict(site="s", url="plans/a/", title="甲", toc=[[2, "x", "一", []]], meta={"title": "甲"},
           html="<p>正文</p>", menu=("../../",), shared="f")


@settings(max_examples=60, deadline=None)
@given(st.text(), st.lists(st.text()), st.lists(st.text()))
def test_a_page_reads_back_as_it_was_kept(html, links, ids):
    assert pagecache.decode(pagecache.encode(html, links, ids)) == (html, tuple(links), tuple(ids))


def test_links_and_ids_may_come_as_any_collection():
    assert pagecache.decode(pagecache.encode("<p>x</p>", {"../"}, iter(["a", "b"]))) == ("<p>x</p>", ("../",), ("a", "b"))


def test_every_input_of_a_page_changes_its_key():
    key = pagecache.page_key(**KEY)
    assert pagecache.page_key(**KEY) == key
    changed = {"site": "t", "url": "plans/b/", "title": "乙", "toc": [], "meta": {"title": "乙"},
               "html": "<p>正文。</p>", "menu": ("../",), "shared": "g"}
    for name, value in changed.items():
        assert pagecache.page_key(**{**KEY, name: value}) != key, name


def test_the_site_key_follows_shared_files_and_the_environment_mkdocs_yml_reads(tmp_path, monkeypatch):
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - offline:\n      enabled: !ENV [PAIRING_OFFLINE, false]\n",
                                         encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text("a", encoding="utf-8")
    shared = ["mkdocs.yml", "overrides", "missing.py"]
    monkeypatch.delenv("PAIRING_OFFLINE", raising=False)
    first = pagecache.site_key(tmp_path, shared)
    (tmp_path / "overrides" / "__pycache__").mkdir()
    (tmp_path / "overrides" / "__pycache__" / "x.pyc").write_bytes(b"\0")
    assert pagecache.site_key(tmp_path, shared) == first   # compiled files are not inputs
    (tmp_path / "overrides" / "main.html").write_text("b", encoding="utf-8")
    second = pagecache.site_key(tmp_path, shared)
    assert second != first
    monkeypatch.setenv("PAIRING_OFFLINE", "true")
    assert pagecache.site_key(tmp_path, shared) != second


def test_a_full_build_keeps_only_its_own_pages_a_partial_one_keeps_all(tmp_path):
    path = tmp_path / ".cache" / pagecache.FILE
    first = pagecache.PageStore(path)
    first.put(b"a", "<p>a</p>", ["../"], ["x"])
    first.put(b"b", "<p>b</p>", [], [])
    first.commit(keep_unused=False)
    first.close()
    partial = pagecache.PageStore(path)
    assert partial.get(b"a") == ("<p>a</p>", ("../",), ("x",))
    partial.put(b"c", "<p>c</p>", [], [])
    partial.commit(keep_unused=True)
    partial.close()
    full = pagecache.PageStore(path)
    assert full.get(b"c") == ("<p>c</p>", (), ())
    full.commit(keep_unused=False)
    full.close()
    last = pagecache.PageStore(path)
    assert (last.get(b"a"), last.get(b"b"), last.get(b"c") is not None) == (None, None, True)


def test_pages_of_a_build_that_did_not_finish_are_not_kept(tmp_path):
    path = tmp_path / pagecache.FILE
    failed = pagecache.PageStore(path)
    failed.put(b"a", "<p>a</p>", [], [])
    failed.close()
    assert pagecache.PageStore(path).get(b"a") is None


def test_a_broken_store_is_started_afresh(tmp_path):
    path = tmp_path / pagecache.FILE
    path.write_bytes(b"not a database, but a file CI restored half of" * 100)
    store = pagecache.PageStore(path)
    assert store.get(b"a") is None
    store.put(b"a", "<p>a</p>", [], [])
    store.commit(keep_unused=False)
    assert pagecache.PageStore(path).get(b"a") == ("<p>a</p>", (), ())


def served(result) -> int:
    """How many pages the build wrote as kept (speed_hooks.py says so in its log)."""
    return int(re.search(r"speed_hooks: (\d+) pages written as kept", result.stderr)[1])


def test_a_store_another_build_is_writing_serves_and_keeps_nothing(tmp_path):
    """Two builds at once (`mkdocs serve` while another build runs): the second renders every page, no error."""
    path = tmp_path / pagecache.FILE
    writing = pagecache.PageStore(path)
    writing.put(b"a", "<p>a</p>", [], [])   # its transaction holds the file until it commits
    other = pagecache.PageStore(path)
    other.put(b"b", "<p>b</p>", [], [])
    assert (other.db, other.get(b"a")) == (None, None)
    other.commit(keep_unused=False)
    writing.commit(keep_unused=False)
    assert pagecache.PageStore(path).get(b"a") == ("<p>a</p>", (), ())


def kept_pages(project) -> dict[int, int]:
    """Rows of the store by the build that last used them (the newest build is the largest number)."""
    with sqlite3.connect(project / ".cache" / pagecache.FILE) as db:
        return dict(db.execute("SELECT build, COUNT(*) FROM pages GROUP BY build").fetchall())


def test_changed_settings_and_plans_are_rendered_again(site_copy, tmp_path):
    env = {"REPO_URL": TEST_REPO_URL}
    result = run_build(site_copy, tmp_path / "one", env)
    assert result.returncode == 0, result.stderr
    first = kept_pages(site_copy)
    assert list(first) == [1] and first[1] > 40 and served(result) == 0
    # The site's name is on every page: no page of the first build may be written again.
    config = site_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_name: 幼儿园结对帮扶计划",
                                                                  "site_name: 结对帮扶计划（新名）", 1), encoding="utf-8")
    result = run_build(site_copy, tmp_path / "two", env)
    assert result.returncode == 0, result.stderr
    assert list(kept_pages(site_copy)) == [2] and served(result) == 0
    pages = list((tmp_path / "two").rglob("*.html"))
    stale = [p for p in pages if "幼儿园结对帮扶计划" in p.read_text(encoding="utf-8") and "结对帮扶计划（新名）" not in p.read_text(encoding="utf-8")]
    assert len(pages) > 40 and stale == []
    # A plan's new title: its page and its kindergartens' pages show it; other plans' pages are served as kept.
    plan = site_copy / "docs" / "plans" / "dongyuan-pairing.md"
    text = plan.read_text(encoding="utf-8")
    title = re.search(r"^title: (.*)$", text, re.M)[1]
    plan.write_text(text.replace(f"title: {title}", f"title: {title}（修订）", 1), encoding="utf-8")
    result = run_build(site_copy, tmp_path / "three", env)
    assert result.returncode == 0, result.stderr
    for page in ("plans/dongyuan-pairing/index.html", "kindergartens/dongyuan/index.html"):
        assert f"{title}（修订）" in (tmp_path / "three" / page).read_text(encoding="utf-8"), page
    # Pages that show the plan (its own, its kindergartens', lists) are rendered again; not more than a dozen.
    assert list(kept_pages(site_copy)) == [3] and first[1] - 12 <= served(result) < first[1]
    other = "plans/z-town-pairing/index.html"
    assert (tmp_path / "three" / other).read_bytes() == (tmp_path / "two" / other).read_bytes()
    # The offline copy neither reads nor changes the store.
    before = (site_copy / ".cache" / pagecache.FILE).read_bytes()
    result = run_build(site_copy, tmp_path / "offline", {**env, "PAIRING_OFFLINE": "true"})
    assert result.returncode == 0, result.stderr
    assert (site_copy / ".cache" / pagecache.FILE).read_bytes() == before


# A build as `mkdocs serve` runs it: the site's address set to the server's after the settings are read.
AS_SERVED = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
config = load_config("mkdocs.yml", site_dir=sys.argv[1])
config.site_url = "http://127.0.0.1:8123/"
build(config)
"""


def test_pages_made_for_another_address_are_not_written(site_copy, tmp_path):
    """`mkdocs serve` builds the pages for its own address; a build afterwards must not write those. (A
    kindergarten's page: only Material's canonical link on it names the site's address.)"""
    page, env = "kindergartens/dongyuan/index.html", {"REPO_URL": TEST_REPO_URL, "SITE_URL": "https://plans.example.org/"}
    assert run_build(site_copy, tmp_path / "one", env).returncode == 0
    served = subprocess.run([sys.executable, "-c", AS_SERVED, str(tmp_path / "served")], cwd=site_copy,
                            env={**os.environ, **env}, capture_output=True, text=True, timeout=300)
    assert served.returncode == 0, served.stderr
    assert 'href="http://127.0.0.1:8123/kindergartens/dongyuan/"' in (tmp_path / "served" / page).read_text(encoding="utf-8")
    assert run_build(site_copy, tmp_path / "two", env).returncode == 0
    html = (tmp_path / "two" / page).read_text(encoding="utf-8")
    assert 'href="https://plans.example.org/kindergartens/dongyuan/"' in html and "127.0.0.1:8123" not in html
