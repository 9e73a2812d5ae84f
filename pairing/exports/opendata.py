"""Open data: plans.json with its schema, plans.csv and schedule.csv, and iCalendar files.

Pure functions from a loaded Collection to file contents; the build only writes what `open_data_files` gives.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
from datetime import date, datetime, timezone
from functools import lru_cache
from typing import Callable, Iterator

import icalendar

from ..shaping import views
from ..shaping.directory import plan_regions
from ..content.plans import Collection, Plan
from ..content.schema import plan_schema
from .jsontext import compact_json, escape_unsafe

DATA_DIR = "data"
PLANS_JSON = f"{DATA_DIR}/plans.json"
PLANS_SCHEMA = f"{DATA_DIR}/plans.schema.json"
PLANS_CSV = f"{DATA_DIR}/plans.csv"
SCHEDULE_CSV = f"{DATA_DIR}/schedule.csv"
ALL_CALENDAR = f"{DATA_DIR}/calendar.ics"
TIMEZONE = "Asia/Shanghai"
UID_DOMAIN = "kindergarten-pairing-plans"
PRODID = "-//幼儿园结对帮扶计划//pairing//ZH"
ALL_CALENDAR_NAME = "幼儿园结对帮扶计划：全部活动"
STAMP_HOLDER = datetime(1970, 1, 1, tzinfo=timezone.utc)   # replaced by the build time in as_ics
EVENT_START, EVENT_END, CALENDAR_END = "BEGIN:VEVENT\r\n", "END:VEVENT\r\n", "END:VCALENDAR\r\n"
TIMEZONE_START = "BEGIN:VTIMEZONE\r\n"

# The version of the published format (plans.json and its schema): 2 is a plan as its sections in the source's
# order (schema.yml); 1 was the fixed fields (year, schedule, goals…) before issue 16.
FORMAT_VERSION = 2

# What each published file is, for the open-data page.
OPEN_DATA_FILES = [
    {"path": PLANS_JSON, "name": "plans.json",
     "description": f"全部计划（格式版本 {FORMAT_VERSION}，见 format_version），每份计划照原文按章节顺序写出"
     "（已校验），加上网址，每所参与幼儿园加上园名；另附幼儿园名录。"},
    {"path": PLANS_SCHEMA, "name": "plans.schema.json",
     "description": "plans.json 的 JSON Schema（2020-12），由网站校验计划所用的同一份 schema 生成，格式版本与 plans.json 相同。"},
    {"path": PLANS_CSV, "name": "plans.csv",
     "description": "每份计划一行：标题、帮扶园、受援园、撰写单位（原文看不出则留空）、时间（原文写法）、开始和结束年份"
     "（原文未注明则留空）、章节标题、地区、标签、网址。UTF-8（带 BOM），Excel 可直接打开。"},
    {"path": SCHEDULE_CSV, "name": "schedule.csv",
     "description": "活动安排每行一行：所属计划（网址名、标题）、安排行的序号、时间（照原文）、年份（原文未注明则留空，不猜测）、"
     "月份（原文未写月份则留空）、内容（照原文，连同编号）。"
     "计划的网址见 plans.csv；某一安排行在计划页面上的位置是计划网址加 #schedule-安排行。UTF-8（带 BOM）。"
     "两个 CSV 文件中，以 =、+、-、@、制表符或回车开头的文字前加了一个单引号（'），电子表格不会把它当作公式。"},
    {"path": ALL_CALENDAR, "name": "calendar.ics",
     "description": "全部计划中注明了年份和月份的安排行，iCalendar 格式，可导入手机日历；每一行是整月的全天事件。"},
]


def plan_calendar(slug: str) -> str:
    return f"{DATA_DIR}/calendar/{slug}.ics"


# plans.json and its schema
def published_schema() -> dict:
    """The schema of plans.json, derived from schema.yml: the document carries its format_version, each plan adds
    its url and each party its name."""
    source = copy.deepcopy(plan_schema())
    defs = source.pop("$defs")
    dialect = source.pop("$schema")
    source["properties"]["url"] = {"title": "网址", "description": "计划页面的完整网址。", "type": "string",
                                   "format": "uri"}
    source["required"] = [*source["required"], "url"]
    party = defs["party"]
    party["properties"]["name"] = {"title": "园名", "description": "幼儿园编号对应的园名（见 kindergartens）。",
                                   "type": "string", "minLength": 1}
    party["required"] = [*party["required"], "name"]
    return {
        "$schema": dialect, "title": f"结对帮扶计划开放数据（plans.json，格式版本 {FORMAT_VERSION}）",
        "description": "网站上全部计划（已校验），每份计划按原文的章节顺序写出，加上网址和幼儿园园名；"
                       "kindergartens 是幼儿园名录；format_version 是格式版本，格式改变时加一。",
        "type": "object", "additionalProperties": False, "required": ["format_version", "plans", "kindergartens"],
        "properties": {"format_version": {"title": "格式版本", "const": FORMAT_VERSION},
                       "plans": {"type": "array", "items": {"$ref": "#/$defs/plan"}},
                       "kindergartens": {"$ref": "#/$defs/kindergartens_file"}},
        "$defs": {**defs, "plan": source},
    }


def plan_record(plan: Plan, kindergartens: dict, site_url: str) -> dict:
    """A plan's data as written (sections and all), its parties with names, and its full address."""
    record = plan.record()
    for party in record["parties"]:
        party["name"] = kindergartens[party["kindergarten"]]["name"]
    record["url"] = absolute_url(site_url, plan.url)
    return record


