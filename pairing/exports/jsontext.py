"""JSON as the site publishes it: compact, Chinese as UTF-8, no character raw that could reorder or break a line.
A leaf module (the standard library only): the search index's process imports it without the plan machinery."""

from __future__ import annotations

import json
import re

# Code points json.dumps(ensure_ascii=False) writes raw that no published file carries raw: DEL and the C1
# controls, the bidirectional controls (they reorder what a reader sees of the text around them), and the line and
# paragraph separators (not allowed raw in a JavaScript string before ES2019: plan_index_data.js embeds this JSON).
# json.dumps itself escapes U+0000–U+001F. Structural JSON is ASCII, so these occur only inside strings, where
# \uXXXX is the same value.
UNSAFE_IN_JSON = re.compile("[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_unsafe(text: str) -> str:
    """JSON text with every UNSAFE_IN_JSON code point written as its \\uXXXX escape (an equivalent document)."""
    return UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def compact_json(value) -> str:
    """One JSON value on one line, Chinese as UTF-8: every compact JSON file of the site is written by this.
    No control, bidirectional or line-separator character is written raw (UNSAFE_IN_JSON)."""
    return escape_unsafe(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
