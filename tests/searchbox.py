"""Search a built site as a reader does: open it with ?q=, wait for Material's answer, read the results."""

from __future__ import annotations

from urllib.parse import quote, urlparse

WAITING = ("", "键入以开始搜索", "正在初始化搜索引擎")   # Material's placeholder texts, not an answer yet


def search(page, site_url: str, query: str) -> list[str]:
    """The pages found for a query, best first, as paths under the site ("plans/x/", "" for the home page)."""
    page.goto(f"{site_url}?q={quote(query)}")
    page.wait_for_function(
        """waiting => {
            const meta = document.querySelector(".md-search-result__meta")
            return meta !== null && !waiting.includes(meta.textContent.trim())
        }""", arg=list(WAITING))
    # One item per page: its first link is the page, any further links are its best sections.
    items = page.locator(".md-search-result__list > .md-search-result__item")
    hrefs = items.evaluate_all("all => all.map(item => item.querySelector(':scope > a').href)")
    site_path = urlparse(site_url).path
    return [urlparse(href).path.removeprefix(site_path) for href in hrefs]


def result_summary(page) -> str:
    return page.locator(".md-search-result__meta").inner_text()
