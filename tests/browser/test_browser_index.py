"""The plan index on the home page in a real browser: filter by text, region and tag, sort by column, on a phone.
(The same over 65 plans in pages: tests/shaping/test_listings.py.)"""

from __future__ import annotations


def visible_titles(page) -> list[str]:
    return page.locator(".plan-index tbody tr:visible td:first-child").all_inner_texts()


def open_index(page, url: str) -> None:
    """The home page, once plan-index.js has loaded every plan's row and shows the filters."""
    page.goto(url)
    page.locator(".plan-index-count", has_text="共 5 份").wait_for()


def test_filters_narrow_the_plan_index(page, site_server):
    open_index(page, site_server)
    assert len(visible_titles(page)) == 5
    assert page.locator(".plan-index-count").inner_text() == "共 5 份"
    assert page.locator(".plan-pager").count() == 0   # five plans: one page
    page.fill(".plan-index-filters input[name=text]", "咸阳")
    assert visible_titles(page) == ["与咸阳市机关幼儿园结对学习计划"]
    page.fill(".plan-index-filters input[name=text]", "")
    page.select_option(".plan-index-filters select[name=tag]", "环境创设")
    assert sorted(visible_titles(page)) == sorted(["对高枧幼儿园和金竹幼儿园的对口结对帮扶计划",
                                                   "XX县机关幼儿园与XX镇中心幼儿园结对帮扶计划", "帮扶z镇幼儿园计划"])
    page.select_option(".plan-index-filters select[name=region]", "遵义县")
    assert visible_titles(page) == ["对高枧幼儿园和金竹幼儿园的对口结对帮扶计划"]
    assert page.locator(".plan-index-count").inner_text() == "找到 1 份，共 5 份"
    # negative control: a word no plan has leaves nothing
    page.fill(".plan-index-filters input[name=text]", "没有这样的计划")
    assert visible_titles(page) == []


def test_columns_sort_both_ways(page, site_server):
    open_index(page, site_server)
    title = page.locator(".plan-index th", has_text="计划").locator("button")
    title.click()
    ascending = visible_titles(page)
    # Chinese collation (zh-CN): titles by pinyin (bang, dong, dui, yu), then those starting with Latin letters.
    assert ascending == ["帮扶z镇幼儿园计划", "东苑幼儿园结对帮扶计划", "对高枧幼儿园和金竹幼儿园的对口结对帮扶计划",
                         "与咸阳市机关幼儿园结对学习计划", "XX县机关幼儿园与XX镇中心幼儿园结对帮扶计划"]
    assert page.locator(".plan-index th", has_text="计划").get_attribute("aria-sort") == "ascending"
    title.click()
    assert visible_titles(page) == ascending[::-1]
    # 时间 sorts by when a plan starts (period_key: the year and month a plan gives), not by the period's text;
    # plans that give no year (none of the seed plans does) keep the index's order among themselves.
    page.locator(".plan-index th", has_text="时间").locator("button").click()
    index = page.evaluate("window.pairingPlanIndex.plans.map(plan => [plan.period_key, plan.title])")
    assert len(index) == 5
    assert visible_titles(page) == [title for _, title in sorted(index, key=lambda plan: plan[0])]


def test_index_fits_a_phone_screen(browser, site_server):
    context = browser.new_context(viewport={"width": 375, "height": 800}, service_workers="block")
    phone = context.new_page()
    open_index(phone, site_server)
    assert phone.locator(".plan-index-filters input[name=text]").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    phone.fill(".plan-index-filters input[name=text]", "z镇")
    assert visible_titles(phone) == ["帮扶z镇幼儿园计划"]
    context.close()
