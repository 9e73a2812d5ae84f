"""Compacted pages: the whitespace the theme leaves between tags goes, what a reader sees stays."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from pairing.htmltext import article_text, compact, links_and_ids, squeeze


def test_whitespace_between_tags_becomes_one_line_break():
    assert compact("<ul>\n    \n      <li>一</li>\n\n  <li>二</li>\n</ul>") == "<ul>\n<li>一</li>\n<li>二</li>\n</ul>"
    assert compact("<span>\n    \n  标题\n   </span>") == "<span>\n标题\n</span>"
    # inside text, and runs within one line, whitespace is left alone: it renders as it did
    assert compact("<p>送教\n   下乡 <b>x</b>  <i>y</i></p>") == "<p>送教\n   下乡 <b>x</b>  <i>y</i></p>"


def test_preformatted_text_scripts_and_form_text_keep_their_whitespace():
    kept = ['<pre class="plan-starter"><code>---\n  - a\n    <b>\n</code></pre>', "<textarea>\n  x\n  <y>\n</textarea>",
            "<script>if (a >\n  <b) {}</script>", "<STYLE>\n  a > \n  <b {}</STYLE>"]
    for part in kept:
        assert compact(f"<div>\n  {part}\n  </div>") == f"<div>\n{part}\n</div>"


def test_built_pages_are_compact_and_read_the_same(built_site):
    starter = (ROOT / "pairing" / "starter_plan.md").read_text(encoding="utf-8")
    editing = (built_site / "editing" / "index.html").read_text(encoding="utf-8")
    shown = re.search(r'<pre class="plan-starter"><code>(.*?)</code></pre>', editing, re.S)[1]
    assert unescape(shown) == starter
    for page in ["index.html", "plans/xx-county-jiguan-pairing/index.html", "calendar/index.html"]:
        html = (built_site / page).read_text(encoding="utf-8")
        assert not re.search(r">\n[ \t]*\n", html), page
        assert squeeze(article_text(compact(html))) == squeeze(article_text(html))


class _ParsedArticle(HTMLParser):
    """The article's text as html.parser reads it: the oracle for htmltext.article_text's regular expressions."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.skip, self.parts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif self.skip or (tag == "a" and "headerlink" in (dict(attrs).get("class") or "")):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1
        elif self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.parts.append(data)


def test_article_text_reads_every_built_page_as_an_html_parser_does(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = _ParsedArticle()
        parser.feed(html)
        assert article_text(html) == "".join(parser.parts), page


class _ParsedLinks(HTMLParser):
    """Links and ids as html.parser reads them: the oracle for htmltext.links_and_ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.ids = [], set()

    def handle_starttag(self, tag, attrs):
        values = {name: value for name, value in attrs if name in ("href", "src", "id", "name", "rel")}
        self.ids.update(values[name] for name in ("id", "name") if values.get(name))
        if not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
            self.links += [values[name] for name in ("href", "src") if values.get(name)]


def test_links_and_ids_read_every_built_page_as_an_html_parser_does(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        html = page.read_text(encoding="utf-8")
        parser = _ParsedLinks()
        parser.feed(html)
        assert links_and_ids(html) == (parser.links, parser.ids), page
        assert parser.links and parser.ids, page


# The definition of compact() as one regular expression (its first version): the oracle for the faster one.
ONE_PATTERN = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t]*\n\s*|[ \t]*\n\s*(?=<)", re.S | re.I)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["<b>", "</b>", "<pre>", "</pre>", "<script>", "</script >", "<TEXTAREA x>",
                                 "</textarea>", " ", "\t", "\n", "\r", "\f", "\u3000", "文", "x", ">", "<"]), max_size=16))
def test_compact_is_its_one_pattern_definition(parts):
    html = "".join(parts)
    assert compact(html) == ONE_PATTERN.sub(lambda match: match[1] or "\n", html)


def test_compact_reads_built_pages_as_its_definition(built_site):
    for page in sorted(built_site.rglob("*.html"))[:60]:
        html = page.read_text(encoding="utf-8").replace(">\n", ">\n    \n  ")
        assert compact(html) == ONE_PATTERN.sub(lambda match: match[1] or "\n", html), page
