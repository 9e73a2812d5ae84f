"""The pages of the listings that the site generates (the plugin adds them in on_files): a page per kindergarten and
per tag, and the further pages of each long listing. Pure functions over a loaded Collection; the views
themselves are in shaping/directory.py.
"""

from __future__ import annotations

from ..shaping import directory as d
from ..shaping import paging
from ..content.plans import Collection
from ..content.problems import Problem

def generated_pages(collection: Collection) -> list[dict]:
    """Every page the site engine must add: kindergarten and tag pages, and the further pages of each listing.
    Each is a title and the listing that fills it: its name (a render function), its key (a kindergarten id or a
    tag's slug, or None) and the page number."""
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


def _listing_pages(base_url: str, title: str, count: int, macro: str, key: str | None, first: bool) -> list[dict]:
    """The pages of one listing: page 1 only when it is generated too (kindergarten and tag pages)."""
    pages = []
    for number in range(1 if first else 2, count + 1):
        src_uri = f"{base_url.rstrip('/')}.md" if number == 1 else paging.page_src_uri(base_url, number)
        pages.append({"src_uri": src_uri, "title": title if number == 1 else f"{title}（第 {number} 页）",
                      "macro": macro, "key": key, "number": number})
    return pages


def taken_addresses(pages: list[dict], src_uris: list[str]) -> list[Problem]:
    """A hand-written page at the address of a generated page (a kindergarten's, a tag's, a further page of a
    listing) would silently replace it or be replaced: the build and `validate` both refuse it."""
    generated = {page["src_uri"]: page["title"] for page in pages}
    return [Problem(f"docs/{src_uri}", 1, 1, "", f"与自动生成的页面“{generated[src_uri]}”同名，请改名或删除")
            for src_uri in src_uris if src_uri in generated]
