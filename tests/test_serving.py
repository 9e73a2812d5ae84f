"""Unit tests of pairing/serving.py and of what `mkdocs serve --dirty` takes from it: each plan's parts of the
open data made again only when the plan (or its kindergartens, or the site's address) changed, files written
again only when their content changed, and the result always that of making everything afresh."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timezone

import pytest

from pairing import exports, serving
from pairing.plans import Collection
from test_directory import KINDERGARTENS, plan

SITE = "https://example.org/site/"
STAMP = datetime(2026, 1, 1, tzinfo=timezone.utc)


def written_plan(slug, title=None, **extra):
    """A plan whose text is its front matter (the key of its parts)."""
    found = plan(slug, {"a": "helping", "b": "helped"}, schedule=[[3], [5, 6]], year=2024, **extra)
    if title:
        found.data["title"] = title
    return dataclasses.replace(found, text=json.dumps(found.data, ensure_ascii=False))


def site(*plans, kindergartens=KINDERGARTENS) -> Collection:
    return Collection(kindergartens, {p.src_uri: p for p in plans})


def files(collection, remade=None, site_url=SITE) -> dict:
    return dict(exports.open_data_files(collection, site_url, STAMP, remade))


def test_remade_makes_a_value_once_and_keeps_what_the_last_build_asked_for():
    remade, made = serving.Remade(), []

    def make(value):
        return lambda: made.append(value) or value

    remade.start()
    assert remade.get("a", make("a")) == "a" and remade.get("b", make("b")) == "b"
    remade.start()
    assert remade.get("a", make("a2")) == "a"   # kept from the last build
    remade.start()
    remade.start()
    assert remade.get("b", make("b2")) == "b2"   # not asked for in the build before: let go
    assert made == ["a", "b", "b2"]


def test_open_data_with_parts_remade_is_the_open_data_made_afresh():
    one, two = written_plan("one"), written_plan("two", tags=["观摩课"])
    remade = serving.Remade()
    assert files(site(one, two), remade) == files(site(one, two))
    # After a save of plan two (new title) and with a third plan, everything is as made afresh.
    edited, three = written_plan("two", "改过的标题", tags=["观摩课"]), written_plan("three")
    again = files(site(one, edited, three), remade)
    assert again == files(site(one, edited, three))
    assert "改过的标题" in again[exports.PLANS_JSON] and "改过的标题" in again[exports.plan_calendar("two")].decode()
    # negative control: the edit shows, so stale parts would have made these differ
    assert again[exports.PLANS_JSON] != files(site(one, two, three))[exports.PLANS_JSON]


def test_parts_follow_a_renamed_kindergarten_and_the_site_address():
    one = written_plan("one")
    remade = serving.Remade()
    files(site(one), remade)
    renamed = {**KINDERGARTENS, "a": {**KINDERGARTENS["a"], "name": "改名后的幼儿园"}}
    assert files(site(one, kindergartens=renamed), remade) == files(site(one, kindergartens=renamed))
    assert "改名后的幼儿园" in files(site(one, kindergartens=renamed), remade)[exports.PLANS_CSV].decode("utf-8-sig")
    other = "https://other.example/"
    assert files(site(one), remade, other) == files(site(one), site_url=other)


def test_plans_json_from_lines_is_as_json_lines_of_the_document():
    for plans in [(), (written_plan("one"),), (written_plan("one"), written_plan("two"))]:
        collection = site(*plans)
        lines = [exports.json_line(exports.plan_record(p, KINDERGARTENS, SITE)) for p in plans]
        assert exports.plans_json(lines, KINDERGARTENS) == exports.as_json_lines(exports.plans_document(collection, SITE))


def test_written_files_tell_a_file_that_is_as_written(tmp_path):
    written, path = serving.WrittenFiles(), tmp_path / "a.json"
    assert not written.unchanged(path, "{}")   # never written
    path.write_text("{}", encoding="utf-8")
    written.wrote(path, "{}")
    assert written.unchanged(path, "{}") and written.unchanged(path, b"{}")
    assert not written.unchanged(path, "[]")   # other content
    path.write_text("{ }", encoding="utf-8")
    assert not written.unchanged(path, "{}")   # changed on disk since
    path.unlink()
    assert not written.unchanged(path, "{}")   # gone


@pytest.fixture
def keeping():
    serving.keep_between_rebuilds(True)
    yield
    serving.keep_between_rebuilds(False)


def test_held_values_last_the_process_only_while_serving_dirty(keeping):
    first = serving.held("x", serving.Remade)
    serving.keep_between_rebuilds(True)   # on_startup again (a config loaded again): the same values
    assert serving.held("x", serving.Remade) is first
    serving.keep_between_rebuilds(False)
    assert serving.held("x", serving.Remade) is None   # negative control: a full build holds nothing
