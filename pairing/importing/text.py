"""Read a text file (.txt, .md) into blocks: its encoding found (UTF-8, with or without BOM, else GB18030, which
includes GBK), one block per non-empty line, and the document split into plans where the source separates them."""

from __future__ import annotations

import re
from pathlib import Path

from .blocks import Block

ENCODINGS = ("utf-8-sig", "gb18030")
# Where a new plan starts in a text of several: a title line "篇2：…" / "第二篇", or a line the text indents by one
# space (the seed file's separator: no other line starts with a space).
PLAN_TITLE = re.compile(r"^\s*(篇[0-9一二三四五六七八九十]+|第[0-9一二三四五六七八九十]+篇)[：:\s]")
INDENTED_START = re.compile(r"^[ \u3000](?=\S)")


class TextError(Exception):
    """A text file that cannot be read; its message is Chinese."""


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in (UTF-8 first; GB18030 reads every GBK file as GBK does)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TextError("文件编码无法识别（不是 UTF-8，也不是 GBK/GB18030），请用记事本“另存为”UTF-8 后再导入")


def read_text(path: Path) -> tuple[list[Block], str]:
    """The file's non-empty lines as blocks (line numbers of the file), and its encoding."""
    text, encoding = decode(path.read_bytes())
    blocks = [Block(text=line, line=number) for number, line in enumerate(text.splitlines(), start=1) if line.strip()]
    return blocks, encoding


def split_plans(blocks: list[Block]) -> list[list[Block]]:
    """The blocks of each plan: a new plan starts at a title line or at a line indented by one space."""
    plans: list[list[Block]] = []
    for block in blocks:
        starts = bool(PLAN_TITLE.match(block.text) or INDENTED_START.match(block.text))
        if not plans or (starts and plans[-1]):
            plans.append([])
        plans[-1].append(block)
    return plans
