"""Unit tests of the raw-HTML and link rules for plan text."""

import pytest

from pairing.content.markup import markup_problems, unsafe_url


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x", "file:///etc/passwd"])
def test_unsafe_urls(url):
    assert unsafe_url(url)


@pytest.mark.parametrize("url", ["https://example.org/a", "http://x.cn", "mailto:a@b.cn", "../plans/x/", "#一指导思想", "plans/x.md"])
def test_safe_urls(url):
    assert not unsafe_url(url)


@pytest.mark.parametrize("text, expected", [
    ("a\n<script>alert(1)</script>", (2, 1, "不允许使用 <script> 标签：计划里不能嵌入会在读者浏览器中运行的内容")),
    ("<iframe src=x></iframe>", (1, 1, "不允许使用 <iframe> 标签：计划里不能嵌入会在读者浏览器中运行的内容")),
    ("<STYLE>body{}</STYLE>", (1, 1, "不允许使用 <style> 标签：计划里不能嵌入会在读者浏览器中运行的内容")),
    ("x <img src=x onerror=alert(1)>", (1, 3, "不允许使用 onerror 这样的事件属性")),
    ('<a href="javascript:alert(1)">a</a>', (1, 1, '链接只能是 http、https、mailto 或站内页面，得到 "javascript:alert(1)"')),
    ("[点我](javascript:alert(1))", (1, 1, '链接只能是 http、https、mailto 或站内页面，得到 "javascript:alert(1"')),
    ("[x]: javascript:alert(1)", (1, 1, '链接只能是 http、https、mailto 或站内页面，得到 "javascript:alert(1)"')),
    ("<javascript:alert(1)>", (1, 1, '链接只能是 http、https、mailto 或站内页面，得到 "javascript:alert(1)"')),
    ("园长\u202e名字", (1, 1, "文字中有不可见的控制字符 U+202E，请删除")),
    ("a\x07b", (1, 1, "文字中有不可见的控制字符 U+0007，请删除")),
])
def test_unsafe_markup_is_found_at_its_line(text, expected):
    assert markup_problems(text) == [expected]


def test_plain_chinese_text_and_safe_links_pass():
    text = "1<2 且 3>2。[网站](https://example.org) <https://example.org> <b>加粗</b>\n《纲要》“结对帮扶”"
    assert markup_problems(text) == []
