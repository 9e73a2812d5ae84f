"""Printing a plan (A4) gives a clean document: checked in a PDF printed by headless Chromium.

The PDF text is read with pypdf (pinned in requirements-dev.txt: pure Python, installed by the README's test
command, so no system package is needed). Chromium's CJK fonts map some characters to Kangxi radicals
(⼉ for 儿), so text is compared after Unicode NFKC normalisation and without whitespace; two glyphs that
NFKC leaves alone are folded by hand (GLYPH_TWINS).
"""

from __future__ import annotations

import io
import unicodedata

import pypdf
import pytest

from pairing.site.pagetext import squeeze

PLAN = "plans/xx-county-jiguan-pairing/"
SITE_CHROME = ["跳转至", "搜索", "Made with", "Material for MkDocs", "东苑幼儿园结对帮扶计划", "编辑指南", "回到页面顶部"]

# A glyph the font shares between two code points comes back as the other one: 戶 for 户, ⺠ (a radical) for 民.
GLYPH_TWINS = str.maketrans({"戶": "户", "⺠": "民"})


def normalised(text: str) -> str:
    return squeeze(unicodedata.normalize("NFKC", text)).translate(GLYPH_TWINS)


def print_plan(browser, url: str, extra_css: str = "") -> dict:
    """A plan page printed to an A4 PDF: its pages' text, page size, and the schedule rows as shown."""
    # bypass_csp: a test may plant a style of its own (the site's policy is tested in test_browser_security.py)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block", bypass_csp=True)
    page = context.new_page()
    page.goto(url)
    if extra_css:
        page.add_style_tag(content=extra_css)
    rows = page.locator(".plan-timetable tbody tr[id^=schedule-]").evaluate_all(
        "rows => rows.map(r => [r.querySelector('th').innerText, r.querySelector('td').innerText])")
    pdf = page.pdf(format="A4", print_background=False)
    context.close()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return {"pages": [normalised(p.extract_text()) for p in reader.pages], "rows": rows,
            "size": reader.pages[0].mediabox}


def split_rows(printed: dict) -> list[str]:
    """Month labels of the schedule rows whose label, first and last activity are not on one page."""
    split = []
    for label, activities in printed["rows"]:
        lines = activities.splitlines()
        head, tail = normalised(label) + normalised(lines[0]), normalised(lines[-1])
        if not any(head in text and tail in text for text in printed["pages"]):
            split.append(label)
    return split


@pytest.fixture(scope="module")
def printed(browser, site_server):
    return print_plan(browser, site_server + PLAN)


def test_printed_plan_is_a4_with_a_sensible_page_count(printed):
    width_mm, height_mm = (float(x) * 25.4 / 72 for x in (printed["size"].width, printed["size"].height))
    assert (round(width_mm), round(height_mm)) == (210, 297)
    assert 2 <= len(printed["pages"]) <= 6, len(printed["pages"])


def test_printed_plan_starts_with_title_original_title_and_parties(printed):
    first = printed["pages"][0]
    assert first.startswith(normalised("XX县机关幼儿园与XX镇中心幼儿园结对帮扶计划"))
    # the plan gives no period of its own (its timetable gives the months): the card states none
    for fact in ["原标题:篇2:幼儿园帮扶计划", "帮扶园XX县机关幼儿园", "受援园XX镇中心幼儿园(撰写单位)"]:
        assert normalised(fact) in first
    assert normalised("原文未注明") not in first


def test_printed_plan_has_every_section_in_order(printed):
    text = "".join(printed["pages"])
    # the sections as the plan writes them (headings of levels 2 and 3), its leadership group, and its signature
    parts = ["一、指导思想", "二、工作原则", "三、成立领导小组", "组员:XXXXXXXX", "四、帮扶内容", "(一)幼儿园管理", "(五)校园文化建设",
             "五、组织实施", "六、具体活动安排", "十二月份:制定帮扶总结", "XX镇中心幼儿园XX年X月"]
    positions = [text.index(normalised(part)) for part in parts]
    assert positions == sorted(positions)


def test_printed_plan_has_no_site_chrome(printed):
    text = "".join(printed["pages"])
    for chrome in SITE_CHROME:
        assert normalised(chrome) not in text, chrome
    assert normalised("分享这份计划：二维码、网址、打印") not in text   # the top share link is for screens
    assert normalised("发给结对园") not in text                        # so are the sharing tips


def test_printed_plan_ends_with_qr_code_and_address(printed):
    last = printed["pages"][-1]
    assert last.endswith(normalised("手机扫码打开这份计划网址:http://127.0.0.1:8000/plans/xx-county-jiguan-pairing/"))


def test_schedule_rows_are_not_split_across_pages(printed):
    assert len(printed["rows"]) == 10
    assert split_rows(printed) == []


def test_split_row_check_can_fail(browser, site_server):
    # negative test: a row made taller than a page, and allowed to break, must be reported as split
    tall_row = ("#schedule-4 td li + li { margin-top: 250mm; } "
                ".md-typeset table tr { break-inside: auto !important; }")
    assert "六月份：" in split_rows(print_plan(browser, site_server + PLAN, tall_row))   # schedule-4
