"""What a first visit to a page costs on a weak connection: the bytes it downloads, by kind.

Reusable (the benchmark can import it): give it a Playwright page in a fresh context (cold cache) and a URL.
The search index is left out: it is fetched in the background and only searching needs it.
"""

from __future__ import annotations

import gzip

SEARCH_INDEX = "search/search_index."


def first_view_bytes(page, url: str, leave_out: str = SEARCH_INDEX) -> dict[str, int]:
    """Bytes downloaded for url until the network is idle, by resource type, plus totals raw and gzipped."""
    responses = []

    def record(response):
        responses.append(response)

    page.context.on("response", record)
    page.goto(url, wait_until="networkidle")
    page.context.remove_listener("response", record)
    sizes: dict[str, int] = {}
    raw = gzipped = 0
    for response in responses:
        if leave_out in response.url or response.status != 200:
            continue
        body = response.body()
        kind = response.request.resource_type
        sizes[kind] = sizes.get(kind, 0) + len(body)
        raw += len(body)
        gzipped += len(gzip.compress(body, mtime=0))
    return {**sizes, "total": raw, "total_gzip": gzipped}
