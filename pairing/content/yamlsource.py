"""Read YAML (front matter or data files) keeping the line and column of every node.

PyYAML is used with its safe loader; we keep the composed node tree so that every
schema problem can point at the line the editor has to fix.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Callable

import yaml

from .problems import Problem, field_path

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
# libyaml's loader when PyYAML was built with it (the wheels are): the same nodes, marks and values, faster.
FAST_LOADER = getattr(yaml, "CSafeLoader", None)
NON_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
FULL_WIDTH_KEY = re.compile(r"^\s*-?\s*[A-Za-z_][A-Za-z0-9_]*\s*：")
# Bounds on a document's shape (a plan needs far less): each is checked on the parser's events, one pass, before
# anything is built from them, so no input can make loading slow or deep.
MAX_DEPTH = 12          # nested lists and mappings
MAX_NODES = 20_000      # values, lists and mappings in one document (a plan)
# The kindergartens' list grows with the site (a province has tens of thousands): still bounded, as reading it is
# linear (no aliases), but by what a national list needs.
DATA_MAX_NODES = 2_000_000
MAX_KEY_LENGTH = 64     # characters of a field name


@dataclass
class Source:
    """A parsed YAML document with the position of each value, by path."""

    data: object
    marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[tuple, str] = field(default_factory=dict)
    key_marks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    line_offset: int = 0
    reread: Callable[[], str] | None = None   # set by compact(): gives the text again when positions are needed

    def compact(self, reread: Callable[[], str]) -> Source:
        """Where the values are, and nothing else: neither the data (its owner keeps that, as it needs) nor the
        positions, which are most of a checked plan's memory (1,000 plans: over 100 MB); where() finds them
        again in the text reread() gives, which is needed only to report a problem."""
        return Source(None, line_offset=self.line_offset, reread=reread)

    def _read_positions(self) -> None:
        if self.reread is not None:
            again, _ = parse(self.reread(), "", line_offset=self.line_offset)
            self.marks, self.scalars, self.key_marks, self.reread = again.marks, again.scalars, again.key_marks, None

    def where(self, path: tuple) -> tuple[int, int]:
        """1-based (line, column) in the file of the value at path, or of its nearest parent."""
        self._read_positions()
        while path not in self.marks and path:
            path = path[:-1]
        return self.shift(self.marks.get(path, (0, 0)))

    def where_key(self, path: tuple) -> tuple[int, int]:
        """1-based (line, column) of the key that names the value at path."""
        self._read_positions()
        # Why the text too: a key YAML reads as a number (1: 一) is indexed by the text it was written as.
        for candidate in (path, path[:-1] + (str(path[-1]),) if path else path):
            if candidate in self.key_marks:
                return self.shift(self.key_marks[candidate])
        return self.where(path)

    def shift(self, mark: tuple[int, int]) -> tuple[int, int]:
        return mark[0] + 1 + self.line_offset, mark[1] + 1


def read_text(path) -> str:
    """UTF-8, accepting a byte-order mark (Windows editors add one)."""
    return path.read_bytes().decode("utf-8-sig")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter, body, line where the body starts, 1-based)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    body_line = text[: match.end()].count("\n") + 1
    return match.group(1) or "", text[match.end():], body_line


def parse(text: str, file: str, line_offset: int = 0,
          label: Callable[[tuple], str] = field_path, max_nodes: int = MAX_NODES) -> tuple[Source | None, list[Problem]]:
    """Parse one YAML document; on a syntax error return a Chinese problem instead. label names a field in
    messages (the schema's Chinese titles, given by the caller that knows the schema)."""
    shape = shape_problems(text, file, line_offset, max_nodes)
    if shape:
        return None, shape
    node, data = _load_fast(text)
    if node is None:
        try:
            loader = yaml.SafeLoader(text)
        except yaml.reader.ReaderError as error:
            # Why: a control character stops PyYAML before any mark exists; say where it is.
            line = text.count("\n", 0, error.position) + 1 + line_offset
            return None, [Problem(file, line, 1, "", f"文字中有不可见的控制字符 U+{error.character:04X}，请删除")]
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        except yaml.MarkedYAMLError as error:
            return None, [_syntax_problem(error, text, file, line_offset)]
        except (ValueError, TypeError, OverflowError):
            # Why: PyYAML raises plain errors for values such as the impossible date 2024-13-01.
            return None, [_impossible_value(node, file, line_offset)]
        finally:
            loader.dispose()
    source = Source(_shared_keys(data), line_offset=line_offset)
    problems: list[Problem] = []
    if node is not None:
        _index(node, (), source, problems, file, label)
        problems += text_changing_problems(node, text, file, line_offset)
    return source, problems


# Why: each of these YAML forms gives back a text other than the one written, without any error: a one-line
# list [a, b] splits its text at every half-width comma; a text wrapped over lines (plain, quoted or folded >)
# gets a space for every line break; a " #" in plain text starts a comment and the rest of the line is gone.
FLOW_TEXT = "一行 [ ] 或 { } 里的文字会在每个半角逗号处被拆开；请把每一项单独写一行，以“- ”开头"
WRAPPED_TEXT = ("这段文字分成了几行：换行会被读成空格（中文里会多出空格）。请写在一行里；"
                "要分段的话，在冒号后写 | 再换行，每段一行并比字段名多缩进两个空格")
COMMENT_CUT = "“ #”和后面的文字会被当作注释丢掉；请给整段文字加上引号"
PLAIN_COMMENT = re.compile(r"[ \t]+#")


def text_changing_problems(root, text: str, file: str, line_offset: int) -> list[Problem]:
    """Every text value written in a form that YAML reads as something else than what it says."""
    lines, problems = text.splitlines(), []

    def report(node, message: str) -> None:
        mark = node.start_mark
        problems.append(Problem(file, mark.line + 1 + line_offset, mark.column + 1, "", message))

    def visit(node) -> None:
        if isinstance(node, yaml.ScalarNode):
            if node.tag != "tag:yaml.org,2002:str":
                return
            style = node.style or None   # libyaml's plain style is "", PyYAML's None
            wrapped = node.start_mark.line != node.end_mark.line and style in (None, "'", '"')
            if style == ">" or wrapped:
                return report(node, WRAPPED_TEXT)
            end = node.end_mark
            if style is None and end.line < len(lines) and PLAIN_COMMENT.match(lines[end.line][end.column:]):
                if not node.value.isascii():
                    report(node, COMMENT_CUT)
        elif isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            children = node.value if isinstance(node, yaml.SequenceNode) else [value for _, value in node.value]
            if node.flow_style and any(_has_text(child) for child in children):
                return report(node, FLOW_TEXT)
            for child in children:
                visit(child)

    visit(root)
    return problems


def shape_problems(text: str, file: str, line_offset: int = 0, max_nodes: int = MAX_NODES) -> list[Problem]:
    """Anchors and aliases (& and *), and documents nested too deep, too large or with too long a field name,
    found on the parser's events before any value is built. A syntax error is left to the loader's message."""
    loader = (FAST_LOADER if FAST_LOADER is not None and "\t" not in text and not NON_PRINTABLE.search(text)
              else yaml.SafeLoader)
    depth, nodes, expecting_key = 0, 0, []

    def problem(event, message: str) -> list[Problem]:
        return [Problem(file, event.start_mark.line + 1 + line_offset, event.start_mark.column + 1, "", message)]

    try:
        for event in yaml.parse(text, Loader=loader):
            # Why: an alias repeats a value without writing it out; a few hundred bytes can stand for gigabytes.
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return problem(event, "不支持锚点和别名写法（& 和 *），请把内容直接写出来")
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.ScalarEvent)):
                nodes += 1
                if nodes > max_nodes:
                    return problem(event, f"内容太多（超过 {max_nodes} 项），请检查是否误粘贴了大量内容")
                if expecting_key and expecting_key[-1] and isinstance(event, yaml.ScalarEvent) and len(event.value) > MAX_KEY_LENGTH:
                    return problem(event, f"字段名太长（超过 {MAX_KEY_LENGTH} 个字符）；文字内容请写在冒号后面")
                if expecting_key:
                    expecting_key[-1] = not expecting_key[-1] if expecting_key[-1] is not None else None
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return problem(event, f"层级太深（超过 {MAX_DEPTH} 层），请检查括号和缩进")
                expecting_key.append(True if isinstance(event, yaml.MappingStartEvent) else None)
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
                expecting_key.pop()
    except yaml.YAMLError:
        return []
    return []


