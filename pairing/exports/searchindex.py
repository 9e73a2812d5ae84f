"""The site's search index: small files a reader's browser fetches only when it searches, and only those that
the query needs, so that a site of 10,000 plans searches on a phone.

What is written under `search/index/` (read by overrides/assets/javascripts/workers/site-search.js, which is
told the number of shards by the page: search-setup.js's data-shards):
  head.json      {"version", "shards", "docs"}: how many shard files there are and how many documents
  s/<k>.bin      shard k: the posting lists of every token whose FNV-1a hash is k modulo `shards`
  d/<id>.json    document id: {"u": address, "t": title, "p": 1 for a plan, "f": [its names, tags, titles],
                 "b": [its texts in page order]} — what a result shows, and what a term is checked against

Tokens (the same functions run at query time in the engine, so a query is cut exactly as the index was):
  "g" + a character or two characters in a row of a run of letters and digits (ASCII letters in lower case):
      every Chinese word, name or term is found as written, however it is cut; the engine checks each candidate
      against the document's own text, so a query that occurs in no document finds nothing
  "w" + a word: jieba's words (with the kindergarten names and data/search-words.yml in its dictionary) and each
      whole name, tag and title of a plan, for ranking a document that has the term as a word or as one of its
      names first

A posting list is, for each document that has the token, in id order: the id's distance from the previous id
(unsigned LEB128), then one byte: how often the token occurs (at most 127), plus 128 when it is in the
document's names, tags or titles. A shard entry is: the token's UTF-8 length (LEB128), the token, the posting
list's byte length (LEB128), the posting list. Entries are sorted by token.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from operator import add
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from .jsontext import compact_json

if TYPE_CHECKING:
    from ..content.plans import Plan

INDEX_DIR = "search/index"
VERSION = 1
# The number of shard files is fixed before the pages are made (the pages name it), from the number of documents:
# a power of two, about one for every DOCS_PER_SHARD documents (a document gives about 4 KB of postings, so a
# shard holds about 8 KB: a query fetches one shard a token, its own tokens' lists and little else).
DOCS_PER_SHARD = 2
MIN_SHARDS, MAX_SHARDS = 16, 65_536
FIELD_FLAG = 128
MOST_COUNTED = 127
FNV_OFFSET, FNV_PRIME = 0x811C9DC5, 0x01000193


@dataclass
class SearchDoc:
    url: str                 # the page's address under the site, e.g. plans/dongyuan-pairing/
    title: str
    is_plan: bool
    fields: list[str]        # names, aliases, tags, titles: a plan's short facts (empty for other pages)
    blocks: list[str]        # every text of the page, in order


# Functions: the documents
def plan_doc(plan: Plan, kindergartens: dict, url: str) -> SearchDoc:
    """A plan as search knows it: its facts as fields (title, original title, each party's name and aliases,
    tags) and every text its page shows, in order (the period, then each section's heading and texts)."""
    # Why imported here: the index's process (exports/indexprocess.py) imports this module, and needs no views.
    from ..shaping import views

    data = plan.record()
    fields = [data["title"], *([data["original_title"]] if "original_title" in data else [])]
    for party in data["parties"]:
        record = kindergartens[party["kindergarten"]]
        fields += [record["name"], *record.get("aliases", [])]
    fields += data.get("tags", [])
    blocks = [views.period_text(data)] if views.period_text(data) else []
    for section in views.sections_view(data):
        blocks += [section["heading"]] if section["heading"] else []
        blocks += views.section_texts(section)
    return SearchDoc(url, data["title"], True, list(dict.fromkeys(fields)), blocks)


def page_doc(url: str, title: str, text: str) -> SearchDoc:
    """A page that is not a plan (a guide): its title and its text, one block a line."""
    return SearchDoc(url, title, False, [], [line.strip() for line in text.split("\n") if line.strip()])


# Functions: tokens (site-search-engine.js has the same)
def lower(text: str) -> str:
    """ASCII letters in lower case, every other character as it is (so the engine's result is the same)."""
    return text.translate(ASCII_LOWER)


ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


# A letter or a digit of any script: Python's \w without the underscore is exactly Unicode's L and N categories
# (tests/exports/test_searchindex.py checks every code point), as the engine's /[\p{L}\p{N}]+/u.
RUN = re.compile(r"[^\W_]+")


def runs(text: str) -> list[str]:
    """The runs of letters and digits in a text; anything else (spaces, punctuation) ends a run."""
    return RUN.findall(lower(text))


def grams(run: str) -> Iterable[str]:
    """Each character of a run, and each two characters in a row."""
    yield from run
    yield from map(add, run, run[1:])


def shard_of(token: str, shards: int) -> int:
    """FNV-1a (32 bits) of the token's UTF-8 bytes, modulo the number of shards."""
    value = FNV_OFFSET
    for byte in token.encode("utf-8"):
        value = ((value ^ byte) * FNV_PRIME) & 0xFFFFFFFF
    return value % shards


def leb128(number: int) -> bytes:
    out = bytearray()
    while True:
        byte = number & 0x7F
        number >>= 7
        if number:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def doc_tokens(doc: SearchDoc, cut) -> dict[str, int]:
    """Every token of a document with its posting byte (count, plus FIELD_FLAG when a field has it)."""
    values = list(dict.fromkeys([doc.title, *doc.fields]))
    field_grams, body_grams, field_words, cuts = Counter(), Counter(), Counter(lower(value) for value in values), Counter()
    for value in values:
        for run in runs(value):
            field_grams.update(grams(run))
    for block in doc.blocks:
        for run in runs(block):
            body_grams.update(grams(run))
        cuts.update(cut(block))
    words = Counter()
    for word, count in cuts.items():   # each distinct word checked once (a plan has a few hundred, cut 1,000s of times)
        if len(word) > 1 and RUN.fullmatch(word):
            words[lower(word)] += count
    tokens = {}
    for prefix, in_fields, rest in (("g", field_grams, body_grams), ("w", field_words, words)):
        for token, count in (in_fields + rest).items():
            tokens[prefix + token] = min(count, MOST_COUNTED) | (FIELD_FLAG if token in in_fields else 0)
    return tokens


def jieba_cut(text: str) -> list[str]:
    """jieba's words of a text, with the words the plugin added to its dictionary (site.search.use_words)."""
    import jieba

    return list(jieba.cut(text))


# The writer
@dataclass
class IndexWriter:
    """Builds the index one document at a time: each document's file is written as it comes, its postings
    appended to their tokens' lists (bytes, not objects), and the shards written by finish()."""
    site_dir: Path
    shards: int
    cut: object = jieba_cut
    postings: dict[str, bytearray] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    docs: int = 0

    def add(self, doc: SearchDoc) -> None:
        number = self.docs
        self.docs += 1
        record = {"u": doc.url, "t": doc.title, "p": int(doc.is_plan), "f": doc.fields, "b": doc.blocks}
        write(self.site_dir / INDEX_DIR / "d" / f"{number}.json", compact_json(record))
        postings, last = self.postings, self.last
        for token, byte in doc_tokens(doc, self.cut).items():
            listing = postings.get(token)
            if listing is None:
                listing = postings[token] = bytearray()
                gap = number
            else:
                gap = number - last[token]
            last[token] = number
            if gap < 0x80:   # one byte, as leb128 writes it (most gaps: a common token is in most documents)
                listing.append(gap)
            else:
                listing += leb128(gap)
            listing.append(byte)

    def finish(self) -> None:
        """Write the shards and head.json."""
        shards = self.shards
        entries: list[list[str]] = [[] for _ in range(shards)]
        for token in self.postings:
            entries[shard_of(token, shards)].append(token)
        folder = self.site_dir / INDEX_DIR / "s"
        folder.mkdir(parents=True, exist_ok=True)
        for number, tokens in enumerate(entries):
            out = bytearray()
            for token in sorted(tokens, key=lambda t: t.encode("utf-8")):
                name, listing = token.encode("utf-8"), self.postings[token]
                out += leb128(len(name)) + name + leb128(len(listing)) + listing
            (folder / f"{number}.bin").write_bytes(bytes(out))
        head = {"version": VERSION, "shards": shards, "docs": self.docs}
        write(self.site_dir / INDEX_DIR / "head.json", compact_json(head))
        self.postings.clear()
        self.last.clear()


def shard_count(documents: int) -> int:
    """How many shard files an index of this many documents has."""
    shards = MIN_SHARDS
    while shards < MAX_SHARDS and shards * DOCS_PER_SHARD < documents:
        shards *= 2
    return shards


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
