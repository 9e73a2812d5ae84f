"""Which pages a dirty rebuild (`mkdocs serve --dirty`) must build again so that none is stale.

MkDocs' dirty build only rebuilds the pages whose own file was saved since the page was written. Here
pages also show other files: the listing pages (the plan index, calendar, tags, kindergartens, open data,
and their further pages) show plans, and every page shows data/ and the templates. So a listing page is
built again when it would show something else than in the last build (pairing.listings.listing_contents:
other plans, other counts, plans moved between pages) or one of the plans it shows was saved; a change to
anything shared rebuilds everything. A saved plan rebuilds its own page and the few listing pages that show
it, not the hundreds of others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageState:
    is_plan: bool
    source_time: float | None   # mtime of the page's file; None: generated in the build, no file
    built_time: float | None    # mtime of the page's last output; None: never built


def pages_to_rebuild(pages: dict[str, PageState], shared_time: float, contents: dict[str, dict],
                     last_contents: dict[str, dict] | None) -> set[str]:
    """src_uris to build again. contents: what each listing page shows now; last_contents: in the last
    build of this process (None: no build yet, so everything is built)."""
    built = [state.built_time for state in pages.values() if state.built_time is not None]
    if not built or shared_time > min(built) or last_contents is None:
        return set(pages)
    again = {uri for uri, state in pages.items() if saved_since_built(state)}
    saved_plans = {uri for uri in again if pages[uri].is_plan}
    again |= {uri for uri, shown in contents.items()
              if uri in pages and (last_contents.get(uri) != shown or saved_plans.intersection(shown["plans"]))}
    return again


def saved_since_built(state: PageState) -> bool:
    if state.built_time is None:
        return True
    return state.source_time is not None and state.source_time > state.built_time


def newest_time(paths: list[Path]) -> float:
    """The latest modification time of the given files and of every file in the given folders."""
    newest = 0.0
    for path in paths:
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path] if path.exists() else []
        newest = max([newest, *(f.stat().st_mtime for f in files if "__pycache__" not in f.parts)])
    return newest
