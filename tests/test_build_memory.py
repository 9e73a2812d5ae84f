"""What a build keeps in memory (issue #8: peak memory at 1,000 plans): unit tests of each saving, and a build
of the real site with a probe hook that looks at what MkDocs and pairing still hold once every page is written."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from mkdocs.config.defaults import MkDocsConfig

import hooks
from conftest import ROOT, copy_site, run_build
from pairing import audit, buildcache, exports, heldparts, plans, search, searchindex, yamlsource

# Appended to the hooks of a copy of the site: records, at the very end of the build, what is still held.
PROBE = '''
import json
import sys
from pathlib import Path
from mkdocs.plugins import event_priority
from pairing import buildcache, heldparts, searchindex

_files = []
_cut = []


def on_files(files, config):
    _files.append(files)


@event_priority(-200)
def on_post_page(output, page, config):
    _cut.append(sys.modules["jieba"].dt.initialized if "jieba" in sys.modules else False)
    return output


@event_priority(-200)
def on_post_build(config):
    search = config.plugins["material/search"]
    written = (Path(config.site_dir) / "search" / "search_index.json").read_bytes()
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
        "search plugin writes its index": any(getattr(m, "__self__", None) is search for m in config.plugins.events["post_build"]),
        "entries held by the index": len(search.search_index.entries),
        "entries in the index": len(searchindex.read_index(written.decode("utf-8"))["docs"]),
        "jieba's dictionary loaded while pages were written": any(_cut),
        "jieba's dictionary at the end": len(sys.modules["jieba"].dt.FREQ),
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
    # as soon as the open data was made, the QR codes once every page was read (speed_hooks.py).
    assert held["pages holding html or markdown"] == 0
    assert held["held parts left"] == 0
    assert held["plan meta is the plan's data"] is True
    assert held["open stores"] == []
    # The search index was written in parts (speed_hooks.py), not by Material from one string, from its entries
    # written to a file as they were made, none held (the same file: the test below).
    assert held["search plugin writes its index"] is False
    assert held["entries held by the index"] == 0 and held["entries in the index"] > 20
    # jieba's dictionary cut the pages of this first build (no .cache/), then went before the end of the build.
    assert held["jieba's dictionary loaded while pages were written"] is True
    assert held["jieba's dictionary at the end"] == 0


def test_a_released_dictionary_is_loaded_again_for_the_next_cut(tmp_path):
    import jieba

    words = tmp_path / "dict.txt"
    words.write_text("结对 300\n帮扶 300\n幼儿园 500\n东苑 100\n计划 200\n", encoding="utf-8")
    tokenizer = jieba.Tokenizer(str(words))
    tokenizer.tmp_dir = str(tmp_path)
    cut = list(tokenizer.cut("东苑幼儿园结对帮扶计划", HMM=False))
    assert tokenizer.initialized and len(tokenizer.FREQ) > 5
    search.release_dictionary(tokenizer)
    assert not tokenizer.initialized and tokenizer.FREQ == {} and tokenizer.total == 0
    assert list(tokenizer.cut("东苑幼儿园结对帮扶计划", HMM=False)) == cut == ["东苑", "幼儿园", "结对", "帮扶", "计划"]
    assert tokenizer.initialized and len(tokenizer.FREQ) > 5


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


def test_the_index_written_in_parts_is_the_index_as_one_string(tmp_path):
    config = {"lang": ["zh"], "separator": "[\\s\u200b]+", "pipeline": [], "fields": {"title": {"boost": 1e3}}, "x": 1}
    entries = [{"location": f"plans/p{n}/", "title": f"计划{n}", "text": f"东苑\u200b幼儿园 {n}", "tags": ["送教"]}
               for n in range(3)]
    for docs in (entries, entries[:1], []):
        path = tmp_path / "search" / "search_index.json"
        searchindex.write_index(path, searchindex.index_parts(config, searchindex.docs_text(iter(docs))))
        assert path.read_bytes() == searchindex.index_json(config, docs).encode("utf-8")
        assert searchindex.read_index(path.read_text(encoding="utf-8"))["docs"] == docs
        # Written to a file page by page as they are made, then read back: the same text.
        written = searchindex.WrittenEntries()
        for page in (docs[:1], [], docs[1:]):
            written.add(page)
        assert "".join(searchindex.index_parts(config, written.docs())) == searchindex.index_json(config, docs)
    # Negative control: one part per entry, not one string of them all.
    assert len(list(searchindex.docs_text(entries))) == len(entries)


def test_a_store_written_as_made_holds_nothing_new_and_saves_the_same(tmp_path):
    values = {"a": [{"location": "a/", "text": "东苑\u200b幼儿园"}], "b": [{"location": "b/"}], "c": {"n": 1}}
    buildcache.Store(tmp_path / "first.json", "s1").put("a", values["a"])
    for name in ("held.json", "written.json"):
        path = tmp_path / name
        first = buildcache.Store(path, "s1")
        first.put("a", values["a"])
        first.save()
        store = buildcache.Store(path, "s1", written_as_made=name == "written.json")
        assert store.get("a") == values["a"]   # found in the file read at the start
        store.put("b", values["b"])
        store.put("c", values["c"])
        # Negative control: the store that holds what it made has it in memory.
        assert len(store.used) == (1 if name == "written.json" else 3)
        store.save()
    assert json.loads((tmp_path / "written.json").read_bytes()) == json.loads((tmp_path / "held.json").read_bytes())
    assert buildcache.Store(tmp_path / "written.json", "s1").known == values
    only_made = buildcache.Store(tmp_path / "made.json", "s1", written_as_made=True)
    only_made.put("b", values["b"])
    only_made.save()
    assert buildcache.Store(tmp_path / "made.json", "s1").known == {"b": values["b"]}


def test_the_index_and_its_cache_are_the_same_written_as_made(site_copy, tmp_path):
    held = copy_site(tmp_path / "held")
    speed_hooks = held / "speed_hooks.py"
    text = speed_hooks.read_text(encoding="utf-8")
    for old, new in (('searchindex.WrittenEntries() if _build["command"] != "serve" else None', "None"),
                     ("    _write_index_in_parts(plugin, config.plugins, docs)\n", "")):
        assert old in text
        text = text.replace(old, new)
    speed_hooks.write_text(text, encoding="utf-8")
    for project in (site_copy, held):
        result = run_build(project, project / "out")
        assert result.returncode == 0, result.stderr
    index = "search/search_index.json"
    assert (site_copy / "out" / index).read_bytes() == (held / "out" / index).read_bytes()
    cache = ".cache/search-entries.json"
    assert json.loads((site_copy / cache).read_bytes()) == json.loads((held / cache).read_bytes())


def test_plans_json_is_counted_from_its_skeleton():
    document = {"plans": [{"slug": f"p{n}", "tags": ["送教", "教研"], "n": n} for n in range(4)],
                "kindergartens": {"a": {"name": "东苑幼儿园"}, "b": {"name": "西苑幼儿园"}}}
    lines = audit.json_skeleton(io.BytesIO(exports.as_json_lines(document).encode("utf-8")))
    assert json.loads(lines)["plans"] == [None] * 4 and b"p3" not in lines   # each plan line read and dropped
    indented = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")   # any layout still counts right
    assert len(json.loads(audit.json_skeleton(io.BytesIO(indented)))["plans"]) == 4
    # Negative control: a broken plan line stays in the skeleton, so the file still fails to read.
    broken = exports.as_json_lines(document).replace('{"slug":"p2"', '{"slug":"p2"]', 1)
    with pytest.raises(json.JSONDecodeError):
        json.loads(audit.json_skeleton(io.BytesIO(broken.encode("utf-8"))))


def test_a_large_plans_json_is_counted_in_little_memory(tmp_path):
    plan = {"slug": "p", "title": "结对帮扶计划" * 20, "goals": {"items": ["开展教研活动，观摩与研讨" * 10] * 10}}
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "plans.json").write_text(exports.as_json_lines({"plans": [plan] * 3000, "kindergartens": {}}),
                                                 encoding="utf-8")
    (tmp_path / "index.html").write_text('<tr class="plan-row"></tr>' * 3, encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("<loc>https://x/plans/p/</loc>", encoding="utf-8")
    assert (tmp_path / "data" / "plans.json").stat().st_size > 10_000_000
    tracemalloc.start()
    try:
        counts = audit.listed_plans(tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert counts["site/data/plans.json"] == 3000
    assert peak < 1_000_000   # the whole file read at once would be more than 10 MB


def test_links_are_resolved_once_for_all_pages_at_one_depth():
    folders = ["", "plans/", "plans/a/", "plans/b/", "tags/环境创设/page/2/"]
    links = ["", "#x", "?q#x", "../", "../../", "./", "../#top", "../?q", "../b/", "../../assets/x.css?v=1",
             "..//x", "../../../../../../y/", "../%E7%8E%AF/", "/jiedui/plans/a/", "https://example.org/a/", "b.html#c",
             "../../index.html", ".././", "../../../"]
    for folder in folders:
        name = f"{folder}index.html"
        for link in links:
            expected = audit._internal_target.__wrapped__(name if not link or link[0] in "#?" else folder, link, "/jiedui/")
            assert audit.link_target(name, folder, link, "/jiedui/") == expected, (folder, link)
    audit._internal_target.cache_clear()
    for slug in ("a", "b", "c"):
        assert audit.link_target(f"plans/{slug}/index.html", f"plans/{slug}/", "../../assets/x.css", "/") == ("assets/x.css", "")
        assert audit.link_target(f"plans/{slug}/index.html", f"plans/{slug}/", "#top", "/") == (f"plans/{slug}/index.html", "top")
    # One entry for the three pages; links within a page are not kept at all.
    assert audit._internal_target.cache_info().currsize == 1
