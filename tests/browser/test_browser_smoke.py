"""The site in a real browser: plan pages load, show their parts, and ask no other host for anything."""

from urllib.parse import urlparse


def test_plan_page_loads_with_no_third_party_request(page, site_server):
    hosts = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).netloc))
    page.goto(site_server + "plans/xx-county-jiguan-pairing/")
    assert page.locator("h1").inner_text() == "XX县机关幼儿园与XX镇中心幼儿园结对帮扶计划"
    assert page.locator(".plan-timetable tbody tr[id^=schedule-]").count() == 10   # timetable rows
    assert page.locator("article :is(h2, h3):not(#share-title)").count() == 11        # section headings
    assert page.locator(".plan-signature").inner_text().split() == ["XX镇中心幼儿园", "XX年X月"]
    assert set(hosts) == {urlparse(site_server).netloc}
