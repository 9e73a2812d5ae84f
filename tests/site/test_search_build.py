"""Search, build level: the build refuses settings that would break Chinese search, and the index it writes
keeps the dictionary's words whole and covers what the plan's front matter renders."""

from __future__ import annotations

import json
import re

from conftest import run_build

from pairing import searchindex

ZWSP = "\u200b"


def index_text(site, location: str) -> str:
    docs = searchindex.read_index((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return "\n".join(f"{doc['title']}\n{doc['text']}" for doc in docs if doc["location"].split("#")[0] == location)


def words(site, text: str) -> list[str]:
    """The words of the index as the search worker splits them: by the index's own separator."""
    separator = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["separator"]
    return [word for word in re.split(separator, re.sub(r"<[^>]+>", " ", text)) if word]


def test_build_refuses_to_run_without_jieba(site_copy, tmp_path):
    fake = tmp_path / "no-jieba" / "jieba"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("jieba is not installed")\n', encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out", {"PYTHONPATH": str(fake.parent)})
    assert result.returncode != 0
    assert "未安装 jieba，中文搜索无法分词。请先运行：pip install -r requirements.txt" in result.stderr


def test_build_refuses_a_separator_that_keeps_chinese_sentences_whole(site_copy, tmp_path):
    config = site_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^(\s+separator: ).*$", r"\1'[\\s\\-]+'", text), encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "中文搜索设置有误：" in result.stderr
    assert "search 插件的 separator 必须把零宽空格 \\u200b 当作分隔符" in result.stderr


def test_build_refuses_a_bad_search_word(site_copy, tmp_path):
    words_file = site_copy / "data" / "search-words.yml"
    words_file.write_text(words_file.read_text(encoding="utf-8") + "- 送教 下乡\n", encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    line = words_file.read_text(encoding="utf-8").count("\n")
    assert f"data/search-words.yml:{line}:3:" in result.stderr
    assert "搜索词应是至少两个汉字、不含空格和其他字符的词语" in result.stderr


def test_index_is_cut_by_jieba_with_the_dictionary_words_whole(built_site):
    config = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["lang"] == ["zh"]
    assert re.fullmatch(config["separator"], ZWSP)
    gaojian = words(built_site, index_text(built_site, "plans/gaojian-jinzhu-pairing/"))
    # jieba's own cut: ordinary words, each between zero-width spaces
    assert {"指导思想", "提高", "保教质量"} <= set(gaojian)
    # the dictionary: kindergarten names (from data/kindergartens.yml) and field terms stay whole
    assert {"高枧幼儿园", "金竹幼儿园", "县直属机关幼儿园", "集团化办园", "半日开放", "区域活动", "小学化"} <= set(gaojian)
    assert {"送教下乡", "自制教玩具"} <= set(words(built_site, index_text(built_site, "plans/z-town-pairing/")))


def test_index_covers_what_the_front_matter_renders(built_site):
    county = index_text(built_site, "plans/xx-county-jiguan-pairing/").replace(ZWSP, "")
    assert "受援园" in county and "XX镇中心幼儿园" in county                  # parties
    assert "组长：XXX" in county                                            # leadership
    assert "学习使用电子备课" in county and "十一月份" in county             # schedule
    assert "园本教研 示范课" not in county and "园本教研" in county          # tags
    gaojian = index_text(built_site, "plans/gaojian-jinzhu-pairing/").replace(ZWSP, "")
    assert "负责集团化办园的全面部署" in gaojian                              # leadership duties


def test_tags_stay_apart_in_the_index(built_site):
    z_town = words(built_site, index_text(built_site, "plans/z-town-pairing/"))
    assert "送教下乡" in z_town and "小学化" in z_town
    assert not any("送教下乡省级" in word for word in z_town)
