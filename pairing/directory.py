"""Questions across plans: which plans a kindergarten is in, what happens in a month, which plans share a tag.

Pure functions over a loaded Collection; the views they return feed templates in overrides/partials/plan/.
"""

from __future__ import annotations

import posixpath

from pymdownx.slugs import slugify

from . import views
from .numbering import chinese_numeral
from .plans import Collection, Plan
from .schema import plan_schema

KINDERGARTENS_DIR = "kindergartens"
TAGS_PAGE = "tags/"
# The tags plugin's default anchors (tags_slugify, tags_slugify_format): Chinese characters are kept.
TAG_SLUG = slugify(case="lower")
MONTHS = range(1, 13)
UNKNOWN_REGION = "未注明"


# Addresses
def kindergarten_url(kindergarten_id: str) -> str:
    return f"{KINDERGARTENS_DIR}/{kindergarten_id}/"


def kindergarten_src_uri(kindergarten_id: str) -> str:
    """The generated page of a kindergarten, as the site engine names pages."""
    return f"{KINDERGARTENS_DIR}/{kindergarten_id}.md"


def tag_anchor(tag: str) -> str:
    """The tag's place on the tags page, as Material's tags plugin names it: tag:环境创设."""
    return f"tag:{TAG_SLUG(tag, '-')}"


def relative_url(page_url: str, target_url: str) -> str:
    """A link from one page to another that works wherever the site is hosted ('' is the home page).
    In the offline copy pages are files (plans/x.html, index.html), so links lead to files too."""
    if page_url.endswith(".html"):
        target = f"{target_url.rstrip('/')}.html" if target_url.endswith("/") else (target_url or "index.html")
        return posixpath.relpath(target, posixpath.dirname(page_url) or ".")
    relative = posixpath.relpath(target_url or ".", page_url or ".")
    return relative.rstrip("/") + "/" if target_url.endswith("/") or not target_url else relative


# Aggregation
def plans_by_kindergarten(collection: Collection) -> dict[str, dict[str, list[Plan]]]:
    """Every kindergarten (with or without plans) → role → its plans, in plan order."""
    found = {kid: {role: [] for role in views.ROLE_LABELS} for kid in collection.kindergartens}
    for plan in collection.plans.values():
        for party in plan.data["parties"]:
            in_role = found[party["kindergarten"]][party["role"]]
            if plan not in in_role:
                in_role.append(plan)
    return found


def rows_by_month(collection: Collection) -> dict[int, list[tuple[Plan, int]]]:
    """Month 1–12 → (plan, schedule row number) for every row that names that month."""
    found: dict[int, list[tuple[Plan, int]]] = {month: [] for month in MONTHS}
    for plan in collection.plans.values():
        for number, row in enumerate(plan.data.get("schedule", []), start=1):
            for month in dict.fromkeys(row["months"]):
                found[month].append((plan, number))
    return found


def plans_by_tag(collection: Collection) -> dict[str, list[Plan]]:
    """Tag → plans with it; tags in order of first use."""
    found: dict[str, list[Plan]] = {}
    for plan in collection.plans.values():
        for tag in plan.data.get("tags", []):
            found.setdefault(tag, []).append(plan)
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
    tags_page = relative_url(page_url, TAGS_PAGE)
    return [{"name": tag, "url": f"{tags_page}#{tag_anchor(tag)}"} for tag in tags]


def index_view(collection: Collection, page_url: str = "") -> dict:
    """The plan index: one row per plan, and the tags and regions to filter by."""
    rows = [_index_row(plan, collection, page_url) for plan in collection.plans.values()]
    regions = sorted({region for row in rows for region in row["regions"]})
    tags = [{"name": tag, "count": len(found)} for tag, found in plans_by_tag(collection).items()]
    return {"plans": rows, "regions": regions, "tags": tags}


def _index_row(plan: Plan, collection: Collection, page_url: str) -> dict:
    parties = party_links(plan.data, collection.kindergartens, page_url)
    return {
        "title": plan.data["title"], "url": relative_url(page_url, plan.url),
        "helping": [p for p in parties if p["role"] == "helping"],
        "helped": [p for p in parties if p["role"] == "helped"],
        "period": views.period_text(plan.data), "period_key": period_key(plan.data),
        "regions": plan_regions(plan.data, collection.kindergartens) or [UNKNOWN_REGION],
        "tags": plan.data.get("tags", []),
    }


def period_key(plan: dict) -> str:
    """Sorts plans by when they start: known years first by year, then unknown years by month."""
    rows = plan.get("schedule") or [{"months": [0]}]
    year = views.row_year(plan, rows[0]) or plan.get("year") or 9999
    return f"{year:04d}-{rows[0]['months'][0]:02d}"


def kindergarten_view(kindergarten_id: str, collection: Collection, page_url: str | None = None) -> dict:
    """A kindergarten's facts, labelled from the schema, and its plans by role (links relative to page_url,
    by default the kindergarten's own page)."""
    record = collection.kindergartens[kindergarten_id]
    labels = plan_schema()["$defs"]["kindergarten"]["properties"]
    facts = [{"label": spec["title"], "value": _fact_text(record[key])}
             for key, spec in labels.items() if key != "name" and key in record]
    page_url = kindergarten_url(kindergarten_id) if page_url is None else page_url
    by_role = plans_by_kindergarten(collection)[kindergarten_id]
    roles = [{"role": role, "label": label, "plans": [_plan_link(p, page_url, kindergarten_id) for p in by_role[role]]}
             for role, label in views.ROLE_LABELS.items()]
    return {"name": record["name"], "facts": facts, "roles": roles}


def _fact_text(value) -> str:
    if value is True:
        return "是"
    return "、".join(value) if isinstance(value, list) else str(value)


def _plan_link(plan: Plan, page_url: str, kindergarten_id: str) -> dict:
    return {"title": plan.data["title"], "url": relative_url(page_url, plan.url),
            "period": views.period_text(plan.data), "is_author": plan.data["author"] == kindergarten_id}


def kindergarten_index_view(collection: Collection, page_url: str) -> list[dict]:
    """Every kindergarten with how many plans it is in, by role."""
    by_kindergarten = plans_by_kindergarten(collection)
    return [{"name": record["name"], "url": relative_url(page_url, kindergarten_url(kid)),
             "region": record.get("region", UNKNOWN_REGION),
             "counts": [len(by_kindergarten[kid][role]) for role in views.ROLE_LABELS]}
            for kid, record in collection.kindergartens.items()]


def calendar_view(collection: Collection, page_url: str) -> list[dict]:
    """一月 … 十二月, each with its schedule rows: known years first by year, unknown years honestly last."""
    schedules = {plan.slug: views.schedule_view(plan.data) for plan in collection.plans.values()}
    months = []
    for month, entries in rows_by_month(collection).items():
        shown = [_calendar_entry(plan, schedules[plan.slug][number - 1], page_url) for plan, number in entries]
        shown.sort(key=lambda e: (e["year"] is None, e["year"] or 0, e["plan_title"], e["number"]))
        months.append({"month": month, "label": f"{chinese_numeral(month)}月", "entries": shown})
    return months


def _calendar_entry(plan: Plan, row: dict, page_url: str) -> dict:
    if row["year"]:
        year_text = f"{row['year']}年"
    else:
        year_text = "次年（原文未注明年份）" if row["next_year"] else "原文未注明年份"
    return {"plan_title": plan.data["title"], "number": row["number"], "year": row["year"], "year_text": year_text,
            "label": row["label"], "url": relative_url(page_url, plan.url) + f"#{row['anchor']}",
            "activities": row["activities"]}
