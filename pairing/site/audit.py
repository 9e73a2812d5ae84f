"""Checks run on the built site, at the end of every build: nothing lost, every internal link resolves, every
listing names every plan once.

A plan must never be silently dropped or half-rendered, so the build compares what the sources say with what
each page's content shows (read as it is made: pagetext.read), and fails when they differ."""

from __future__ import annotations

import json
import posixpath
import re
import sys
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import unquote, urlsplit

from ..content import schema
from ..content.plans import Collection, Plan
from ..content.problems import Problem
from ..exports import opendata as exports
from ..shaping import directory, views
from .pagetext import PageContent, squeeze

# What of a plan its page's content does not show as text (every other field is checked): the title is the
# page's header (the theme's), the slugs are addresses, the author is a note beside its party (which is checked).
NOT_IN_CONTENT = ("title", "slug", "former_slugs", "author")
# The card's words before a fact (overrides/partials/plan/card.html), checked with it: a fact as short as one tag
# is also found elsewhere on the page, and must be found where the card shows it.
CARD_LABELS = {"original_title": "原标题：", "period": "时间", "tags": "标签"}
# The class of the card at the top of a plan page (overrides/partials/plan/card.html; pagetext.REGION_CLASSES).
CARD_CLASS = "plan-card"
# The class of each plan's row in the plan index (overrides/partials/plan/plan_index.html).
PLAN_ROW_CLASS = "plan-row"
SITEMAP_NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def expected_texts(plan: Plan, kindergartens: dict) -> dict[str, str]:
    """Field path → text that must appear on the plan's page: every field it shows (all but NOT_IN_CONTENT), each
    made by the view functions its templates are given (the card, then every section in order), so that what is
    checked is what is shown."""
    data, texts = plan.record(), {}
    # The card (render.plan_card): original title, each party by role, the period, the tags.
    if "original_title" in data:
        texts["original_title"] = CARD_LABELS["original_title"] + data["original_title"]
    for party in directory.party_links(data, kindergartens, plan.url):
        index = data["parties"].index({"kindergarten": party["id"], "role": party["role"]})
        texts[f"parties[{index}]"] = party["role_label"] + party["name"]
    if "period" in data:
        texts["period"] = CARD_LABELS["period"] + views.period_text(data)
    if data.get("tags"):
        texts["tags"] = CARD_LABELS["tags"] + "".join(tag["name"] for tag in directory.tag_links(data["tags"], plan.url))
    # The sections (render.heading_markdown, render.section), in order.
    for section in views.sections_view(data):
        at = f"sections[{section['index']}]"
        if section["heading"]:
            texts[f"{at}.heading"] = section["heading"]
        for index, text in enumerate(views.section_texts(section)):
            texts[f"{at}.{section['kind']}" + (f"[{index}]" if section["kind"] != "signature" else "")] = text
    return texts


