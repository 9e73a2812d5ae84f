"""Pages that stay small: with 1,000 plans, no page of the site is more than 1.2x its size with the five seed plans.

The menu lists index pages only (mkdocs.yml) and every long listing (plan index, calendar, kindergarten and tag
pages, kindergartens) is split into pages of a few items (pairing/shaping/paging.py), so no page grows with the number
of plans. The 1,000-plan build takes 30–80 s on the project's 2-core machines; the negative control uses fewer plans."""

from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import run_build
from sample_plans import add_plans

SYNTHETIC_PLANS = int(os.environ.get("SCALE_PLANS", "1000"))
CONTROL_PLANS = 200
SEED_PAGES = ["plans/dongyuan-pairing/index.html", "plans/xx-county-jiguan-pairing/index.html",
              "plans/z-town-pairing/index.html", "editing/index.html", "kindergartens/z-town/index.html"]


def counterpart(path: str, small: Path) -> str | None:
    """The page of the five-plan site that a page of the big site is compared with: the same page, or for a
    further page of a listing (…/page/3/) that listing's first page (a further page of the small site, if it
    has one, is its last and holds only what was left over)."""
    further = re.fullmatch(r"(.*?)page/\d+/index.html", path)
    candidate = f"{further[1]}index.html" if further else path
    return candidate if (small / candidate).is_file() else None


def growth(built_site: Path, project: Path, out: Path, count: int) -> dict[str, float]:
    """Each page's size in the big build, as a multiple of its counterpart's size in the real five-plan site
    (the synthetic plans' own pages have none: they are compared among themselves)."""
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    assert len(list((out / "plans").iterdir())) == 5 + count
    ratios = {}
    for page in sorted(out.rglob("*.html")):
        path = page.relative_to(out).as_posix()
        if path.startswith("plans/synthetic-"):
            continue
        other = counterpart(path, built_site)
        assert other is not None, f"{path}: no page to compare with in the five-plan site"
        ratios[path] = page.stat().st_size / (built_site / other).stat().st_size
    return ratios


def test_page_size_stays_flat_as_plans_grow(built_site, site_copy, tmp_path):
    add_plans(site_copy, SYNTHETIC_PLANS)
    ratios = growth(built_site, site_copy, tmp_path / "big", SYNTHETIC_PLANS)
    assert len(ratios) > 100 and {"index.html", "calendar/index.html", "tags/index.html", "page/2/index.html"} <= set(ratios)
    largest = sorted(ratios.items(), key=lambda item: -item[1])[:5]
    assert largest[0][1] <= 1.2, largest
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


def test_the_size_check_notices_a_listing_that_is_not_split(built_site, site_copy, tmp_path):
    # negative control: the plan index on one page again (as before this change) breaks the bound on the home page
    add_plans(site_copy, CONTROL_PLANS)
    source = site_copy / "pairing" / "shaping" / "directory.py"
    # (the copy's own package is the one its build imports: conftest.SITE_PARTS)
    text = source.read_text(encoding="utf-8")
    assert "PLANS_PER_PAGE = 8\n" in text
    source.write_text(text.replace("PLANS_PER_PAGE = 8\n", "PLANS_PER_PAGE = 10_000\n"), encoding="utf-8")
    ratios = growth(built_site, site_copy, tmp_path / "big", CONTROL_PLANS)
    assert ratios["index.html"] > 1.2 and "page/2/index.html" not in ratios
