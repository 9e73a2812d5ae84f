"""A problem found in an editor's file, reported in Chinese with file, line, column and field."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        """One line, printable: a value quoted in a message (a line break, an escape code) can neither forge a line
        of the report nor steer the terminal."""
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return printable_path(text)


class ContentError(Exception):
    """Raised when content breaks the rules; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    count = len(problems)
    lines = [f"发现 {count} 处问题，网站没有生成：", *(str(p) for p in problems)]
    return "\n".join(lines)


def field_path(parts) -> str:
    """('schedule', 2, 'months', 0) -> 'schedule[2].months[0]'."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def printable_path(path: str) -> str:
    """A path as messages may print it: a character that is not printable (an escape code, a line break, a byte
    that is not UTF-8) is written as its escape, so a file name can neither forge a line nor steer a terminal."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape", "backslashreplace").decode("ascii")
                   for c in path)
