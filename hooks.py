"""MkDocs hooks: the pages and files generated from the plans, added to the build before it starts,
and the Content Security Policy written into every page.

Thin glue, like macros.py: what to generate comes from pairing.directory and pairing.exports.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from pairing import chrome, csp, directory, exports, heldparts, htmltext, listings, offline, render, serving, themefiles


# What every page leaves out for Material's script to get from one file (pairing/chrome.py); one per build.
_shared = chrome.SharedParts()


# Hooks
def on_config(config):
    global _shared
    _shared = chrome.SharedParts()
    # speed_hooks.py reads it from here: a page kept from an earlier build left out the same.
    config.plugins["macros"].variables["pairing_shared_parts"] = _shared
    return config


def on_files(files: Files, *, config) -> Files:
    """The kindergarten and tag pages, the further pages of each long listing, the plan index's data and the
    open-data files, from the plans macros.py already loaded; without the theme's files no page loads."""
    collection = config.plugins["macros"].variables["pairing_collection"]
    for page in listings.generated_pages(collection):
        _add(files, File.generated(config, page["src_uri"], content=_generated_page(page)), page["title"])
    home_url = "" if config["use_directory_urls"] else "index.html"
    data = render.plan_index_data(collection, home_url)
    _add(files, File.generated(config, directory.PLAN_INDEX_DATA, content=data), directory.PLAN_INDEX_DATA)
    # Why one stamp while serving --dirty: a calendar that did not change is then the same file, not written again
    # after each save (pairing.serving); its DTSTAMP says when it was made, as RFC 5545 asks.
    stamp = serving.held("calendar stamp", _build_time) or _build_time()
    remade, written = serving.held("open data", serving.Remade), serving.held("written files", serving.WrittenFiles)
    for path, content in exports.open_data_files(collection, config["site_url"] or "", stamp, remade):
        _add(files, _written(config, path, content, written), path)
    theme_files = [f.src_uri for f in files if f.src_dir not in (None, config["docs_dir"])]
    for path in themefiles.unused(theme_files, _search_languages(config)):
        files.remove(files.get_file_from_path(path))
    return files


@event_priority(50)   # before the search plugin (0) indexes the page
def on_page_context(context, *, page, config, nav):
    """The macro HTML that macros.py held out of Markdown goes back in as the page is about to be written
    (before search and templates read it; see pairing/heldparts.py)."""
    page.content = heldparts.put_back(page.content)
    return context


def on_post_page(output: str, *, page, config) -> str:
    """Every page is compacted (no blank lines and indentation between tags, Material's chrome slimmed, what
    only Material's script reads left to one shared file) and carries a Content Security Policy: only the site's
    own scripts, styles and the inline scripts Material writes into this page (by hash) may run. The offline copy
    runs from file://, where 'self' matches nothing, so it goes without. A page kept from an earlier build
    (speed_hooks.py, pairing/pagecache.py) was written so already."""
    if page.url in config.plugins["macros"].variables.get("pairing_pages_kept", ()):
        return output
    output = chrome.slimmed(htmltext.compact(output), tabs="pymdownx.tabbed" in config["markdown_extensions"])
    output = _shared.left_out(output)
    _shared.save(Path(config["site_dir"]))
    return output if offline.plugin_enabled(config.plugins) else csp.with_policy(output)


# Helper functions
def _add(files: Files, file: File, what: str) -> None:
    # Why: a hand-written file at the address of a generated page (a kindergarten's, a tag's) would silently
    # replace it or be replaced.
    if files.get_file_from_path(file.src_uri) is not None:
        raise PluginError(f"docs/{file.src_uri}: 与自动生成的“{what}”同名，请改名或删除")
    files.append(file)


def _written(config, path: str, content: str | bytes, written: serving.WrittenFiles | None = None) -> File:
    """A generated file, written to the site now (unless `written` says it is there as written)."""
    # Why: MkDocs keeps a generated file's content in memory until it copies the static files, after every page
    # is read (the open data is 30 MB at 1,000 plans); a file whose source is its destination it leaves in place.
    file = File.generated(config, path, content=content)
    if written is None or not written.unchanged(file.abs_dest_path, content):
        file.copy_file()
        if written is not None:
            written.wrote(file.abs_dest_path, content)
    return File.generated(config, path, abs_src_path=file.abs_dest_path)


def _generated_page(page: dict) -> str:
    """Front matter only: macros.py fills the page by calling its macro directly. Written as JSON, which YAML
    reads as it is (and PyYAML writes slowly: 3,500 pages at 1,000 plans); further pages of a listing stay out
    of the search index."""
    meta = {"title": page["title"]} if page["search"] else {"title": page["title"], "search": {"exclude": True}}
    # Why: the page holds no template for mkdocs-macros to compile (about 1 ms a page).
    meta["render_macros"] = False
    return f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"


def _search_languages(config) -> list[str]:
    plugin = next((p for name, p in config.plugins.items() if name.split("/")[-1] == "search"), None)
    return list(plugin.config.lang or []) if plugin is not None else []


def _build_time() -> datetime:
    """DTSTAMP of the calendar events: SOURCE_DATE_EPOCH for reproducible builds, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
