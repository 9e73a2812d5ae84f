"""MkDocs hooks for speed at hundreds of plans (issue #8; the numbers are in BENCHMARKS.md).

- Search: each page's entries come from a cache in .cache/ while the page is unchanged; the index is written
  smaller (plain UTF-8, fewer word breaks); pages that only list plans are left out of it.
- QR codes and calendar files of unchanged plans come from .cache/ (pairing.buildcache).
- A page whose inputs are unchanged is written as the last build wrote it (pairing.pagecache): on_page_context
  finds it, overrides/main.html then renders it alone, hooks.py leaves it as it is, on_post_page keeps new ones.
- The end-of-build audit (macros.py) uses the pages as they were written, recorded here in on_post_page.
- `mkdocs serve --dirty` rebuilds the saved page and every page that shows it (pairing.rebuild), and keeps
  in its process what a save does not change: the caches, each plan's open data and editor files, the link
  audit's results (pairing.serving, used by hooks.py and macros.py).
- `mkdocs serve` notices a save within a tenth of a second (its watcher polls more often: on_serve).
- Memory (MkDocs reads every page before it writes any): a plan page's front matter shares the plan's data,
  a written page lets go of its HTML and Markdown, the calendars' cache is saved once the open data is made
  and the QR codes' once every page is read.
  Each page's search entries go to a file as they are made (`mkdocs build`), the index is written from it in
  parts (Material's plugin makes it one string first), and jieba's dictionary goes once the last page is cut.

Glue only: the logic and its tests are in pairing/. Listed under `hooks:` in mkdocs.yml after hooks.py, so it
runs after the plugins: Material's search index and macros.py's collection exist when on_config runs.
"""

from __future__ import annotations

import logging
import os
import sys
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import jinja2  # noqa: E402
from mkdocs.plugins import CombinedEvent, event_priority  # noqa: E402
from mkdocs.utils import normalize_url  # noqa: E402
from watchdog.observers.polling import PollingObserver  # noqa: E402

from pairing import audit, buildcache, listings, offline, pagecache, rebuild, search, searchindex, serving  # noqa: E402
from pairing.plans import PLANS_DIR  # noqa: E402

CACHE_FILE = buildcache.CACHE_DIR / "search-entries.json"
PAGE_STORE = buildcache.CACHE_DIR / pagecache.FILE
KEPT = ["qr-codes", "calendars"]   # pairing functions marked buildcache.kept()
# What every page may show besides its own file: kindergartens, search words, templates, code, settings.
SHARED = ["data", "overrides", "pairing", "macros.py", "hooks.py", "speed_hooks.py", "mkdocs.yml"]
SETTINGS = ["lang", "separator", "pipeline", "fields", "jieba_dict", "jieba_dict_user"]
# Why 0.1 s: MkDocs looks for saved files every 0.5 s, so a rebuild started 0.25 s after the save on average (a
# sixth of save-to-reload at 300 plans). Still by polling, as MkDocs chose on purpose (mkdocs#2477: file-system
# events miss changes in Docker and on network mounts); one look at docs/ costs 2 ms at 300 plans (2 % of a core).
WATCH_INTERVAL = 0.1
log = logging.getLogger("mkdocs.hooks.speed_hooks")
_build = {"cache": None, "search_cache": None, "pages": set(), "dirty": False, "serve_dirty": False, "kept_urls": set(),
          "page_store": None, "site_key": None, "run_key": None, "page_keys": {}, "page_hits": {},
          "command": None}
# What each page showed as it was written, for macros.py's end-of-build audit; kept across `serve` rebuilds.
_built_pages = audit.BuiltPages()
_last_contents: dict | None = None   # what each listing page showed in the last build of this process (None: no build yet)
_last_tags: dict = {}   # the tags plugin's page → tags mappings of the last build, by page URL
_last_menu: list = [None, None]   # (menu, page URL), what the menu shows from that page (_nav_key)
_theme_listing: dict = {}   # the installed theme's files as MkDocs lists them, for the rest of the process


# Hooks
def on_startup(command, dirty):
    """Let `mkdocs serve --dirty` run under strict: true (see _DirtyBuildNotice) and keep its caches open from
    one rebuild to the next (saved when it stops); `mkdocs serve` loads jieba's dictionary at once."""
    _build["serve_dirty"], _build["command"] = dirty, command
    buildcache.keep_open(dirty)
    serving.keep_between_rebuilds(dirty)
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyBuildNotice())
    # Why: a build loads it only when it cuts a page (macros.py), which in `serve` is the first rebuild after a
    # save; loaded at the start, that rebuild is as quick as the later ones (0.6 s quicker).
    if command == "serve":
        import jieba

        jieba.initialize()


