"""Navigation that scales: with 1,000 plans, a plan page is no bigger than with the five seed plans.

The menu lists index pages only (mkdocs.yml), so a page's size must not grow with the number of plans.
The 1,000-plan build takes 30–80 s on the project's 2-core machines; the negative control uses fewer plans."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT, run_build

SYNTHETIC_PLANS = int(os.environ.get("SCALE_PLANS", "1000"))
CONTROL_PLANS = 200
STARTER = (ROOT / "pairing" / "starter_plan.md").read_text(encoding="utf-8")
PARTIES = [("dongyuan", "plan1-author"), ("xianyang-jiguan", "shaanxi-private"), ("gaojian", "jinzhu")]
SEED_PAGES = ["plans/dongyuan-pairing/index.html", "plans/xx-county-jiguan-pairing/index.html",
              "plans/z-town-pairing/index.html", "editing/index.html", "kindergartens/z-town/index.html"]


def synthetic_plan(number: int) -> str:
    helping, helped = PARTIES[number % len(PARTIES)]
    return (STARTER.replace("slug: example-pairing", f"slug: synthetic-{number:04d}")
            .replace("某某幼儿园结对帮扶计划", f"第 {number} 份测试计划")
            .replace("kindergarten: dongyuan", f"kindergarten: {helping}")
            .replace("kindergarten: plan1-author", f"kindergarten: {helped}")
            .replace("author: plan1-author", f"author: {helped}"))


def add_plans(project: Path, count: int) -> None:
    for number in range(1, count + 1):
        (project / "docs" / "plans" / f"synthetic-{number:04d}.md").write_text(synthetic_plan(number), encoding="utf-8")


def growth(built_site: Path, project: Path, out: Path, count: int) -> dict[str, float]:
    """Each page's size in the big build, as a multiple of its size in the real five-plan site."""
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    assert len(list((out / "plans").iterdir())) == 5 + count
    return {page: (out / page).stat().st_size / (built_site / page).stat().st_size for page in SEED_PAGES}


def test_page_size_stays_flat_as_plans_grow(built_site, site_copy, tmp_path):
    add_plans(site_copy, SYNTHETIC_PLANS)
    ratios = growth(built_site, site_copy, tmp_path / "big", SYNTHETIC_PLANS)
    assert max(ratios.values()) <= 1.2, ratios
    first, last = (tmp_path / "big/plans/synthetic-0001/index.html"), (tmp_path / f"big/plans/synthetic-{SYNTHETIC_PLANS:04d}/index.html")
    assert last.stat().st_size <= 1.2 * first.stat().st_size


def test_the_size_check_notices_a_menu_of_every_plan(built_site, site_copy, tmp_path):
    # negative control: the same plans with every plan in the menu (as before this change) break the bound
    add_plans(site_copy, CONTROL_PLANS)
    config = site_copy / "mkdocs.yml"
    every_plan = "".join(f"      - plans/synthetic-{n:04d}.md\n" for n in range(1, CONTROL_PLANS + 1))
    text = config.read_text(encoding="utf-8").replace("  - 编辑指南: editing.md\n", f"  - 编辑指南: editing.md\n  - 计划:\n{every_plan}")
    config.write_text(text, encoding="utf-8")
    assert max(growth(built_site, site_copy, tmp_path / "big", CONTROL_PLANS).values()) > 1.2
