"""Reading a page's content (pairing/site/pagetext.py): the text a reader sees, the links it makes, the ids it
defines, the classes it uses, as an HTML parser reads them. The end-of-build audit reads every page this way."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from builtpage import article
from pairing.site.pagetext import read, squeeze

HEADING = '<h2 id="一指导思想">一、指导思想<a class="headerlink" href="#一指导思想" title="Permanent link">¶</a></h2>'


def test_text_is_what_a_reader_sees_without_the_permalink_sign():
    content = read(f'{HEADING}<p>丙&amp;丁&lt;b&gt; &#x4e59;</p>')
    assert content.text == "一、指导思想丙&丁<b> 乙"
    assert content.links == ["#一指导思想"]
    assert content.ids == {"一指导思想"}


@pytest.mark.parametrize("hidden", [
    '<script>var x = "<p>乙</p>"; if (a < b) {}</script>',
    "<style>p::after { content: '乙' }</style>",
    "<template><p>乙</p><br><img src=x.png></template>",
    "<noscript><p>乙</p></noscript>",
    '<a class="md-icon headerlink" href="#x">乙<span>丙</span></a>',
])
def test_scripts_styles_templates_and_permalinks_are_not_text(hidden):
    assert read(f"<p>甲</p>{hidden}<p>丁</p>").text == "甲丁"


# What a reader does not see, each with its negative control: the same text, not hidden, is seen.
@pytest.mark.parametrize("hidden, seen", [
    ("<p hidden>乙</p>", "<p>乙</p>"),
    ('<p hidden="">乙</p>', '<p title="hidden">乙</p>'),
    ('<div HIDDEN="until-found"><p>乙</p></div>', '<div data-hidden="x"><p>乙</p></div>'),
    ('<p style="display:none">乙</p>', '<p style="display:block">乙</p>'),
    ('<p style="DISPLAY : None">乙</p>', '<p style="display: inline">乙</p>'),
    ('<p style="color: red; display: none !important;">乙</p>', '<p style="color: red; display: flex">乙</p>'),
    ('<p style="visibility:hidden">乙</p>', '<p style="visibility:visible">乙</p>'),
    ('<span style=" Visibility :  HIDDEN ;color:red">乙</span>', '<span style="color:red">乙</span>'),
    ('<p style="display:none"><span style="display:inline">乙</span></p>', '<p><span style="display:inline">乙</span></p>'),
    ("<template><p>乙</p></template>", "<div><p>乙</p></div>"),
    ("<script>乙</script>", "<code>乙</code>"),
    ("<style>乙</style>", "<span>乙</span>"),
    ("<noscript>乙</noscript>", "<span>乙</span>"),
    ("<title>乙</title>", "<span>乙</span>"),
    ("<head><title>x</title><meta name=x>乙</head>", "<span>乙</span>"),
    ("<!-- 乙 -->", "<!-- x -->乙"),
    ('<a class="headerlink" href="#a">乙</a>', '<a class="header link" href="#a">乙</a>'),
    ('<div hidden><p>丙<p>乙</div>', '<div><p>丙<p>乙</div>'),
])
def test_what_a_reader_does_not_see_is_not_text(hidden, seen):
    assert read(f"<p>甲</p>{hidden}<p>丁</p>").text == "甲丁"
    assert "乙" in read(f"<p>甲</p>{seen}<p>丁</p>").text


def test_aria_hidden_is_still_seen():
    # aria-hidden hides from screen readers only: the text is still on the screen.
    assert read('<p>甲<span aria-hidden="true">乙</span></p>').text == "甲乙"


@pytest.mark.parametrize("html, text", [
    # an element left unclosed inside a hidden one ends with it: the rest of the page is seen
    ("<div hidden><p>甲<li>乙</div>丙", "丙"),
    ("<div hidden><ul><li>甲<li>乙</ul><p>丙</div>丁", "丁"),
    ('<div style="display:none"><span><b>甲</div>乙', "乙"),
    # an unclosed <p>, <li>, <dt>, <td> ends where HTML ends it: a hidden one does not hide what follows
    ("<p hidden>甲<p>乙", "乙"),
    ("<p hidden>甲<div>乙</div>", "乙"),
    ("<ul><li hidden>甲<li>乙</ul>丙", "乙丙"),
    ("<ul><li hidden><p>甲<li>乙</ul>", "乙"),
    ("<dl><dt hidden>甲<dd>乙</dl>", "乙"),
    ("<table><tr><td hidden>甲<td>乙<tr><td>丙</table>丁", "乙丙丁"),
    ("<table hidden><tr><td>甲</table>乙", "乙"),
    # and never shows what is still hidden: an end tag closes nothing across a block or a table cell
    ("<div hidden><table><tr><td></div>甲</table>乙</div>丙", "丙"),
    ("<span hidden>甲<div>乙</span>丙</div>丁", ""),
    ("<div hidden>甲</p>乙</span>丙</div>丁", "丁"),
    ("<p hidden>甲</li>乙</p>丙", "丙"),
    # void elements, written either way, open nothing
    ("<div hidden>甲<br><img src=x.png><input name=q><hr/>乙</div>丙<br/>丁", "丙丁"),
    # a self-closed element is opened and closed at once in SVG; in HTML the slash is ignored, as a browser ignores it
    ('<svg><g hidden/><path d="M0 0"/></svg>甲<svg/>乙', "甲乙"),
    ("<div hidden/>甲</div>乙", "乙"),
    ("<span/>甲", "甲"),
])
def test_unclosed_and_void_elements_neither_hide_nor_show_by_mistake(html, text):
    assert read(html).text == text


def test_void_elements_open_nothing():
    # an image or line break inside a permalink, and after one, leaves the following text seen
    assert read('<a class="headerlink" href="#a"><img src="p.png">¶</a><br>甲<hr/>乙<input name="q">丙').text == "甲乙丙"


def test_links_ids_and_classes():
    content = read('<link rel="canonical" href="https://example.org/a/"><link rel="stylesheet" href="s.css">'
                   '<a href="../b/?x=1&amp;y=2#c">b</a><img src="i.png"><a name="top"></a><meta name="description" content="x">'
                   '<tr class="plan-row x"></tr><tr class="plan-row"></tr><span id="s" class=" x ">t</span>')
    assert content.links == ["s.css", "../b/?x=1&y=2#c", "i.png"]
    assert content.ids == {"top", "s"}
    assert content.classes == {"plan-row": 2, "x": 2}


def test_squeeze_drops_whitespace_only():
    assert squeeze(" 一、\n\t指导 思想\u3000。") == "一、指导思想。"


# Every built page's content against a parser of its own: a stack of open elements (closed by name, as a browser
# closes them), independent of pagetext's count of hidden elements.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Oracle(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, bool]] = []   # (tag, whether its text is unseen)
        self.parts, self.links, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if "href" in values or "src" in values:
            if not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links += [values[name] for name in ("href", "src") if values.get(name)]
        if tag != "meta":
            self.ids.update(values[name] for name in ("id", "name") if values.get(name))
        if tag not in VOID:
            style = (values.get("style") or "").replace(" ", "").lower()
            unseen = (tag in ("script", "style", "template", "noscript", "head", "title")
                      or "headerlink" in (values.get("class") or "").split() or "hidden" in values
                      or any(rule in style.split(";") for rule in ("display:none", "visibility:hidden")))
            self.open.append((tag, unseen))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        if not any(unseen for _, unseen in self.open):
            self.parts.append(data)


@pytest.fixture(scope="module")
def built_contents(built_site):
    pages = {path.relative_to(built_site).as_posix(): article(path.read_text(encoding="utf-8"))
             for path in sorted(built_site.rglob("*.html"))}
    return {name: html for name, html in pages.items() if html}


def test_every_built_page_reads_as_a_parser_of_its_own_reads_it(built_contents):
    assert len(built_contents) > 40
    ids = 0
    for name, html in built_contents.items():
        oracle = _Oracle()
        oracle.feed(html)
        oracle.close()
        content = read(html)
        assert content.text == "".join(oracle.parts), name
        assert (content.links, content.ids) == (oracle.links, oracle.ids), name
        assert content.text.strip(), name
        assert content.links or name == "404.html", name
        ids += len(content.ids)
    assert ids > 100


def test_built_plan_pages_read_without_permalinks_or_scripts(built_contents):
    html = built_contents["plans/xx-county-jiguan-pairing/index.html"]
    assert html.count('class="headerlink"') > 3 and ("&para;" in html or "¶" in html)
    text = read(html).text
    assert "¶" not in text and "&para;" not in text
    assert "一、指导思想" in text and "十二月份" in text
    assert read(html).classes.get("plan-timetable") == 1 and read(html).classes.get("plan-group") == 1