def _has_text(node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.tag == "tag:yaml.org,2002:str" and node.value != ""
    children = node.value if isinstance(node, yaml.SequenceNode) else [value for _, value in node.value]
    return any(_has_text(child) for child in children)


def _shared_keys(value):
    """The value with every mapping key interned."""
    # Why: plans repeat the same few dozen keys (role, months, activities…) a hundred times each; as the
    # loader's own strings they were a fifth of a loaded plan's memory (6 MB at 1,000 plans).
    if isinstance(value, dict):
        return {sys.intern(key) if isinstance(key, str) else key: _shared_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shared_keys(item) for item in value]
    return value


def _load_fast(text: str) -> tuple:
    """(node, data) from libyaml, about ten times faster; (None, None) when it is missing or objects.
    Anything libyaml objects to, or reads differently from the pure-Python loader (tabs, which libyaml
    accepts after a colon; non-printable characters), goes through the pure-Python loader, whose
    messages are the ones explained below."""
    if FAST_LOADER is None or "\t" in text or NON_PRINTABLE.search(text):
        return None, None
    loader = FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError):
        return None, None
    finally:
        loader.dispose()


def _index(node, path: tuple, source: Source, problems: list[Problem], file: str,
           label: Callable[[tuple], str] = field_path) -> None:
    source.marks[path] = (node.start_mark.line, node.start_mark.column)
    if isinstance(node, yaml.ScalarNode):
        source.scalars[path] = node.value
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            _index(child, path + (index,), source, problems, file, label)
    elif isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            key_mark = (key_node.start_mark.line, key_node.start_mark.column)
            # Why: PyYAML keeps only the last of two equal keys, silently losing the first.
            if key in seen:
                problems.append(Problem(file, *source.shift(key_mark), label(path + (key,)),
                                        f"字段 {key} 重复出现，只能写一次"))
            seen.add(key)
            source.key_marks[path + (key,)] = key_mark
            _index(value_node, path + (key,), source, problems, file, label)


