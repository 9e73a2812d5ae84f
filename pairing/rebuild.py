"""Which pages a dirty rebuild (`mkdocs serve --dirty`) must build again so that none is stale.

MkDocs' dirty build only rebuilds the pages whose own file was saved since the page was written. Here
pages also show other files: the home page, the calendar, the tags, the open data and each kindergarten's
page list plans, and every page shows data/ and the templates. So a saved, added or removed plan also
rebuilds every page that is not a plan (whatever generated it: a new kind of listing page is covered
without a change here), and a change to anything shared rebuilds everything. One exception keeps a save
fast: a kindergarten's own page shows only that kindergarten's plans, so a saved plan rebuilds the pages
of the kindergartens it names (before or after the edit), not the hundreds of others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageState:
    is_plan: bool
    source_time: float | None   # mtime of the page's file; None: generated in the build, no file
    built_time: float | None    # mtime of the page's last output; None: never built
    kindergarten: str | None = None   # set for a kindergarten's own page: it shows only that kindergarten's plans


def pages_to_rebuild(pages: dict[str, PageState], shared_time: float, plans_changed: bool,
                     named: set[str] = frozenset()) -> set[str]:
    """src_uris to build again. plans_changed: a plan was added or removed since the last build (or that
    is unknown); named: the kindergartens that the saved plans name, before or after the edit."""
    built = [state.built_time for state in pages.values() if state.built_time is not None]
    if not built or shared_time > min(built):
        return set(pages)
    changed = {uri for uri, state in pages.items() if saved_since_built(state)}
    plans_changed = plans_changed or any(pages[uri].is_plan and pages[uri].built_time is None for uri in changed)
    if plans_changed or any(pages[uri].is_plan for uri in changed):
        changed |= {uri for uri, state in pages.items()
                    if not state.is_plan and (plans_changed or state.kindergarten in (None, *named))}
    return changed


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
