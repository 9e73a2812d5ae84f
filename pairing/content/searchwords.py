"""Search words: the words jieba must keep whole (kindergarten names and data/search-words.yml).

Material's search plugin cuts Chinese text with jieba; the words here join jieba's dictionary before any
page is indexed, so a kindergarten name or a term of the field is one token in the index.
"""

from __future__ import annotations

import re
from pathlib import Path

from . import yamlsource
from .problems import ContentError, Problem

WORDS_FILE = "search-words.yml"
HAN_WORD = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]{2,}$")


# Functions
def dictionary_words(kindergartens: dict, field_words: list[str]) -> list[str]:
    """Every named kindergarten's name and aliases, then the field's own words; no repeats, in order."""
    names = []
    for kindergarten in kindergartens.values():
        if not kindergarten.get("anonymous"):
            names += [kindergarten["name"], *kindergarten.get("aliases", [])]
    # Why: the search plugin hands jieba only runs of Chinese characters, so "XX县…" can never be one word.
    kept = [word for word in names if HAN_WORD.match(word)]
    return list(dict.fromkeys(kept + field_words))


def load_field_words(data_dir: Path, project_dir: Path) -> list[str]:
    """data/search-words.yml: a list of Chinese words; raise ContentError naming the line of a bad entry."""
    path = data_dir / WORDS_FILE
    shown = path.relative_to(project_dir).as_posix() if path.is_relative_to(project_dir) else str(path)
    if not path.is_file():
        raise ContentError([Problem(shown, 1, 1, "", "找不到搜索词典文件")])
    source, problems = yamlsource.parse(yamlsource.read_text(path), shown)
    if source is not None and not isinstance(source.data, list):
        problems.append(Problem(shown, 1, 1, "", "搜索词典应是一个列表，每行写成“- 词语”"))
    elif source is not None:
        problems += [_word_problem(source, shown, index) for index, word in enumerate(source.data)
                     if not (isinstance(word, str) and HAN_WORD.match(word))]
    if problems:
        raise ContentError(problems)
    return source.data


# Helper functions
def _word_problem(source: yamlsource.Source, shown: str, index: int) -> Problem:
    line, column = source.where((index,))
    return Problem(shown, line, column, f"[{index}]", "搜索词应是至少两个汉字、不含空格和其他字符的词语")