def on_config(config):
    """Open this build's caches; wrap its search index: entries of unchanged pages come from the cache."""
    project = Path(config["config_file_path"]).parent
    _keep_theme_listing(config.theme)
    # Why reuse: `serve --dirty` would read (and write) every cache again after each save; they are saved on exit.
    buildcache.open_stores(project, KEPT, reuse=_build["serve_dirty"])
    config.plugins["macros"].variables["pairing_built_pages"] = _built_pages
    _open_page_store(config, project)
    plugin = _search_plugin(config)
    _build.update(cache=None, dirty=False)
    _last_menu[:] = [None, None]
    if plugin is None or not hasattr(plugin, "search_index"):
        return
    words = config.plugins["macros"].variables["pairing_search_words"]
    settings = searchindex.fingerprint({k: plugin.config.get(k) for k in SETTINGS},
                                       [plugin.config.get("jieba_dict"), plugin.config.get("jieba_dict_user")],
                                       [metadata.version("mkdocs-material"), metadata.version("jieba")], words)
    # Why: what `mkdocs build` indexes goes to files as it is made (10 MB at 1,000 plans in a first build, where it
    # peaks while pages are written); `serve` keeps the index to merge a rebuilt page's entries into it.
    written = searchindex.WrittenEntries() if _build["command"] != "serve" else None
    kept = _build["search_cache"]
    if not (_build["serve_dirty"] and kept is not None and (kept.path, kept.settings) == (project / CACHE_FILE, settings)):
        kept = buildcache.Store(project / CACHE_FILE, settings, written_as_made=written is not None)
    _build["cache"] = _build["search_cache"] = kept
    breaks = searchindex.redundant_breaks(searchindex.separator_chars(plugin.config.separator))
    docs = _wrap(plugin.search_index, _build["cache"], breaks, written)
    _write_index_in_parts(plugin, config.plugins, docs)


def on_files(files, config):
    """The URLs of this build's pages: a dirty rebuild keeps earlier search entries and audit records only for these."""
    pages = files.documentation_pages()
    _build["pages"] = {f.url for f in pages}
    _built_pages.keep_only({f.dest_uri for f in pages}, {f.src_uri for f in pages})
    _mark_pages_to_rebuild(pages, config)
    # Why now: hooks.py's on_files has made every plan's calendar (in every build, dirty or not) and nothing
    # else does; held to the end of the build they would be 10 MB at 1,000 plans.
    buildcache.close_store("calendars")
    return files


def on_page_read_source(page, config):
    """A plan page's body as macros.py loaded it: MkDocs need not read the file and parse its front matter again
    (on_page_markdown below gives the page that front matter)."""
    plan = config.plugins["macros"].variables["pairing_collection"].plans.get(page.file.src_uri)
    if plan is None:
        return None
    # Why: MkDocs reads pages with universal newlines; "{}" is the smallest front matter it takes as one.
    return "---\n{}\n---\n" + plan.body.replace("\r\n", "\n").replace("\r", "\n")


@event_priority(150)   # before the plugins (macros, tags) read the page's front matter
def on_page_markdown(markdown, page, config, files):
    """A plan page gets its front matter as macros.py loaded and checked it (see on_page_read_source). A page
    that lists plans is not indexed: it only repeats the plans' text (see searchindex.lists_plans)."""
    plan = config.plugins["macros"].variables["pairing_collection"].plans.get(page.file.src_uri)
    if plan is not None:
        page.meta = dict(plan.data)
    elif not page.file.src_uri.startswith(f"{PLANS_DIR}/") and _lists_plans(page, config):
        page.meta["search"] = searchindex.excluded(page.meta.get("search"))
    return markdown


@event_priority(110)   # before the tags plugin (100) fills the tags page from its mappings
def on_env(env, config, files):
    """In a dirty rebuild the tags plugin only sees the pages built again; the others keep their tags from the
    last build, so the tags page still lists every plan. Every page has been read: the QR codes' cache is saved."""
    # Why now: a plan page makes its QR code as it is read (macros.py), and MkDocs reads every page before it
    # writes any; held while pages are written they would be 4 MB at 1,000 plans. `serve --dirty` reads only the
    # saved pages and keeps the cache open (saved whole when it stops).
    if not _build["serve_dirty"]:
        buildcache.close_store("qr-codes")
    tags = config.plugins.get("material/tags") or config.plugins.get("tags")
    if tags is not None and _build["serve_dirty"] and getattr(tags, "mappings", None) is not None:
        for url in _build["kept_urls"] & set(_last_tags):
            tags.mappings.data.setdefault(url, _last_tags[url])
    _share_partials(env, config)
    # Why: MkDocs makes the theme's Jinja environment anew for each build, so every build (and each rebuild of
    # `serve`) compiled Material's templates again; compiled once, they are kept in .cache/ (checked against
    # each template's source).
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(_cache_dir(config) / "templates"))
    return env