def page_file(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url


def page_lost_content(plan: Plan, content: PageContent, kindergartens: dict) -> list[Problem]:
    """What of the plan's front matter its page's content does not show."""
    return lost_from_text(plan, *shown_parts(content), kindergartens)


def shown_parts(content: PageContent) -> tuple[str, str]:
    """A plan page's text in two parts, squeezed: its card, and everything after the card. Each fact is looked for
    only where its template shows it, so that the same words elsewhere cannot stand in for it."""
    start, end = content.regions.get(CARD_CLASS, (0, 0))
    return squeeze(content.text[start:end]), squeeze(content.text[end:])


def lost_from_text(plan: Plan, card: str, rest: str, kindergartens: dict) -> list[Problem]:
    """page_lost_content from the page's card and the text after it, both squeezed."""
    problems, position = [], 0
    for field_name, text in expected_texts(plan, kindergartens).items():
        # The card's facts anywhere in the card; the sections after the card, each after the one before.
        in_order = field_name.startswith("sections[")
        found = rest.find(squeeze(text), position) if in_order else card.find(squeeze(text))
        if found < 0:
            line, column = plan.source.where(_path_of(field_name))
            problems.append(Problem(plan.file, line, column, schema.field_label(_path_of(field_name)),
                                    f"这一项没有完整地、按原文顺序出现在页面 {plan.url} 上"))
        elif in_order:
            position = found + len(squeeze(text))
    return problems


def missing_page(plan: Plan) -> Problem:
    return Problem(plan.file, 1, 1, "", f"构建后找不到这份计划的页面 {plan.url}")


@dataclass
class BuiltPages:
    """What each page's content showed as it was made (one build): its links and ids by site file, and for each
    plan what of it the page does not show.

    kindergartens (the build's, once loaded) names the parties each plan page must show; given, each plan page is
    checked as it is recorded and its text let go. Not given, each plan page's text is kept until lost_content."""
    kindergartens: dict | None = None
    links: dict[str, tuple[list[str], set[str]]] = field(default_factory=dict)
    lost: dict[str, list[Problem]] = field(default_factory=dict)   # plan src_uri → problems
    shown: dict[str, tuple[Plan, str, str]] = field(default_factory=dict)   # without kindergartens: src_uri → shown_parts
    plan_rows: int = 0   # rows of the plan index, over all its pages

    def record(self, site_file: str, content: PageContent, plan: Plan | None, lists_plans: bool) -> None:
        # Why interned: pages repeat each other's links and ids (the same kindergarten page, schedule-1…); each
        # kept once, 10,000 plans' pages hold a fraction of the memory.
        self.links[site_file] = (list(map(sys.intern, content.links)), set(map(sys.intern, content.ids)))
        if plan is not None:
            self.lost.pop(plan.src_uri, None)
            self.shown.pop(plan.src_uri, None)
            if self.kindergartens is not None:
                self.lost[plan.src_uri] = page_lost_content(plan, content, self.kindergartens)
            else:
                self.shown[plan.src_uri] = (plan, *shown_parts(content))
        if lists_plans:
            self.plan_rows += content.classes.get(PLAN_ROW_CLASS, 0)

    def lost_content(self, collection: Collection) -> list[Problem]:
        for src_uri, (plan, card, rest) in self.shown.items():
            self.lost[src_uri] = lost_from_text(plan, card, rest, collection.kindergartens)
        self.shown.clear()
        return [problem for plan in collection.plans.values()
                for problem in self.lost.get(plan.src_uri, [missing_page(plan)])]


def _path_of(field_name: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", field_name) if p)


def count_problems(counts: dict[str, int], expected: int) -> list[Problem]:
    """Every listing of plans (index page, sitemap, open data…) has exactly one entry per plan."""
    return [Problem(where, 1, 1, "", f"列出了 {count} 份计划，应为 {expected} 份")
            for where, count in counts.items() if count != expected]


def listed_plans(site_dir: Path, plan_rows: int, plans_dir: str) -> dict[str, int]:
    """How many plans each listing of the built site names: the plan index (rows counted as its pages were
    made), the sitemap (read as XML), plans.json (read line by line)."""
    sitemap = ElementTree.parse(site_dir / "sitemap.xml").getroot()
    locations = [urlsplit(loc.text or "").path for loc in sitemap.iter(f"{SITEMAP_NAMESPACE}loc")]
    in_plans = [path for path in locations if f"/{plans_dir}/" in f"/{path.lstrip('/')}"]
    # Why line by line: plans.json read whole (7 MB at 1,000 plans, and its text decoded) would be the build's
    # peak memory; its skeleton is a few KB.
    with open(site_dir / exports.PLANS_JSON, "rb") as file:
        open_data = json.loads(json_skeleton(file))
    return {"site/index.html": plan_rows, "site/sitemap.xml": len(in_plans),
            f"site/{exports.PLANS_JSON}": len(open_data["plans"])}


def json_skeleton(lines: Iterable[bytes]) -> bytes:
    """A JSON document with every line that is a JSON value of its own (each item of a list, as
    exports.as_json_lines writes them) checked and replaced by null: the same structure and the same number of
    items, without every item held at once. A line that is not valid JSON stays, so the document still fails."""
    parts = []
    for line in lines:
        text = line.rstrip(b"\r\n")
        value = text[:-1] if text.endswith(b",") else text
        parts.append(b"null" + line[len(value):] if _is_json(value) else line)
    return b"".join(parts)


def _is_json(text: bytes) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def broken_links(recorded: dict[str, tuple[list[str], set[str]]], exists: Callable[[str], bool],
                 base_path: str = "/") -> list[Problem]:
    """Every link of every page's content to this site, and every #anchor, must lead somewhere. recorded: each
    page's links and ids (BuiltPages.links), by its file in the site; exists: whether a file is in the site.
    base_path is the path of site_url: absolute links start with it."""
    problems, known = [], {}
    for name in sorted(recorded):
        folder = posixpath.join(posixpath.dirname(name), "")
        for link in recorded[name][0]:
            target = link_target(name, folder, link, base_path)
            if target is None:
                continue
            file, anchor = target
            if file not in known:
                known[file] = file in recorded or exists(file)
            if not known[file]:
                problems.append(Problem(f"site/{name}", 1, 1, "", f"站内链接 {link} 指向不存在的文件"))
            elif anchor and file in recorded and anchor not in recorded[file][1]:
                problems.append(Problem(f"site/{name}", 1, 1, "", f"站内链接 {link} 的锚点 #{anchor} 不存在"))
    return problems


def link_target(name: str, folder: str, link: str, base_path: str) -> tuple[str, str] | None:
    """_internal_target of a link on the page `name` in `folder`. A link within the page needs no cache; any
    other is resolved from the folder it leads out to (`../` by `../`), where the pages of one depth share it."""
    if not link or link[0] in "#?":
        return _internal_target.__wrapped__(name, link, base_path)
    # Why: with a folder per page, a cache keyed on the page's own folder held 120,000 links at 1,000 plans (35 MB,
    # the peak memory of a build) and found almost none again; by the folder left, every page shares the theme's.
    while link.startswith("../") and folder and link[3:4] not in ("", "#", "?", "/"):
        folder, link = posixpath.join(posixpath.dirname(folder[:-1]), ""), link[3:]
    return _internal_target(folder, link, base_path)


# Why: pages share most links (the theme's, the menu's); each is resolved once (also across the rebuilds of `serve`).
@lru_cache(maxsize=200_000)
def _internal_target(page: str, link: str, base_path: str) -> tuple[str, str] | None:
    """(file in the site, anchor) for a link to this site; None for other hosts, mailto, data.
    page: the page the link is on, or its folder (ending in /) for a link with a path."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None
    anchor = unquote(parts.fragment)
    if not parts.path:
        return page, anchor
    if parts.path.startswith("/"):
        if not parts.path.startswith(base_path):
            return parts.path, anchor
        path = posixpath.normpath(unquote(parts.path[len(base_path):]) or ".")
    else:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
    if link.split("#")[0].split("?")[0].endswith("/") or path == ".":
        path = posixpath.join(path, "index.html") if path != "." else "index.html"
    return path, anchor
