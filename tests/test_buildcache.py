"""Unit tests of pairing/buildcache.py: results kept between builds, never for other inputs or other code."""

from datetime import date, datetime, timezone

import icalendar
import pytest

from pairing import buildcache, exports, sharing


@pytest.fixture
def stores(tmp_path):
    buildcache.open_stores(tmp_path, ["squares"])
    yield tmp_path
    buildcache._open.clear()


def test_store_keeps_only_what_the_build_used(tmp_path):
    path = tmp_path / ".cache" / "search.json"
    cache = buildcache.Store(path, "s1")
    cache.put("a", [{"location": "a/"}])
    cache.put("b", [{"location": "b/"}])
    cache.save()
    again = buildcache.Store(path, "s1")
    assert again.get("a") == [{"location": "a/"}]
    again.save()
    assert buildcache.Store(path, "s1").known == {"a": [{"location": "a/"}]}


def test_a_partial_rebuild_keeps_the_unused_values(tmp_path):
    path = tmp_path / "store.json"
    first = buildcache.Store(path, "s1")
    first.put("a", 1)
    first.put("b", 2)
    first.save()
    partial = buildcache.Store(path, "s1")
    partial.put("c", 3)
    partial.save(keep_unused=True)
    assert buildcache.Store(path, "s1").known == {"a": 1, "b": 2, "c": 3}


def test_store_for_other_settings_or_broken_is_ignored(tmp_path):
    path = tmp_path / "search.json"
    cache = buildcache.Store(path, "s1")
    cache.put("a", [{"location": "a/"}])
    cache.save()
    assert buildcache.Store(path, "s2").get("a") is None
    path.write_text("{not json", encoding="utf-8")
    assert buildcache.Store(path, "s1").get("a") is None


calls = []


@buildcache.kept("squares")
def square(number: int) -> int:
    calls.append(number)
    return number * number


def test_kept_function_is_called_once_per_input_across_builds(stores):
    calls.clear()
    assert square(3) == 9 and square(3) == 9 and square(4) == 16
    assert calls == [3, 4]
    buildcache.save_stores()
    buildcache.open_stores(stores, ["squares"])   # the next build
    assert square(3) == 9 and calls == [3, 4]


def test_other_code_means_a_fresh_store(stores, monkeypatch):
    calls.clear()
    square(5)
    buildcache.save_stores()
    monkeypatch.setattr(buildcache, "code_fingerprint", lambda: "other code")
    buildcache.open_stores(stores, ["squares"])
    square(5)
    assert calls == [5, 5]


def test_outside_a_build_nothing_is_kept():
    calls.clear()
    square(6), square(6)
    assert calls == [6, 6]


def test_fingerprint_covers_the_plan_templates():
    buildcache.code_fingerprint.cache_clear()
    assert len(buildcache.code_fingerprint()) == 64


def test_kept_qr_code_and_calendar_are_those_made_afresh(stores):
    url = "https://example.org/plans/a/"
    events = [{"uid": "a@x", "start": date(2024, 9, 1), "end": date(2024, 10, 1),
               "summary": "甲：九月活动", "description": "①乙", "url": url}]
    stamp = datetime(2026, 11, 30, 1, 2, 3, tzinfo=timezone.utc)
    fresh_qr, fresh_ics = sharing.qr_svg(url), exports.as_ics("甲", events, stamp)   # no build: nothing kept
    for _ in range(2):   # this build, then the next one, from the cache
        buildcache.open_stores(stores, ["qr-codes", "calendars"])
        assert sharing.qr_svg(url) == fresh_qr and exports.as_ics("甲", events, stamp) == fresh_ics
        buildcache.save_stores()
    assert (stores / ".cache" / "calendars.json").is_file()
    # Negative control: the stamp is the build's, not the one the kept calendar was made with.
    later = exports.as_ics("甲", events, datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert icalendar.Calendar.from_ical(later).walk("VEVENT")[0]["DTSTAMP"].dt == datetime(2026, 12, 1, tzinfo=timezone.utc)
    assert icalendar.Calendar.from_ical(fresh_ics).walk("VEVENT")[0]["DTSTAMP"].dt == stamp


def test_the_combined_calendar_is_the_one_made_from_all_events():
    def event(slug, month, text):
        return {"uid": f"{slug}-{month}@x", "start": date(2024, month, 1), "end": date(2024, month + 1, 1),
                "summary": f"{slug}：{month}月活动", "description": text * 30, "url": f"https://example.org/plans/{slug}/"}
    by_plan = [[event("a", 9, "①送教下乡"), event("a", 10, "②观摩")], [], [event("b", 11, "①家园共育，")]]
    texts = [exports.calendar_text("计划", events) for events in by_plan if events]
    everything = [event for events in by_plan for event in events]
    assert exports.combined_calendar_text("全部", texts) == exports.calendar_text("全部", everything)
    # Negative control: leaving a plan's calendar out gives another calendar.
    assert exports.combined_calendar_text("全部", texts[1:]) != exports.calendar_text("全部", everything)


@pytest.fixture
def kept_open():
    buildcache.keep_open()
    yield
    buildcache.keep_open(False)
    buildcache._open.clear()


def test_stores_kept_open_are_read_once_and_saved_only_with_the_others(tmp_path, kept_open):
    path = tmp_path / ".cache" / "checked.json"
    first = buildcache.store(path, "s1")
    first.put("a", 1)
    buildcache.finish(first)
    assert not path.exists()   # not written at the end of each build (serve --dirty)
    assert buildcache.store(path, "s1") is first and buildcache.store(path, "s1").get("a") == 1
    buildcache.open_stores(tmp_path, ["squares"])
    buildcache.close_store("squares")
    assert "squares" in buildcache._open   # kept open too, for the next rebuild
    buildcache.save_stores(partial=True)   # when serving stops
    assert buildcache.Store(path, "s1").known == {"a": 1}
    assert buildcache.store(path, "s2") is not first   # other code: a fresh store


def test_without_keeping_open_each_build_reads_and_saves(tmp_path):
    # negative control: `mkdocs build` saves the store at once and opens a fresh one next time
    path = tmp_path / ".cache" / "checked.json"
    first = buildcache.store(path, "s1")
    first.put("a", 1)
    buildcache.finish(first)
    again = buildcache.store(path, "s1")
    assert again is not first and again.get("a") == 1