@event_priority(40)   # after hooks.py (50) put the page's HTML together, before the search plugin (0) reads it
def on_page_context(context, page, config, nav):
    """A page kept from an earlier build with the same inputs is written as it was (pairing/pagecache.py):
    overrides/main.html then renders it alone, without Material's template. Pages in the menu (their menu
    shows them as the current one) and the pages before the first that sets what pages leave out to the
    shared script (pairing/chrome.py) are always rendered."""
    store, menu = _build["page_store"], _nav_key(page, nav)
    shared = config.plugins["macros"].variables["pairing_shared_parts"].fingerprint()
    if store is None or menu is None or shared is None:
        return context
    if _build["run_key"] is None:   # once a build: the settings as this command runs them, the menu's titles
        _build["run_key"] = pagecache.run_key(_build["site_key"], _effective_settings(config), _menu_titles(nav))
    key = pagecache.page_key(_build["run_key"], page.url, page.title or "", pagecache.toc_outline(page.toc),
                             page.meta, page.content or "", menu, shared)
    kept = store.get(key)
    if kept is None:
        _build["page_keys"][page.url] = (key, shared)
    else:
        context["pairing_kept_page"], _build["page_hits"][page.url] = kept[0], kept[1:]
        store.served.add(page.url)
    return context


@event_priority(-100)   # the last to see the page before MkDocs writes it
def on_post_page(output, page, config):
    """Record what the page shows (its links and ids; for a plan, what of it is missing) for the audit, and
    keep the page for the next build; then let go of the page's Markdown and HTML: nothing reads them once
    the page is written."""
    variables = config.plugins["macros"].variables
    plan = variables["pairing_collection"].plans.get(page.file.src_uri)
    kept = _build["page_hits"].pop(page.url, None)
    if kept is not None:
        _built_pages.restore(page.file.dest_uri, *kept, plan)
    else:
        links, ids = _built_pages.record(page.file.dest_uri, output, plan)
        key, shared = _build["page_keys"].pop(page.url, (None, None))
        # Why these only: a page that lost part of its plan fails the build; one that set what pages leave out
        # would, taken from here, not set it.
        lost = _built_pages.lost.get(plan.src_uri) if plan is not None else None
        if key is not None and not lost and shared == variables["pairing_shared_parts"].fingerprint():
            _build["page_store"].put(key, output, links, ids)
    # Why: MkDocs keeps every page's to the end of the build (40 MB at 1,000 plans), where the search index
    # and the audit need memory of their own.
    page.content = page.markdown = None
    return output


@event_priority(100)   # before macros.py's end-of-build audit and the writing of the search index and caches
def _let_go_of_jieba(config):
    """Every page is cut by now: jieba's dictionary (60 MB, loaded when some page's search entries were not in
    the cache) goes before the end of the build needs memory of its own. `mkdocs serve` keeps it for the next
    rebuild (on_startup)."""
    jieba = sys.modules.get("jieba")
    if _build["command"] != "serve" and jieba is not None and jieba.dt.initialized:
        search.release_dictionary(jieba.dt)


def _keep_caches(config):
    """Keep the caches for the next build (CI can keep .cache/ between runs); `serve --dirty` keeps them open
    and saves them when it stops (on_shutdown)."""
    store = _build["page_store"]
    if store is not None:
        log.info(f"speed_hooks: {len(store.served)} pages written as kept from an earlier build ({PAGE_STORE})")
        # Why now in `serve --dirty` too: the store is locked for other builds until this build's pages are in.
        store.commit(keep_unused=_build["dirty"] or _build["serve_dirty"])
    if not _build["serve_dirty"]:
        _save_caches(partial=_build["dirty"])
    tags = config.plugins.get("material/tags") or config.plugins.get("tags")
    if tags is not None and getattr(tags, "mappings", None) is not None:
        _last_tags.clear()
        _last_tags.update(tags.mappings.data)


on_post_build = CombinedEvent(_let_go_of_jieba, _keep_caches)


def on_serve(server, config, builder):
    """`mkdocs serve` notices a save sooner: its watcher looks at the files every WATCH_INTERVAL seconds."""
    return quicker_watcher(server, WATCH_INTERVAL)


