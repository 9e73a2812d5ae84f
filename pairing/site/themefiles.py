"""Material's files that no page of this site loads, left out of the built site (2 MB of its 3 MB of assets):
source maps, which only a browser's developer tools fetch, the search languages other than the site's, and the
site's own template partials (overrides/partials/, which the build renders and never serves).

Which search files a language needs is what Material's search worker loads (search.*.min.js, function
that imports `min/lunr.${lang}.min.js`); tests/browser/test_search_browser.py searches the built site in a browser."""

from __future__ import annotations

import posixpath
import re

LUNR_DIR = "assets/javascripts/lunr"
PARTIALS_DIR = "partials"
# Segmenters Material's worker loads before a language's own file.
SEGMENTERS = {"ja": "tinyseg.js", "hi": "wordcut.js", "th": "wordcut.js"}
# The scripts every page runs at the end of its body, preloaded in its head (overrides/main.html) with the
# stylesheets: a browser holds back the scripts at the end of a page until the stylesheets have come, a round trip
# more on a slow network before search can start. (Not Material's search settings, search_index.json, which its
# script reads as a blob: a preload of it goes unused, with a warning.) Material's bundle is named by its hash.
SEARCH_SETUP = "assets/javascripts/search-setup.js"
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")


def search_files(languages: list[str]) -> set[str]:
    """The files under LUNR_DIR that Material's search worker imports for these languages."""
    needed = {f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"}
    needed |= {SEGMENTERS[lang] for lang in languages if lang in SEGMENTERS}
    if len(languages) > 1:
        needed.add("min/lunr.multi.min.js")
    if needed:
        needed.add("min/lunr.stemmer.support.min.js")
    return {posixpath.join(LUNR_DIR, name) for name in needed}


def unused(theme_files: list[str], languages: list[str]) -> list[str]:
    """Of the theme's static files (paths in the site), those no page of the site loads."""
    kept = search_files(languages)
    return [path for path in theme_files
            if path.endswith(".map") or (path.startswith(f"{LUNR_DIR}/") and path not in kept)
            or path.startswith(f"{PARTIALS_DIR}/")]


def preloaded(theme_files: list[str]) -> list[str]:
    """The scripts a page preloads in its head: search-setup.js and Material's bundle (when the theme has one)."""
    bundles = [path for path in theme_files if BUNDLE.fullmatch(path)]
    return [path for path in [SEARCH_SETUP, *(bundles if len(bundles) == 1 else [])] if path in theme_files]
