"""The Content Security Policy: pairing/site/csp.py's helpers, and every page of a built site read with a real HTML
parser against the policy it carries (the browser side is in tests/browser/test_browser_security.py)."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import copy_site, run_build
from pairing.site import csp


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# Unit tests of the helpers
PAGE = ('<html><head><script>var a=1</script><script id="__config" type="application/json">{"x": 1}</script>'
        '<script src="x.js"></script></head><body><script>var a=1</script><script type="module">b()</script>'
        '<script type="text/template"><p>c</p></script></body></html>')


def test_inline_scripts_are_those_a_browser_runs_in_order():
    assert csp.inline_scripts(PAGE) == ["var a=1", "var a=1", "b()"]
    # the text as written: character references in a script are not decoded (a browser hashes the raw text)
    assert csp.inline_scripts("<script>a='&amp;'</script>") == ["a='&amp;'"]


def test_policy_allows_only_the_site_and_each_hashed_script_once():
    policy = csp.policy_for(csp.inline_scripts(PAGE))
    assert f"script-src 'self' {sha('var a=1')} {sha('b()')};" in policy
    assert "'unsafe-inline'" not in policy and "http" not in policy
    assert "object-src 'none'" in policy and "base-uri 'self'" in policy
    assert csp.policy_for([]).startswith("default-src 'self'; script-src 'self'; ")


# Every page of a built site, read as a browser reads it
# Script types a browser runs (the HTML standard's JavaScript MIME type essence matches, and "module"); any other
# type is a data block. Written here on their own rather than taken from csp.py: this is the check of csp.py.
JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript",
                    "application/x-ecmascript", "application/x-javascript", "text/ecmascript", "text/jscript",
                    "text/livescript", "text/x-ecmascript", "text/x-javascript", "text/javascript1.0",
                    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
                    "text/javascript1.5"}
# The inline scripts Material's templates write into every page (partials/javascripts/base.html and content.html,
# included by its base.html), with the site root Material's first script names (new URL("../..", location)) as
# {root}. PINNED ON PURPOSE: the site's policy allows only the inline scripts of THEME_SCRIPT_PARTIALS in
# pairing/site/plugin.py, rendered for the page's depth; a Material upgrade that changes, adds or moves an inline
# script (in partials/javascripts/*.html or anywhere else in its templates) fails this test, and someone must look
# at what the new script does and whether the plugin still renders every partial that writes one, before updating
# this list.
MATERIAL_INLINE_SCRIPTS = [
    '__md_scope=new URL({root},location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}',
    'var target=document.getElementById(location.hash.slice(1));'
    'target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))',
]
ROOT_IN_SCOPE = re.compile(r'(?<=^__md_scope=new URL\()"[^"]*"(?=,location\))')
# The one script of a renamed plan's redirect page (overrides/partials/plan/redirect.html): ours, not Material's.
REDIRECT_SCRIPT = re.compile(r'location\.replace\("\.\./[a-z0-9-]+/" \+ location\.hash\)')


# Material's search share button (feature search.share, partials/search.html) is <a href="javascript:void(0)">: it
# runs nothing (its click is handled by Material's bundle), and the policy keeps it from running anyway.
NO_OP_URL = "javascript:void(0)"


def runs_code(url: str) -> bool:
    """Whether a URL is script a browser would run (javascript:, as a browser reads it), other than the no-op."""
    # as the URL parser does: tabs and newlines anywhere, C0 controls and spaces around it, are dropped
    url = re.sub(r"[\t\n\r]", "", url).strip("".join(map(chr, range(0x21)))).lower()
    return url.startswith("javascript:") and url != NO_OP_URL


class _Page(HTMLParser):
    """What a browser would run and what it is told to allow: every inline script (in order, its text as written),
    every Content Security Policy <meta> and where it is, and the inline code no hash can allow (event handler
    attributes and javascript: URLs, which would need 'unsafe-hashes')."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.policies: list[str] = []
        self.policy_before_scripts: list[bool] = []   # for each policy: whether no script came before it
        self.policy_in_head: list[bool] = []
        self.handlers: list[str] = []
        self.open_tags: list[str] = []
        self.script: list[str] | None = None
        self.any_script = False

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        self.handlers += [f"<{tag} {name}>" for name in values if name.startswith("on")]
        self.handlers += [f"<{tag} {name}>" for name, value in values.items()
                          if name in ("href", "src", "action", "formaction") and runs_code(value)]
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "content-security-policy":
            self.policies.append(values.get("content", ""))
            self.policy_before_scripts.append(not self.any_script)
            self.policy_in_head.append("head" in self.open_tags and "body" not in self.open_tags)
        if tag == "script":
            self.any_script = True
            mime = values.get("type", "").split(";")[0].strip().lower()
            if "src" not in values and mime in JAVASCRIPT_TYPES:
                self.script = []
        if tag in ("html", "head", "body"):
            self.open_tags.append(tag)

    def handle_data(self, data):
        if self.script is not None:
            self.script.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            self.scripts.append("".join(self.script))
            self.script = None
        if tag == "head" and "head" in self.open_tags:
            self.open_tags.remove("head")


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def allowed_hashes(policy: str) -> list[str]:
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    return [source for source in directives["script-src"] if source.startswith("'sha256-")]


