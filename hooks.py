"""MkDocs hooks: the pages and files generated from the plans, added to the build before it starts,
and the Content Security Policy written into every page.

Thin glue, like macros.py: what to generate comes from pairing.directory and pairing.exports.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from pairing import csp, directory, exports, heldparts, offline


# Hooks
def on_files(files: Files, *, config) -> Files:
    """One page per kindergarten, and the open-data files, from the plans macros.py already loaded."""
    collection = config.plugins["macros"].variables["pairing_collection"]
    for kindergarten_id, record in collection.kindergartens.items():
        src_uri = directory.kindergarten_src_uri(kindergarten_id)
        # Why: a hand-written page at the same address would silently replace the generated one.
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri}: 与幼儿园编号 {kindergarten_id} 的自动生成页面同名，请改名或删除")
        files.append(File.generated(config, src_uri, content=_kindergarten_page(kindergarten_id, record["name"])))
    stamp = _build_time()
    for path, content in exports.open_data_files(collection, config["site_url"] or "", stamp).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_content(html: str, *, page, config, files) -> str:
    """The macro HTML that macros.py held out of Markdown goes back in (before search and templates read it)."""
    return heldparts.put_back(html)


def on_post_page(output: str, *, page, config) -> str:
    """Every page carries a Content Security Policy: only the site's own scripts, styles and the inline
    scripts Material writes into this page (by hash) may run. The offline copy runs from file://, where
    'self' matches nothing, so it goes without."""
    return output if offline.plugin_enabled(config.plugins) else csp.with_policy(output)


# Helper functions
def _kindergarten_page(kindergarten_id: str, name: str) -> str:
    """Markdown that calls the kindergarten_page macro; the title is YAML-quoted, the id matches [a-z0-9-]+."""
    front = yaml.safe_dump({"title": name}, allow_unicode=True, sort_keys=False)
    return f'---\n{front}---\n\n{{{{ kindergarten_page("{kindergarten_id}") }}}}\n'


def _build_time() -> datetime:
    """DTSTAMP of the calendar events: SOURCE_DATE_EPOCH for reproducible builds, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
