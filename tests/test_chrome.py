"""Material's chrome made smaller on every page (pairing/chrome.py): the same data and icons, fewer bytes."""

from __future__ import annotations

import json
import re

from pairing import chrome, csp

CONFIG = ('<script id="__config" type="application/json">{"base": "../..", "translations": '
          '{"clipboard.copied": "\\u5df2\\u590d\\u5236", "x": "\\u003c/script\\u003e"}, "version": null}</script>')
TAB_SCRIPT = ('<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
              '(target.checked=target.name.startsWith("__tabbed_"))</script>\n')
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M12 8a3 3 0 0 0 3-3"/></svg>'
MENU = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg>'


def config_of(html: str) -> dict:
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S)[1])


def test_config_is_the_same_data_as_compact_utf8():
    slim = chrome.compact_config(f"<body>{CONFIG}</body>")
    assert config_of(slim) == config_of(CONFIG)
    assert '"clipboard.copied":"已复制"' in slim and ", " not in slim
    # what could end the <script> early stays escaped
    assert "</script>" not in slim.removesuffix("</script></body>")


def test_tab_script_goes_only_where_the_site_has_no_tabs():
    page = f"<div>{TAB_SCRIPT}</div>"
    assert chrome.slimmed(page, tabs=False) == "<div></div>"
    assert chrome.slimmed(page, tabs=True) == page


def test_an_icon_drawn_twice_is_drawn_once_and_shown_again():
    slim = chrome.shared_icons(f"<a>{LOGO}</a><label>{MENU}</label><a>{LOGO}</a>")
    assert slim == ('<a><svg viewBox="0 0 24 24"><path id="__icon1" d="M12 8a3 3 0 0 0 3-3"/></svg></a>'
                    '<label><svg viewBox="0 0 24 24"><path d="M3 6h18v2H3z"/></svg></label>'
                    '<a><svg viewBox="0 0 24 24"><use href="#__icon1"/></svg></a>')


def page_with(box: str, translations: str) -> str:
    return ('<header><nav><div class="md-search" data-md-component="search" role="dialog">' + box + '</div>\n</nav>\n'
            '</header><button type="button" class="md-top md-icon" data-md-component="top" hidden>↑</button>'
            '<script id="__config" type="application/json">{"base":"..","translations":' + translations
            + ',"version":null}</script>')


def test_what_only_materials_script_reads_is_left_to_one_shared_file(tmp_path):
    shared = chrome.SharedParts()
    first = shared.left_out(page_with("<form>搜索</form>", '{"a":"甲"}'))
    again = shared.left_out(page_with("<form>搜索</form>", '{"a":"甲"}'))
    assert first == again == ('<header><nav><div class="md-search" data-md-component="search" role="dialog"></div>\n'
                              '</nav>\n</header><button type="button" class="md-top md-icon" data-md-component="top" '
                              'hidden></button><script id="__config" type="application/json">{"base":"..","version":null}'
                              '</script>')
    # negative: a page whose search box or words differ keeps its own (the same top button still goes)
    other = page_with("<form>别的</form>", '{"a":"乙"}')
    assert shared.left_out(other) == other.replace("hidden>↑</button>", "hidden></button>")
    shared.save(tmp_path)
    script = (tmp_path / chrome.SHARED_FILE).read_text(encoding="utf-8")
    assert json.loads(script.split("var __md_shared = ", 1)[1]) == {
        "components": {"search": "<form>搜索</form>", "top": "↑"}, "translations": {"a": "甲"}}


def test_built_pages_carry_material_chrome_slimmed(built_site):
    shared = (built_site / chrome.SHARED_FILE).read_text(encoding="utf-8")
    shared = json.loads(shared.split("var __md_shared = ", 1)[1])
    assert shared["translations"]["clipboard.copied"] == "已复制"
    box, top = shared["components"]["search"], shared["components"]["top"]
    assert 'class="md-search__form"' in box and "正在初始化搜索引擎" in box and "回到页面顶部" in top
    for name in ["index.html", "plans/xx-county-jiguan-pairing/index.html", "kindergartens/dongyuan/index.html"]:
        html = (built_site / name).read_text(encoding="utf-8")
        # the search box and messages are in the shared file, put back by search-setup.js before Material starts
        assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="搜索"></div>' in html, name
        assert "translations" not in config_of(html), name
        assert "\\u" not in re.search(r'id="__config"[^>]*>(.*?)</script>', html)[1], name
        assert html.index("page-shared.js") < html.index("search-setup.js") < html.index("bundle."), name
        # no palette restored (Material's default colours, no toggle), no content tabs, no "Made with" footer
        assert "__palette" not in html and "__tabbed_" not in html and "Made with" not in html, name
        # the one inline script left is Material's base-URL setup, and the policy allows just it
        assert len(csp.inline_script_hashes(html)) == 1, name
        assert 'xmlns="http://www.w3.org/2000/svg"' not in html and 'name="generator"' not in html, name
        assert '<button type="button" class="md-top md-icon" data-md-component="top" hidden></button>' in html, name
        uses = re.findall(r'<use href="#(__icon\d)"/>', html + box)
        assert len(uses) == 2 and all(f'<path id="{icon}" d=' in html for icon in uses), name
