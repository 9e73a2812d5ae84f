"""Unit tests of what text may contain: no HTML at all and no invisible characters (raw or as references) in any
value (text_problems: every text of a plan, a page's front matter, the data files); and in the body of the site's
own pages (markup_problems), also safe links only (after character references are decoded) and bounds on brackets
and indentation. Every problem at its line and column."""

import pytest

from pairing.content.markup import MAX_BRACKETS, MAX_INDENT, markup_problems, text_problems, unsafe_url

NO_HTML = "不能包含 HTML 标签、注释或 <! <? 写法（尖括号后面紧跟字母、/、! 或 ?）：请直接写文字"


def link_rule(url: str) -> str:
    return f'链接只能是 http、https、mailto 或站内页面，得到 "{url}"'


def invisible(code: str) -> str:
    return f"文字中有不可见的控制字符 U+{code}，请删除"


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x",
                                 "vbscript:x", "file:///etc/passwd",
                                 # character references, decoded as a browser decodes an href
                                 "&#106;avascript:alert(1)", "jav&#x61;script:alert(1)", "javascript&colon;alert(1)",
                                 "java&#x09;script:alert(1)", "&#x64;ata:text/html,x"])
def test_unsafe_urls(url):
    assert unsafe_url(url)


@pytest.mark.parametrize("url", ["https://example.org/a", "http://x.cn", "mailto:a@b.cn", "../plans/x/", "#一指导思想", "plans/x.md",
                                 "https://example.org/?a=1&amp;b=2"])
def test_safe_urls(url):
    assert not unsafe_url(url)


@pytest.mark.parametrize("text, expected", [
    # Every tag is HTML, however harmless it looks: each start and end tag is reported where it starts.
    ("a\n<script>alert(1)</script>", [(2, 1, NO_HTML), (2, 17, NO_HTML)]),
    ("<iframe src=x></iframe>", [(1, 1, NO_HTML), (1, 15, NO_HTML)]),
    ("<STYLE>body{}</STYLE>", [(1, 1, NO_HTML), (1, 14, NO_HTML)]),
    ("x <img src=x onerror=alert(1)>", [(1, 3, NO_HTML)]),
    ("<b>加粗</b>", [(1, 1, NO_HTML), (1, 6, NO_HTML)]),
    ("第一行\n  中文 <br>", [(2, 6, NO_HTML)]),
    ("</p>", [(1, 1, NO_HTML)]),
    ("<!-- 注释会让文字消失 -->", [(1, 1, NO_HTML)]),
    ("<![CDATA[x]]>", [(1, 1, NO_HTML)]),
    ("<?php echo 1; ?>", [(1, 1, NO_HTML)]),
    ('<a href="https://example.org">a</a>', [(1, 1, NO_HTML), (1, 32, NO_HTML)]),
    # An autolink may not hold a tag.
    ("<https://a.cn/<b>>", [(1, 1, NO_HTML), (1, 15, NO_HTML)]),
    # Links: Markdown's three forms, at the link's own column; character references are decoded first.
    ("[点我](javascript:alert(1))", [(1, 6, link_rule("javascript:alert(1"))]),
    ("前言 [x]: javascript:alert(1)\n[x]: javascript:alert(1)",
     [(2, 1, "不能使用 [标签]: 网址 这样的引用式链接（它本身不显示在页面上），请写成 [文字](网址)"),
      (2, 6, link_rule("javascript:alert(1)"))]),
    ("<javascript:alert(1)>", [(1, 1, NO_HTML), (1, 2, link_rule("javascript:alert(1)"))]),
    ("文字 [点我](&#106;avascript:alert(1))", [(1, 9, link_rule("&#106;avascript:alert(1"))]),
    ("[点我](jav&#x61;script:alert(1))", [(1, 6, link_rule("jav&#x61;script:alert(1"))]),
    ("[点我](javascript&colon;alert(1))", [(1, 6, link_rule("javascript&colon;alert(1"))]),
    ("[点我](data:text/html,x)", [(1, 6, link_rule("data:text/html,x"))]),
    # Invisible characters, raw or written as character references (decimal, hexadecimal, without the ;).
    ("园长\u202e名字", [(1, 3, invisible("202E"))]),
    ("a\x07b", [(1, 2, invisible("0007"))]),
    ("ab\n x\u200by", [(2, 3, invisible("200B"))]),
    ("a\x85b", [(1, 2, invisible("0085"))]),
    ("a\x7fb", [(1, 2, invisible("007F"))]),
    ("a\u2028b", [(1, 2, invisible("2028"))]),
    ("a\u2029b", [(1, 2, invisible("2029"))]),
    ("a\ufeffb", [(1, 2, invisible("FEFF"))]),
    ("a\u200fb", [(1, 2, invisible("200F"))]),
    ("a\u2066b", [(1, 2, invisible("2066"))]),
    ("ab &#x202E; c", [(1, 4, invisible("202E"))]),
    ("ab &#8238 c", [(1, 4, invisible("202E"))]),
    ("&#X200B;", [(1, 1, invisible("200B"))]),
    ("a&rlm;b", [(1, 2, invisible("200F"))]),
])
def test_unsafe_markup_is_found_at_its_line_and_column(text, expected):
    assert markup_problems(text) == expected


