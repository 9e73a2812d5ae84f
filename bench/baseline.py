"""The stock baseline: the same plans pre-rendered to plain Markdown, built by stock Material.

No macros, no hooks, no custom templates: Material with jieba search (lang zh) and the default
navigation (every page in the sidebar). The plain rendering is independent of pairing/ on purpose,
so the baseline stays the same whatever the site's code becomes.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

MACRO_CALL = re.compile(r"\{\{\s*(\w+)\(\s*(?:\"([^\"]*)\"|'([^']*)')?\s*\)\s*\}\}")
ROLE_LABELS = {"helping": "帮扶园", "helped": "受援园", "guiding": "指导单位"}
MONTHS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
STOCK_CONFIG = """\
site_name: 幼儿园结对帮扶计划
site_url: http://127.0.0.1:8000/
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
      separator: '[\\s\\u200b\\-_,:!=\\[\\]()"`/]+|\\.(?!\\d)|&[lg]t;|(?!\\b)(?=[A-Z][a-z])'
markdown_extensions:
  - attr_list
  - tables
  - toc:
      permalink: true
"""


def write_baseline(site: Path, target: Path) -> Path:
    """A stock project holding every plan of `site` as plain Markdown, and a home page linking them."""
    kindergartens = yaml.safe_load((site / "data" / "kindergartens.yml").read_text(encoding="utf-8-sig"))
    plans_dir = target / "docs" / "plans"
    plans_dir.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    links = []
    for path in sorted((site / "docs" / "plans").glob("*.md")):
        data, body = split(path.read_text(encoding="utf-8-sig"))
        (plans_dir / path.name).write_text(plain_page(data, body, kindergartens), encoding="utf-8")
        links.append(f"- [{data['title']}](plans/{path.name})")
    home = ["# 幼儿园结对帮扶计划", "", *links, ""]
    (target / "docs" / "index.md").write_text("\n".join(home), encoding="utf-8")
    return target


def split(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def plain_page(data: dict, body: str, kindergartens: dict) -> str:
    """Front matter reduced to title and tags; the card and every macro call written out as Markdown."""
    head = yaml.safe_dump({"title": data["title"], "tags": data.get("tags", [])}, allow_unicode=True)
    card = card_lines(data, kindergartens)
    text = MACRO_CALL.sub(lambda m: macro(data, m.group(1), m.group(2) or m.group(3)), body)
    return f"---\n{head}---\n\n# {data['title']}\n\n" + "\n".join(card) + "\n\n" + text


def card_lines(data: dict, kindergartens: dict) -> list[str]:
    lines = [f"原标题：{data['original_title']}", ""] if "original_title" in data else []
    for party in data["parties"]:
        lines.append(f"- {ROLE_LABELS[party['role']]}：{kindergartens[party['kindergarten']]['name']}")
    lines += ["", "标签：" + "、".join(data.get("tags", [])), ""]
    return lines


def macro(data: dict, name: str, field: str | None) -> str:
    if name == "paragraphs":
        return "\n\n".join(data[field])
    if name == "outline":
        return "\n".join(outline_lines(data[field]))
    if name == "leadership_group":
        rows = [f"| {m['role']} | {m['name']} | {m.get('duty', '')} |" for m in data["leadership"]]
        return "\n".join(["| 职务 | 姓名 | 分工 |", "| --- | --- | --- |", *rows])
    if name == "schedule_table":
        return "\n".join(schedule_lines(data))
    if name == "status_report":
        status = data["status_analysis"]
        weak = outline_lines(status["weaknesses"]) if "weaknesses" in status else []
        return "\n\n".join(status.get("strengths", [])) + "\n\n" + "\n".join(weak)
    if name == "signature_block":
        return f"{data['signature']['org']}  \n{data['signature'].get('date', '')}"
    raise ValueError(f"unknown macro {name}")


def outline_lines(outline: dict, depth: int = 0) -> list[str]:
    lines = []
    for item in outline["items"]:
        item = {"text": item} if isinstance(item, str) else item
        text = " ".join(x for x in (item.get("heading", ""), item.get("text", "").replace("\n", " ")) if x)
        lines.append(f"{'    ' * depth}- {text}")
        if "sub" in item:
            lines += outline_lines(item["sub"], depth + 1)
    return [""] + lines + [""] if depth == 0 else lines


def schedule_lines(data: dict) -> list[str]:
    lines = []
    for row in data["schedule"]:
        months = "、".join(MONTHS[m] for m in row["months"])
        lines += [f"**{row.get('year_label', '')}{months}月份**", *outline_lines(row["activities"])]
    return lines
