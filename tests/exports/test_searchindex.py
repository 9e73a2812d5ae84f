"""The search index's writer (pairing/exports/searchindex.py), unit level: tokens, the shard format read back by
a second reader (tests/searchfiles.py), the documents a plan gives, and what the counts say."""

from __future__ import annotations

import json

import pytest
import searchfiles
from sample_plans import KINDERGARTENS, plan

from pairing.exports import searchindex
from pairing.exports.searchindex import FIELD_FLAG, IndexWriter, SearchDoc


def spaced(text: str) -> list[str]:
    """A stand-in for jieba in unit tests: words are what spaces separate."""
    return text.split(" ")


def doc(title: str, blocks: list[str], fields: list[str] | None = None, url: str = "x/") -> SearchDoc:
    return SearchDoc(url, title, True, fields if fields is not None else [title], blocks)


@pytest.mark.parametrize("text, expected", [
    ("高枧幼儿园与XX县，2024年 Ab", ["高枧幼儿园与xx县", "2024年", "ab"]),   # punctuation and spaces end a run
    ("（一）组长：王丽", ["一", "组长", "王丽"]),
    ("①②", ["①②"]),                                                        # circled numbers are digits (No)
    ("ÀB", ["Àb"]),                                                          # only ASCII letters are lowered
    ("", []), ("，。 ", []),
])
def test_runs(text, expected):
    assert searchindex.runs(text) == expected


def test_grams_are_each_character_and_each_two_in_a_row():
    assert list(searchindex.grams("家园共")) == ["家", "园", "共", "家园", "园共"]
    assert list(searchindex.grams("家")) == ["家"]


@pytest.mark.parametrize("token, value", [("", 0x811C9DC5), ("a", 0xE40C292C), ("foobar", 0xBF9CF968)])
def test_shard_hash_is_fnv1a_32(token, value):
    # FNV-1a's published test vectors; the engine computes the same with Math.imul
    assert searchindex.shard_of(token, 2**32) == value


@pytest.mark.parametrize("number, encoded", [(0, b"\x00"), (127, b"\x7f"), (128, b"\x80\x01"), (300, b"\xac\x02"),
                                             (10_000, b"\x90\x4e")])
def test_leb128(number, encoded):
    assert searchindex.leb128(number) == encoded
    assert searchfiles.number(encoded, 0) == (number, len(encoded))


def test_tokens_count_and_flag_what_is_in_a_field():
    tokens = searchindex.doc_tokens(doc("家园共育", ["家园 联系", "家园"]), spaced)
    assert tokens["g家园"] == (1 + 2) | FIELD_FLAG       # once in the title, twice in the text
    assert tokens["g联系"] == 1                         # text only: no flag
    assert tokens["w家园共育"] == 1 | FIELD_FLAG         # the whole field is a word token
    assert tokens["w家园"] == 2 and tokens["w联系"] == 1  # the cut's words
    assert "w家园 联系" not in tokens and "g园联" not in tokens   # a space ends a run


def test_counts_stop_at_127():
    tokens = searchindex.doc_tokens(doc("甲", ["园" * 500]), spaced)
    assert tokens["g园"] == 127 and tokens["g园园"] == 127


def test_word_tokens_are_letters_and_digits_of_two_or_more():
    tokens = searchindex.doc_tokens(doc("甲", ["园 ， AB a 2024年"], fields=[]), spaced)
    words = {token for token in tokens if token.startswith("w")}
    assert words == {"w甲", "wab", "w2024年"}   # the title (a field), then words; no punctuation, no single letter