def on_shutdown():
    if _build["serve_dirty"]:
        _save_caches(partial=True)


# Helper functions
def _save_caches(partial: bool) -> None:
    if _build["cache"] is not None:
        _build["cache"].save(keep_unused=partial)
    buildcache.save_stores(partial=partial)


def _open_page_store(config, project: Path) -> None:
    """This build's store of written pages (pairing/pagecache.py); none for the offline copy, whose pages
    differ (.html links) and which would otherwise push the site's pages out of it."""
    store = _build["page_store"]
    reuse = _build["serve_dirty"] and store is not None and store.path == project / PAGE_STORE
    if not reuse and store is not None:
        store.close()
        store = None
    if not reuse and not offline.plugin_enabled(config.plugins):
        store = pagecache.PageStore(project / PAGE_STORE)
    if store is not None:
        store.served.clear()
    _build.update(page_store=store, site_key=pagecache.site_key(project, SHARED), run_key=None, page_keys={}, page_hits={})
    config.plugins["macros"].variables["pairing_pages_kept"] = store.served if store is not None else set()


def quicker_watcher(server, interval: float):
    """The server with a polling watcher that looks every `interval` seconds, watching the same paths. MkDocs
    makes its watcher with a fixed interval and has already asked it to watch docs/ and mkdocs.yml (its own
    server keeps them in _watched_paths; without that record the server is left as it is)."""
    watched = dict(getattr(server, "_watched_paths", None) or {})
    if not watched or server.observer.is_alive():
        return server
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=interval)
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return server


def _keep_theme_listing(theme) -> None:
    """MkDocs lists the theme's files in every build, testing each of Material's 14,500 (its icons) against a
    dozen patterns (0.1 s of each rebuild of `serve`). The installed theme's list is kept for the process; the
    custom_dir (overrides/, which may change while serving) is listed each time."""
    get_env = theme.get_env

    def get_env_keeping_the_listing():
        env = get_env()
        list_templates = env.list_templates

        def listed(extensions=None, filter_func=None):
            if extensions is not None or filter_func is None:
                return list_templates(extensions, filter_func)
            installed = tuple(d for d in theme.dirs if d != theme.custom_dir)
            # Why the code: only a call with MkDocs' own filter (its patterns: the theme's static templates)
            # gets the kept list.
            key = (filter_func.__code__, installed, tuple(theme.static_templates))
            if key not in _theme_listing:
                _theme_listing[key] = [n for n in jinja2.FileSystemLoader(list(installed)).list_templates() if filter_func(n)]
            custom = jinja2.FileSystemLoader(theme.custom_dir).list_templates() if theme.custom_dir else []
            return sorted({*_theme_listing[key], *filter(filter_func, custom)})

        env.list_templates = listed
        return env

    theme.get_env = get_env_keeping_the_listing


class _DirtyBuildNotice(logging.Filter):
    """MkDocs warns that a dirty build leaves links and pages stale, and under strict: true the warning stops
    the build. Here _mark_pages_to_rebuild rebuilds every page that shows a changed plan, so the warning
    is kept as information only."""

    def filter(self, record):
        if record.getMessage().startswith("A 'dirty' build is being performed"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def _lists_plans(page, config) -> bool:
    """A page generated from the plans (hooks.py) by a macro that lists plans, or whose source calls one."""
    generated = listings.generated_page(config.plugins["macros"].variables["pairing_collection"], page.file.src_uri)
    if generated is not None:
        return generated["macro"] in searchindex.LISTING_MACROS
    return searchindex.lists_plans(page.file.content_string)


def _cache_dir(config) -> Path:
    path = Path(config["config_file_path"]).parent / buildcache.CACHE_DIR
    path.joinpath("templates").mkdir(parents=True, exist_ok=True)
    return path


def _share_partials(env, config):
    """Material's navigation and search box are the same on most pages: overrides/partials/nav.html and
    search.html render them once per distinct result (Material's own partials, reached as material/…)."""
    theme_dirs = [d for d in config.theme.dirs if Path(d) != Path(config.theme.custom_dir or "")]
    env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"material": jinja2.FileSystemLoader(theme_dirs)})])
    env.globals.update(shared_partials={}, shared_nav_key=_nav_key)


def _nav_key(page, nav) -> tuple | None:
    """What Material's navigation shows on the page: the address of each menu entry as seen from the page.
    None for a page in the menu (shown there as the current one): its navigation is rendered for it alone."""
    if page is None or page in nav.pages:
        return None
    # Why remembered: on_page_context asks first, then the page's template (the last page asked only).
    if _last_menu[0] != (id(nav), page.url):
        _last_menu[:] = [(id(nav), page.url), tuple(normalize_url(url, page) for url in _menu_urls(nav))]
    return _last_menu[1]


