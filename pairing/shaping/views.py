"""Shape validated plan data into what the templates show. Pure functions, no markup."""

from __future__ import annotations

from ..content.numbering import chinese_numeral, marker

ROLE_LABELS = {"helping": "帮扶园", "helped": "受援园", "guiding": "指导单位"}


def outline_view(outline: dict) -> list[dict]:
    """Items with their marker text, heading, paragraphs and nested items, in order."""
    style = outline.get("numbering")
    return [_item_view(item, marker(style, n)) for n, item in enumerate(outline["items"], start=1)]


def _item_view(item, mark: str) -> dict:
    if isinstance(item, str):
        item = {"text": item}
    return {
        "marker": mark,
        "heading": item.get("heading", ""),
        "paragraphs": paragraphs(item.get("text", "")),
        "sub": outline_view(item["sub"]) if "sub" in item else [],
    }


def paragraphs(text: str) -> list[str]:
    """A text field's paragraphs: editors separate them with line breaks."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def month_label(row: dict) -> str:
    """'二、三月份', 'xx年一月份': the row's months as the plans write them."""
    months = "、".join(chinese_numeral(m) for m in row["months"])
    year = f"{row['year_label']}年" if row.get("year_label") else ""
    return f"{year}{months}月份"


def row_year(plan: dict, row: dict) -> int | None:
    """The calendar year of a schedule row, or None when the plan does not say (never guessed)."""
    if "year" not in plan:
        return None
    return plan["year"] + (1 if row.get("next_year") else 0)


def schedule_view(plan: dict) -> list[dict]:
    return [schedule_row_view(plan, number) for number in range(1, len(plan.get("schedule", [])) + 1)]


def schedule_row_view(plan: dict, number: int) -> dict:
    """Row `number` (from 1) of the plan's schedule, as the schedule table and the calendar show it."""
    row = plan["schedule"][number - 1]
    return {
        "number": number,
        "anchor": f"schedule-{number}",
        "label": month_label(row),
        "months": row["months"],
        "year": row_year(plan, row),
        "next_year": bool(row.get("next_year")),
        "activities": outline_view(row["activities"]),
    }


def period_text(plan: dict) -> str:
    """The plan's period from its schedule, saying honestly when the year is not given."""
    rows = plan.get("schedule")
    if not rows:
        return f"{plan['year']}年" if "year" in plan else "原文未注明"
    first, last = rows[0], rows[-1]

    def when(row: dict, month: int) -> str:
        year = row_year(plan, row)
        prefix = f"{year}年" if year else ("次年" if row.get("next_year") else "")
        return f"{prefix}{chinese_numeral(month)}月"

    span = f"{when(first, first['months'][0])}至{when(last, last['months'][-1])}"
    return span if "year" in plan else f"{span}（原文未注明年份）"


def parties_view(plan: dict, kindergartens: dict) -> list[dict]:
    """Each party with its kindergarten record, grouped in the order helping, helped, guiding."""
    order = list(ROLE_LABELS)
    parties = sorted(plan["parties"], key=lambda p: order.index(p["role"]))
    return [{
        "id": p["kindergarten"],
        "name": kindergartens[p["kindergarten"]]["name"],
        "role": p["role"],
        "role_label": ROLE_LABELS[p["role"]],
        "is_author": p["kindergarten"] == plan["author"],
    } for p in parties]


def leadership_view(plan: dict) -> list[dict]:
    return [{"role": m["role"], "name": m["name"], "duty": m.get("duty", "")} for m in plan["leadership"]]


def status_view(plan: dict) -> dict:
    status = plan["status_analysis"]
    return {
        "strengths": status.get("strengths", []),
        "weaknesses": outline_view(status["weaknesses"]) if "weaknesses" in status else [],
    }
