"""The build's shortcuts (issue #8) change nothing a reader gets: Material's navigation and search box rendered
once per distinct result (overrides/partials, speed_hooks.py), plan bodies filled without compiling them as
templates (macros.py), Material's templates compiled once (.cache/templates), pages kept from the last build
(.cache/pages.sqlite). Every page reads exactly as without them."""

from __future__ import annotations

import re

from conftest import TEST_REPO_URL, copy_site, run_build


def test_every_page_is_the_same_as_without_the_shortcuts(site_copy, tmp_path):
    own = copy_site(tmp_path / "materials-own")
    for partial in ("nav.html", "search.html"):
        (own / "overrides" / "partials" / partial).unlink()
    glue = (own / "macros.py").read_text(encoding="utf-8")
    shortcut = "    elif env.page.file.src_uri in collection.plans:\n"
    assert shortcut in glue
    (own / "macros.py").write_text(glue.replace(shortcut, "    elif False:\n"), encoding="utf-8")
    for project, out in ((site_copy, tmp_path / "shared"), (own, tmp_path / "own")):
        result = run_build(project, out, {"REPO_URL": TEST_REPO_URL})
        assert result.returncode == 0, result.stderr
    pages = sorted(p.relative_to(tmp_path / "shared") for p in (tmp_path / "shared").rglob("*.html"))
    assert len(pages) > 40 and pages == sorted(p.relative_to(tmp_path / "own") for p in (tmp_path / "own").rglob("*.html"))
    for page in pages:
        assert (tmp_path / "shared" / page).read_bytes() == (tmp_path / "own" / page).read_bytes(), page
    # Built again with Material's templates compiled in the first build (.cache/templates) and the pages it
    # wrote kept (.cache/pages.sqlite, pairing/pagecache.py): the same pages.
    assert any((site_copy / ".cache" / "templates").iterdir())
    result = run_build(site_copy, tmp_path / "again", {"REPO_URL": TEST_REPO_URL})
    assert result.returncode == 0, result.stderr
    assert int(re.search(r"speed_hooks: (\d+) pages written as kept", result.stderr)[1]) > 40
    for page in pages:
        assert (tmp_path / "again" / page).read_bytes() == (tmp_path / "shared" / page).read_bytes(), page


def test_menu_pages_are_marked_current_and_other_pages_link_from_where_they_are(built_site):
    def menu(page):
        html = (built_site / page).read_text(encoding="utf-8")
        return html[html.index('<nav class="md-nav md-nav--primary"'):html.index("</nav>", html.index('md-nav--primary'))]
    calendar, plan, kindergarten = menu("calendar/index.html"), menu("plans/dongyuan-pairing/index.html"), menu("kindergartens/dongyuan/index.html")
    assert re.search(r'class="md-nav__link md-nav__link--active"', calendar)
    assert "md-nav__link--active" not in plan and "md-nav__link--active" not in kindergarten
    assert 'href="../../calendar/"' in plan and 'href="../../calendar/"' in kindergarten
    assert 'href="../"' in kindergarten and 'href="../../kindergartens/"' in plan