def _effective_settings(config) -> dict:
    """What a command line changes without a file: `mkdocs serve` sets the site's address to its own, and
    `build` takes another theme or folder or link style."""
    # Why relative: CI may check the site out elsewhere each run, and the pages do not show where it was.
    project = Path(config["config_file_path"]).parent
    relative = [os.path.relpath(path, project) if path else None for path in (config.docs_dir, config.theme.custom_dir)]
    return {"site_url": config.site_url, "use_directory_urls": config.use_directory_urls, "docs_dir": relative[0],
            "theme": [config.theme.name, relative[1]]}


def _menu_titles(nav) -> list:
    return [[item.title, getattr(item, "url", None)] for item in _menu_items(nav)]


def _menu_urls(nav) -> list[str]:
    return [nav.homepage.url if nav.homepage else ""] + [
        item.url for item in _menu_items(nav) if getattr(item, "url", None) is not None]


def _menu_items(nav) -> list:
    """Every entry of the menu, sections and their children included, level by level."""
    items, found = list(nav.items), []
    while items:
        item = items.pop(0)
        found.append(item)
        items += list(getattr(item, "children", None) or [])
    return found


def _search_plugin(config):
    return next((plugin for name, plugin in config.plugins.items() if name.split("/")[-1] == "search"), None)


def _mark_pages_to_rebuild(pages, config):
    """For a dirty build (`mkdocs serve --dirty`): the saved pages, and the listing pages that show a saved plan
    or would show something else than last time, are built again (pairing/rebuild.py). A clean build builds
    every page whatever this says."""
    global _last_contents
    if not _build["serve_dirty"]:
        return   # a full build (mkdocs build, plain serve) builds every page anyway
    collection = config.plugins["macros"].variables["pairing_collection"]
    states = {f.src_uri: rebuild.PageState(f.src_uri.startswith(f"{PLANS_DIR}/"), _mtime(f.abs_src_path),
                                           _mtime(f.abs_dest_path)) for f in pages}
    contents = listings.listing_contents(collection)
    project = Path(config["config_file_path"]).parent
    shared = rebuild.newest_time([project / name for name in SHARED])
    again = rebuild.pages_to_rebuild(states, shared, contents, _last_contents)
    for f in pages:
        # Why both ways: MkDocs counts a generated page (no file of its own) as modified in every build.
        f.is_modified = (lambda: True) if f.src_uri in again else (lambda: False)
    _last_contents = contents
    _build["kept_urls"] = {f.url for f in pages if f.src_uri not in again}


def _mtime(path):
    return os.path.getmtime(path) if path and os.path.isfile(path) else None


def _wrap(index, cache, breaks, written):
    """Search entries from the cache, held in the index or, when `written` is given, written there as they come;
    returns the function that gives the text of the index's entries (merged with the last after a dirty rebuild)."""
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
            index.entries[start:] = entries if written is None else []
            cache.put(key, entries)
        elif written is None:
            index.entries.extend(dict(entry) for entry in entries)
        if written is not None:
            written.add(entries)

    def docs(prev):
        if written is not None:
            return written.docs()
        if prev is not None:   # a dirty rebuild (mkdocs serve --dirty): merge with the last index
            _build["dirty"] = True
            index.entries = searchindex.merge(prev.entries, index.entries, rebuilt, _build["pages"])
        return searchindex.docs_text(index.entries)

    index.add_entry_from_context = add_entry_cached
    index.generate_search_index = lambda prev: "".join(searchindex.index_parts(index.config, docs(prev)))
    return docs


def _write_index_in_parts(plugin, plugins, docs) -> None:
    """Material's search plugin writes its index from one string of it (and that string's bytes, 40 MB at 1,000
    plans, the build's peak memory); its post_build handler gives way to one that writes the same file in parts."""
    def on_post_build(*, config):
        if not plugin.config.enabled:
            return
        parts = searchindex.index_parts(plugin.search_index.config, docs(plugin.search_index_prev))
        searchindex.write_index(Path(config.site_dir) / "search" / "search_index.json", parts)
        if plugin.is_dirty:   # as Material keeps it for the next rebuild of `serve --dirty`
            plugin.search_index_prev = plugin.search_index

    events = plugins.events["post_build"]
    for number, method in enumerate(events):
        if getattr(method, "__self__", None) is plugin and method.__name__ == "on_post_build":
            events[number] = on_post_build
            plugins._event_origins[on_post_build] = plugins._event_origins.get(method, "search")