def test_written_index_reads_back(tmp_path):
    writer = IndexWriter(tmp_path, searchindex.MIN_SHARDS, cut=spaced)
    docs = [doc("甲园计划", ["送教下乡 活动"], url="plans/a/"), doc("乙园计划", ["家园 共育"], url="plans/b/"),
            doc("丙园计划", ["送教 下乡"], url="plans/c/")]
    for each in docs:
        writer.add(each)
    writer.finish()
    assert searchfiles.head(tmp_path) == {"version": 1, "shards": searchindex.MIN_SHARDS, "docs": 3}
    assert searchfiles.postings(tmp_path, "g送教") == [(0, 1), (2, 1)]
    assert searchfiles.postings(tmp_path, "g计划") == [(0, 1 | FIELD_FLAG), (1, 1 | FIELD_FLAG), (2, 1 | FIELD_FLAG)]
    assert searchfiles.postings(tmp_path, "w送教下乡") == [(0, 1)]
    assert searchfiles.postings(tmp_path, "g火箭") == []
    records = searchfiles.documents(tmp_path)
    assert records[1] == {"u": "plans/b/", "t": "乙园计划", "p": 1, "f": ["乙园计划"], "b": ["家园 共育"]}
    # every token of every document is in the shard its hash names, and nowhere else
    found = searchfiles.all_tokens(tmp_path)
    expected = {}
    for number, each in enumerate(docs):
        for token, byte in searchindex.doc_tokens(each, spaced).items():
            expected.setdefault(token, []).append((number, byte))
    assert found == expected


def test_ids_far_apart_are_gaps(tmp_path):
    writer = IndexWriter(tmp_path, searchindex.MIN_SHARDS, cut=spaced)
    for number in range(300):
        writer.add(doc(f"计划{number}", ["唯一" if number in (0, 299) else "其他"]))
    writer.finish()
    assert searchfiles.postings(tmp_path, "g唯一") == [(0, 1), (299, 1)]


def test_shards_grow_with_the_documents():
    assert searchindex.shard_count(0) == searchindex.MIN_SHARDS == searchindex.shard_count(32)
    assert searchindex.shard_count(33) == 32
    assert searchindex.shard_count(10_012) == 8_192
    assert searchindex.shard_count(10**9) == searchindex.MAX_SHARDS


def test_every_shard_file_is_written_even_when_empty(tmp_path):
    # the engine computes a token's shard from the count the page gives: every number must have its file
    writer = IndexWriter(tmp_path, 64, cut=spaced)
    writer.add(doc("甲", ["乙"]))
    writer.finish()
    assert sorted(int(path.stem) for path in (tmp_path / "search" / "index" / "s").glob("*.bin")) == list(range(64))
    assert searchfiles.head(tmp_path)["shards"] == 64


def test_document_files_escape_line_separators(tmp_path):
    writer = IndexWriter(tmp_path, searchindex.MIN_SHARDS, cut=spaced)
    writer.add(doc("甲", ["一\u2028二"]))
    text = (tmp_path / "search" / "index" / "d" / "0.json").read_text(encoding="utf-8")
    assert "\u2028" not in text and json.loads(text)["b"] == ["一\u2028二"]


def test_a_plan_document_is_its_facts_and_its_texts_in_order():
    kindergartens = {**KINDERGARTENS, "a": {**KINDERGARTENS["a"], "aliases": ["甲幼"]}}
    sample = plan("demo", {"a": "helping", "b": "helped"}, schedule=[[9]], tags=["送教下乡"],
                  original_title="篇一：甲园计划", period={"text": "2024年秋季"})
    found = searchindex.plan_doc(sample, kindergartens, "plans/demo/")
    assert found.url == "plans/demo/" and found.is_plan and found.title == "demo 计划"
    assert found.fields == ["demo 计划", "篇一：甲园计划", "甲园", "甲幼", "乙园", "送教下乡"]
    assert found.blocks == ["2024年秋季", "demo 计划的引言。", "活动安排", "九月份：1、demo 在 9 月的活动"]


def test_a_plan_without_a_period_has_no_time_block():
    found = searchindex.plan_doc(plan("demo", {"a": "helping", "b": "helped"}), KINDERGARTENS, "plans/demo/")
    assert found.blocks == ["demo 计划的引言。"]


def test_a_guide_is_its_lines():
    found = searchindex.page_doc("editing/", "编辑指南", "编辑指南\n\n  第一段。\n第二段。 \n")
    assert (found.title, found.is_plan, found.fields, found.blocks) == ("编辑指南", False, [], ["编辑指南", "第一段。", "第二段。"])


def test_runs_are_letters_and_digits_by_unicode_category():
    # the engine's /[\p{L}\p{N}]+/u: Python's \w without the underscore is the same set, for every code point
    import sys
    import unicodedata

    differ = [code for code in range(sys.maxunicode + 1)
              if bool(searchindex.RUN.fullmatch(chr(code))) != (unicodedata.category(chr(code))[0] in "LN")]
    assert differ == []
