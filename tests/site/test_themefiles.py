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
