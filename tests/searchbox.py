"""Search a built site as a reader does: open it with ?q=, wait for Material's answer, read the results."""

from __future__ import annotations

from urllib.parse import quote, urlparse

from bench.ranking import settled_answer
from bench.reader import WAITING


def search(page, site_url: str, query: str) -> list[str]:
    """The pages found for a query, best first, as paths under the site ("plans/x/", "" for the home page): the
    final answer (bench.ranking.settled_answer: the site's search answers in two steps when a query needs another
    round of documents)."""
    shown, previous = settled_answer(page, f"{site_url}?q={quote(query)}", WAITING)
    assert shown == previous, f"the answer to {query!r} kept changing: {shown}"
    site_path = urlparse(site_url).path
    return [urlparse(href).path.removeprefix(site_path) for href in shown[1]]


def result_summary(page) -> str:
    return page.locator(".md-search-result__meta").inner_text()
