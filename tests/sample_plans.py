"""Plans for tests, shared by tests in several folders (so imported from here, the top of tests/, never from
another test module, which is importable only once pytest has collected its folder):

  plan, collection    small plans in memory, without files (the unit tests of shaping/ and exports/)
  add_plans           synthetic plans written into a copy of the site, from the starter plan
  run_pairing         `python -m pairing ...` run in a project as an editor runs it
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pairing.content.plans import Collection, Plan

ROOT = Path(__file__).resolve().parent.parent
STARTER = (ROOT / "pairing" / "content" / "starter_plan.md").read_text(encoding="utf-8")

KINDERGARTENS = {"a": {"name": "甲园", "region": "甲县"}, "b": {"name": "乙园"}, "c": {"name": "丙园", "region": "丙镇"},
                 "idle": {"name": "没有计划的园"}}


def plan(slug: str, parties: dict, schedule: list | None = None, tags: list | None = None, **extra) -> Plan:
    data = {"title": f"{slug} 计划", "slug": slug, "author": next(iter(parties)),
            "parties": [{"kindergarten": kid, "role": role} for kid, role in parties.items()],
            "tags": tags or [], **extra}
    if schedule:
        data["schedule"] = [{"months": months, "activities": {"items": [f"{slug} 在 {months} 的活动"]}}
                            for months in schedule]
    return Plan(f"docs/plans/{slug}.md", f"plans/{slug}.md", data, None, "")


def collection(*plans: Plan) -> Collection:
    return Collection(KINDERGARTENS, {p.src_uri: p for p in plans})


# The real site's kindergartens (data/kindergartens.yml): (helping, helped) of the synthetic plans in turn.
PARTIES = [("dongyuan", "plan1-author"), ("xianyang-jiguan", "shaanxi-private"), ("gaojian", "jinzhu")]


def synthetic_plan(number: int) -> str:
    """The starter plan as plan number `number`: slug synthetic-0042, title "第 42 份测试计划"."""
    helping, helped = PARTIES[number % len(PARTIES)]
    return (STARTER.replace("slug: example-pairing", f"slug: synthetic-{number:04d}")
            .replace("某某幼儿园结对帮扶计划", f"第 {number} 份测试计划")
            .replace("kindergarten: dongyuan", f"kindergarten: {helping}")
            .replace("kindergarten: plan1-author", f"kindergarten: {helped}")
            .replace("author: plan1-author", f"author: {helped}"))


def add_plans(project: Path, count: int) -> None:
    for number in range(1, count + 1):
        (project / "docs" / "plans" / f"synthetic-{number:04d}.md").write_text(synthetic_plan(number), encoding="utf-8")


def run_pairing(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m pairing ...` in the project (a copy of the site imports its own pairing/: it is first on sys.path)."""
    env = {**os.environ, "PYTHONPATH": ""}
    return subprocess.run([sys.executable, "-m", "pairing", *args], cwd=project, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=60)
