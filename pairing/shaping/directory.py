"""Questions across plans: which plans a kindergarten is in, what happens in a month, which plans share a tag.

Pure functions over a loaded Collection; the views they return feed templates in overrides/partials/plan/.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import unquote

from . import links
from . import paging
from . import views
from ..content.numbering import chinese_numeral
from ..content.plans import Collection, Plan
from ..content.schema import plan_schema
from .tags import TAGS_DIR, tag_slug, tag_url

KINDERGARTENS_DIR = "kindergartens"
TAGS_PAGE = f"{TAGS_DIR}/"
KINDERGARTEN_INDEX = f"{KINDERGARTENS_DIR}/"
CALENDAR_PAGE = "calendar/"
# What plan-index.js filters and sorts: every plan's row of the index (the plugin writes it, index_data).
PLAN_INDEX_DATA = "assets/plan-index-data.js"
# Items per page of each listing: at 1,000 plans every listing page stays within 1.2x of its size in the
# five-plan site (tests/site/test_scale.py), small enough for a phone on a weak connection.
PLANS_PER_PAGE = 8
KINDERGARTENS_PER_PAGE = 15
PLANS_PER_KINDERGARTEN_PAGE = 4
PLANS_PER_TAG_PAGE = 6
ENTRIES_PER_PAGE = 20
MONTHS = range(1, 13)
UNKNOWN_REGION = "未注明"


# Addresses
def kindergarten_url(kindergarten_id: str) -> str:
    return f"{KINDERGARTENS_DIR}/{kindergarten_id}/"


def tag_anchor(tag: str) -> str:
    """The tag's place on the tags overview, as Material's tags plugin named it: tag:环境创设."""
    return f"tag:{tag_slug(tag)}"


def relative_url(page_url: str, target_url: str) -> str:
    """A link from one page to another that works wherever the site is hosted ('' is the home page).
    In the offline copy pages are files (plans/x.html, index.html), so links lead to files too."""
    # Why unquoted: the site engine gives a page's address percent-encoded (tags/%E7%8E%AF…/), targets are written
    # as they read (tags/环境创设/); compared as they are, a tag page's link to its own next page went up and back.
    page_url = unquote(page_url)
    if page_url.endswith(".html"):
        target = f"{target_url.rstrip('/')}.html" if target_url.endswith("/") else (target_url or "index.html")
        return site_relpath(target, posixpath.dirname(page_url))
    relative = site_relpath(target_url, page_url)
    return relative.rstrip("/") + "/" if target_url.endswith("/") or not target_url else relative


def site_relpath(path: str, start: str) -> str:
    """posixpath.relpath between two paths inside the site, without asking the file system where it is.
    Why: relpath makes both absolute with os.getcwd() on each call; the listing pages make 50,000 links."""
    if ".." in path or ".." in start or path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path or ".", start or ".")
    to, base = [p for p in path.split("/") if p not in ("", ".")], [p for p in start.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


# Aggregation
@lru_cache(maxsize=2)
def plans_by_kindergarten(collection: Collection) -> dict[str, dict[str, list[Plan]]]:
    """Every kindergarten (with or without plans) → role → its plans, in plan order."""
    found = {kid: {role: [] for role in views.ROLE_LABELS} for kid in collection.kindergartens}
    for plan in collection.plans.values():
        for party in plan.data["parties"]:
            in_role = found[party["kindergarten"]][party["role"]]
            if plan not in in_role:
                in_role.append(plan)
    return found


@lru_cache(maxsize=2)
def rows_by_month(collection: Collection) -> dict[int, list[tuple[Plan, int, int | None]]]:
    """Month 1–12 → (plan, its timetable row's number, that month's year or None) for every row that names that
    month. The row by its number (views.row_view), not the row: the calendar's pages unpack only the rows they
    show (all rows held would be 17 MB at 1,000 plans)."""
    found: dict[int, list[tuple[Plan, int, int | None]]] = {month: [] for month in MONTHS}
    for plan in collection.plans.values():
        for row in views.timetable_rows(plan.record()):
            for month, year in dict(zip(row["months"], views.row_years(row))).items():
                found[month].append((plan, row["number"], year))
    return found


@lru_cache(maxsize=2)
def plans_by_tag(collection: Collection) -> dict[str, list[Plan]]:
    """Tag → plans with it; tags in order of first use."""
    found: dict[str, list[Plan]] = {}
    for plan in collection.plans.values():
        for tag in plan.data.get("tags", []):
            found.setdefault(tag, []).append(plan)
    return found


@lru_cache(maxsize=2)
def tags_by_slug(collection: Collection) -> dict[str, dict]:
    """Tag page address (tags.tag_slug) → the tag's spellings and plans, in order of first use: spellings
    that differ only in case or punctuation (Steam 教育, steam-教育) are one tag with one page."""
    found: dict[str, dict] = {}
    for tag, plans in plans_by_tag(collection).items():
        entry = found.setdefault(tag_slug(tag), {"names": [], "plans": []})
        entry["names"].append(tag)
        entry["plans"] += [plan for plan in plans if plan not in entry["plans"]]
    return found


def plan_regions(plan: dict, kindergartens: dict) -> list[str]:
    """The regions of a plan's kindergartens, helping first, each once."""
    parties = views.parties_view(plan, kindergartens)
    regions = (kindergartens[p["id"]].get("region") for p in parties)
    return list(dict.fromkeys(r for r in regions if r))


