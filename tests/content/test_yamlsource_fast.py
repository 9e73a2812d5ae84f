"""The libyaml fast path of yamlsource.parse gives the same data, positions and problems as pure Python."""

from pathlib import Path

import pytest
import yaml

from pairing.content import yamlsource

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "docs" / "plans").glob("*.md"))


def both_ways(text: str, monkeypatch):
    fast = yamlsource.parse(text, "x.md", line_offset=1)
    monkeypatch.setattr(yamlsource, "FAST_LOADER", None)
    slow = yamlsource.parse(text, "x.md", line_offset=1)
    return fast, slow


def test_libyaml_is_available():
    # The speed-up needs PyYAML built with libyaml (the PyPI wheels are); say so if it is missing.
    assert yamlsource.FAST_LOADER is yaml.CSafeLoader


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_front_matter_reads_the_same(path, monkeypatch):
    front, _, _ = yamlsource.split_front_matter(yamlsource.read_text(path))
    (fast, fast_problems), (slow, slow_problems) = both_ways(front, monkeypatch)
    assert fast.data == slow.data
    assert fast.marks == slow.marks and fast.key_marks == slow.key_marks and fast.scalars == slow.scalars
    assert fast_problems == slow_problems == []


@pytest.mark.parametrize("text", [
    "title: 甲\ntitle: 乙\n",                 # duplicate key: found while indexing nodes
    "title: x\nslug:\tdongyuan-pairing\n",    # tab after a colon: libyaml accepts it, PyYAML does not
    "title: \"未闭合\nslug: a\n",              # syntax error: message from the pure-Python loader
    "title：甲\n",                              # full-width colon
    "date: 2024-13-01\n",                       # impossible date
    "title: 中文 \u3000全角空格\n  slug: a\n",
    # texts YAML would change: libyaml marks a plain text "" where PyYAML marks it None, and both must be found
    "tags: [甲, 乙]\nmonths: [2, 3]\n",       # one-line list: text refused, numbers accepted
    "a: {b: 甲}\n",                            # one-line mapping of text
    "title: 甲\n  乙\n",                       # plain text wrapped over two lines
    "title: \"甲\n  乙\"\n",                   # quoted text wrapped over two lines
    "title: >\n  甲\n  乙\n",                  # folded
    "title: |\n  甲\n  乙\n",                  # literal: kept as written
    "title: 甲 # 备注\nslug: a # note\n",      # a comment after Chinese text, and after ASCII text
    "title: '甲 # 备注'\n",                     # quoted: the # is text
])
def test_problem_cases_read_the_same(text, monkeypatch):
    (fast, fast_problems), (slow, slow_problems) = both_ways(text, monkeypatch)
    assert fast_problems == slow_problems
    assert (fast is None) == (slow is None)
    if fast is not None:
        assert fast.data == slow.data and fast.marks == slow.marks


@pytest.mark.parametrize("text, expected", [
    ("tags: [甲, 乙]\nmonths: [2, 3]\n", [(2, 7, yamlsource.FLOW_TEXT)]),
    ("title: 甲\n  乙\n", [(2, 8, yamlsource.WRAPPED_TEXT)]),
    ("title: >\n  甲\n", [(2, 8, yamlsource.WRAPPED_TEXT)]),
    ("title: 甲 # 备注\nslug: a # note\n", [(2, 8, yamlsource.COMMENT_CUT)]),
    ("title: |\n  甲\n  乙\n", []),
])
def test_both_loaders_find_the_texts_yaml_would_change(text, expected, monkeypatch):
    (_, fast_problems), (_, slow_problems) = both_ways(text, monkeypatch)
    assert [(p.line, p.column, p.message) for p in fast_problems] == expected
    assert fast_problems == slow_problems
