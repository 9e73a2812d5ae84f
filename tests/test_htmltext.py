"""Compacted pages: the whitespace the theme leaves between tags goes, what a reader sees stays."""

from __future__ import annotations

import re
from html import unescape

from conftest import ROOT

from pairing.htmltext import article_text, compact, squeeze


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
