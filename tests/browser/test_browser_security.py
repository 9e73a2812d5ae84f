"""In Chromium: the Content Security Policy lets the site work and reports no violation, and text from
plans that looks like markup never runs, on any page that shows it."""

from __future__ import annotations

import json

import pytest

from conftest import copy_site, run_build, serve
from pairing.site import csp

PAGES = ["", "plans/dongyuan-pairing/", "plans/xx-county-jiguan-pairing/", "kindergartens/", "kindergartens/gaojian/",
         "calendar/", "calendar/page/2/", "tags/", "tags/环境创设/", "open-data/", "editing/", "editor/", "404.html"]
# Collects every CSP violation and every dialog the page tries to open.
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
window.alert = window.confirm = window.prompt = (m) => { window.__violations.push('dialog ' + m); };
"""


def visit(page, url):
    errors, dialogs = [], []
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.add_init_script(WATCH)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return errors, dialogs


@pytest.mark.parametrize("path", PAGES)
def test_pages_carry_a_policy_and_break_none_of_it(page, site_server, path):
    errors, dialogs = visit(page, site_server + path)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    assert policy.startswith("default-src 'self'; script-src 'self' 'sha256-")
    assert page.evaluate("window.__violations") == [] and errors == [] and dialogs == []


def test_search_runs_under_the_policy(page, site_server):
    errors, _ = visit(page, site_server + "?q=高枧")
    page.locator(".md-search-result__item").first.wait_for()
    assert page.locator(".md-search-result__item").count() >= 1
    assert page.evaluate("window.__violations") == [] and errors == []


def test_the_search_share_button_runs_under_the_policy(page, site_server):
    # Material writes it as <a href="javascript:void(0)"> (tests/site/test_csp.py lets exactly that URL be) and
    # its bundle sets the shareable address and handles the click, so the policy, which would block the URL, never has to
    errors, dialogs = visit(page, site_server + "?q=高枧")
    page.locator(".md-search-result__item").first.wait_for()
    share = page.locator('[data-md-component="search-share"]')
    assert share.get_attribute("href").startswith(site_server + "?q=")
    share.click()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == [] and errors == [] and dialogs == []


def test_an_inline_script_without_its_hash_is_blocked(page, site_server):
    # negative control: the policy really blocks, and the watcher really sees it
    policy = csp.policy_for(["window.ok = 1"])
    served = (f'<html><head><meta http-equiv="Content-Security-Policy" content="{policy}">'
              "<script>window.ok = 1</script><script>window.bad = 1</script></head><body></body></html>")
    page.route(site_server + "csp-control.html", lambda route: route.fulfill(body=served, content_type="text/html"))
    visit(page, site_server + "csp-control.html")
    assert page.evaluate("window.ok") == 1
    assert page.evaluate("window.bad") is None
    assert page.evaluate("window.__violations") == ["script-src-elem inline"]


TRAP = '</textarea></script></title>"\'&<b>粗</b>'
# Titles, kindergarten names and tags may not hold < > & (Material prints them unescaped); quotes they may.
TITLE_TRAP = '"\'引号\'"'


@pytest.fixture(scope="module")
def trapped_site(tmp_path_factory):
    """The real site with markup-like text (allowed, shown as text) in fields our templates print, and quotes
    in the fields Material prints."""
    project = copy_site(tmp_path_factory.mktemp("trap"))
    plan = project / "docs/plans/dongyuan-pairing.md"
    text = plan.read_text(encoding="utf-8")
    for old, new in [("title: 东苑幼儿园结对帮扶计划", f"title: {json.dumps('东苑' + TITLE_TRAP, ensure_ascii=False)}"),
                     ("original_title: 篇1：幼儿园帮扶计划", f"original_title: {json.dumps('篇1' + TRAP, ensure_ascii=False)}"),
                     ("    - 我园指派专人负责结对活动，", f"    - {json.dumps(TRAP, ensure_ascii=False)}\n    - 我园指派专人负责结对活动，"),
                     ("tags: [", f"tags: [{json.dumps('标签' + TITLE_TRAP, ensure_ascii=False)}, ")]:
        assert old in text
        text = text.replace(old, new, 1)
    plan.write_text(text, encoding="utf-8")
    data = project / "data/kindergartens.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("  name: 东苑幼儿园", f"  name: {json.dumps('东苑' + TITLE_TRAP, ensure_ascii=False)}"), encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as url:
        yield url


@pytest.mark.parametrize("path", ["", "plans/dongyuan-pairing/", "kindergartens/dongyuan/", "kindergartens/", "tags/",
                                  "editor/?plan=dongyuan-pairing"])
def test_markup_in_plan_text_is_shown_not_run(page, trapped_site, path):
    errors, dialogs = visit(page, trapped_site + path)
    assert page.evaluate("window.__violations") == [] and errors == [] and dialogs == []
    assert page.locator("b", has_text="粗").count() == 0
    assert TITLE_TRAP in page.title() + page.locator("body").inner_text()


def test_the_plan_page_shows_markup_like_text_as_written(page, trapped_site):
    visit(page, trapped_site + "plans/dongyuan-pairing/")
    article = page.locator("article").inner_text()
    assert article.count(TRAP) == 2
    assert page.title().startswith("东苑" + TITLE_TRAP)
