"""What Material writes into every page besides the article, made smaller (4,000 pages at 1,000 plans, so a
kilobyte here is megabytes of site). Same data and the same behaviour, fewer bytes; hooks.py applies it to
each page as it is written, before the Content Security Policy hashes the page's inline scripts."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

# Material's settings for its scripts: JSON data (not run), with every Chinese character of its translations
# written as a six-byte \uXXXX escape and a space after each comma and colon.
CONFIG_START, SCRIPT_END = '<script id="__config" type="application/json">', "</script>"
# Material's inline script that opens the content tab a link points at (pymdownx.tabbed, content tabs).
TAB_SCRIPT = re.compile(r'<script>[^<]*"__tabbed_"[^<]*</script>\n?')
# What a JSON value inside <script> must not spell out (</script>, <!--), escaped as Jinja's |tojson does.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "'": "\\u0027"})
# Which MkDocs and Material made the page: the same on every page, for no reader.
GENERATOR = re.compile(r'<meta name="generator" content="[^"]*">\n?')
# An SVG inside an HTML page is in the SVG namespace without saying so.
SVG_NAMESPACE = ' xmlns="http://www.w3.org/2000/svg"'
# Material's icons, inlined: the logo and the search icon are each drawn twice on every page (header and menu,
# button and search box).
ICON = re.compile(r'<svg viewBox="0 0 24 24"><path d="([^"]*)"/></svg>')
# What only Material's script shows or reads, the same on every page: the insides of its search box (hidden until
# the script runs: .no-js .md-search) and of its back-to-top button (hidden until the script shows it), and the
# words of its messages. Written once, in SHARED_FILE, and left out of each page; search-setup.js, which runs just
# before Material's script, puts them back (overrides/main.html). Each component: its element's insides, up to
# what follows them in Material's templates.
SHARED_FILE = "assets/javascripts/page-shared.js"
COMPONENTS = {
    "search": re.compile(r'<div class="md-search" data-md-component="search"[^>]*>(.*?)</div>\n</nav>\n</header>', re.S),
    "top": re.compile(r'<button type="button" class="md-top md-icon" data-md-component="top" hidden>(.*?)</button>', re.S),
}


def slimmed(html: str, *, tabs: bool) -> str:
    """Material's chrome of one page made smaller, the article left as it is; `tabs`: whether the site uses
    content tabs. (The icons are in the header and menu, the settings and scripts after the article.)"""
    start, end = html.find("<article"), html.rfind("</article>")
    if not 0 <= start < end:
        start = end = 0
    before, article, after = html[:start], html[start:end], html[end:]
    after = compact_config(after.replace(f"<svg{SVG_NAMESPACE}", "<svg"))
    return shared_icons(GENERATOR.sub("", before, count=1)) + article + (after if tabs else without_tab_script(after))


def compact_config(html: str) -> str:
    """The page with Material's settings as compact UTF-8 JSON: the same data, half the bytes."""
    start = html.find(CONFIG_START) + len(CONFIG_START)
    end = html.find(SCRIPT_END, start)
    if start < len(CONFIG_START) or end < 0:
        return html
    return html[:start] + _compact_json(html[start:end]) + html[end:]


@lru_cache(maxsize=16)
def _compact_json(text: str) -> str:
    # Why cached: the settings differ only by the page's depth in the site (its base URL).
    return json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE)


def without_tab_script(html: str) -> str:
    """The page without the script for content tabs, which a site without tabs never runs to any effect."""
    return TAB_SCRIPT.sub("", html, count=1)


def shared_icons(html: str) -> str:
    """The page with each icon that it draws more than once drawn once: the first copy's path gets an id and
    the others show it with <use> (Material's styles size and colour the <svg> around either)."""
    html = html.replace(f"<svg{SVG_NAMESPACE}", "<svg")
    paths = Counter(ICON.findall(html))
    for number, path in enumerate((path for path, count in paths.items() if count > 1), start=1):
        icon = f'<svg viewBox="0 0 24 24"><path d="{path}"/></svg>'
        shown = f'<svg viewBox="0 0 24 24"><use href="#__icon{number}"/></svg>'
        drawn = f'<svg viewBox="0 0 24 24"><path id="__icon{number}" d="{path}"/></svg>'
        html = html.replace(icon, shown).replace(shown, drawn, 1)
    return html


class SharedParts:
    """The components and translations of the first page, and each page without them where it has the same."""

    def __init__(self) -> None:
        self.components: dict[str, str] = {}
        self.translations: str | None = None
        self.unsaved = False

    def left_out(self, html: str) -> str:
        for name, pattern in COMPONENTS.items():
            found = pattern.search(html)
            if found and name not in self.components:
                self.components[name], self.unsaved = found[1], True
            if found and self.components[name] == found[1]:
                html = html[:found.start(1)] + html[found.end(1):]
        start = html.find(CONFIG_START) + len(CONFIG_START)
        end = html.find(SCRIPT_END, start)
        if start >= len(CONFIG_START) and end >= 0:
            settings, translations = _without_translations(html[start:end])
            if self.translations is None and translations is not None:
                self.translations, self.unsaved = translations, True
            if translations is not None and translations == self.translations:
                html = html[:start] + settings + html[end:]
        return html

    def fingerprint(self) -> str | None:
        """A hash of what pages leave out; None before the first page has set it."""
        if not self.components and self.translations is None:
            return None
        return _fingerprint(tuple(sorted(self.components.items())), self.translations)

    def script(self) -> str:
        """SHARED_FILE: a script that names what the pages left out (search-setup.js reads it)."""
        shared = {"components": self.components, "translations": json.loads(self.translations or "null")}
        return ("/* Written by the build (pairing/chrome.py): what every page left out, for search-setup.js. */\n"
                f"var __md_shared = {json.dumps(shared, ensure_ascii=False, separators=(',', ':'))}\n")

    def save(self, site_dir: Path) -> None:
        """Write SHARED_FILE when a page has added to it (the first page does: the others only match it)."""
        if self.unsaved:
            target = site_dir / SHARED_FILE
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.script(), encoding="utf-8")
            self.unsaved = False


@lru_cache(maxsize=4)
def _fingerprint(components: tuple, translations: str | None) -> str:
    return hashlib.sha256(json.dumps([components, translations], ensure_ascii=False).encode()).hexdigest()


@lru_cache(maxsize=16)
def _without_translations(settings: str) -> tuple[str, str | None]:
    """Compact settings JSON without its translations, and the translations as written (None if it has none)."""
    data = json.loads(settings)
    if not isinstance(data, dict) or "translations" not in data:
        return settings, None
    translations = data.pop("translations")
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(SCRIPT_SAFE),
            json.dumps(translations, ensure_ascii=False, separators=(",", ":"), sort_keys=True))
