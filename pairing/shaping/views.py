"""Shape validated plan data into what the templates show. Pure functions, no markup.

A plan is its sections in the source's order (schema.yml, `sections`). Every text is shown as written: nothing
here adds words, punctuation or numbers to a plan's text; what the site adds is labels (时间, 帮扶园…) that say
which fact is shown, never a fact of their own."""

from __future__ import annotations

from ..content.schema import plan_schema

ROLE_LABELS = {"helping": "帮扶园", "helped": "受援园", "guiding": "指导单位"}
# The kinds of section content, as the schema declares them (a section's x-one-of); section.html shows each.
SECTION_KINDS = tuple(plan_schema()["$defs"]["section"]["x-one-of"])
OUR_KINDERGARTEN = "我园"


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs: editors separate them with line breaks; each is shown as written."""
    return [line for line in text.split("\n") if line.strip()]


def item_view(item) -> dict:
    """A list item: its marker, heading, paragraphs and sub-items, each as written (a plain text has none but
    its paragraphs)."""
    if isinstance(item, str):
        item = {"text": item}
    return {"marker": item.get("marker", ""), "heading": item.get("heading", ""),
            "paragraphs": paragraphs(item.get("text", "")), "items": list_view(item.get("items", []))}


def list_view(items: list) -> list[dict]:
    return [item_view(item) for item in items]


def section_kind(section: dict) -> str | None:
    """Which content the section has (one of SECTION_KINDS), or None for a heading alone."""
    return next((kind for kind in SECTION_KINDS if kind in section), None)


def sections_view(plan: dict) -> list[dict]:
    """Every section in order: its heading and level, its kind and what its template shows. Timetable rows are
    numbered across the plan (their anchors: schedule-1, schedule-2…)."""
    views, row_number = [], 0
    for index, section in enumerate(plan["sections"]):
        kind = section_kind(section)
        view = {"index": index, "heading": section.get("heading", ""), "level": section.get("level", 2),
                "kind": kind, "name": section.get("kind", "")}
        if kind == "paragraphs":
            view["paragraphs"] = [p for text in section["paragraphs"] for p in paragraphs(text)]
        elif kind == "list":
            view["items"] = list_view(section["list"])
        elif kind == "group":
            view["members"] = [{"role": m.get("role", ""), "name": m["name"], "duty": m.get("duty", "")}
                               for m in section["group"]]
        elif kind == "timetable":
            rows = []
            for row in section["timetable"]:
                row_number += 1
                rows.append(row_view(row, row_number))
            view["rows"] = rows
        elif kind == "signature":
            view["org"], view["date"] = section["signature"].get("org", ""), section["signature"].get("date", "")
        views.append(view)
    return views


def section_texts(section: dict) -> list[str]:
    """What a section's content shows, one text per paragraph, item, member or row (the signature: one)."""
    kind = section["kind"]
    if kind == "paragraphs":
        return section["paragraphs"]
    if kind == "list":
        return [_list_text([item]) for item in section["items"]]
    if kind == "group":
        return [m["role"] + m["name"] + m["duty"] for m in section["members"]]
    if kind == "timetable":
        return [row["when"] + "".join(row["paragraphs"]) + _list_text(row["items"]) for row in section["rows"]]
    if kind == "signature":
        return [section["org"] + section["date"]]
    return []


def _list_text(items: list[dict]) -> str:
    return "".join(i["marker"] + i["heading"] + "".join(i["paragraphs"]) + _list_text(i["items"]) for i in items)


def row_view(row: dict, number: int) -> dict:
    return {"number": number, "anchor": f"schedule-{number}", "when": row["when"], "months": row.get("months", []),
            "year": row.get("year"), "paragraphs": paragraphs(row.get("text", "")), "items": list_view(row.get("items", []))}


def timetable_rows(plan: dict) -> list[dict]:
    """Every timetable row of the plan, in order, numbered from 1 across its sections (row_view), as
    sections_view numbers them (without making the other sections' views)."""
    timetables = [section["timetable"] for section in plan["sections"] if section_kind(section) == "timetable"]
    return [row_view(row, number) for number, row in enumerate((row for rows in timetables for row in rows), 1)]


def row_years(row: dict) -> list[int | None]:
    """The calendar year of each of a row's months: the row's year (never guessed; None when the plan does not
    give it), the year after it once the months turn past December (十二月、一月)."""
    year, years, previous = row.get("year"), [], 0
    for month in row.get("months", []):
        if year is not None and month < previous:
            year += 1
        years.append(year)
        previous = month
    return years


def period_text(plan: dict) -> str:
    """The plan's time as its source writes it, or "" when the plan has no period. Never "原文未注明": a plan's text
    often gives its time in words the site cannot read ("每学期", "一个学期"), so the site does not say it gives none."""
    return plan["period"]["text"] if "period" in plan else ""


def start_key(plan: dict) -> tuple[int, int]:
    """Sorts plans by when they start: the period's start, else the first timetable row with a year; plans that
    give no year last."""
    period = plan.get("period", {})
    if "start_year" in period:
        return period["start_year"], period.get("start_month", 0)
    for row in timetable_rows(plan):
        if row["year"] is not None:
            return row["year"], (row["months"] or [0])[0]
    return 9999, 0


def says_our_kindergarten(plan: dict) -> bool:
    """Whether the plan's own text calls its author "我园" (the site says so only then)."""
    return any(OUR_KINDERGARTEN in text for text in plan_texts(plan))


def plan_texts(value) -> list[str]:
    """Every text of the plan's sections, in order."""
    found: list[str] = []

    def walk(node) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(value.get("sections", []) if isinstance(value, dict) else value)
    return found


def parties_view(plan: dict, kindergartens: dict) -> list[dict]:
    """Each party with its kindergarten record, grouped in the order helping, helped, guiding."""
    order = list(ROLE_LABELS)
    parties = sorted(plan["parties"], key=lambda p: order.index(p["role"]))
    return [{
        "id": p["kindergarten"],
        "name": kindergartens[p["kindergarten"]]["name"],
        "role": p["role"],
        "role_label": ROLE_LABELS[p["role"]],
        "is_author": p["kindergarten"] == plan.get("author"),
    } for p in parties]
