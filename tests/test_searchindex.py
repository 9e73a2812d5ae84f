"""Unit tests of pairing/searchindex.py: the page cache of search entries and the smaller index."""

import json
import re

import pytest

from pairing import searchindex

SEPARATOR = '[\\s\\u200b\\u3000\\-_,:!=\\[\\]()"`/，。、；：？！“”‘’（）《》【】…—·]+|\\.(?!\\d)|&[lg]t;'
STOCK_SEPARATOR = '[\\s\\u200b\\-_,:!=\\[\\]()"`/]+|\\.(?!\\d)|&[lg]t;'
ZW = "\u200b"


def words(text: str, separator: str) -> list[str]:
    """How the search worker splits text into words (lunr splits on the separator)."""
    return [w for w in re.split(separator, text) if w]


def test_redundant_breaks_go_and_words_stay_the_same():
    text = f"<p>{ZW}帮扶{ZW}园{ZW}，{ZW}昌德{ZW}（{ZW}撰写{ZW}单位{ZW}） {ZW}城乡{ZW}帮扶</p>"
    breaks = searchindex.redundant_breaks(searchindex.separator_chars(SEPARATOR))
    trimmed = searchindex.trim_entry({"location": "x/", "title": f"一{ZW}、{ZW}指导", "text": text}, breaks)
    assert trimmed["text"] == f"<p>{ZW}帮扶{ZW}园，昌德（撰写{ZW}单位） 城乡{ZW}帮扶</p>"
    assert trimmed["title"] == "一、指导"
    assert words(trimmed["text"], SEPARATOR) == words(text, SEPARATOR)


def test_breaks_stay_next_to_characters_the_separator_does_not_split_on():
    # Negative control: with the stock separator, "，" is part of a word, so the breaks around it matter.
    text = f"帮扶{ZW}，{ZW}昌德"
    breaks = searchindex.redundant_breaks(searchindex.separator_chars(STOCK_SEPARATOR))
    assert "，" not in searchindex.separator_chars(STOCK_SEPARATOR)
    assert searchindex.trim_entry({"text": text}, breaks)["text"] == text


def test_tags_stay_on_the_page_entry_only():
    breaks = searchindex.redundant_breaks(searchindex.separator_chars(SEPARATOR))
    entries = [{"location": "p/", "title": "计划", "text": "甲", "tags": ["送教"]},
               {"location": "p/#一", "title": "一", "text": "乙", "tags": ["送教"]}]
    assert searchindex.page_entries(entries, breaks) == [entries[0], {"location": "p/#一", "title": "一", "text": "乙"}]


def test_doubled_breaks_collapse_without_a_separator_list():
    breaks = searchindex.redundant_breaks("")
    assert searchindex.trim_entry({"text": f"甲{ZW}{ZW}乙"}, breaks)["text"] == f"甲{ZW}乙"


def test_index_is_plain_utf8_with_material_settings_only():
    config = {"lang": ["zh"], "separator": "[\\s]+", "pipeline": [], "fields": {"title": {"boost": 1e3}},
              "jieba_dict_user": "dict.txt"}
    entries = [{"location": "a/", "title": "帮扶计划", "text": f"东苑{ZW}幼儿园"}]
    plain = searchindex.index_json(config, entries)
    escaped = json.dumps(searchindex.read_index(plain), separators=(",", ":"))
    assert searchindex.read_index(plain) == {"config": {k: config[k] for k in ("lang", "separator", "pipeline", "fields")},
                                             "docs": entries}
    assert "帮扶计划" in plain and "\\u" not in plain
    # six bytes of \\uXXXX escape against three of UTF-8 for each Chinese character, one for the word break (DEL)
    assert ZW not in plain and json.loads(plain)["docs"][0]["text"] == "东苑\x7f幼儿园"
    assert len(escaped.encode("utf-8")) - len(plain.encode("utf-8")) == 3 * len("帮扶计划东苑幼儿园") + 5


def test_page_key_changes_with_content_title_tags_and_settings():
    base = dict(url="plans/a/", html="<p>甲</p>", title="甲", meta={"tags": ["送教"]}, settings="s1")
    key = searchindex.page_key(**base)
    assert searchindex.page_key(**base) == key
    for change in ({"html": "<p>乙</p>"}, {"title": "乙"}, {"meta": {"tags": ["送课"]}}, {"settings": "s2"},
                   {"url": "plans/b/"}):
        assert searchindex.page_key(**{**base, **change}) != key, change


def test_fingerprint_follows_the_user_dictionary(tmp_path):
    words_file = tmp_path / "dict.txt"
    words_file.write_text("结对帮扶 10 n\n", encoding="utf-8")
    first = searchindex.fingerprint({"lang": ["zh"]}, [str(words_file)], ["9"], [])
    words_file.write_text("送教下乡 10 n\n", encoding="utf-8")
    assert searchindex.fingerprint({"lang": ["zh"]}, [str(words_file)], ["9"], []) != first
    assert searchindex.fingerprint({"lang": ["zh"]}, [None], ["9"], []) != first


def test_fingerprint_follows_the_words_added_to_jieba():
    # The words macros.py adds from data/ (kindergarten names, search-words.yml) change how pages are cut.
    first = searchindex.fingerprint({"lang": ["zh"]}, [None], ["9"], ["高枧幼儿园", "送教下乡"])
    assert searchindex.fingerprint({"lang": ["zh"]}, [None], ["9"], ["高枧幼儿园", "送教下乡"]) == first
    assert searchindex.fingerprint({"lang": ["zh"]}, [None], ["9"], ["高枧幼儿园"]) != first
    assert searchindex.fingerprint({"lang": ["zh"]}, [None], ["9"], ["高枧中心幼儿园", "送教下乡"]) != first


def test_dirty_merge_replaces_rebuilt_pages_and_drops_removed_ones():
    previous = [{"location": ""}, {"location": "#intro"}, {"location": "plans/a/"}, {"location": "plans/a/#一"},
                {"location": "plans/b/"}, {"location": "plans/gone/"}]
    rebuilt = [{"location": "", "text": "新"}, {"location": "plans/a/", "text": "新"}]
    merged = searchindex.merge(previous, rebuilt, {"", "plans/a/"}, {"", "plans/a/", "plans/b/"})
    # The home page's URL is a prefix of every other: only its own entries are replaced.
    assert merged == [{"location": "plans/b/"}, *rebuilt]


@pytest.mark.parametrize("source", ["{{ plan_index() }}", "甲\n\n{{activity_calendar()}}", '{{ kindergarten_page("a") }}',
                                    "<!-- material/tags -->", "{{- open_data() }}", "{{ kindergarten_index() }}"])
def test_pages_that_list_plans_are_recognised(source):
    assert searchindex.lists_plans(source)


@pytest.mark.parametrize("source", ["# 编辑指南\n\n{{ field_reference() }}", "{{ starter_plan() }}", "plan_index 一词"])
def test_other_pages_are_indexed(source):
    assert not searchindex.lists_plans(source)


def test_excluding_keeps_other_search_settings():
    assert searchindex.excluded(None) == {"exclude": True}
    assert searchindex.excluded({"boost": 2}) == {"boost": 2, "exclude": True}