# Views for the templates
def party_links(plan: dict, kindergartens: dict, page_url: str) -> list[dict]:
    """The plan's parties (views.parties_view), each with a link to its kindergarten page."""
    return [{**party, "url": relative_url(page_url, kindergarten_url(party["id"]))}
            for party in views.parties_view(plan, kindergartens)]


def tag_links(tags: list[str], page_url: str) -> list[dict]:
    return [{"name": tag, "url": relative_url(page_url, tag_url(tag))} for tag in tags]


def index_view(collection: Collection, page_url: str = "", number: int = 1) -> dict:
    """One page of the plan index: its rows, where the whole index's data is (for filtering and sorting
    every plan in the browser), and the pager."""
    plans = list(collection.plans.values())
    shown = paging.page_items(plans, PLANS_PER_PAGE, number)
    return {"plans": [_index_row(plan, collection, page_url) for plan in shown], "total": len(plans),
            "data_url": relative_url(page_url, PLAN_INDEX_DATA), "root": links.root_prefix(page_url),
            "pager": pager_view("", number, paging.page_count(len(plans), PLANS_PER_PAGE), page_url)}


def index_data(collection: Collection, home_url: str) -> dict:
    """Every plan's row of the index, with links relative to the home page (home_url: '' online,
    'index.html' offline), and the regions and tags to filter by: what plan-index.js filters and sorts."""
    rows = [_index_row(plan, collection, home_url) for plan in collection.plans.values()]
    for row in rows:
        for role in ("helping", "helped"):
            row[role] = [{"name": party["name"], "url": party["url"]} for party in row[role]]
    regions = sorted({region for row in rows for region in row["regions"]})
    tags = [{"name": tag, "count": len(found)} for tag, found in plans_by_tag(collection).items()]
    return {"plans": rows, "regions": regions, "tags": tags}


def _index_row(plan: Plan, collection: Collection, page_url: str) -> dict:
    parties = party_links(plan.data, collection.kindergartens, page_url)
    return {
        "title": plan.data["title"], "url": relative_url(page_url, plan.url),
        "helping": [p for p in parties if p["role"] == "helping"],
        "helped": [p for p in parties if p["role"] == "helped"],
        "period": views.period_text(plan.data), "period_key": period_key(plan.record()),
        "regions": plan_regions(plan.data, collection.kindergartens) or [UNKNOWN_REGION],
        "tags": plan.data.get("tags", []),
    }


def period_key(plan: dict) -> str:
    """Sorts plans by when they start (views.start_key): known years first by year and month, then the rest."""
    year, month = views.start_key(plan)
    return f"{year:04d}-{month:02d}"


