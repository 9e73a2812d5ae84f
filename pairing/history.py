"""Where a page comes from: its source on the hosting repo (to edit it) and the date of its last change."""

from __future__ import annotations

import subprocess
from datetime import date
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=None)
def last_changed(path: Path) -> date | None:
    """The day of the last commit that changed the file; None outside git or for a file not yet committed."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%cs", "--", path.name], cwd=path.parent,
                                capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    # Why: a build from a downloaded archive has no git; the page then simply shows no date.
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return date.fromisoformat(result.stdout.strip())


def chinese_date(day: date) -> str:
    """2026-11-29 → 2026年11月29日."""
    return f"{day.year}年{day.month}月{day.day}日"


def source_links(repository: dict, file: str) -> dict:
    """The edit page and the change history of a file on the hosting repo; empty when no repo is set."""
    url, branch = (repository.get("url") or "").rstrip("/"), repository.get("branch") or "main"
    if not url:
        return {"edit_url": "", "history_url": ""}
    return {"edit_url": f"{url}/edit/{branch}/{file}", "history_url": f"{url}/commits/{branch}/{file}"}
