"""Search a built site as a reader does: open it with ?q=, wait for Material's answer, read the results."""

from __future__ import annotations

from urllib.parse import quote, urlparse

WAITING = ("", "键入以开始搜索", "正在初始化搜索引擎")   # Material's placeholder texts, not an answer yet


# The count and the results as the page shows them, read at one moment. One item per page: its first link is the
# page, any further links are its best sections.
SHOWN = """() => [document.querySelector(".md-search-result__meta").textContent.trim(),
    [...document.querySelectorAll(".md-search-result__list > .md-search-result__item")]
        .map(item => item.querySelector(":scope > a").href)]"""
SETTLED_READS = 20   # reads 0.3 s apart before the answer must have stopped changing


def search(page, site_url: str, query: str) -> list[str]:
    """The pages found for a query, best first, as paths under the site ("plans/x/", "" for the home page): the
    final answer. The site's search answers in two steps when a query needs two rounds of documents (the first
    results, then all of them), so the answer is read once the network is idle and two reads agree."""
    page.goto(f"{site_url}?q={quote(query)}")
    page.wait_for_function(
        """waiting => {
            const meta = document.querySelector(".md-search-result__meta")
            return meta !== null && !waiting.includes(meta.textContent.trim())
        }""", arg=list(WAITING))
    page.wait_for_load_state("networkidle")
    shown, previous = page.evaluate(SHOWN), None
    for _ in range(SETTLED_READS):
        if shown == previous:
            break
        page.wait_for_timeout(300)
        shown, previous = page.evaluate(SHOWN), shown
    assert shown == previous, f"the answer to {query!r} kept changing: {shown}"
    site_path = urlparse(site_url).path
    return [urlparse(href).path.removeprefix(site_path) for href in shown[1]]


def result_summary(page) -> str:
    return page.locator(".md-search-result__meta").inner_text()