def kindergarten_view(kindergarten_id: str, collection: Collection, page_url: str | None = None,
                      number: int = 1) -> dict:
    """A kindergarten's facts, labelled from the schema, and one page of its plans, by role (links relative to
    page_url, by default the kindergarten's own page)."""
    record = collection.kindergartens[kindergarten_id]
    labels = plan_schema()["$defs"]["kindergarten"]["properties"]
    facts = [{"label": spec["title"], "value": _fact_text(record[key])}
             for key, spec in labels.items() if key != "name" and key in record]
    base = kindergarten_url(kindergarten_id)
    page_url = base if page_url is None else page_url
    by_role = plans_by_kindergarten(collection)[kindergarten_id]
    items = [{"role": role, "plan": plan} for role in views.ROLE_LABELS for plan in by_role[role]]
    shown = paging.page_items(items, PLANS_PER_KINDERGARTEN_PAGE, number)
    before = items[(number - 1) * PLANS_PER_KINDERGARTEN_PAGE - 1] if number > 1 else None
    roles = [{"role": run["key"], "label": views.ROLE_LABELS[run["key"]], "count": len(by_role[run["key"]]),
              "continued": run["continued"],
              "plans": [_plan_link(item["plan"], page_url, kindergarten_id) for item in run["items"]]}
             for run in paging.group_runs(shown, "role", before)]
    pages = paging.page_count(len(items), PLANS_PER_KINDERGARTEN_PAGE)
    return {"name": record["name"], "facts": facts, "roles": roles, "pager": pager_view(base, number, pages, page_url)}


def _fact_text(value) -> str:
    if value is True:
        return "是"
    return "、".join(value) if isinstance(value, list) else str(value)


def _plan_link(plan: Plan, page_url: str, kindergarten_id: str | None = None) -> dict:
    return {"title": plan.data["title"], "url": relative_url(page_url, plan.url),
            "period": views.period_text(plan.data), "is_author": plan.data.get("author") == kindergarten_id}


def kindergarten_index_view(collection: Collection, page_url: str, number: int = 1) -> dict:
    """One page of the kindergartens, each with how many plans it is in, by role."""
    by_kindergarten = plans_by_kindergarten(collection)
    shown = paging.page_items(list(collection.kindergartens.items()), KINDERGARTENS_PER_PAGE, number)
    rows = [{"name": record["name"], "url": relative_url(page_url, kindergarten_url(kid)),
             "region": record.get("region", UNKNOWN_REGION),
             "counts": [len(by_kindergarten[kid][role]) for role in views.ROLE_LABELS]} for kid, record in shown]
    pages = paging.page_count(len(collection.kindergartens), KINDERGARTENS_PER_PAGE)
    return {"kindergartens": rows, "total": len(collection.kindergartens),
            "pager": pager_view(KINDERGARTEN_INDEX, number, pages, page_url)}


def calendar_view(collection: Collection, page_url: str, number: int = 1) -> dict:
    """One page of the calendar: schedule rows by month, 一月 … 十二月, known years first by year, unknown years
    honestly last; the months link to the page where each begins."""
    order = calendar_order(collection)
    shown = paging.page_items(order, ENTRIES_PER_PAGE, number)
    before = order[(number - 1) * ENTRIES_PER_PAGE - 1] if number > 1 else None
    shown_plans = {entry["plan"].src_uri: entry["plan"] for entry in shown}
    rows = {src_uri: views.timetable_rows(plan.record()) for src_uri, plan in shown_plans.items()}
    months = [{"month": run["key"], "label": f"{chinese_numeral(run['key'])}月", "continued": run["continued"],
               "entries": [_calendar_entry(e["plan"], rows[e["plan"].src_uri][e["number"] - 1], e["year"], page_url)
                           for e in run["items"]]}
              for run in paging.group_runs(shown, "month", before)]
    pages = paging.page_count(len(order), ENTRIES_PER_PAGE)
    return {"months": months, "month_links": _month_links(collection, page_url), "total": len(order),
            "pager": pager_view(CALENDAR_PAGE, number, pages, page_url)}