def test_too_many_brackets_are_refused_once():
    text = "[" * (MAX_BRACKETS + 1)
    assert markup_problems(text) == [(1, 1, f"正文中的方括号 [ 太多（{MAX_BRACKETS + 1} 个，最多 {MAX_BRACKETS} 个），请检查是否误粘贴了内容")]
    assert markup_problems("[x](y) " * (MAX_BRACKETS // 2)) == []


@pytest.mark.parametrize("indent", [" " * (MAX_INDENT + 1), "\t" * (MAX_INDENT // 4 + 1), "\t" * (MAX_INDENT // 4) + " "])
def test_too_deep_an_indentation_is_refused(indent):
    text = f"- 一\n{indent}- 二\n"
    assert markup_problems(text) == [(2, 1, f"缩进太深（超过 {MAX_INDENT} 个空格），列表最多缩进 8 层")]


def test_an_indentation_of_the_limit_is_fine():
    assert markup_problems(f"- 一\n{' ' * MAX_INDENT}- 二\n") == []


def test_plain_chinese_text_and_safe_links_pass():
    text = ("1<2 且 3>2，a <3 b，< b。[网站](https://example.org) <https://example.org> <HTTPS://x.cn> <mailto:a@b.cn>\n"
            "《纲要》“结对帮扶”<中文> &lt;script&gt; &amp; [站内](../plans/x/)")
    assert markup_problems(text) == []


def test_text_problems_find_html_and_invisible_characters_but_not_links():
    # Front-matter values: no tags and nothing invisible; a value is not a Markdown link.
    assert text_problems("某某<b>幼儿园</b>") == [(1, 3, NO_HTML), (1, 9, NO_HTML)]
    assert text_problems("某某&#x202e;园") == [(1, 3, invisible("202E"))]
    assert text_problems("[点我](javascript:alert(1))") == []
    assert text_problems("1<2，见 <https://example.org>") == []


@pytest.mark.parametrize("text, expected", [
    ("[//]: # (我园不参加本次活动)", (1, 1, "不能使用 [标签]: 网址 这样的引用式链接（它本身不显示在页面上），请写成 [文字](网址)")),
    ("a\n" * 2001, (1, 1, "正文太长（2002 行，最多 2000 行），请检查是否误粘贴了内容")),
    ("[点这里](javascript\\:x)", (1, 7, '链接只能是 http、https、mailto 或站内页面，得到 "javascript\\:x"')),
])
def test_hidden_references_long_bodies_and_backslashes_are_refused(text, expected):
    assert expected in markup_problems(text)


def test_a_body_of_2000_lines_and_an_inline_link_pass():
    # negative control for the limits above
    assert markup_problems("一行文字\n" * 1999 + "[网站](https://example.org)") == []
