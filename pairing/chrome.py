"""What Material writes into every page besides the article, made smaller (4,000 pages at 1,000 plans, so a
kilobyte here is megabytes of site). Same data and the same behaviour, fewer bytes; hooks.py applies it to
each page as it is written, before the Content Security Policy hashes the page's inline scripts."""

from __future__ import annotations

import json
import re
from collections import Counter

# Material's settings for its scripts: JSON data (not run), with every Chinese character of its translations
# written as a six-byte \uXXXX escape and a space after each comma and colon.
PAGE_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
# Material's inline script that opens the content tab a link points at (pymdownx.tabbed, content tabs).
TAB_SCRIPT = re.compile(r'<script>[^<]*"__tabbed_"[^<]*</script>\n?')
# What a JSON value inside <script> must not spell out (</script>, <!--), escaped as Jinja's |tojson does.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})
# An SVG inside an HTML page is in the SVG namespace without saying so.
SVG_NAMESPACE = ' xmlns="http://www.w3.org/2000/svg"'
# Material's icons, inlined: the logo and the search icon are each drawn twice on every page (header and menu,
# button and search box).
ICON = re.compile(r'<svg viewBox="0 0 24 24"><path d="([^"]*)"/></svg>')


def compact_config(html: str) -> str:
    """The page with Material's settings as compact UTF-8 JSON: the same data, half the bytes."""
    def rewrite(match: re.Match) -> str:
        data = json.loads(match[2])
        return match[1] + json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE) + match[3]
    return PAGE_CONFIG.sub(rewrite, html, count=1)


def without_tab_script(html: str) -> str:
    """The page without the script for content tabs, which a site without tabs never runs to any effect."""
    return TAB_SCRIPT.sub("", html, count=1)


def shared_icons(html: str) -> str:
    """The page with each icon that it draws more than once drawn once: the first copy's path gets an id and
    the others show it with <use> (Material's styles size and colour the <svg> around either)."""
    html = html.replace(f"<svg{SVG_NAMESPACE}", "<svg")
    repeated = {path for path, count in Counter(ICON.findall(html)).items() if count > 1}
    ids: dict[str, str] = {}

    def draw(match: re.Match) -> str:
        path = match[1]
        if path not in repeated:
            return match[0]
        if path in ids:
            return f'<svg viewBox="0 0 24 24"><use href="#{ids[path]}"/></svg>'
        ids[path] = f"__icon{len(ids) + 1}"
        return f'<svg viewBox="0 0 24 24"><path id="{ids[path]}" d="{path}"/></svg>'
    return ICON.sub(draw, html)


def slimmed(html: str, *, tabs: bool) -> str:
    """Material's chrome of one page made smaller; `tabs`: whether the site uses content tabs."""
    html = shared_icons(compact_config(html))
    return html if tabs else without_tab_script(html)
