"""What a build keeps in memory (issue #8: peak memory at 1,000 plans): unit tests of each saving, and a build
of the real site with a probe hook that looks at what MkDocs and pairing still hold once every page is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig

import hooks
from conftest import ROOT, run_build
from pairing import audit, heldparts, plans, yamlsource

# Appended to the hooks of a copy of the site: records, at the very end of the build, what is still held.
PROBE = '''
import json
from mkdocs.plugins import event_priority
from pairing import buildcache, heldparts

_files = []


def on_files(files, config):
    _files.append(files)


@event_priority(-200)
def on_post_build(config):
    collection = config.plugins["macros"].variables["pairing_collection"]
    pages = [f.page for f in _files[-1].documentation_pages()]
    plan = collection.plans["plans/dongyuan-pairing.md"]
    page = next(p for p in pages if p.file.src_uri == plan.src_uri)
    held = {
        "pages": len(pages),
        "pages holding html or markdown": sum(p.content is not None or p.markdown is not None for p in pages),
        "plan meta is the plan's data": page.meta["parties"] is plan.data["parties"],
        "held parts left": len(heldparts._parts),
        "open stores": sorted(buildcache._open),
    }
    with open("held.json", "w", encoding="utf-8") as file:
        json.dump(held, file)
'''


@pytest.fixture(scope="module")
def collection():
    return plans.load(ROOT, ROOT / "docs", ROOT / "data")


def test_what_the_build_still_holds_once_every_page_is_written(site_copy, tmp_path):
    (site_copy / "probe_hooks.py").write_text(PROBE, encoding="utf-8")
    config = site_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - speed_hooks.py\n", "  - speed_hooks.py\n  - probe_hooks.py\n"),
                      encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    held = json.loads((site_copy / "held.json").read_text(encoding="utf-8"))
    assert held["pages"] > 20
    # Each page's Markdown and HTML are let go once it is written (speed_hooks.py), every held part was put back
    # (hooks.py), a plan page's front matter is the plan's own (speed_hooks.py), and the calendars were saved
    # as soon as the open data was made (speed_hooks.py).
    assert held["pages holding html or markdown"] == 0
    assert held["held parts left"] == 0
    assert held["plan meta is the plan's data"] is True
    assert held["open stores"] == ["qr-codes"]


def test_a_collection_describes_itself_in_one_line(collection):
    # mkdocs-macros writes every variable of the build into a debug message, even with debug messages off.
    assert repr(collection) == f"<Collection: {len(collection.kindergartens)} kindergartens, 5 plans>"


def test_a_plan_keeps_its_text_once_and_finds_positions_in_it(collection):
    plan = collection.plans["plans/dongyuan-pairing.md"]
    text = (ROOT / "docs" / "plans" / "dongyuan-pairing.md").read_text(encoding="utf-8-sig")
    assert plan.text == text and text.endswith(plan.body) and plan.body_line > 1
    line, _ = plan.source.where(("slug",))
    assert text.splitlines()[line - 1].startswith("slug:")


def test_keys_of_parsed_yaml_are_shared():
    first, _ = yamlsource.parse("parties:\n  - kindergarten: a\n    role: helping\n", "a.md")
    second, _ = yamlsource.parse("".join(["parties:\n", "  - kindergarten: b\n", "    role: helped\n"]), "b.md")
    [key] = [k for k in first.data["parties"][0] if k == "role"]
    [other] = [k for k in second.data["parties"][0] if k == "role"]
    assert key is other


def test_held_parts_wait_compressed_and_come_back_whole():
    part = "".join(f'<tr><td class="month">{n} 月</td><td>教研活动：观摩与研讨第 {n} 次</td></tr>' for n in range(200))
    word = heldparts.hold(part).strip()
    assert len(heldparts._parts[word]) < len(part.encode("utf-8")) / 5
    assert heldparts.put_back(f"<p>{word}</p>") == part


def test_recorded_pages_share_the_links_and_ids_they_repeat():
    page = '<link rel="stylesheet" href="../assets/plan.css"><h2 id="schedule">活动安排</h2><a href="../#top">回到顶部</a>'
    built = audit.BuiltPages()
    built.record("a/index.html", "".join(["<p></p>", page]), None)
    built.record("b/index.html", "".join(["<div></div>", page]), None)
    (links_a, ids_a), (links_b, ids_b) = built.links["a/index.html"], built.links["b/index.html"]
    assert links_a == links_b == ("../assets/plan.css", "../#top") and ids_a == ids_b == ("schedule",)
    assert all(x is y for x, y in zip(links_a + ids_a, links_b + ids_b))


def test_a_generated_file_is_written_at_once_and_not_held(tmp_path):
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "测试", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site")})
    assert config.validate() == ([], [])
    config.plugins._current_plugin = None   # as during an event of a build, where hooks.py calls it
    file = hooks._written(config, "data/plans.json", '{"plans": ["计划"]}\n')
    written = Path(file.abs_dest_path)
    assert written.read_text(encoding="utf-8") == '{"plans": ["计划"]}\n'
    file.copy_file()   # what MkDocs does with it after every page is read: nothing
    assert written.read_text(encoding="utf-8") == '{"plans": ["计划"]}\n'
    written.unlink()
    with pytest.raises(FileNotFoundError):   # its content is read from the site, not kept in memory
        file.content_string
