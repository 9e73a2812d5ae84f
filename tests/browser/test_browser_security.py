"""In Chromium: the Content Security Policy lets the site work and reports no violation, and text from
plans that looks like markup never runs, on any page that shows it."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT, copy_site, run_build, serve
from pairing.content import plans, schema
from pairing.content.markup import NO_HTML
from pairing.site import csp, sanitize

# A valid plan (slug example-pairing); every text of a plan is a field of its front matter.
BASE = (ROOT / "tests" / "fixtures" / "base-plan.md").read_text(encoding="utf-8")

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


# Tags, comments and <! <? are refused in every text (test_markup_as_html_is_refused_before_the_build): what plan text
# may still hold of markup is quotes that could close an attribute, < and > that open no tag, & and character
# references, which must all be shown as written (never decoded), in the templates and in a section heading (the
# one text that becomes Markdown, every ASCII mark written as a character reference).
TRAP = '"\' autofocus onfocus=alert(1) x="&amp;&lt;b&gt;粗&lt;/b&gt; <3 < b> <粗>'
# Titles, kindergarten names and tags may not hold < > & (Material prints them unescaped); quotes they may.
TITLE_TRAP = '"\'引号\'"'
# What the trap used to be: real tags, now refused at the check, and removed by the sanitizer should one get through.
OLD_TRAP = '</textarea></script></title>"\'&<b>粗</b>'


def quoted(text: str) -> str:
    """A text as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def test_markup_as_html_is_refused_before_the_build():
    texts = {("original_title",): OLD_TRAP, ("sections", 1, "heading"): "一、" + OLD_TRAP,
             ("sections", 3, "list", 0, "text"): "这里写" + OLD_TRAP}
    plan = (BASE.replace("title: 测试用结对帮扶计划\n", f"title: 某某\noriginal_title: {quoted(OLD_TRAP)}\n", 1)
            .replace("  - heading: 一、指导思想\n", f"  - heading: {quoted('一、' + OLD_TRAP)}\n", 1)
            .replace("        text: 每学期送教两次。\n", f"        text: {quoted('这里写' + OLD_TRAP)}\n", 1))
    lines = plan.splitlines()

    def at(text: str) -> str:
        number = next(n for n, line in enumerate(lines, start=1) if quoted(text) in line)
        return f"{number}:{lines[number - 1].index(quoted(text)) + 1}"

    _, problems = plans.check_page(plan, "docs/plans/example-pairing.md", "plans/example-pairing.md", True)
    # each text with markup is refused once, at the text, whatever and however much markup it holds
    assert [str(p) for p in problems] == [f"docs/plans/example-pairing.md:{at(text)}: {schema.field_label(path)}: {NO_HTML}"
                                          for path, text in texts.items()]


def test_markup_that_got_through_would_be_removed_from_the_page():
    # Markdown passes raw HTML through; the plugin sanitizes what it makes of a page (pairing/site/sanitize.py).
    html = f"<p>{OLD_TRAP}<img src=x onerror=alert(1)><a href=\"&#106;avascript:alert(1)\">链接</a></p>"
    assert sanitize.sanitized(html) == '<p>"\'&amp;粗<img src="x"><a>链接</a></p>'


@pytest.fixture(scope="module")
def trapped_site(tmp_path_factory):
    """The real site with markup-like text (allowed, shown as text) in fields our templates print and in a section
    heading (Markdown), and quotes in the fields Material prints."""
    project = copy_site(tmp_path_factory.mktemp("trap"))
    plan = project / "docs/plans/dongyuan-pairing.md"
    text = plan.read_text(encoding="utf-8")
    for old, new in [("title: 东苑幼儿园结对帮扶计划", f"title: {quoted('东苑' + TITLE_TRAP)}"),
                     ("original_title: 篇1：幼儿园帮扶计划", f"original_title: {quoted('篇1' + TRAP)}"),
                     ('      - marker: "1."\n', f"      - text: {quoted(TRAP)}\n" + '      - marker: "1."\n'),
                     ("  - kind: closing\n", f"  - heading: {quoted(TRAP)}\n" + "  - kind: closing\n"),
                     ("tags:\n", f"tags:\n  - {quoted('标签' + TITLE_TRAP)}\n")]:
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
    assert article.count(TRAP) == 3                      # the original title, a list item and a section heading
    assert page.locator("article h2", has_text=TRAP).count() == 1
    assert page.locator(".md-nav--secondary .md-nav__link", has_text=TRAP).count() == 1   # the table of contents
    assert page.title().startswith("东苑" + TITLE_TRAP)
