"""Search index, site level: entries of unchanged pages come from .cache/, and never stale ones; the index is
plain UTF-8; pages that only list plans are not in it."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT, run_build

from pairing import searchindex

PLAN = "plans/dongyuan-pairing/"


def index_of(site) -> dict:
    return searchindex.read_index((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def words_of(site, location: str) -> set[str]:
    index = index_of(site)
    text = " ".join(d["title"] + " " + d["text"] for d in index["docs"] if d["location"].split("#")[0] == location)
    return {w for w in re.split(index["config"]["separator"], re.sub(r"<[^>]+>", " ", text)) if w}


def cache_file(project):
    return project / ".cache" / "search-entries.json"


def test_a_cached_build_writes_the_same_index(site_copy, tmp_path):
    assert run_build(site_copy, tmp_path / "first").returncode == 0
    assert cache_file(site_copy).is_file()
    assert run_build(site_copy, tmp_path / "second").returncode == 0
    first = (tmp_path / "first" / "search" / "search_index.json").read_bytes()
    assert (tmp_path / "second" / "search" / "search_index.json").read_bytes() == first


def test_entries_of_an_unchanged_page_come_from_the_cache(site_copy, tmp_path):
    # Proves the cache is used: an entry edited in the cache file shows up in the next index.
    assert run_build(site_copy, tmp_path / "first").returncode == 0
    cache = json.loads(cache_file(site_copy).read_text(encoding="utf-8"))
    for entries in cache["pages"].values():
        for entry in entries:
            if entry["location"] == PLAN:
                entry["text"] += " 缓存里的词"
    cache_file(site_copy).write_text(json.dumps(cache, ensure_ascii=False), encoding="utf-8")
    assert run_build(site_copy, tmp_path / "second").returncode == 0
    assert "缓存里的词" in words_of(tmp_path / "second", PLAN)


def test_jiebas_dictionary_is_loaded_only_when_a_page_is_cut(site_copy, tmp_path):
    # Loading it costs 0.6 s and 56 MB (macros.py); jieba announces it on stderr. The first build cuts every
    # page (negative control); the second takes every page's entries from the cache and needs no dictionary.
    loaded = "Prefix dict has been built"
    first = run_build(site_copy, tmp_path / "first")
    assert first.returncode == 0 and loaded in first.stderr
    second = run_build(site_copy, tmp_path / "second")
    assert second.returncode == 0 and loaded not in second.stderr


@pytest.mark.parametrize("command, loaded", [("serve", True), ("build", False)])
def test_serve_loads_jiebas_dictionary_at_start(command, loaded):
    # The first rebuild after a save cuts the saved page: with the dictionary already loaded it is 0.6 s quicker.
    probe = f"import jieba, speed_hooks; speed_hooks.on_startup('{command}', False); print(jieba.dt.initialized)"
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == str(loaded)


def test_a_new_search_word_is_not_hidden_by_cached_entries(site_copy, tmp_path):
    # Negative control: the page's HTML is unchanged, only jieba's word list (data/search-words.yml) is;
    # cached entries cut without the word must not survive.
    assert run_build(site_copy, tmp_path / "first").returncode == 0
    assert "示范性教学" not in words_of(tmp_path / "first", PLAN)
    words = site_copy / "data" / "search-words.yml"
    words.write_text(words.read_text(encoding="utf-8") + "- 示范性教学\n", encoding="utf-8")
    assert run_build(site_copy, tmp_path / "second").returncode == 0
    assert "示范性教学" in words_of(tmp_path / "second", PLAN)


def test_a_renamed_kindergarten_is_not_hidden_by_cached_entries(site_copy, tmp_path):
    # Kindergarten names join jieba's words too (data/kindergartens.yml); here an alias that no page shows
    # changes nothing on the pages, yet must still give a fresh cut of text that contains it.
    assert run_build(site_copy, tmp_path / "first").returncode == 0
    assert "未具名幼儿园" not in words_of(tmp_path / "first", PLAN)
    data = site_copy / "data" / "kindergartens.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("jinzhu:\n  name: 金竹幼儿园\n", "jinzhu:\n  name: 金竹幼儿园\n  aliases: [未具名幼儿园]\n"),
                    encoding="utf-8")
    assert run_build(site_copy, tmp_path / "second").returncode == 0
    assert "未具名幼儿园" in words_of(tmp_path / "second", PLAN)


def test_index_is_plain_utf8(built_site):
    raw = (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = raw[raw.index('"docs":'):]   # the config's separator is a regular expression written with \u200b
    assert "\\u" not in docs and "东苑幼儿园" in docs
    # word breaks written in one byte (DEL), not three (U+200B); read back, they are U+200B again
    assert "\x7f" in docs and "\u200b" not in docs
    assert all("\x7f" not in doc["text"] for doc in searchindex.read_index(raw)["docs"])


def test_pages_that_only_list_plans_are_left_out(built_site):
    pages = {doc["location"].split("#")[0] for doc in index_of(built_site)["docs"]}
    assert {PLAN, "plans/z-town-pairing/", "editing/"} <= pages
    assert not pages & {"", "calendar/", "tags/", "open-data/", "kindergartens/", "kindergartens/dongyuan/"}


def test_tags_are_on_the_page_entry_only(built_site):
    plan = "plans/gaojian-jinzhu-pairing/"   # a plan with sections (one entry each) and tags
    entries = [doc for doc in index_of(built_site)["docs"] if doc["location"].startswith(plan)]
    assert entries[0]["location"] == plan and entries[0]["tags"]
    assert len(entries) > 1 and not any("tags" in entry for entry in entries[1:])
