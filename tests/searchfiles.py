"""Read the site's search index as the browser's engine does (site-search-engine.js): a second reader of the
format pairing/exports/searchindex.py writes, so a test fails when writer and reader disagree."""

from __future__ import annotations

import json
from pathlib import Path

from pairing.exports import searchindex

INDEX = Path("search") / "index"


def number(data: bytes, at: int) -> tuple[int, int]:
    """An unsigned LEB128 number at `at`: (value, position after it)."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def read_shard(data: bytes) -> dict[str, list[tuple[int, int]]]:
    """token → [(document id, posting byte)] of one shard file."""
    tokens, at = {}, 0
    while at < len(data):
        length, at = number(data, at)
        token = data[at:at + length].decode("utf-8")
        at += length
        size, at = number(data, at)
        end, postings, doc = at + size, [], 0
        while at < end:
            gap, at = number(data, at)
            doc += gap
            postings.append((doc, data[at]))
            at += 1
        tokens[token] = postings
    return tokens


def head(site: Path) -> dict:
    return json.loads((site / INDEX / "head.json").read_text(encoding="utf-8"))


def postings(site: Path, token: str) -> list[tuple[int, int]]:
    """The postings of a token, read from the shard its hash names (as the engine looks it up)."""
    shard = searchindex.shard_of(token, head(site)["shards"])
    return read_shard((site / INDEX / "s" / f"{shard}.bin").read_bytes()).get(token, [])


def all_tokens(site: Path) -> dict[str, list[tuple[int, int]]]:
    found = {}
    for path in sorted((site / INDEX / "s").glob("*.bin")):
        found.update(read_shard(path.read_bytes()))
    return found


def documents(site: Path) -> list[dict]:
    """Every document record, by id."""
    count = head(site)["docs"]
    return [json.loads((site / INDEX / "d" / f"{doc}.json").read_text(encoding="utf-8")) for doc in range(count)]


def doc_id(site: Path, url: str) -> int:
    return next(index for index, record in enumerate(documents(site)) if record["u"] == url)


def tokens_of(site: Path, url: str) -> dict[str, int]:
    """token → posting byte, for one document."""
    doc = doc_id(site, url)
    return {token: byte for token, listing in all_tokens(site).items() for found, byte in listing if found == doc}