def _impossible_value(root, file: str, line_offset: int) -> Problem:
    for node in _scalars(root):
        if node.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(node)
            except (ValueError, TypeError, OverflowError):
                mark = node.start_mark
                return Problem(file, mark.line + 1 + line_offset, mark.column + 1, "",
                               f"{node.value} 不是存在的日期；如果是文字，请加引号：\"{node.value}\"")
    return Problem(file, line_offset + 1, 1, "", "有无法读取的值，请检查日期和数字")


def _scalars(node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, file: str, line_offset: int) -> Problem:
    # An unclosed quote, [ or { is noticed only at the end: point at where it was opened instead.
    opens = any(word in (error.context or "") for word in ("quoted scalar", "flow"))
    mark = (error.context_mark if opens else None) or error.problem_mark or error.context_mark
    line, column = (mark.line, mark.column) if mark else (0, 0)
    lines = text.splitlines()
    # PyYAML often notices a problem on the line after the one that causes it.
    for suspect in (line, line - 1):
        if 0 <= suspect < len(lines) and _looks_mistyped(lines[suspect]):
            return Problem(file, suspect + 1 + line_offset, 1, "", _explain(error, lines[suspect]))
    return Problem(file, line + 1 + line_offset, column + 1, "", _explain(error, ""))


def _looks_mistyped(line: str) -> bool:
    """A tab, a full-width space, or a full-width colon after a field name."""
    return "\t" in line or "\u3000" in line or is_full_width_key_line(line)


def _explain(error: yaml.MarkedYAMLError, source_line: str) -> str:
    """Turn PyYAML's English message into what a kindergarten editor can act on."""
    problem = (error.problem or "").lower()
    if "\t" in source_line:
        return "格式错误：这一行用了 Tab 键缩进，请改用空格"
    if is_full_width_key_line(source_line) or "\u3000" in source_line:
        return "格式错误：这一行有全角冒号或全角空格，字段名后面要用英文冒号加空格（: ）"
    if "quoted scalar" in (error.context or ""):
        return "格式错误：引号没有配对，请检查这一行的引号是否成对"
    if "could not determine a constructor" in problem or "failed to decode" in problem:
        return "格式错误：不支持以 ! 或 !! 开头的标签写法，请删掉它，只写普通的值"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "格式错误：方括号或花括号没有配对，或其中各项之间少了英文逗号"
    if "mapping values are not allowed" in problem:
        return "格式错误：这里不能出现冒号；文字里含英文冒号时请给整段文字加引号"
    if "expected <block end>" in problem or "did not find expected" in problem:
        return "格式错误：缩进不对齐，同一层的字段要用相同数量的空格缩进"
    return "格式错误：这一行的写法无法识别；文字中有引号、&、*、! 等符号时，请把整段文字用双引号括起来"


def is_full_width_key_line(line: str) -> bool:
    return bool(FULL_WIDTH_KEY.match(line))
