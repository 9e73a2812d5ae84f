"""The pages of the listings: which pages the site engine must generate (hooks.py), and what each listing
page shows (a dirty rebuild compares it with the last build's to build again only the pages that changed).

Pure functions over a loaded Collection; the views themselves are in directory.py.
"""

from __future__ import annotations

from functools import lru_cache

from . import directory as d
from . import exports, paging
from .plans import Collection

def generated_pages(collection: Collection) -> list[dict]:
    """Every page the site engine must add: kindergarten and tag pages, and the further pages of each listing.
    Each is a title and the macro call (name and literal arguments) that fills it."""
    pages = []
    for kid, record in collection.kindergartens.items():
        count = paging.page_count(sum(len(p) for p in d.plans_by_kindergarten(collection)[kid].values()),
                                  d.PLANS_PER_KINDERGARTEN_PAGE)
        pages += _listing_pages(d.kindergarten_url(kid), record["name"], count, "kindergarten_page", kid, first=True)
    for slug, tag in d.tags_by_slug(collection).items():
        count = paging.page_count(len(tag["plans"]), d.PLANS_PER_TAG_PAGE)
        pages += _listing_pages(f"{d.TAGS_PAGE}{slug}/", f"标签：{'、'.join(tag['names'])}", count, "tag_page", slug, first=True)
    for base, title, macro, total, size in (
            ("", "全部计划", "plan_index", len(collection.plans), d.PLANS_PER_PAGE),
            (d.KINDERGARTEN_INDEX, "幼儿园", "kindergarten_index", len(collection.kindergartens), d.KINDERGARTENS_PER_PAGE),
            (d.CALENDAR_PAGE, "活动日历", "activity_calendar", len(d.calendar_order(collection)), d.ENTRIES_PER_PAGE)):
        pages += _listing_pages(base, title, paging.page_count(total, size), macro, None, first=False)
    return pages


def generated_page(collection: Collection, src_uri: str) -> dict | None:
    """The generated page at this source path (as generated_pages gives it), or None for any other page."""
    return _generated_by_uri(collection).get(src_uri)


@lru_cache(maxsize=2)
def _generated_by_uri(collection: Collection) -> dict[str, dict]:
    return {page["src_uri"]: page for page in generated_pages(collection)}


def _listing_pages(base_url: str, title: str, count: int, macro: str, key: str | None, first: bool) -> list[dict]:
    """The pages of one listing: page 1 only when it is generated too (kindergarten and tag pages)."""
    pages = []
    for number in range(1 if first else 2, count + 1):
        src_uri = f"{base_url.rstrip('/')}.md" if number == 1 else paging.page_src_uri(base_url, number)
        args = ([key] if key is not None else []) + ([number] if number > 1 else [])
        pages.append({"src_uri": src_uri, "title": title if number == 1 else f"{title}（第 {number} 页）",
                      "macro": macro, "args": args, "search": number == 1})
    return pages


def listing_contents(collection: Collection) -> dict[str, dict]:
    """What each listing page shows, by source file (the site's own first pages and the generated ones): the
    plans on it and what else it prints of the listing (its items, counts). A page whose contents are the same
    as in the last build, and none of whose plans was saved since, would be built the same (names come from
    data/: a change there rebuilds everything). The site's own pages that list: index.md, kindergartens/index.md,
    calendar.md, tags.md, open-data.md."""
    by_kindergarten, tags = d.plans_by_kindergarten(collection), d.tags_by_slug(collection)
    order = [(e["month"], e["plan"].src_uri, e["number"]) for e in d.calendar_order(collection)]
    counts = [(kid, tuple(len(found) for found in by_kindergarten[kid].values())) for kid in collection.kindergartens]
    tag_counts = tuple((slug, tuple(tag["names"]), len(tag["plans"])) for slug, tag in tags.items())
    dated = sum(map(exports.publishes_events, collection.plans.values()))
    contents = {
        "tags.md": {"plans": (), "facts": tag_counts},
        "open-data.md": {"plans": (), "facts": (len(collection.plans), dated)},
        **_series("index.md", "", list(collection.plans), d.PLANS_PER_PAGE, lambda uri: uri, (len(collection.plans),)),
        **_series("kindergartens/index.md", d.KINDERGARTEN_INDEX, counts, d.KINDERGARTENS_PER_PAGE, None, (len(counts),)),
        **_series("calendar.md", d.CALENDAR_PAGE, order, d.ENTRIES_PER_PAGE, lambda entry: entry[1],
                  (len(order), tuple(d.month_starts(collection).items()), exports.event_total(collection))),
    }
    for kid in collection.kindergartens:
        items = [(role, plan.src_uri) for role, found in by_kindergarten[kid].items() for plan in found]
        base = d.kindergarten_url(kid)
        contents |= _series(f"{base.rstrip('/')}.md", base, items, d.PLANS_PER_KINDERGARTEN_PAGE, lambda item: item[1],
                            tuple(len(found) for found in by_kindergarten[kid].values()))
    for slug, tag in tags.items():
        base = f"{d.TAGS_PAGE}{slug}/"
        contents |= _series(f"{base.rstrip('/')}.md", base, [plan.src_uri for plan in tag["plans"]], d.PLANS_PER_TAG_PAGE,
                            lambda uri: uri, (tuple(tag["names"]), len(tag["plans"])))
    return contents


def _series(first: str, base_url: str, items: list, size: int, plan_of, facts: tuple) -> dict[str, dict]:
    """The contents of each page of one listing: its items (and the plans they are of), and the listing's facts."""
    found = {}
    for number in range(1, paging.page_count(len(items), size) + 1):
        shown = tuple(paging.page_items(items, size, number))
        src_uri = first if number == 1 else paging.page_src_uri(base_url, number)
        found[src_uri] = {"plans": tuple(map(plan_of, shown)) if plan_of else (), "facts": (shown, *facts)}
    return found
