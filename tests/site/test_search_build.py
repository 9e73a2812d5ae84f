"""Search, build level: the build refuses settings that would break Chinese search, and the index Material writes
keeps the dictionary's words whole, covers what the plan's front matter renders, and leaves listing pages out."""

from __future__ import annotations

import json
import re

import yaml
from conftest import ROOT, run_build

ZWSP = "\u200b"


def read_index(site) -> dict:
    """The search index as Material's search plugin writes it (and its worker reads it): plain JSON."""
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def index_text(site, location: str) -> str:
    docs = read_index(site)["docs"]
    return "\n".join(f"{doc['title']}\n{doc['text']}" for doc in docs if doc["location"].split("#")[0] == location)


def words(site, text: str) -> list[str]:
    """The words of the index as the search worker splits them: by the index's own separator."""
    separator = read_index(site)["config"]["separator"]
    return [word for word in re.split(separator, re.sub(r"<[^>]+>", " ", text)) if word]


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


def test_index_is_cut_by_jieba_with_the_dictionary_words_whole(built_site):
    config = read_index(built_site)["config"]
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


def test_the_index_is_materials_own(built_site):
    index = read_index(built_site)
    assert set(index) == {"config", "docs"}
    assert set(index["config"]) == {"lang", "separator", "pipeline", "fields"}
    assert all({"location", "title", "text"} <= set(doc) <= {"location", "title", "text", "tags", "boost"}
               for doc in index["docs"])
    # Material's word break between jieba's words, as its worker splits on it (no byte-saving stand-in)
    text = "".join(doc["text"] for doc in index["docs"])
    assert ZWSP in text and "\x7f" not in text
    # a plan's tags are on its page's entry, as Material puts them
    dongyuan = [doc for doc in index["docs"] if doc["location"] == "plans/dongyuan-pairing/"]
    assert dongyuan[0]["tags"] == ["示范性教学", "教师结对", "送课", "管理制度", "观摩学习"]


# Pages that list plans (the home page's plan index, the kindergartens, the calendar, the tags, the open data, and
# every generated page) only repeat the plans' text: a search finds the plan itself, never a listing.
LISTING_SOURCES = ["index.md", "calendar.md", "tags.md", "kindergartens/index.md", "open-data.md"]


def page_url(source: str) -> str:
    """The address of a hand-written page: editing.md → editing/, kindergartens/index.md → kindergartens/."""
    path = source.removesuffix(".md")
    return "" if path == "index" else path.removesuffix("/index") + "/"


def test_only_plans_and_the_guides_are_search_results(built_site):
    pages = {doc["location"].split("#")[0] for doc in read_index(built_site)["docs"]}
    docs = ROOT / "docs"
    plans = {f"plans/{path.stem}/" for path in (docs / "plans").glob("*.md")}
    # every other hand-written page the site has (docs/decisions/ is left out of it: mkdocs.yml's exclude_docs)
    guides = {page_url(path.relative_to(docs).as_posix()) for path in docs.rglob("*.md")
              if not path.relative_to(docs).as_posix().startswith("plans/")
              and path.relative_to(docs).as_posix() not in LISTING_SOURCES}
    guides = {url for url in guides if (built_site / url / "index.html").is_file()}
    assert {"editing/", "editor/"} <= guides and not guides & {page_url(source) for source in LISTING_SOURCES}
    assert pages == plans | guides
    # the pages left out exist: the listings, kindergarten and tag pages, a further page of the calendar
    for page in ["index.html", "calendar/index.html", "calendar/page/2/index.html", "tags/index.html",
                 "tags/环境创设/index.html", "kindergartens/index.html", "kindergartens/dongyuan/index.html",
                 "open-data/index.html"]:
        assert (built_site / page).is_file(), page


def test_each_listing_page_says_it_is_no_search_result():
    for source in LISTING_SOURCES:
        text = (ROOT / "docs" / source).read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---\n")[1])
        assert front["search"] == {"exclude": True}, source
        assert front["render_macros"] is True, source


def test_a_listing_page_without_the_exclusion_is_a_search_result(site_copy, tmp_path):
    # negative control: the same site with the calendar not excluded indexes it
    calendar = site_copy / "docs" / "calendar.md"
    text = calendar.read_text(encoding="utf-8")
    assert "search:\n  exclude: true\n" in text
    calendar.write_text(text.replace("search:\n  exclude: true\n", "", 1), encoding="utf-8")
    result = run_build(site_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "calendar/" in {doc["location"].split("#")[0] for doc in read_index(tmp_path / "out")["docs"]}
