"""What `mkdocs serve --dirty` keeps in its process from one rebuild to the next, so that a save makes again
only what the saved plan changes: each plan's parts of the open data and of the editor's files (Remade), and
the files written into the site (WrittenFiles), which are not written again while their content is the same.

A full build (`mkdocs build`) uses neither: it makes and writes everything once, and holds nothing longer than
it must (memory)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Callable

_MISSING = object()
# What this process keeps between rebuilds, by name; None when it keeps nothing (any build but `serve --dirty`).
_held: dict[str, object] | None = None


def keep_between_rebuilds(keep: bool) -> None:
    """Called at the start of the process: whether its builds are the rebuilds of `mkdocs serve --dirty`."""
    global _held
    if not keep:
        _held = None
    elif _held is None:
        _held = {}


def held(name: str, make: Callable):
    """While serving --dirty, the value made for name by the first build of this process; else None."""
    if _held is None:
        return None
    if name not in _held:
        _held[name] = make()
    return _held[name]


class Remade:
    """Values by key as the last build made them; each build keeps only the ones it asked for."""

    def __init__(self) -> None:
        self._last: dict = {}
        self._now: dict = {}

    def start(self) -> None:
        """A new build: what the last one made can be taken once more; what it does not take is let go after it."""
        self._last, self._now = self._now, {}

    def get(self, key, make: Callable):
        value = self._now.get(key, _MISSING)
        if value is _MISSING:
            value = self._last.get(key, _MISSING)
            if value is _MISSING:
                value = make()
            self._now[key] = value
        return value


class WrittenFiles:
    """The files this process wrote, by path: a digest of the content, and the file's size and time after writing.
    A file is the same as written while its size and time are those recorded (nothing else writes the site)."""

    def __init__(self) -> None:
        self._written: dict[Path, tuple[bytes, int, int]] = {}

    def unchanged(self, path: Path, content: str | bytes) -> bool:
        recorded = self._written.get(Path(path))
        return recorded is not None and recorded == (_digest(content), *_stat(path))

    def wrote(self, path: Path, content: str | bytes) -> None:
        self._written[Path(path)] = (_digest(content), *_stat(path))


def _digest(content: str | bytes) -> bytes:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return hashlib.blake2b(data, digest_size=16).digest()


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = os.stat(path)
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)
