"""Sharing a plan: Chinese link previews from front matter, and a QR code of the plan's address that scans."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, run_build, serve
from pairing.content import plans
from pairing.shaping import sharing
from qrscan import scan

PLAN_SLUGS = sorted(p.stem for p in (ROOT / "docs" / "plans").glob("*.md"))
LOCAL_SITE_URL = "http://127.0.0.1:8000/"   # mkdocs.yml's default when SITE_URL is not set


class _Head(HTMLParser):
    """The <meta> tags of a page: name or property → content, as a browser or chat app reads them."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        key = attrs.get("name") or attrs.get("property")
        if tag == "meta" and key:
            self.meta.setdefault(key, []).append(attrs.get("content"))


def meta_of(html: str) -> dict[str, list[str]]:
    parser = _Head()
    parser.feed(html)
    return parser.meta


def plan_html(site: Path, slug: str) -> str:
    return (site / "plans" / slug / "index.html").read_text(encoding="utf-8")


# Unit tests
def test_description_names_parties_period_and_topics():
    collection = plans.load(ROOT, ROOT / "docs", ROOT / "data")
    plan = collection.plans["plans/xx-county-jiguan-pairing.md"]
    # a timetable and no period: the plan gives its times row by row, the preview makes no span of its own
    assert sharing.description(plan, collection.kindergartens) == (
        "结对帮扶计划。帮扶园：XX县机关幼儿园；受援园：XX镇中心幼儿园。"
        "内容：城乡帮扶、幼儿园管理、师资建设、教学研究、资源共享、校园文化、示范课、区域活动、环境创设、园本教研。")
    dongyuan = collection.plans["plans/dongyuan-pairing.md"]   # no period, no timetable: no time stated
    assert sharing.description(dongyuan, collection.kindergartens) == (
        "结对帮扶计划。帮扶园：东苑幼儿园；受援园：未具名幼儿园（篇1撰写园）。"
        "内容：示范性教学、教师结对、送课、管理制度、观摩学习。")


def test_description_gives_the_period_as_written():
    from sample_plans import KINDERGARTENS, plan

    two_years = plan("two", {"a": "helping", "b": "helped"}, schedule=[[4]], year=2023,
                     period={"text": "2023年4月至2025年4月", "start_year": 2023, "start_month": 4})
    assert sharing.description(two_years, KINDERGARTENS) == "结对帮扶计划。帮扶园：甲园；受援园：乙园。时间：2023年4月至2025年4月。"


def test_qr_svg_is_inline_svg_with_a_title():
    svg = sharing.qr_svg("https://example.org/jiedui/plans/x/")
    assert svg.startswith("<svg") and 'class="qr-code"' in svg
    assert "<title>本页二维码：https://example.org/jiedui/plans/x/</title>" in svg


# The built site
@pytest.mark.parametrize("slug", PLAN_SLUGS)
def test_plan_page_has_chinese_description_and_open_graph(built_site, slug):
    collection = plans.load(ROOT, ROOT / "docs", ROOT / "data")
    plan = collection.plans[f"plans/{slug}.md"]
    meta = meta_of(plan_html(built_site, slug))
    description = sharing.description(plan, collection.kindergartens)
    assert meta["description"] == [description]
    assert meta["og:description"] == [description]
    assert meta["og:title"] == [plan.data["title"]]
    assert meta["og:type"] == ["article"]
    assert meta["og:url"] == [f"{LOCAL_SITE_URL}plans/{slug}/"]


def test_home_page_has_site_preview(built_site):
    meta = meta_of((built_site / "index.html").read_text(encoding="utf-8"))
    assert meta["og:type"] == ["website"]
    assert meta["og:title"] == ["幼儿园结对帮扶计划"]
    assert meta["og:url"] == [LOCAL_SITE_URL]


def test_preview_text_is_escaped(site_copy, tmp_path):
    # negative test: a title and a name with quotes must stay text inside the attributes
    # (< > & are refused in titles and names: see page_title in pairing/content/schema.yml)
    plan = site_copy / "docs" / "plans" / "z-town-pairing.md"
    title = '帮扶"z镇"\'幼儿园\'计划'
    plan.write_text(plan.read_text(encoding="utf-8").replace("title: 帮扶z镇幼儿园计划", f"title: {json.dumps(title, ensure_ascii=False)}", 1),
                    encoding="utf-8")
    kindergartens = site_copy / "data" / "kindergartens.yml"
    name = 'z镇"幼儿园"\'乙\''
    kindergartens.write_text(kindergartens.read_text(encoding="utf-8").replace(
        "name: z镇幼儿园", f"name: {json.dumps(name, ensure_ascii=False)}", 1), encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(site_copy, out)
    assert result.returncode == 0, result.stderr
    html = plan_html(out, "z-town-pairing")
    meta = meta_of(html)
    assert meta["og:title"] == [title]
    assert f"受援园：{name}。" in meta["description"][0]
    assert meta["og:description"] == meta["description"]
    assert 'content="帮扶"z镇' not in html


@pytest.fixture(scope="module")
def sub_path_server(tmp_path_factory):
    out = tmp_path_factory.mktemp("shared-site")
    result = run_build(ROOT, out, {"SITE_URL": "https://example.org/jiedui/"})
    assert result.returncode == 0, result.stderr
    with serve(out) as url:
        yield url


@pytest.mark.parametrize("slug", PLAN_SLUGS)
def test_qr_code_scans_to_the_canonical_url(page, sub_path_server, slug):
    page.goto(f"{sub_path_server}plans/{slug}/")
    canonical = page.locator('link[rel="canonical"]').get_attribute("href")
    assert canonical == f"https://example.org/jiedui/plans/{slug}/"
    assert scan(page, ".plan-share .qr svg") == [canonical]
    assert page.locator(".plan-share .qr svg").is_visible()


@pytest.mark.parametrize("url", [
    "https://a.cn/p/x/",                                                              # the smallest version
    "https://example.org/jiedui/plans/county-jiguan-guide-2024-spring-pairing/",
    "http://127.0.0.1:8000/plans/" + "a-very-long-plan-address-" * 6 + "x/",           # a larger version
    "https://example.org/%E7%BB%93%E5%AF%B9/plans/dongyuan-pairing/?from=qr#share",
])
def test_qr_codes_of_the_fixed_mask_scan_at_every_size(page, url):
    # sharing.QR_MASK skips segno's choice of mask; whatever the address, its code still reads back exactly
    page.set_content(sharing.qr_svg(url))
    assert scan(page, "svg") == [url]


def test_share_link_at_the_top_leads_to_the_qr_code(page, site_server):
    page.goto(site_server + "plans/dongyuan-pairing/")
    share = page.get_by_role("link", name="分享这份计划：二维码、网址、打印")
    assert share.is_visible()
    share.click()
    assert page.url.endswith("#share")
    assert page.locator("#share .qr svg").is_visible()
    assert page.locator("#share").evaluate("e => e.nextElementSibling === null")   # the end of the plan
