"""`mkdocs serve`: one pairing plugin object lives through every rebuild (MkDocs keeps a plugin with on_startup),
so nothing one build leaves in it may show in the next. After a save the rebuilt site shows the change on every
page; a broken save is refused with its message and the next good save builds again; the site after several
saves is the site a fresh build makes of the same files."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import searchfiles
from conftest import run_build

PLAN = "docs/plans/xianyang-jiguan-pairing.md"
TITLE = "与咸阳市机关幼儿园结对学习计划"
NEW_TITLE = "改过的咸阳结对计划"
WORD = "结对园"   # in the plan's text, cut in two by jieba unless it is a search word
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}
ROLE_PROBLEM = (f'{PLAN}:8:11: 参与幼儿园第2项 › 角色（parties[1].role）: 只能是以下之一：helping（帮扶园）、helped（受援园）、guiding（指导单位），'
                f'得到 "受援"')

# The builds of `mkdocs serve` in one process (mkdocs/commands/serve.py: a config loaded again for each rebuild,
# on_startup once), with the editor's saves between them. Each build writes its own folder: s0, s1, …
SERVE = """
import logging
import sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build

PLAN, TITLE, NEW_TITLE, WORD = sys.argv[1:5]
plan, words = Path(PLAN), Path("data/search-words.yml")
plugins = []

class Errors(logging.Handler):
    # What `mkdocs serve` shows the editor: MkDocs logs a failed build's message, then aborts that build.
    def emit(self, record):
        with open(self.site + ".error", "a", encoding="utf-8") as file:
            file.write(record.getMessage() + "\\n")

errors = Errors(logging.ERROR)
logging.getLogger("mkdocs").addHandler(errors)

def rebuild(site):
    errors.site = site
    config = load_config("mkdocs.yml", site_dir=site)
    if not plugins:
        config.plugins.on_startup(command="serve", dirty=False)
    plugins.append(config.plugins["pairing"])
    try:
        build(config)
    except Exception as error:
        with open(site + ".error", "a", encoding="utf-8") as file:
            file.write(f"{type(error).__name__}: {error}\\n")

def save(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")

rebuild("s0")
save(plan, f"title: {TITLE}", f"title: {NEW_TITLE}")
save(words, "- 结对帮扶\\n", f"- 结对帮扶\\n- {WORD}\\n")
rebuild("s1")
save(plan, "role: helped", "role: 受援")
rebuild("s2")
save(plan, "role: 受援", "role: helped")
save(words, f"- {WORD}\\n", "")
rebuild("s3")
Path("same-plugin").write_text(str(all(plugin is plugins[0] for plugin in plugins)), encoding="utf-8")
"""


def tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def index_words(site: Path, location: str) -> set[str]:
    """The words of a page in the site's search index (its word tokens: jieba's words and whole fields)."""
    return {token[1:] for token in searchfiles.tokens_of(site, location) if token.startswith("w")}


def test_rebuilds_show_each_save_and_end_as_a_fresh_build(site_copy, tmp_path):
    result = subprocess.run([sys.executable, "-c", SERVE, PLAN, TITLE, NEW_TITLE, WORD], cwd=site_copy,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **EPOCH},
                            capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert result.returncode == 0, result.stderr
    assert (site_copy / "same-plugin").read_text() == "True"
    assert not (site_copy / "s0.error").exists() and not (site_copy / "s1.error").exists()

    # The first save: the new title on every page that shows the plan, the old one on none; the new search word whole.
    saved = site_copy / "s1"
    tags = ["民办幼儿园", "驻园学习", "观摩课", "家园共育", "保教结合", "说课评课"]
    for page in ["plans/xianyang-jiguan-pairing/", "", *[f"tags/{tag}/" for tag in tags],
                 "kindergartens/xianyang-jiguan/", "kindergartens/shaanxi-private/"]:
        html = (saved / page / "index.html").read_text(encoding="utf-8")
        assert NEW_TITLE in html and TITLE not in html, page
    assert not [p for p in saved.rglob("*.html") if TITLE in p.read_text(encoding="utf-8")]
    assert NEW_TITLE in (saved / "data" / "plans.json").read_text(encoding="utf-8")
    assert WORD not in index_words(site_copy / "s0", "plans/xianyang-jiguan-pairing/")
    assert WORD in index_words(saved, "plans/xianyang-jiguan-pairing/")

    # The broken save: refused with its message, as a build refuses it.
    assert ROLE_PROBLEM in (site_copy / "s2.error").read_text(encoding="utf-8")
    assert not (site_copy / "s2" / "index.html").exists()

    # Fixed, and the word taken out again: the site is the one a fresh build of the same files makes, byte for byte.
    fresh = tmp_path / "fresh"
    assert run_build(site_copy, fresh, EPOCH).returncode == 0
    last = tree(site_copy / "s3")
    assert len(last) > 20 and last == tree(fresh)
    assert WORD not in index_words(site_copy / "s3", "plans/xianyang-jiguan-pairing/")


def test_the_comparison_notices_a_stale_page(tmp_path):
    # negative control: one page left as an earlier build wrote it is seen
    for name, text in (("a", NEW_TITLE), ("b", TITLE)):
        (tmp_path / name / "plans").mkdir(parents=True)
        (tmp_path / name / "plans" / "index.html").write_text(text, encoding="utf-8")
    assert tree(tmp_path / "a") != tree(tmp_path / "b")