@lru_cache(maxsize=2)
def calendar_order(collection: Collection) -> list[dict]:
    """Every (month, plan, row) of the calendar in the order it is shown: by month, known years first by year,
    then in the order of the plan index (so a renamed plan keeps its place, and the pages after it theirs)."""
    entries = []
    for month, found in rows_by_month(collection).items():
        ordered = sorted(found, key=lambda entry: (entry[2] is None, entry[2] or 0))
        entries += [{"month": month, "plan": plan, "number": number, "year": year} for plan, number, year in ordered]
    return entries


@lru_cache(maxsize=2)
def month_starts(collection: Collection) -> dict[int, tuple[int, int]]:
    """Month → (index in calendar_order of its first row, how many rows it has), for months with rows."""
    starts: dict[int, tuple[int, int]] = {}
    for index, entry in enumerate(calendar_order(collection)):
        first, count = starts.get(entry["month"], (index, 0))
        starts[entry["month"]] = (first, count + 1)
    return starts


def _month_links(collection: Collection, page_url: str) -> list[dict]:
    """一月 … 十二月 with how many rows each has and a link to where the month begins (none for an empty month)."""
    starts, links = month_starts(collection), []
    for month in MONTHS:
        first, count = starts.get(month, (0, 0))
        target = paging.page_url(CALENDAR_PAGE, paging.page_of(first, ENTRIES_PER_PAGE))
        links.append({"month": month, "label": f"{chinese_numeral(month)}月", "count": count,
                      "url": f"{relative_url(page_url, target)}#month-{month}" if count else ""})
    return links


def _calendar_entry(plan: Plan, row: dict, year: int | None, page_url: str) -> dict:
    """A timetable row in the calendar: its time as the plan writes it; a year only when the plan gives one."""
    return {"plan_title": plan.data["title"], "number": row["number"], "year": year,
            "year_text": f"{year}年" if year else "原文未注明年份", "label": row["when"],
            "url": relative_url(page_url, plan.url) + f"#{row['anchor']}", "paragraphs": row["paragraphs"],
            "activities": row["items"]}


def tag_index_view(collection: Collection, page_url: str) -> list[dict]:
    """Every tag, the most used first, with how many plans have it and a link to its page."""
    found = tags_by_slug(collection)
    ordered = sorted(found.items(), key=lambda item: (-len(item[1]["plans"]), item[1]["names"][0]))
    return [{"name": "、".join(tag["names"]), "anchor": tag_anchor(tag["names"][0]), "count": len(tag["plans"]),
             "url": relative_url(page_url, f"{TAGS_PAGE}{slug}/")} for slug, tag in ordered]


def tag_view(collection: Collection, slug: str, page_url: str, number: int = 1) -> dict:
    """One page of the plans with a tag (named by its page address: every spelling of it)."""
    tag = tags_by_slug(collection)[slug]
    pages = paging.page_count(len(tag["plans"]), PLANS_PER_TAG_PAGE)
    shown = paging.page_items(tag["plans"], PLANS_PER_TAG_PAGE, number)
    return {"name": "、".join(tag["names"]), "count": len(tag["plans"]), "tags_url": relative_url(page_url, TAGS_PAGE),
            "plans": [_plan_link(plan, page_url) for plan in shown],
            "pager": pager_view(f"{TAGS_PAGE}{slug}/", number, pages, page_url)}


def pager_view(base_url: str, number: int, count: int, page_url: str) -> dict | None:
    """Links to the other pages of a listing (None when it has one page): previous, next, the first, the
    last and those near this one, with a gap mark where numbers are left out."""
    if count == 1:
        return None

    def link(n: int) -> str:
        return relative_url(page_url, paging.page_url(base_url, n))

    shown = paging.nearby_pages(number, count)
    return {"number": number, "count": count, "previous": link(number - 1) if number > 1 else "",
            "next": link(number + 1) if number < count else "",
            "pages": [{"number": n, "url": link(n), "current": n == number, "gap_before": i > 0 and n > shown[i - 1] + 1}
                      for i, n in enumerate(shown)]}
