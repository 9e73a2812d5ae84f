"""What a document reader gives: the document's paragraphs and tables in order, each paragraph's text exactly as
a reader sees it (a Word list's automatic number included, as `number`)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    text: str = ""                      # the paragraph's text as written (without an automatic number)
    number: str = ""                    # the automatic number Word or WPS shows before it ("1.", "（一）"), or ""
    heading_level: int | None = None    # 1–9 when the paragraph has a heading style (标题 1, Heading 2…)
    rows: list[list[str]] = field(default_factory=list)   # a table: its rows of cell texts (text is then "")
    line: int = 0                       # where it is in the source: a line of a text file, a paragraph of a .docx

    @property
    def is_table(self) -> bool:
        return bool(self.rows)

    @property
    def seen(self) -> str:
        """The paragraph as a reader sees it: its automatic number, then its text."""
        return f"{self.number}{self.text}"
