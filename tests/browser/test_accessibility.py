"""Accessibility checked by axe-core in Chromium, and the tables every reader (and screen reader) needs.

axe-core is vendored as the single file tests/vendor/axe.min.js (npm axe-core, MPL-2.0, licence header kept;
see tests/vendor/README.md) so that the tests run offline on a fresh machine with the README's command.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

AXE = ROOT / "tests" / "vendor" / "axe.min.js"
PLAN_PAGES = [f"plans/{p.stem}/" for p in sorted((ROOT / "docs" / "plans").glob("*.md"))]
# The home page, every plan page and the editing guide (kindergarten pages and the calendar are not built yet).
PAGES = ["", "editing/", "calendar/", "calendar/page/2/", "tags/", "tags/环境创设/", "kindergartens/dongyuan/", *PLAN_PAGES]
BLOCKING = {"serious", "critical"}


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
      const results = await axe.run(document, {resultTypes: ["violations"]});
      return results.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.map(n => n.target.join(" ")).slice(0, 5)}));
    }""")


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_axe_violations(tooling_page, site_server, path):
    page = tooling_page
    page.goto(site_server + path)
    violations = axe_violations(page)
    assert [v for v in violations if v["impact"] in BLOCKING] == []


def test_axe_finds_a_planted_violation(tooling_page, site_server):
    page = tooling_page
    # negative test: an image without alt text and an unlabeled input must be reported
    page.goto(site_server + PLAN_PAGES[0])
    page.evaluate("""() => {
      const article = document.querySelector("article");
      article.insertAdjacentHTML("beforeend", '<img src="x.png"><input type="text">');
    }""")
    ids = {v["id"] for v in axe_violations(page) if v["impact"] in BLOCKING}
    assert {"image-alt", "label"} <= ids


@pytest.mark.parametrize("path", ["", *PLAN_PAGES])
def test_tables_have_captions_and_header_cells(page, site_server, path):
    page.goto(site_server + path)
    tables = page.locator("article table").evaluate_all("""tables => tables.map(t => ({
      caption: t.caption ? t.caption.innerText.trim() : "",
      columnHeaders: t.querySelectorAll("thead th[scope=col]").length,
      rows: t.querySelectorAll("tbody tr").length,
      rowsWithHeader: t.querySelectorAll("tbody tr > th[scope=row], tbody tr > th").length,
      timetable: t.closest(".plan-timetable") !== null,
    }))""")
    for table in tables:
        assert table["caption"], table
        assert table["columnHeaders"] >= 2, table
        if table["timetable"]:   # a plan's timetable: each row is named by its time (th scope=row)
            assert table["rows"] >= 1 and table["rowsWithHeader"] == table["rows"], table


@pytest.mark.parametrize("path", ["", "plans/dongyuan-pairing/", "404.html"])
def test_the_search_dialog_has_a_name(page, site_server, path):
    # Material's search dialog has role="dialog" and no name (axe: aria-dialog-name); search-setup.js names it.
    page.goto(site_server + path)
    dialog = page.locator('[data-md-component="search"][role="dialog"]')
    assert dialog.count() == 1
    assert dialog.get_attribute("aria-label") == "搜索"