def plans_document(collection: Collection, site_url: str) -> dict:
    return {"format_version": FORMAT_VERSION,
            "plans": [plan_record(p, collection.kindergartens, site_url) for p in collection.plans.values()],
            "kindergartens": collection.kindergartens}


def absolute_url(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url




def as_json(document: dict) -> str:
    return escape_unsafe(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"


def plans_json(plan_lines: list[str], kindergartens: dict) -> str:
    """plans.json from each plan's record as a json_line: as_json_lines(plans_document(...)) gives the same."""
    plans = "[\n" + ",\n".join(plan_lines) + "\n]" if plan_lines else "[]"
    skeleton = {"format_version": FORMAT_VERSION, "plans": [], "kindergartens": kindergartens}
    return as_json_lines(skeleton).replace('"plans":[]', f'"plans":{plans}', 1)


def as_json_lines(document: dict) -> str:
    """One JSON document, compact, with each item of each top-level list or mapping (each plan, each
    kindergarten) on a line of its own: readable line by line, where indentation was a third of the bytes."""
    dumps = compact_json

    def lines(value) -> str:
        if not value or not isinstance(value, (list, dict)):
            return dumps(value)
        if isinstance(value, list):
            return "[\n" + ",\n".join(dumps(item) for item in value) + "\n]"
        return "{\n" + ",\n".join(f"{dumps(key)}:{dumps(item)}" for key, item in value.items()) + "\n}"
    return "{" + ",\n".join(f"{dumps(key)}:{lines(value)}" for key, value in document.items()) + "}\n"


# CSV: UTF-8 with a BOM so that Excel on Chinese Windows reads it as UTF-8.
PLAN_COLUMNS = ["网址名", "标题", "原标题", "帮扶园", "受援园", "指导单位", "撰写单位", "时间（原文写法）", "开始年份",
                "结束年份", "章节", "地区", "标签", "网址"]
SCHEDULE_COLUMNS = ["计划网址名", "计划标题", "安排行", "时间", "年份", "月份", "内容"]


# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection"): =HYPERLINK(…) in a
# plan's title would run when the file is opened.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def as_csv(columns: list[str], rows: list[list]) -> bytes:
    """The file, every text cell made safe to open in a spreadsheet (text_cell); the csv module quotes every cell
    that holds a comma, a quote or a line break."""
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow([text_cell(cell) for cell in columns])
    writer.writerows([text_cell(cell) for cell in row] for row in rows)
    return text.getvalue().encode("utf-8-sig")


def text_cell(cell):
    """A text cell that a spreadsheet would read as a formula, with a single quote in front (OWASP's advice: the
    spreadsheet shows it as text). Numbers the exporter writes as numbers (years, row numbers) are left alone."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def plan_rows(collection: Collection, site_url: str) -> list[list]:
    return [plan_row(plan, collection.kindergartens, site_url) for plan in collection.plans.values()]


def plan_row(plan: Plan, names: dict, site_url: str) -> list:
    """The plan's row of plans.csv. Its time is the period as the plan writes it (empty when it writes none: the
    cell states no fact of the site's own), its years only those it gives."""
    data = plan.record()
    in_role = {role: "、".join(names[p["kindergarten"]]["name"] for p in data["parties"] if p["role"] == role)
               for role in views.ROLE_LABELS}
    period = data.get("period", {})
    author = names[data["author"]]["name"] if "author" in data else ""
    return [data["slug"], data["title"], data.get("original_title", ""), in_role["helping"],
            in_role["helped"], in_role["guiding"], author, period.get("text", ""),
            period.get("start_year", ""), period.get("end_year", ""), "、".join(section_headings(data)),
            "、".join(plan_regions(data, names)), "、".join(data.get("tags", [])), absolute_url(site_url, plan.url)]


def section_headings(plan: dict) -> list[str]:
    """The headings of the plan's sections, as written, in order (a section without one adds nothing)."""
    return [section["heading"] for section in plan["sections"] if section.get("heading")]


def schedule_rows(collection: Collection) -> list[list]:
    """One row per timetable row of every plan. No address on each row: the plan's is in plans.csv, and a row is
    at #schedule-<安排行> of it (a fifth of the file at 1,000 plans)."""
    return [row for plan in collection.plans.values() for row in plan_schedule_rows(plan)]


def plan_schedule_rows(plan: Plan) -> list[list]:
    """The plan's rows of schedule.csv: each timetable row (views.timetable_rows), its time and content as written,
    its year only when the plan gives it."""
    return [[plan.slug, plan.data["title"], row["number"], row["when"], "" if row["year"] is None else row["year"],
             "、".join(map(str, row["months"])), row_text(row)] for row in views.timetable_rows(plan.record())]


def row_text(row: dict, separator: str = " ") -> str:
    """A timetable row's content (views.row_view) as text: its paragraphs, then its items with their markers."""
    parts = [*row["paragraphs"], *(item_text(item) for item in row["items"])]
    return separator.join(part for part in parts if part)


def item_text(item: dict) -> str:
    """A list item (views.item_view) as one line of text: its marker, then its heading, paragraphs and sub-items,
    each as written; nothing comes between the marker and what follows it."""
    parts = [item["heading"], *item["paragraphs"], *(item_text(sub) for sub in item["items"])]
    return item["marker"] + " ".join(part for part in parts if part)


# iCalendar: one all-day event per timetable row (per run of consecutive months) that gives months and a year.
def dated_rows(plan: Plan) -> list[dict]:
    """The plan's timetable rows that give months and a year: only these become events (we never guess a year)."""
    return [row for row in views.timetable_rows(plan.record()) if row["months"] and row["year"] is not None]


def calendar_events(plan: Plan, site_url: str) -> list[dict]:
    """Events as data; a row without months or a year has none."""
    events, seen = [], {}
    for row in dated_rows(plan):
        for start, end in month_spans(row):
            uid = event_uid(plan.slug, start, end, row)
            seen[uid] = seen.get(uid, 0) + 1
            events.append({
                "uid": uid if seen[uid] == 1 else uid.replace("@", f"-{seen[uid]}@"),
                "start": start, "end": end,
                "summary": f"{plan.data['title']} · {row['when']}",
                "description": row_text(row, "\n"),
                "url": absolute_url(site_url, plan.url) + f"#{row['anchor']}",
            })
    return events


def event_count(plan: Plan) -> int:
    """How many events calendar_events gives, without making them: one per run of months of a dated row."""
    return sum(len(month_spans(row)) for row in dated_rows(plan))


@lru_cache(maxsize=2)
def event_total(collection: Collection) -> int:
    """How many events data/calendar.ics has (once per build, not once per calendar page)."""
    return sum(event_count(plan) for plan in collection.plans.values())


def publishes_events(plan: Plan) -> bool:
    """Whether the plan gets its own .ics file: some timetable row gives months and a year."""
    return bool(dated_rows(plan))


def month_spans(row: dict) -> list[tuple[date, date]]:
    """A dated row's runs of consecutive months as [first day, first day after): [2, 3] → 1 Feb – 1 Apr. Each
    month is in its year from views.row_years (十二月、一月 of 2024 runs into 2025)."""
    spans: list[tuple[date, date]] = []
    for month, year in zip(row["months"], views.row_years(row)):
        start = date(year, month, 1)
        if spans and spans[-1][1] == start:
            spans[-1] = (spans[-1][0], _next_month(start))
        else:
            spans.append((start, _next_month(start)))
    return spans


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def event_uid(slug: str, start: date, end: date, row: dict) -> str:
    """Stable across rebuilds and reordering: from the plan, the months and the row's time and content, not its
    number."""
    content = {"when": row["when"], "paragraphs": row["paragraphs"], "items": row["items"]}
    text = json.dumps(content, ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{slug}-{start:%Y%m}-{end:%Y%m}-{digest}@{UID_DOMAIN}"


@lru_cache(maxsize=1)
def _timezone() -> icalendar.Timezone:
    """Asia/Shanghai as a VTIMEZONE, built once per build (it is the same in every file)."""
    return icalendar.Timezone.from_tzid(TIMEZONE)


def as_ics(name: str, events: list[dict], stamp: datetime) -> bytes:
    """An RFC 5545 calendar of all-day events (with no events, its time-zone component keeps it valid)."""
    return stamped(calendar_text(name, events), stamp)


def stamped(text: str, stamp: datetime) -> bytes:
    """A calendar from calendar_text with the build time as every event's DTSTAMP."""
    stamp_line = f"DTSTAMP:{stamp.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}"
    return text.replace(f"DTSTAMP:{STAMP_HOLDER:%Y%m%dT%H%M%SZ}", stamp_line).encode("utf-8")


def combined_calendar_text(name: str, calendars: list[str]) -> str:
    """One calendar with the events of the given calendar_text calendars, as calendar_text would make it
    from all their events (the events are taken as icalendar wrote them: no second serialisation)."""
    events = "".join(text[text.index(EVENT_START):text.rindex(EVENT_END) + len(EVENT_END)]
                     for text in calendars if EVENT_START in text)
    empty = calendar_text(name, [])
    return empty[:empty.index(TIMEZONE_START)] + events + CALENDAR_END if events else empty


def calendar_text(name: str, events: list[dict]) -> str:
    """The calendar with STAMP_HOLDER as every event's DTSTAMP."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    # Why only when empty: the events are all-day dates, which no time zone moves, so they name none; the
    # component keeps a calendar without events valid (RFC 5545 asks for one), and is 0.8 KB in each plan's file.
    if not events:
        calendar.add_component(_timezone())
    for event in events:
        calendar.add_component(_ics_event(event, STAMP_HOLDER))
    return calendar.to_ical().decode("utf-8")


def _ics_event(event: dict, stamp: datetime) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", event["uid"])
    component.add("dtstamp", stamp)
    component.add("dtstart", event["start"])
    component.add("dtend", event["end"])
    component.add("summary", event["summary"])
    component.add("description", event["description"])
    component.add("url", event["url"])
    component.add("transp", "TRANSPARENT")
    return component


# Everything the build publishes
def open_data_files(collection: Collection, site_url: str, stamp: datetime) -> Iterator[tuple[str, str | bytes]]:
    """Path in the site and content of every open-data file, one file at a time (the build writes each one
    before the next is made: together they are 30 MB at 1,000 plans)."""
    plans, names = list(collection.plans.values()), collection.kindergartens

    def parts(kind: str) -> list:
        return [PLAN_PARTS[kind](plan, names, site_url) for plan in plans]

    yield PLANS_JSON, plans_json(parts("record"), names)
    yield PLANS_SCHEMA, as_json(published_schema())
    yield PLANS_CSV, as_csv(PLAN_COLUMNS, parts("row"))
    yield SCHEDULE_CSV, as_csv(SCHEDULE_COLUMNS, [row for rows in parts("schedule") for row in rows])
    calendars = []
    for plan, calendar in zip(plans, parts("calendar")):
        if calendar is not None:
            calendars.append(calendar)
            yield plan_calendar(plan.slug), stamped(calendar, stamp)
    yield ALL_CALENDAR, stamped(combined_calendar_text(ALL_CALENDAR_NAME, calendars), stamp)


def plan_calendar_text(plan: Plan, site_url: str) -> str | None:
    """The plan's own calendar (calendar_text), None when it has no events."""
    events = calendar_events(plan, site_url)
    return calendar_text(plan.data["title"], events) if events else None


# What the open data shows of one plan, by kind: each made from the plan, the kindergartens and the site's address.
PLAN_PARTS: dict[str, Callable[[Plan, dict, str], object]] = {
    "record": lambda plan, names, site_url: compact_json(plan_record(plan, names, site_url)),   # in plans.json
    "row": plan_row,                                                                          # plans.csv
    "schedule": lambda plan, names, site_url: plan_schedule_rows(plan),                      # schedule.csv
    "calendar": lambda plan, names, site_url: plan_calendar_text(plan, site_url),            # its .ics
}