def policy_problems(site: Path) -> dict[str, list[str]]:
    """Each page's problems with its policy (pages without any left out)."""
    found = {}
    for path in sorted(site.rglob("*.html")):
        page, problems = read_page(path), []
        if len(page.policies) != 1:
            problems.append(f"{len(page.policies)} 条 Content-Security-Policy")
        else:
            if not (page.policy_in_head[0] and page.policy_before_scripts[0]):
                problems.append("策略不在 <head> 里所有脚本之前")
            hashes = allowed_hashes(page.policies[0])
            problems += [f"脚本没有散列：{script[:60]}" for script in page.scripts if sha(script) not in hashes]
            problems += [f"多余的散列：{h}" for h in hashes if h not in {sha(s) for s in page.scripts}]
        problems += [f"内联事件或 javascript: 链接：{handler}" for handler in page.handlers]
        if problems:
            found[path.relative_to(site).as_posix()] = problems
    return found


def scripts_as_templates(path: Path) -> list[str]:
    return [ROOT_IN_SCOPE.sub("{root}", script, count=1) for script in read_page(path).scripts]


@pytest.fixture(scope="module")
def site_with_redirects(tmp_path_factory) -> Path:
    """The real site with one plan renamed (two former addresses), so that it has redirect pages."""
    project = copy_site(tmp_path_factory.mktemp("csp") / "project")
    plan = project / "docs" / "plans" / "z-town-pairing.md"
    text = plan.read_text(encoding="utf-8")
    assert "slug: z-town-pairing\n" in text
    plan.write_text(text.replace("slug: z-town-pairing\n", "slug: z-town-pairing\nformer_slugs:\n  - z-town\n  - z-town-old\n", 1),
                    encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_every_page_allows_exactly_its_inline_scripts(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40 and (built_site / "404.html") in pages
    assert policy_problems(built_site) == {}


def test_redirect_pages_carry_a_policy_for_their_script(site_with_redirects):
    redirects = [site_with_redirects / "plans" / former / "index.html" for former in ("z-town", "z-town-old")]
    for path in redirects:
        assert [REDIRECT_SCRIPT.fullmatch(script) is not None for script in read_page(path).scripts] == [True], path
    assert policy_problems(site_with_redirects) == {}


def test_the_inline_scripts_are_materials_pinned_ones(built_site, site_with_redirects):
    # See MATERIAL_INLINE_SCRIPTS: what the policy allows is pinned to what Material's partials write today.
    redirects = {site_with_redirects / "plans" / former / "index.html" for former in ("z-town", "z-town-old")}
    pages = [*sorted(built_site.rglob("*.html")), *sorted(set(site_with_redirects.rglob("*.html")) - redirects)]
    for path in pages:
        assert scripts_as_templates(path) == MATERIAL_INLINE_SCRIPTS, path
    # the first script names the site root of its page's depth, as a relative URL ("/" on 404.html)
    assert read_page(built_site / "plans" / "dongyuan-pairing" / "index.html").scripts[0].startswith(
        '__md_scope=new URL("../..",location)')


def test_the_check_notices_a_script_the_policy_does_not_allow(built_site, tmp_path):
    # negative control: one script changed by a byte, one added, an event handler, a policy after a script, and
    # a page without a policy are each found
    page = (built_site / "index.html").read_text(encoding="utf-8")
    material = read_page(built_site / "index.html").scripts[0]
    cases = {
        "changed.html": page.replace(material, material.replace("catch(e){}", "catch(e){ }"), 1),
        "added.html": page.replace("</body>", "<script>alert(1)</script></body>", 1),
        "handler.html": page.replace("<body", '<body onload="alert(1)"', 1).replace(
            "</body>", '<a href=" JavaScript:alert(1)">x</a></body>', 1),
        "late.html": page.replace("<head>", "<head><script>" + material + "</script>", 1),
        "none.html": re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page),
    }
    for name, html in cases.items():
        assert html != page, name
        (tmp_path / name).write_text(html, encoding="utf-8")
    found = policy_problems(tmp_path)
    assert sorted(found) == sorted(cases)
    assert any(p.startswith("脚本没有散列：") for p in found["changed.html"])
    assert any(p.startswith("多余的散列：") for p in found["changed.html"])
    assert found["added.html"] == ["脚本没有散列：alert(1)"]
    assert found["handler.html"] == ["内联事件或 javascript: 链接：<body onload>", "内联事件或 javascript: 链接：<a href>"]
    assert found["late.html"] == ["策略不在 <head> 里所有脚本之前"]
    assert found["none.html"] == ["0 条 Content-Security-Policy"]
    assert scripts_as_templates(tmp_path / "changed.html") != MATERIAL_INLINE_SCRIPTS
