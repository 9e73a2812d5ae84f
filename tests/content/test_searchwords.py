"""Search words, unit level: the jieba words fed from data/ (pairing/content/searchwords.py), and the check of the
search settings Chinese matching needs (pairing/site/search.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pairing.content import searchwords
from pairing.content.problems import ContentError
from pairing.site import search

ROOT = Path(__file__).resolve().parents[2]


def test_dictionary_has_every_named_kindergarten_and_alias_and_the_field_words():
    kindergartens = {
        "gaojian": {"name": "高枧幼儿园"},
        "jiguan": {"name": "咸阳市机关幼儿园", "aliases": ["市机关幼儿园"]},
        "author": {"name": "未具名幼儿园（篇1撰写园）", "anonymous": True},
    }
    words = searchwords.dictionary_words(kindergartens, ["送教下乡", "高枧幼儿园"])
    assert words == ["高枧幼儿园", "咸阳市机关幼儿园", "市机关幼儿园", "送教下乡"]


def test_names_with_letters_are_left_to_jieba():
    # The search plugin hands jieba only runs of Chinese characters: "XX县机关幼儿园" can never be one word.
    assert searchwords.dictionary_words({"x": {"name": "XX县机关幼儿园"}}, []) == []


def test_the_repository_words_load_and_include_the_field_terms():
    words = searchwords.load_field_words(ROOT / "data", ROOT)
    assert {"结对帮扶", "送教下乡", "园本教研", "环境创设", "区域活动", "家园共育", "小学化", "示范课",
            "观摩课", "半日开放", "集团化办园"} <= set(words)


@pytest.mark.parametrize("entry, line", [("- 送教 下乡", 3), ("- 送", 3), ("- 12", 3), ("- {a: 1}", 3)])
def test_a_bad_word_is_refused_with_its_line(tmp_path, entry, line):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / searchwords.WORDS_FILE).write_text(f"# 词典\n- 示范课\n{entry}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        searchwords.load_field_words(tmp_path / "data", tmp_path)
    assert str(error.value.problems[0]) == (
        f"data/search-words.yml:{line}:3: [1]: 搜索词应是至少两个汉字、不含空格和其他字符的词语")


@pytest.mark.parametrize("entry, expected", [
    ("[示范课, 园本教研]", "2:1: 一行 [ ] 或 { } 里的文字会在每个半角逗号处被拆开；请把每一项单独写一行，以“- ”开头"),
    ("- 示范课 # 观摩课", "2:3: “ #”和后面的文字会被当作注释丢掉；请给整段文字加上引号"),
])
def test_a_word_yaml_would_change_is_refused(tmp_path, entry, expected):
    # The word file is YAML like a plan: a form that would change its words without an error is refused too.
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / searchwords.WORDS_FILE).write_text(f"# 词典\n{entry}\n", encoding="utf-8")
    with pytest.raises(ContentError) as error:
        searchwords.load_field_words(tmp_path / "data", tmp_path)
    assert [str(p) for p in error.value.problems] == [f"data/search-words.yml:{expected}"]


def test_a_word_file_that_is_not_a_list_is_refused(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / searchwords.WORDS_FILE).write_text("示范课: 1\n", encoding="utf-8")
    with pytest.raises(ContentError, match="搜索词典应是一个列表"):
        searchwords.load_field_words(tmp_path / "data", tmp_path)


def test_a_missing_word_file_is_refused(tmp_path):
    with pytest.raises(ContentError, match="找不到搜索词典文件"):
        searchwords.load_field_words(tmp_path, tmp_path)


def test_the_configured_search_settings_pass():
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    plugin = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert plugin["lang"] == "zh"
    assert search.search_setting_problems([plugin["lang"]], plugin["separator"]) == []


def test_a_separator_without_the_zero_width_space_is_refused():
    assert search.search_setting_problems(["zh"], r"[\s\-]+") == [
        "search 插件的 separator 必须把零宽空格 \\u200b 当作分隔符，否则中文整句成为一个词，搜不到"]


def test_a_language_without_chinese_is_refused():
    assert search.search_setting_problems(["en"], r"[\s\u200b]+") == ["search 插件的 lang 必须包含 zh，现在是 ['en']"]

