"""The stock baseline: the same plans pre-rendered to plain Markdown, built by stock Material.

No macros, no hooks, no custom templates: Material with jieba search (lang zh) and the default
navigation (every page in the sidebar; above FULL_MENU_MOST plans, the home page only). The plain rendering is independent of pairing/ on purpose,
so the baseline stays the same whatever the site's code becomes.

A plan is its front matter (issue 16): the card, then each section in order (its heading as a Markdown heading of
its level; paragraphs, a nested list, a table of the group, the timetable's rows, the signature). The baseline is
always made from this site's copy (bench/run.py), so only this format is read.
"""

from __future__ import annotations

from pathlib import Path

import yaml

ROLE_LABELS = {"helping": "帮扶园", "helped": "受援园", "guiding": "指导单位"}
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


# Above this many plans the baseline's menu lists the home page only (plans reached from its list), as this site's
# does: Material's default menu lists every page on every page, which grows with the square of N (377 MB of site
# at 1,000 plans, tens of GB at 10,000) and would measure the menu, not the search, at the reader's N = 10,000.
FULL_MENU_MOST = 2_000
BOUNDED_MENU = """\
nav:
  - index.md
not_in_nav: |
  /plans/*.md
"""


def write_baseline(site: Path, target: Path) -> Path:
    """A stock project holding every plan of `site` as plain Markdown, and a home page linking them."""
    kindergartens = yaml.safe_load((site / "data" / "kindergartens.yml").read_text(encoding="utf-8-sig"))
    plans_dir = target / "docs" / "plans"
    plans_dir.mkdir(parents=True)
    plan_files = sorted((site / "docs" / "plans").glob("*.md"))
    menu = BOUNDED_MENU if len(plan_files) > FULL_MENU_MOST else ""
    (target / "mkdocs.yml").write_text(STOCK_CONFIG + menu, encoding="utf-8")
    links = []
    for path in plan_files:
        data = front_matter(path.read_text(encoding="utf-8-sig"))
        (plans_dir / path.name).write_text(plain_page(data, kindergartens), encoding="utf-8")
        links.append(f"- [{data['title']}](plans/{path.name})")
    home = ["# 幼儿园结对帮扶计划", "", *links, ""]
    (target / "docs" / "index.md").write_text("\n".join(home), encoding="utf-8")
    return target


def front_matter(text: str) -> dict:
    """A plan page's front matter (the whole plan: nothing follows the closing ---)."""
    _, front, _ = text.split("---\n", 2)
    return yaml.safe_load(front)


def plain_page(data: dict, kindergartens: dict) -> str:
    """Front matter reduced to title and tags; the card and every section written out as Markdown."""
    head = yaml.safe_dump({"title": data["title"], "tags": data.get("tags", [])}, allow_unicode=True)
    card = card_lines(data, kindergartens)
    sections = [line for section in data["sections"] for line in section_lines(section)]
    return f"---\n{head}---\n\n# {data['title']}\n\n" + "\n".join(card) + "\n\n" + "\n".join(sections) + "\n"


def card_lines(data: dict, kindergartens: dict) -> list[str]:
    lines = [f"原标题：{data['original_title']}", ""] if "original_title" in data else []
    for party in data["parties"]:
        lines.append(f"- {ROLE_LABELS[party['role']]}：{kindergartens[party['kindergarten']]['name']}")
    if "period" in data:
        lines += ["", f"时间：{data['period']['text']}"]
    lines += ["", "标签：" + "、".join(data.get("tags", [])), ""]
    return lines


def section_lines(section: dict) -> list[str]:
    """One section of a plan as Markdown: its heading, then its content."""
    lines = [f"{'#' * section.get('level', 2)} {section['heading']}", ""] if "heading" in section else []
    if "paragraphs" in section:
        lines += [line for text in section["paragraphs"] for line in (text.replace("\n", "\n\n"), "")]
    elif "list" in section:
        lines += item_lines(section["list"])
    elif "group" in section:
        rows = [f"| {m.get('role', '')} | {m['name']} | {m.get('duty', '')} |" for m in section["group"]]
        lines += ["| 职务 | 姓名 | 分工 |", "| --- | --- | --- |", *rows, ""]
    elif "timetable" in section:
        for row in section["timetable"]:
            lines += [f"**{row['when']}**", ""]
            if "text" in row:
                lines += [row["text"].replace("\n", "\n\n"), ""]
            lines += item_lines(row.get("items", []))
    elif "signature" in section:
        signature = section["signature"]
        lines += [f"{signature.get('org', '')}  \n{signature.get('date', '')}", ""]
    return lines


def item_lines(items: list, depth: int = 0) -> list[str]:
    """A list of the plan format's items (a text, or marker, heading, text and sub-items) as a nested list."""
    lines = []
    for item in items:
        item = {"text": item} if isinstance(item, str) else item
        parts = (item.get("heading", ""), item.get("text", "").replace("\n", " "))
        lines.append(f"{'    ' * depth}- {item.get('marker', '')}{' '.join(x for x in parts if x)}")
        lines += item_lines(item.get("items", []), depth + 1)
    return [""] + lines + [""] if depth == 0 and lines else lines
