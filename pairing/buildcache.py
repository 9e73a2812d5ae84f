"""Results kept between builds in .cache/ (CI can keep the folder), found again by a hash of their inputs.

A plan that did not change gives the same search entries, QR code and calendar file as in the last build;
making them again is most of what a rebuild of an unchanged site costs. Each kind of result is one JSON
file, valid only for the `settings` it was written with (for the pure functions below: pairing's own code
and the versions of the libraries they use), so a change of code or library starts that file afresh.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Iterator, TextIO

CACHE_DIR = Path(".cache")
LIBRARIES = ["segno", "icalendar", "jsonschema", "PyYAML", "Jinja2", "Markdown"]

# The stores of the current build, by name; empty outside a build (then nothing is cached).
_open: dict[str, "Store"] = {}
# `mkdocs serve --dirty`: stores opened with store() stay open from one rebuild to the next, by file.
_held: dict[Path, "Store"] = {}
_keeping = {"open": False}


class Store:
    """Values by key, read from one JSON file; saving keeps what this build used, so the file does not grow.

    written_as_made: a new value goes to a temporary file at once, not kept in memory (`mkdocs build` makes
    every page's search entries in a first build, 10 MB at 1,000 plans); get() then finds it only in the file
    read at the start, and saving keeps no unused values."""

    def __init__(self, path: Path, settings: str, written_as_made: bool = False):
        self.path, self.settings = path, settings
        self.known = read_store(path, settings)
        self.used: dict[str, object] = {}
        self.made = tempfile.TemporaryFile("w+", encoding="utf-8", newline="") if written_as_made else None

    def get(self, key: str):
        value = self.used.get(key, self.known.get(key))
        if value is not None:
            self.used[key] = value
        return value

    def put(self, key: str, value) -> None:
        if self.made is None:
            self.used[key] = value
        else:
            self.made.write(f",{compact_json(key)}:{compact_json(value)}")

    def save(self, keep_unused: bool = False) -> None:
        """Write the values this build used (and, after a partial rebuild, the others too)."""
        if self.made is not None:
            if self.made.tell() or self.used != self.known:
                write_atomic_parts(self.path, store_parts(self.settings, self.used, self.made))
            return
        kept = {**self.known, **self.used} if keep_unused else self.used
        if kept != self.known:
            write_atomic(self.path, {"settings": self.settings, "pages": kept})


def store_parts(settings: str, used: dict, made: TextIO) -> Iterator[str]:
    """A store's file in parts, as write_atomic would write it: the values used, then those written as made."""
    yield f'{{"settings":{compact_json(settings)},"pages":{{'
    for number, (key, value) in enumerate(used.items()):
        yield f",{compact_json(key)}:{compact_json(value)}" if number else f"{compact_json(key)}:{compact_json(value)}"
    made.seek(0)
    # Why: each value made starts with a comma, which only follows a value before it.
    yield made.read(1) if used else made.read(1)[1:]
    yield from iter(lambda: made.read(1 << 16), "")
    made.close()
    yield "}}"


def compact_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def read_store(path: Path, settings: str) -> dict:
    """The stored values, or nothing when the file is missing, unreadable or for other settings."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("settings") != settings or not isinstance(data.get("pages"), dict):
        return {}
    return data["pages"]


def write_atomic(path: Path, data) -> None:
    """Write data as JSON via a temporary file, so an interrupted build never leaves half a cache.
    Streamed: at 1,000 plans the search cache is 10 MB, and one string of it would raise the build's peak memory."""
    write_atomic_parts(path, json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).iterencode(data))


def write_atomic_parts(path: Path, parts: Iterable[str]) -> None:
    """Write text given in parts via a temporary file (see write_atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as file:
        file.writelines(parts)
    os.replace(temporary, path)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """pairing's code, schema and templates, and the versions of the libraries it uses."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent
    templates = package.parent / "overrides" / "partials" / "plan"
    for path in sorted([*package.glob("*.py"), *package.glob("*.yml"), *templates.glob("*.html")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(" ".join(metadata.version(name) for name in LIBRARIES).encode())
    return digest.hexdigest()


def open_stores(project_dir: Path, names: list[str], reuse: bool = False) -> None:
    """Start a build: the named stores, read from project_dir/.cache/, serve the functions marked kept().
    reuse: keep the stores already open for the same files and code (`serve --dirty` saves them at the end)."""
    fingerprint, kept = code_fingerprint(), dict(_open) if reuse else {}
    _open.clear()
    for name in names:
        path, store = project_dir / CACHE_DIR / f"{name}.json", kept.get(name)
        _open[name] = store if store is not None and (store.path, store.settings) == (path, fingerprint) else Store(path, fingerprint)


def save_stores(partial: bool = False) -> None:
    for store in _open.values():
        store.save(keep_unused=partial)
    # Why not keep_unused: every build loads every page, so what the rebuilds used is all the site still has.
    for store in _held.values():
        store.save()


def close_store(name: str) -> None:
    """Save one store now and let go of its values, once the build has made everything it keeps; its
    function then works uncached for the rest of the build. While stores are kept open, it stays open."""
    if _keeping["open"]:
        return
    store = _open.pop(name, None)
    if store is not None:
        store.save()


def keep_open(keep: bool = True) -> None:
    """From now on in this process, stores are read once and saved by save_stores, not in each build
    (`mkdocs serve --dirty`: each save rebuilds, and reading and writing the check cache was 0.1–0.2 s of it)."""
    _keeping["open"] = keep
    if not keep:
        _held.clear()


def store(path: Path, settings: str) -> Store:
    """The store in path for these settings; while stores are kept open, the one an earlier build opened."""
    if not _keeping["open"]:
        return Store(path, settings)
    held = _held.get(path)
    if held is None or held.settings != settings:
        held = _held[path] = Store(path, settings)
    return held


def finish(store: Store) -> None:
    """A build is done with a store from store(): saved now, or, while stores are kept open, by save_stores."""
    if not _keeping["open"]:
        store.save()


def kept(name: str) -> Callable:
    """Keep a pure function's results (JSON values, from JSON arguments) in the store `name` between builds."""
    def decorate(function: Callable) -> Callable:
        @functools.wraps(function)
        def cached(*args):
            store = _open.get(name)
            if store is None:
                return function(*args)
            key = call_key(function.__qualname__, args)
            value = store.get(key)
            if value is None:
                value = function(*args)
                store.put(key, value)
            return value
        return cached
    return decorate


def call_key(name: str, args: tuple) -> str:
    text = json.dumps([name, args], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
