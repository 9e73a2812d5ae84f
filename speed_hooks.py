"""MkDocs hooks around Material's search plugin: cached entries per page, a smaller plain UTF-8 index,
and pages that list plans left out of it.

Glue only; the logic and its tests are in pairing/searchindex.py. Listed under `hooks:` in mkdocs.yml,
so it runs after the plugins: Material's search index and macros.py's word list exist when on_config runs.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pairing import audit, buildcache, searchindex  # noqa: E402
from pairing.plans import PLANS_DIR  # noqa: E402

CACHE_FILE = buildcache.CACHE_DIR / "search-entries.json"
KEPT = ["qr-codes", "calendars"]   # pairing functions marked buildcache.kept()
SETTINGS = ["lang", "separator", "pipeline", "fields", "jieba_dict", "jieba_dict_user"]
_build = {"cache": None, "pages": set(), "dirty": False}
# What each page showed as it was written, for macros.py's end-of-build audit; kept across `serve` rebuilds.
_built_pages = audit.BuiltPages()


# Hooks
def on_config(config):
    """Open this build's caches; wrap its search index: entries of unchanged pages come from the cache."""
    project = Path(config["config_file_path"]).parent
    buildcache.open_stores(project, KEPT)
    config.plugins["macros"].variables["pairing_built_pages"] = _built_pages
    plugin = _search_plugin(config)
    _build.update(cache=None, dirty=False)
    if plugin is None or not hasattr(plugin, "search_index"):
        return
    words = config.plugins["macros"].variables["pairing_search_words"]
    settings = searchindex.fingerprint({k: plugin.config.get(k) for k in SETTINGS},
                                       [plugin.config.get("jieba_dict"), plugin.config.get("jieba_dict_user")],
                                       [metadata.version("mkdocs-material"), metadata.version("jieba")], words)
    _build["cache"] = buildcache.Store(project / CACHE_FILE, settings)
    breaks = searchindex.redundant_breaks(searchindex.separator_chars(plugin.config.separator))
    _wrap(plugin.search_index, _build["cache"], breaks)


def on_files(files, config):
    """The URLs of this build's pages: a dirty rebuild keeps earlier search entries and audit records only for these."""
    pages = files.documentation_pages()
    _build["pages"] = {f.url for f in pages}
    _built_pages.keep_only({f.dest_uri for f in pages}, {f.src_uri for f in pages})
    return files


def on_page_markdown(markdown, page, config, files):
    """A page that lists plans is not indexed: it only repeats the plans' text (see searchindex.lists_plans)."""
    if not page.file.src_uri.startswith(f"{PLANS_DIR}/") and searchindex.lists_plans(page.file.content_string):
        page.meta["search"] = searchindex.excluded(page.meta.get("search"))
    return markdown


def on_post_page(output, page, config):
    """Record what the page shows (its links and ids; for a plan, what of it is missing) for the audit."""
    plan = config.plugins["macros"].variables["pairing_collection"].plans.get(page.file.src_uri)
    _built_pages.record(page.file.dest_uri, output, plan)
    return output


def on_post_build(config):
    """Keep the caches for the next build (CI can keep .cache/ between runs); a partial (dirty) rebuild adds to them."""
    if _build["cache"] is not None:
        _build["cache"].save(keep_unused=_build["dirty"])
    buildcache.save_stores(partial=_build["dirty"])


# Helper functions
def _search_plugin(config):
    return next((plugin for name, plugin in config.plugins.items() if name.split("/")[-1] == "search"), None)


def _wrap(index, cache, breaks):
    add_entry = index.add_entry_from_context
    rebuilt: set[str] = set()

    def add_entry_cached(page):
        rebuilt.add(page.url)
        key = searchindex.page_key(page.url, page.content, page.title or "", page.meta, cache.settings)
        entries = cache.get(key)
        if entries is None:
            start = len(index.entries)
            add_entry(page)
            entries = searchindex.page_entries(index.entries[start:], breaks)
            index.entries[start:] = entries
            cache.put(key, entries)
        else:
            index.entries.extend(dict(entry) for entry in entries)

    def generate_index(prev):
        if prev is not None:   # a dirty rebuild (mkdocs serve --dirty): merge with the last index
            _build["dirty"] = True
            index.entries = searchindex.merge(prev.entries, index.entries, rebuilt, _build["pages"])
        return searchindex.index_json(index.config, index.entries)

    index.add_entry_from_context = add_entry_cached
    index.generate_search_index = generate_index
