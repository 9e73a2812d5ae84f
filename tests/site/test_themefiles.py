"""Theme files no page loads are left out of the built site (pairing/site/themefiles.py)."""

from __future__ import annotations

from pairing.site import themefiles

LUNR = "assets/javascripts/lunr"


def test_a_language_needs_its_own_file_and_stemmer_support():
    assert themefiles.search_files(["zh"]) == {f"{LUNR}/min/lunr.zh.min.js", f"{LUNR}/min/lunr.stemmer.support.min.js"}
    assert themefiles.search_files(["en"]) == set()
    assert themefiles.search_files(["ja", "en"]) == {f"{LUNR}/tinyseg.js", f"{LUNR}/min/lunr.ja.min.js",
                                                     f"{LUNR}/min/lunr.multi.min.js",
                                                     f"{LUNR}/min/lunr.stemmer.support.min.js"}


def test_source_maps_and_other_languages_are_unused():
    files = ["assets/javascripts/bundle.x.min.js", "assets/javascripts/bundle.x.min.js.map", f"{LUNR}/wordcut.js",
             f"{LUNR}/min/lunr.fr.min.js", f"{LUNR}/min/lunr.zh.min.js", f"{LUNR}/min/lunr.stemmer.support.min.js",
             "assets/stylesheets/main.x.min.css", "partials/plan/card.html", "assets/javascripts/search-setup.js"]
    assert themefiles.unused(files, ["zh"]) == ["assets/javascripts/bundle.x.min.js.map", f"{LUNR}/wordcut.js",
                                                 f"{LUNR}/min/lunr.fr.min.js", "partials/plan/card.html"]


def test_built_site_keeps_what_search_loads_and_nothing_else_of_lunr(built_site):
    lunr = sorted(p.relative_to(built_site).as_posix() for p in (built_site / LUNR).rglob("*") if p.is_file())
    assert lunr == [f"{LUNR}/min/lunr.stemmer.support.min.js", f"{LUNR}/min/lunr.zh.min.js"]
    assert not list(built_site.rglob("*.map"))
    # the site's template partials (overrides/partials/) are rendered into pages, never served
    assert not (built_site / "partials").exists()
    assert (built_site / "assets/javascripts/search-setup.js").is_file()
    assert (built_site / "assets/javascripts/workers").is_dir() and list(built_site.glob("assets/javascripts/bundle.*.min.js"))


def test_a_page_fetches_its_scripts_from_its_head():
    files = ["assets/javascripts/bundle.a5f9d56c.min.js", "assets/javascripts/bundle.a5f9d56c.min.js.map",
             "assets/javascripts/search-setup.js", "assets/stylesheets/main.x.min.css"]
    assert themefiles.preloaded(files) == ["assets/javascripts/search-setup.js", "assets/javascripts/bundle.a5f9d56c.min.js"]
    # a theme whose bundle is not found (renamed, or two of them) has it fetched where the page asks for it
    assert themefiles.preloaded(files[2:]) == ["assets/javascripts/search-setup.js"]
    assert themefiles.preloaded([*files, "assets/javascripts/bundle.0000.min.js"]) == ["assets/javascripts/search-setup.js"]


def test_every_page_preloads_exactly_the_scripts_it_runs(built_site):
    # the theme's pages read with a real parser: what each preloads is what its script tags load, Material's
    # bundle among them (this fails if a new Material names its bundle otherwise)
    from html.parser import HTMLParser

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.preloads, self.scripts = [], []

        def handle_starttag(self, tag, attrs):
            values = dict(attrs)
            if tag == "link" and values.get("rel") == "preload":
                self.preloads.append((values.get("as"), values["href"]))
            if tag == "script" and values.get("src"):
                self.scripts.append(values["src"])

    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:   # a renamed plan's redirect: not a page of the theme
            continue
        found = Links()
        found.feed(text)
        scripts = [href for kind, href in found.preloads if kind == "script"]
        assert len(found.preloads) == len(scripts) == 2 and set(scripts) <= set(found.scripts), page
        assert [href for href in scripts if "/bundle." in href or href.startswith("bundle.")], page
