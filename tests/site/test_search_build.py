"""Search, build level: the build refuses settings that would break Chinese search; the theme's index (which every
page view downloads) holds no page; the site's own index (search/index/, fetched in parts when a reader searches)
holds every plan and guide, with jieba's and the dictionary's words, the plan's facts as fields, and no listing."""

from __future__ import annotations

import json
import re

from pairing.exports import searchindex
import searchfiles
from conftest import ROOT, run_build



def read_index(site) -> dict:
    """The theme's search index as Material's search plugin writes it: plain JSON."""
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def record(site, url: str) -> dict:
    return searchfiles.documents(site)[searchfiles.doc_id(site, url)]


def words(site, url: str) -> set[str]:
    """The document's word tokens ("w"): jieba's words and its whole fields."""
    return {token[1:] for token in searchfiles.tokens_of(site, url) if token.startswith("w")}


def test_build_refuses_to_run_without_jieba(site_copy, tmp_path):
    fake = tmp_path / "no-jieba" / "jieba"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("jieba is not installed")\n', encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out", {"PYTHONPATH": str(fake.parent)})
    assert result.returncode != 0
    assert "未安装 jieba，中文搜索无法分词。请先运行：pip install -r requirements.txt" in result.stdout + result.stderr


def test_build_refuses_a_separator_that_keeps_chinese_sentences_whole(site_copy, tmp_path):
    config = site_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"(?m)^(\s+separator: ).*$", r"\1'[\\s\\-]+'", text), encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "中文搜索设置有误：" in result.stdout + result.stderr
    assert "search 插件的 separator 必须把零宽空格 \\u200b 当作分隔符" in result.stdout + result.stderr


def test_build_refuses_a_bad_search_word(site_copy, tmp_path):
    words_file = site_copy / "data" / "search-words.yml"
    words_file.write_text(words_file.read_text(encoding="utf-8") + "- 送教 下乡\n", encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode != 0
    line = words_file.read_text(encoding="utf-8").count("\n")
    assert f"data/search-words.yml:{line}:3:" in result.stdout + result.stderr
    assert "搜索词应是至少两个汉字、不含空格和其他字符的词语" in result.stdout + result.stderr


def test_the_theme_index_holds_no_page(built_site):
    # Every page view downloads it (Material's script fetches it at start): it carries the settings only.
    index = read_index(built_site)
    assert index["docs"] == []
    assert len((built_site / "search" / "search_index.json").read_bytes()) < 1024


def test_the_site_index_has_every_plan_and_guide_and_no_listing(built_site):
    urls = [doc["u"] for doc in searchfiles.documents(built_site)]
    docs = ROOT / "docs"
    plans = {f"plans/{path.stem}/" for path in (docs / "plans").glob("*.md")}
    assert plans <= set(urls) and len(urls) == len(set(urls))
    # the guides (pages that call no listing macro); docs/decisions/ is not part of the site
    assert set(urls) - plans == {"editing/", "editor/", "sharing/"}
    for url in ["", "calendar/", "tags/", "kindergartens/", "open-data/", "tags/环境创设/", "calendar/page/2/"]:
        assert url not in urls
    head = searchfiles.head(built_site)
    assert head == {"version": 1, "shards": head["shards"], "docs": len(urls)}
    assert len(list((built_site / "search" / "index" / "s").glob("*.bin"))) == head["shards"]


def test_a_page_without_a_listing_macro_is_a_search_result(site_copy, tmp_path):
    # negative control: the open-data page, its listing macro taken out, is indexed like a guide
    page = site_copy / "docs" / "open-data.md"
    text = page.read_text(encoding="utf-8")
    assert "{{ open_data() }}" in text
    page.write_text(text.replace("{{ open_data() }}", "开放数据的说明。"), encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stdout
    assert "open-data/" in [doc["u"] for doc in searchfiles.documents(tmp_path / "out")]


def test_index_words_are_jiebas_with_the_dictionary_words_whole(built_site):
    gaojian = words(built_site, "plans/gaojian-jinzhu-pairing/")
    # jieba's own cut: ordinary words
    assert {"指导思想", "提高", "保教质量"} <= gaojian
    # the dictionary: kindergarten names (from data/kindergartens.yml) and field terms stay whole
    assert {"高枧幼儿园", "金竹幼儿园", "县直属机关幼儿园", "集团化办园", "半日开放", "区域活动", "小学化"} <= gaojian
    assert {"送教下乡", "自制教玩具"} <= words(built_site, "plans/z-town-pairing/")


def test_every_two_characters_in_a_row_are_tokens(built_site):
    tokens = searchfiles.tokens_of(built_site, "plans/gaojian-jinzhu-pairing/")
    title = record(built_site, "plans/gaojian-jinzhu-pairing/")["t"]
    runs = searchindex.runs(title)
    assert runs
    for run in runs:
        for start in range(len(run) - 1):
            assert "g" + run[start:start + 2] in tokens
            assert tokens["g" + run[start:start + 2]] & searchindex.FIELD_FLAG   # the title is a field


def test_the_record_holds_what_the_page_shows(built_site):
    county = record(built_site, "plans/xx-county-jiguan-pairing/")
    text = "\n".join(county["b"])
    assert "XX镇中心幼儿园" in county["f"]                                    # parties
    assert "组长：XXX" in text.replace(" ", "")                              # leadership
    assert "学习使用电子备课" in text and "十一月份" in text                  # schedule
    assert "园本教研" in county["f"] and "园本教研 示范课" not in county["f"]  # tags, each its own field
    assert county["p"] == 1 and county["t"] == county["f"][0]
    gaojian = "\n".join(record(built_site, "plans/gaojian-jinzhu-pairing/")["b"])
    assert "负责集团化办园的全面部署" in gaojian                               # leadership duties


def test_tags_stay_apart_in_the_index(built_site):
    z_town = words(built_site, "plans/z-town-pairing/")
    assert "送教下乡" in z_town and "小学化" in z_town
    assert not any("送教下乡省级" in word for word in z_town)


def test_the_index_decodes_the_same_in_every_shard(built_site):
    # each token in the shard its hash names, each posting list in id order, every id a document
    count = searchfiles.head(built_site)["docs"]
    shards = searchfiles.head(built_site)["shards"]
    for path in (built_site / "search" / "index" / "s").glob("*.bin"):
        for token, listing in searchfiles.read_shard(path.read_bytes()).items():
            assert searchindex.shard_of(token, shards) == int(path.stem)
            ids = [doc for doc, _ in listing]
            assert ids == sorted(set(ids)) and ids[-1] < count


def test_the_offline_copy_keeps_materials_index(site_copy, tmp_path):
    # negative control of the two tests above: the offline copy (PAIRING_OFFLINE) leaves every plan and guide in
    # Material's index, which its pages search from file://, and writes no site index
    result = run_build(site_copy, tmp_path / "out", {"PAIRING_OFFLINE": "true"})
    assert result.returncode == 0, result.stdout
    pages = {doc["location"].split("#")[0] for doc in read_index(tmp_path / "out")["docs"]}
    assert {"plans/dongyuan-pairing.html", "sharing.html", "editing.html"} <= pages
    assert not (tmp_path / "out" / "search" / "index").exists()
