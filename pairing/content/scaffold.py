"""A new plan from a few facts: the facts given, in schema order, and a guide to writing the sections as YAML
comments. A comment is not data: nothing of the guide can reach a page, and until the sections are written
the plan does not pass the checks (no placeholder sentence can be published).

`python -m pairing new` writes plans this way; the form editor writes the same shape in the browser."""

from __future__ import annotations

import yaml

# How to write the sections, as comments under `sections:` in a new plan file (docs/editing.md explains more).
SECTIONS_GUIDE = """\
sections:
  # 按原文的顺序，把正文一节一节写在这里（写好后删掉这些 # 开头的说明行）。每节可有原文的标题，再写一种内容：
  #   paragraphs 段落、list 条目、group 小组成员、timetable 活动安排、signature 落款。例如：
  # - heading: 一、指导思想
  #   paragraphs:
  #     - 原文的第一段。
  # - heading: 二、具体措施
  #   list:
  #     - marker: 1、
  #       text: 原文的第一条。
  # - heading: 三、活动安排
  #   timetable:
  #     - when: 九月份：
  #       months: [9]
  #       items:
  #         - marker: 1、
  #           text: 原文的活动。
"""


def find_kindergarten(wanted: str, kindergartens: dict) -> str | None:
    """A kindergarten's id from its id, its name or one of its other names (only when unambiguous)."""
    if wanted in kindergartens:
        return wanted
    matches = [kid for kid, record in kindergartens.items()
               if wanted == record["name"] or wanted in record.get("aliases", [])]
    return matches[0] if len(matches) == 1 else None


def plan_data(*, title: str, slug: str, parties: list[tuple[str, str]], author: str | None = None,
              period: str | None = None, original_title: str | None = None, tags: list[str] | None = None) -> dict:
    """The facts of a new plan in schema order; only the facts given, nothing invented."""
    data: dict = {"title": title, "slug": slug}
    if original_title:
        data["original_title"] = original_title
    data["parties"] = [{"kindergarten": kid, "role": role} for kid, role in parties]
    if author:
        data["author"] = author
    if period:
        data["period"] = {"text": period}
    if tags:
        data["tags"] = list(tags)
    return data


class _PlanDumper(yaml.SafeDumper):
    """Text with line breaks as a literal block (|), one paragraph per line; PyYAML itself falls back to one
    double-quoted line with escapes where a block cannot hold the text exactly (trailing spaces, a CR)."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_PlanDumper.add_representer(str, _text)


def dump(data: dict) -> str:
    """YAML that reads back as exactly this data: block lists, quotes where YAML would misread, never a text
    wrapped over lines (the width is unlimited; a text with line breaks is a literal block)."""
    return yaml.dump(data, Dumper=_PlanDumper, allow_unicode=True, sort_keys=False, default_flow_style=False,
                     width=2**31 - 1)


def plan_text(data: dict) -> str:
    """The plan file: its front matter, and the guide to its sections when it has none yet. No body."""
    guide = "" if "sections" in data else SECTIONS_GUIDE
    return f"---\n{dump(data)}{guide}---\n"
