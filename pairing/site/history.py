"""Where a page comes from: its source on the hosting repo (to edit it) and the date of its last change."""

from __future__ import annotations

import subprocess
from datetime import date
from functools import lru_cache
from pathlib import Path


def last_changed(path: Path) -> date | None:
    """The day of the last commit that changed the file; None outside git or for a file not yet committed."""
    return last_changed_in(path.parent).get(path.name)


@lru_cache(maxsize=None)
def last_changed_in(directory: Path) -> dict[str, date]:
    """The day of the last commit that changed each file in the directory (and below, by relative path).
    Why: one `git log` for all the plans; one per plan took a process and a walk of the history each."""
    try:
        # core.quotePath=false: Chinese file names as they are, not quoted octal escapes.
        command = ["git", "-c", "core.quotePath=false", "log", "--relative", "--name-only", "--format=%x00%cs", "--", "."]
        result = subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return {}
    # Why: a build from a downloaded archive has no git; the pages then simply show no date.
    if result.returncode != 0:
        return {}
    days: dict[str, date] = {}
    for commit in result.stdout.split("\0")[1:]:
        day, *names = commit.strip().splitlines()
        for name in filter(None, names):
            days.setdefault(name, date.fromisoformat(day))
    return days


def chinese_date(day: date) -> str:
    """2026-11-29 → 2026年11月29日."""
    return f"{day.year}年{day.month}月{day.day}日"


def source_links(repository: dict, file: str) -> dict:
    """The edit page and the change history of a file on the hosting repo; empty when no repo is set."""
    url, branch = (repository.get("url") or "").rstrip("/"), repository.get("branch") or "main"
    if not url:
        return {"edit_url": "", "history_url": ""}
    return {"edit_url": f"{url}/edit/{branch}/{file}", "history_url": f"{url}/commits/{branch}/{file}"}
