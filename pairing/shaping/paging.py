"""Long lists split into pages of a fixed number of items, so that no page grows with the number of plans.

A listing's first page keeps its own address (the home page, calendar/, tags/环境创设/); page k of it is
<address>page/k/. Pure functions; directory.py decides what each listing holds and how many per page.
"""

from __future__ import annotations

from math import ceil

PAGE_DIR = "page"
# The page numbers a pager shows on either side of the current one (a bounded pager, however many pages):
# none, as the links to the previous and next pages lead there already; a further page of a listing then stays
# within 1.2x of the listing's first page in the five-plan site (tests/site/test_scale.py).
NEARBY = 0


def page_count(item_count: int, size: int) -> int:
    """At least one page, even for an empty listing (it says so)."""
    return max(1, ceil(item_count / size))


def page_items(items: list, size: int, number: int) -> list:
    """The items on page `number` (1-based)."""
    return items[(number - 1) * size:number * size]


def page_of(index: int, size: int) -> int:
    """The page (1-based) that holds the item at `index` (0-based)."""
    return index // size + 1


def page_url(base_url: str, number: int) -> str:
    """'calendar/' for page 1, 'calendar/page/2/' for page 2; '' (the home page) gives 'page/2/'."""
    return base_url if number == 1 else f"{base_url}{PAGE_DIR}/{number}/"


def page_src_uri(base_url: str, number: int) -> str:
    """The generated source file of page `number` (> 1), as the site engine names pages."""
    return f"{base_url}{PAGE_DIR}/{number}.md"


def nearby_pages(number: int, count: int) -> list[int]:
    """The page numbers a pager lists: the first, the last, and the current one (and NEARBY on either side)."""
    near = range(max(1, number - NEARBY), min(count, number + NEARBY) + 1)
    return sorted({1, count, *near})


def group_runs(items: list[dict], key: str, before: dict | None = None) -> list[dict]:
    """Consecutive items with the same `key` value as one group; `continued` when the group began on an
    earlier page (`before` is the last item of the previous page)."""
    groups: list[dict] = []
    for item in items:
        if not groups or groups[-1]["key"] != item[key]:
            continued = not groups and before is not None and before[key] == item[key]
            groups.append({"key": item[key], "continued": continued, "items": []})
        groups[-1]["items"].append(item)
    return groups
