"""Plans for tests, shared by tests in several folders (so imported from here, the top of tests/, never from
another test module, which is importable only once pytest has collected its folder):

  plan, collection    small plans in memory, without files (the unit tests of shaping/ and site/); each is checked
                      against schema.yml first, so a test never passes on data the site would refuse
  synthetic_plan      a valid plan's text with sections of every kind (tests/fixtures/base-plan.md renumbered)
  add_plans           synthetic plans written into a copy of the site
  run_pairing         `python -m pairing ...` run in a project as an editor runs it
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from pairing.content.numbering import chinese_numeral
from pairing.content.plans import Collection, Plan, plan_of
from pairing.content.schema import plan_schema

ROOT = Path(__file__).resolve().parent.parent
# A valid plan with a section of every kind (paragraphs, group, list, timetable, signature). The starter plan
# (pairing/content/starter_plan.md) is not one: its facts are empty and its sections are comments.
BASE_PLAN = (ROOT / "tests" / "fixtures" / "base-plan.md").read_text(encoding="utf-8")

KINDERGARTENS = {"a": {"name": "甲园", "region": "甲县"}, "b": {"name": "乙园"}, "c": {"name": "丙园", "region": "丙镇"},
                 "idle": {"name": "没有计划的园"}}


def month_text(months: list[int]) -> str:
    """A timetable row's time as the plans write it: [10, 11] → "十、十一月份："."""
    return "、".join(chinese_numeral(m) for m in months) + "月份："


def plan(slug: str, parties: dict, schedule: list | None = None, tags: list | None = None, year: int | None = None,
         sections: list | None = None, **extra) -> Plan:
    """A small plan: its first party is its author; an intro paragraph, then (with `schedule`, a list of months
    per row, e.g. [[9], [10, 11]]) a timetable section with a row {when, months, items} per entry, each in `year`
    when given (never otherwise). `sections` replaces the intro; `extra` adds or replaces top-level fields."""
    content = sections if sections is not None else [{"kind": "intro", "paragraphs": [f"{slug} 计划的引言。"]}]
    if schedule:
        rows = [{"when": month_text(months), **({"year": year} if year is not None else {}), "months": months,
                 "items": [{"marker": "1、", "text": f"{slug} 在 {'、'.join(map(str, months))} 月的活动"}]}
                for months in schedule]
        content = [*content, {"heading": "活动安排", "kind": "schedule", "timetable": rows}]
    data = {"title": f"{slug} 计划", "slug": slug, "author": next(iter(parties)),
            "parties": [{"kindergarten": kid, "role": role} for kid, role in parties.items()],
            "sections": content, **({"tags": tags} if tags else {}), **extra}
    jsonschema.validate(data, plan_schema())
    return plan_of(f"docs/plans/{slug}.md", f"plans/{slug}.md", data, None)


def collection(*plans: Plan) -> Collection:
    return Collection(KINDERGARTENS, {p.src_uri: p for p in plans})


# The real site's kindergartens (data/kindergartens.yml): (helping, helped) of the synthetic plans in turn.
PARTIES = [("dongyuan", "plan1-author"), ("xianyang-jiguan", "shaanxi-private"), ("gaojian", "jinzhu")]


def synthetic_plan(number: int) -> str:
    """tests/fixtures/base-plan.md as plan number `number`: slug synthetic-0042, title "第 42 份测试计划", the parties
    of PARTIES in turn (the helped one its author). Its sections are of every kind."""
    helping, helped = PARTIES[number % len(PARTIES)]
    replacements = [("slug: example-pairing\n", f"slug: synthetic-{number:04d}\n"),
                    ("title: 测试用结对帮扶计划\n", f"title: 第 {number} 份测试计划\n"),
                    ("kindergarten: dongyuan\n", f"kindergarten: {helping}\n"),
                    ("kindergarten: plan1-author\n", f"kindergarten: {helped}\n"),
                    ("author: plan1-author\n", f"author: {helped}\n")]
    text = BASE_PLAN
    for old, new in replacements:
        # Why count: a fixture that no longer has the text would make every synthetic plan the same plan.
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def add_plans(project: Path, count: int) -> None:
    for number in range(1, count + 1):
        (project / "docs" / "plans" / f"synthetic-{number:04d}.md").write_text(synthetic_plan(number), encoding="utf-8")


def run_pairing(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m pairing ...` in the project (a copy of the site imports its own pairing/: it is first on sys.path)."""
    env = {**os.environ, "PYTHONPATH": ""}
    return subprocess.run([sys.executable, "-m", "pairing", *args], cwd=project, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
