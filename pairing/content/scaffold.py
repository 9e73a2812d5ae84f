"""A new plan from a few facts: front matter that passes the schema, and a body that shows every field.

`python -m pairing new` and the form editor (through editor.editor_data) both write plans this way."""

from __future__ import annotations

import yaml

from .numbering import chinese_numeral
from .policy import CARD_FIELDS, macro_call_for
from .schema import plan_schema

INTRO = "在这里写计划开头的一段话（原文的引言）。"
# Shown without a heading of its own: the signature closes the page.
NO_HEADING = {"signature"}


def find_kindergarten(wanted: str, kindergartens: dict) -> str | None:
    """A kindergarten's id from its id, its name or one of its other names (only when unambiguous)."""
    if wanted in kindergartens:
        return wanted
    matches = [kid for kid, record in kindergartens.items()
               if wanted == record["name"] or wanted in record.get("aliases", [])]
    return matches[0] if len(matches) == 1 else None


def plan_data(*, title: str, slug: str, parties: list[tuple[str, str]], author: str,
              year: int | None = None, original_title: str | None = None,
              org: str | None = None, tags: list[str] | None = None) -> dict:
    """Front matter in schema order; only the facts given, nothing invented."""
    data: dict = {"title": title, "slug": slug}
    if original_title:
        data["original_title"] = original_title
    if year is not None:
        data["year"] = year
    data["parties"] = [{"kindergarten": kid, "role": role} for kid, role in parties]
    data["author"] = author
    if org:
        data["signature"] = {"org": org}
    data["tags"] = list(tags or [])
    return data


def body_sections(fields) -> list[dict]:
    """The body's parts for the shown fields, in schema order: a numbered heading and the macro call."""
    order = [name for name in plan_schema()["properties"] if name not in CARD_FIELDS]
    sections, number = [], 0
    for name in (n for n in order if n in fields):
        heading = ""
        if name not in NO_HEADING:
            number += 1
            heading = f"{chinese_numeral(number)}、{plan_schema()['properties'][name]['title']}"
        sections.append({"field": name, "heading": heading, "call": macro_call_for(name)})
    return sections


def body_text(fields) -> str:
    parts = [INTRO]
    for section in body_sections(fields):
        if section["heading"]:
            parts.append(f"## {section['heading']}")
        parts.append(section["call"])
    return "\n\n".join(parts) + "\n"


def plan_text(data: dict, body: str) -> str:
    """The plan file: YAML front matter (quoted where YAML 1.1 would misread) and the body."""
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{body}"
