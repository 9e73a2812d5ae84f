"""Search index: reuse each page's entries while the page is unchanged, and write the index as plain UTF-8.

Material's search plugin parses every page's HTML and segments its Chinese text with jieba on every
build (about 5 ms a page, plus half a second to load jieba's dictionary), and writes the index with
every Chinese character as a six-byte \\uXXXX escape. The entries of a page depend only on its HTML,
URL, title, tags and the search settings, so a content hash of those finds them in a cache that CI
can keep between builds (.cache/). The index is written entry by entry (write_index), never as one string.
Engine glue lives in speed_hooks.py; this module is plain Python.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

CACHE_FORMAT = 1
INDEX_SETTINGS = ["lang", "separator", "pipeline", "fields"]   # what Material's index file carries
WORD_BREAK = "\u200b"   # what Material puts between the words jieba finds
# How the index file writes a word break: DEL, one byte in UTF-8 where U+200B is three (a seventh of the index),
# and never in page text (YAML refuses it). plan-search.js turns it back before Material's worker reads the index.
WRITTEN_BREAK = "\x7f"
# Characters that already end a word when they are in the search separator (mkdocs.yml): a word break
# next to one of them splits nothing and is only three more bytes in the index.
SEPARATOR_CANDIDATES = " \t\n\u3000-_,:!=[]()\"`/，。、；：？！“”‘’（）《》【】…—·"


def fingerprint(settings: dict, dictionary_files: list[str], versions: list[str], words: list[str]) -> str:
    """What every page's entries also depend on: search settings, jieba dictionaries, package versions, and
    the words added to jieba for this build (kindergarten names and aliases, data/search-words.yml)."""
    parts = [CACHE_FORMAT, settings, versions, words]
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode())
    for name in dictionary_files:
        digest.update(Path(name).read_bytes() if name and Path(name).is_file() else b"-")
    return digest.hexdigest()


def page_key(url: str, html: str, title: str, meta: dict, settings: str) -> str:
    """Content hash of everything a page's search entries are made from."""
    parts = [url, title, meta.get("title"), meta.get("tags"), meta.get("search"), settings]
    digest = hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode())
    digest.update(html.encode("utf-8"))
    return digest.hexdigest()


def separator_chars(separator: str) -> str:
    """The candidate characters that the search separator (a regular expression) splits on."""
    pattern = re.compile(separator)
    return "".join(c for c in SEPARATOR_CANDIDATES if pattern.fullmatch(c))


def redundant_breaks(chars: str) -> re.Pattern:
    """Word breaks next to a separator character (or to each other)."""
    if not chars:
        return re.compile(f"(?<={WORD_BREAK}){WORD_BREAK}")
    group = "[" + re.escape(chars + WORD_BREAK) + "]"
    return re.compile(f"{WORD_BREAK}(?={group})|(?<={group}){WORD_BREAK}")


def page_entries(entries: list[dict], breaks: re.Pattern) -> list[dict]:
    """A page's entries, trimmed; its tags only on its first entry (the page itself).

    Material copies a page's tags into the entry of every section; a search for a tag then lists
    each section of the page. Once, on the page's entry, finds the page, at a tenth of the bytes.
    """
    trimmed = [trim_entry(entry, breaks) for entry in entries]
    return trimmed[:1] + [{k: v for k, v in entry.items() if k != "tags"} for entry in trimmed[1:]]


def trim_entry(entry: dict, breaks: re.Pattern) -> dict:
    """The entry with redundant word breaks removed from its title and text; words stay split the same."""
    return {**entry, **{k: breaks.sub("", entry[k]) for k in ("title", "text") if isinstance(entry.get(k), str)}}


def merge(previous: list[dict], rebuilt: list[dict], rebuilt_pages: set[str], pages: set[str]) -> list[dict]:
    """After a dirty rebuild: earlier entries of pages that still exist and were not rebuilt, then the new.

    (Material's own merge assumes one rebuilt page and, when it is the home page, whose URL is a
    prefix of every other, drops the entries of every other page.)
    """
    kept = [e for e in previous if page_of(e) in pages and page_of(e) not in rebuilt_pages]
    return kept + rebuilt


def page_of(entry: dict) -> str:
    return entry["location"].split("#", 1)[0]


def index_json(config: dict, entries: list[dict]) -> str:
    """search_index.json as Material writes it, but with Chinese as UTF-8, not \\uXXXX escapes (half the bytes),
    and word breaks as WRITTEN_BREAK."""
    return "".join(index_parts(config, docs_text(entries)))


def write_index(path: Path, parts: Iterable[str]) -> None:
    """Write the index part by part (index_parts): the index as one string, and then its bytes, was the largest
    thing a build held (40 MB at 1,000 plans, at its very end)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as file:
        file.writelines(parts)


def index_parts(config: dict, docs: Iterable[str]) -> Iterator[str]:
    """The index's text in parts: its settings, then the text of its entries (docs_text), joined to exactly what
    one json.dumps of the whole would give."""
    settings = {key: config[key] for key in INDEX_SETTINGS}
    yield f'{{"config":{_compact_json(settings)},"docs":['
    yield from docs
    yield "]}"


def docs_text(entries: Iterable[dict], before: int = 0) -> Iterator[str]:
    """Entries as the index's list of them writes them, one part each, after `before` entries written already."""
    for number, entry in enumerate(entries, start=before):
        yield f",{_compact_json(entry)}" if number else _compact_json(entry)


class WrittenEntries:
    """The index's entries written to a temporary file as each page is indexed, read back only to write the
    index: none is held to the end of the build (10 MB at 1,000 plans, where a first build peaks)."""

    def __init__(self):
        self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self.count = 0

    def add(self, entries: list[dict]) -> None:
        self.file.writelines(docs_text(entries, self.count))
        self.count += len(entries)

    def docs(self) -> Iterator[str]:
        """The text of every entry added, in order, in chunks; then the file is gone."""
        self.file.seek(0)
        yield from iter(lambda: self.file.read(1 << 16), "")
        self.file.close()


def _compact_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).replace(WORD_BREAK, WRITTEN_BREAK)


def read_index(text: str) -> dict:
    """A written search_index.json as Material's worker gets it (word breaks as U+200B again, as plan-search.js does)."""
    return json.loads(text.replace(WRITTEN_BREAK, WORD_BREAK))


# Pages that list plans (the plan index, the calendar, the tags and each tag's page, each kindergarten's
# page, open data) repeat the plans' own text; search should lead to the plan itself.
LISTING_MACROS = ("plan_index", "kindergarten_index", "kindergarten_page", "activity_calendar", "tag_index", "tag_page",
                  "open_data")
LISTING_MARKS = re.compile(r"\{\{-?\s*(?:" + "|".join(LISTING_MACROS) + r")\s*\(|<!--\s*material/tags")


def lists_plans(markdown: str) -> bool:
    """True for a page whose source calls a macro that lists plans, or holds Material's tags listing."""
    return LISTING_MARKS.search(markdown) is not None


def excluded(search) -> dict:
    """A page's `search:` front matter with Material's `exclude: true` added (its other settings kept)."""
    return {**(search if isinstance(search, dict) else {}), "exclude": True}
