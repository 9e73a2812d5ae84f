"""`mkdocs serve --dirty`, site level: after saving a plan, the rebuilt site shows the change on every page
that shows the plan (none stale), still lists every plan in the tags plugin's export and the search index,
and leaves the pages that do not show the plan as they were."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import MKDOCS, run_build  # noqa: F401  (the same interpreter runs the builds)

from pairing import searchindex

PLAN = "docs/plans/xianyang-jiguan-pairing.md"
TITLE = "与咸阳市机关幼儿园结对学习计划"

# Two builds in one process, as `mkdocs serve --dirty` runs them: a full one, then, after the edit, a dirty one.
SERVE = """
import logging, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.commands.build import build

def config():
    loaded = load_config("mkdocs.yml", site_dir=sys.argv[1])
    loaded.plugins.on_startup(command="serve", dirty=True)
    return loaded

logging.basicConfig(format="%(levelname)s %(message)s")
build(config(), dirty=True)
Path("built").write_text("1")
plan = Path(sys.argv[2])
plan.write_text(plan.read_text(encoding="utf-8").replace(sys.argv[3], sys.argv[4]), encoding="utf-8")
last = config()
build(last, dirty=True)
caches = ["search-entries", "checked-pages", "calendars"]
Path("cached-before-exit").write_text(" ".join(str(Path(f".cache/{name}.json").is_file()) for name in caches))
last.plugins.on_shutdown()
"""


def serve_twice(project, site, old: str, new: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SERVE, str(site), PLAN, old, new], cwd=project,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


def test_a_saved_title_shows_on_every_page_that_shows_the_plan(site_copy, tmp_path):
    site = tmp_path / "site"
    assert TITLE in (site_copy / PLAN).read_text(encoding="utf-8")
    result = serve_twice(site_copy, site, f"title: {TITLE}", "title: 改过的咸阳结对计划")
    assert result.returncode == 0, result.stderr
    tags = ["民办幼儿园", "驻园学习", "观摩课", "家园共育", "保教结合", "说课评课"]
    assert f"tags: [{', '.join(tags)}]" in (site_copy / PLAN).read_text(encoding="utf-8")
    for page in ["plans/xianyang-jiguan-pairing/", "", *[f"tags/{tag}/" for tag in tags],
                 "kindergartens/xianyang-jiguan/", "kindergartens/shaanxi-private/"]:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "改过的咸阳结对计划" in html and TITLE not in html, page
    calendar = [page.read_text(encoding="utf-8") for page in (site / "calendar").rglob("index.html")]
    assert any("改过的咸阳结对计划" in html for html in calendar) and not any(TITLE in html for html in calendar)
    # The pages not rebuilt keep their part of the tags plugin's export and of the search index.
    mappings = json.loads((site / "tags.json").read_text(encoding="utf-8"))["mappings"]
    assert {m["item"]["url"] for m in mappings} >= {"plans/dongyuan-pairing/", "plans/z-town-pairing/"}
    docs = searchindex.read_index((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert {d["location"].split("#")[0] for d in docs if d["location"].startswith("plans/")} == {
        "plans/dongyuan-pairing/", "plans/gaojian-jinzhu-pairing/", "plans/xianyang-jiguan-pairing/",
        "plans/xx-county-jiguan-pairing/", "plans/z-town-pairing/"}
    assert any("改过" in d["title"].replace("\u200b", "") for d in docs if d["location"] == "plans/xianyang-jiguan-pairing/")
    # The caches stay open while serving (not written after each save) and are saved when serving stops.
    assert (site_copy / "cached-before-exit").read_text() == "False False False"
    assert "改过" in (site_copy / ".cache" / "search-entries.json").read_text(encoding="utf-8").replace("\u200b", "")
    checked = json.loads((site_copy / ".cache" / "checked-pages.json").read_text(encoding="utf-8"))["pages"]
    assert any(isinstance(value, dict) and value["data"].get("title") == "改过的咸阳结对计划" for value in checked.values())
    assert (site_copy / ".cache" / "calendars.json").is_file()


def test_pages_that_do_not_show_the_plan_are_not_rebuilt(site_copy, tmp_path):
    # The point of --dirty: an unrelated kindergarten's page and an unchanged plan stay as they were built.
    site = tmp_path / "site"
    result = serve_twice(site_copy, site, f"title: {TITLE}", "title: 改过的咸阳结对计划")
    assert result.returncode == 0, result.stderr
    built = (site_copy / "built").stat().st_mtime
    for page in ["kindergartens/dongyuan/", "plans/dongyuan-pairing/", "tags/送课/", "kindergartens/", "tags/", "editing/"]:
        assert (site / page / "index.html").stat().st_mtime < built, page
    assert (site / "index.html").stat().st_mtime > built   # negative control: the home page was rebuilt
    # Nor the open data and editor's files that do not show it (pairing/serving.py); those that do are written.
    for file in ["data/plans.schema.json", "editor/plans/dongyuan-pairing.json"]:
        assert (site / file).stat().st_mtime < built, file
    for file in ["data/plans.json", "data/plans.csv", "editor/plans/xianyang-jiguan-pairing.json", "editor/data.json"]:
        assert (site / file).stat().st_mtime > built, file


def test_a_broken_plan_stops_the_dirty_rebuild_with_its_message(site_copy, tmp_path):
    result = serve_twice(site_copy, tmp_path / "site", "role: helping", "role: 帮扶")
    assert result.returncode != 0
    assert PLAN in result.stderr and "parties[0].role" in result.stderr


def test_a_new_tag_shows_on_the_tags_page_and_gets_its_page(site_copy, tmp_path):
    site = tmp_path / "site"
    result = serve_twice(site_copy, site, "说课评课]", "说课评课, 新加的标签]")
    assert result.returncode == 0, result.stderr
    assert 'href="新加的标签/"' in (site / "tags" / "index.html").read_text(encoding="utf-8")
    assert "与咸阳市机关幼儿园结对学习计划" in (site / "tags" / "新加的标签" / "index.html").read_text(encoding="utf-8")


def test_open_data_and_editor_files_after_a_save_are_those_of_a_clean_build(site_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")   # the calendars' DTSTAMP, the same in both builds
    site, clean = tmp_path / "site", tmp_path / "clean"
    # The saved plan gets a new title and now gives its year, so it gets a calendar of its own.
    result = serve_twice(site_copy, site, f"title: {TITLE}", "title: 改过的咸阳结对计划\nyear: 2024")
    assert result.returncode == 0, result.stderr
    assert run_build(site_copy, clean).returncode == 0
    assert (clean / "data" / "calendar" / "xianyang-jiguan-pairing.ics").is_file()
    assert "改过的咸阳结对计划" in (site / "data" / "plans.json").read_text(encoding="utf-8")
    for folder in ["data", "editor"]:
        files = sorted(p.relative_to(clean) for p in (clean / folder).rglob("*") if p.is_file())
        assert files == sorted(p.relative_to(site) for p in (site / folder).rglob("*") if p.is_file())
        for file in files:
            assert (site / file).read_bytes() == (clean / file).read_bytes(), file


def test_a_link_to_the_plan_that_its_save_breaks_stops_the_dirty_rebuild(site_copy, tmp_path):
    # The guide links to the plan's last schedule row; the save removes that row. The guide is not built again,
    # so the end-of-build audit must look at its links again (audit.LinkAudit: an #anchor into a page built again).
    guide = site_copy / "docs" / "editing.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\n<a href=\"../plans/xianyang-jiguan-pairing/#schedule-11\">最后一行</a>\n",
                     encoding="utf-8")
    last_row = "  - months: [6]\n    next_year: true\n    activities:\n      items: [我园教师上课、说课、评课、看观文艺]\n"
    assert last_row in (site_copy / PLAN).read_text(encoding="utf-8")
    result = serve_twice(site_copy, tmp_path / "site", last_row, "")
    assert (site_copy / "built").is_file(), result.stderr   # negative control: the first build, with the row, passed
    assert result.returncode != 0
    assert "site/editing/index.html:1:1: 站内链接 ../plans/xianyang-jiguan-pairing/#schedule-11 的锚点 #schedule-11 不存在" in result.stderr
