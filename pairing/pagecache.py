"""Written pages kept between builds in .cache/pages.sqlite, found again by a hash of everything they are made from.

After Markdown, a page that is not in the menu is turned into its file by Material's template and then by the
build's own finishing (hooks.py: compacted, chrome slimmed, Content Security Policy; the audit's links and ids).
All of that depends only on the page (address, title, table of contents, front matter, HTML from Markdown),
on what the menu shows from it, on what every page leaves to the shared script (pairing/chrome.py), and on the
site's settings, templates and code (`site_key`). With the same inputs the page comes out the same, so an
unchanged page is taken from here: a rebuild of 1,000 unchanged plans skips about a third of its work.

One SQLite file (Python's own sqlite3): pages are read one at a time as they are written, never all at once.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import zlib
from importlib import metadata
from pathlib import Path

FILE = "pages.sqlite"
FORMAT = "1"
LIBRARIES = ["mkdocs", "mkdocs-material", "Jinja2", "Markdown", "pymdown-extensions", "mkdocs-macros-plugin"]
# Where mkdocs.yml reads the environment (!ENV NAME or !ENV [NAME, default]): the value is part of the settings.
ENV_TAG = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*)")


def site_key(project: Path, shared: list[str]) -> str:
    """What every page may show besides itself: the files in `shared` (settings, templates, code, data; folders
    read whole), the environment variables mkdocs.yml reads, and the versions of the libraries that render."""
    digest = hashlib.sha256(FORMAT.encode())
    for name in shared:
        path = project / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() else []
        for file in files:
            if "__pycache__" not in file.parts:
                digest.update(file.relative_to(project).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    config = project / "mkdocs.yml"
    names = sorted(set(ENV_TAG.findall(config.read_text(encoding="utf-8")))) if config.is_file() else []
    digest.update(json.dumps([[name, os.environ.get(name)] for name in names]).encode())
    digest.update(" ".join(metadata.version(name) for name in LIBRARIES).encode())
    return digest.hexdigest()


def run_key(site: str, settings: dict, menu_titles: list) -> str:
    """site_key with what the running command changes (the settings as it runs them, the menu's titles)."""
    text = json.dumps([site, settings, menu_titles], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def page_key(site: str, url: str, title: str, toc: list, meta: dict, html: str, menu, shared: str) -> bytes:
    """Content hash of one page's inputs: the site's (site_key), its own, what its menu shows, the shared parts."""
    parts = [site, url, title, toc, meta, menu, shared]
    # Why not sort_keys: the same front matter gives its keys in the same order (a different order only misses).
    digest = hashlib.blake2b(json.dumps(parts, ensure_ascii=False, default=str).encode(), digest_size=20)
    digest.update(html.encode("utf-8"))
    return digest.digest()


def toc_outline(toc) -> list:
    """A table of contents (MkDocs' AnchorLinks) as plain lists: level, id, title, children."""
    return [[item.level, item.id, item.title, toc_outline(item.children)] for item in toc]


class PageStore:
    """The pages of earlier builds by key: get() serves one, put() keeps one; commit() after a good build.

    A store that cannot be used (another build holds it, the file is not a database) serves nothing and keeps
    nothing: the build renders every page, as with an empty .cache/."""

    def __init__(self, path: Path):
        self.path, self.db = path, None
        self.served: set[str] = set()   # the URLs of this build's pages that came from here
        self.used: list[bytes] = []      # their keys
        self.build = 0
        for attempt in range(2):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(path, timeout=1)
                self.db.execute("CREATE TABLE IF NOT EXISTS pages (key BLOB PRIMARY KEY, page BLOB, build INTEGER)")
                self.build = (self.db.execute("SELECT MAX(build) FROM pages").fetchone()[0] or 0) + 1
                return
            except sqlite3.DatabaseError as error:
                self.close()
                if attempt or isinstance(error, sqlite3.OperationalError):
                    return   # in use by another build, or cannot be written: none this build
                path.unlink(missing_ok=True)   # not a database (a broken file): start afresh

    def get(self, key: bytes) -> tuple[str, tuple[str, ...], tuple[str, ...]] | None:
        """A page's HTML, its links and its ids, as written in an earlier build; None if not kept."""
        row = self._run("SELECT page FROM pages WHERE key = ?", (key,))
        if row is None:
            return None
        self.used.append(key)
        return decode(row[0])

    def put(self, key: bytes, html: str, links, ids) -> None:
        self._run("INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", (key, encode(html, links, ids), self.build))

    def commit(self, keep_unused: bool) -> None:
        """Keep this build's pages (after a full build, only those: the file does not grow)."""
        if self.db is None:
            return
        try:
            self.db.executemany("UPDATE pages SET build = ? WHERE key = ?", ((self.build, key) for key in self.used))
            if not keep_unused:
                self.db.execute("DELETE FROM pages WHERE build < ?", (self.build,))
            self.db.commit()
        except sqlite3.DatabaseError:
            self.close()
        self.used.clear()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()   # without commit(): what this build added is dropped
            self.db = None

    def _run(self, statement: str, values: tuple):
        if self.db is None:
            return None
        try:
            return self.db.execute(statement, values).fetchone()
        except sqlite3.DatabaseError:
            self.close()
            return None


def encode(html: str, links, ids) -> bytes:
    """The page as UTF-8, then its links and ids as JSON (quicker to read back than the page as a JSON string)."""
    page = html.encode("utf-8")
    return zlib.compress(len(page).to_bytes(4, "little") + page + json.dumps([list(links), list(ids)]).encode(), 1)


def decode(blob: bytes) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    data = zlib.decompress(blob)
    end = 4 + int.from_bytes(data[:4], "little")
    links, ids = json.loads(data[end:])
    return data[4:end].decode("utf-8"), tuple(links), tuple(ids)
