"""Checks run on the built site, at the end of every build: nothing lost, every internal link resolves.

A plan must never be silently dropped or half-rendered, so the build compares what the sources say
with what the pages show, and fails when they differ."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import exports, links, paging, views
from .htmltext import article_text, links_and_ids, squeeze
from .plans import Collection, Plan
from .problems import Problem

OUTLINE_FIELDS = ("goals", "content", "measures", "organisation")


def expected_texts(plan: Plan) -> dict[str, str]:
    """Field path → text that must appear on the plan's page (schedule rows, members, measures, goals…)."""
    data, texts = plan.data, {}
    for index, row in enumerate(views.schedule_view(data)):
        texts[f"schedule[{index}]"] = row["label"] + _outline_text(row["activities"])
    for index, member in enumerate(data.get("leadership", [])):
        texts[f"leadership[{index}]"] = f"{member['role']}：{member['name']}"
    for field in OUTLINE_FIELDS:
        if field in data:
            for index, item in enumerate(views.outline_view(data[field])):
                texts[f"{field}.items[{index}]"] = _outline_text([item])
    return texts


def _outline_text(items: list[dict]) -> str:
    return "".join(i["marker"] + i["heading"] + "".join(i["paragraphs"]) + _outline_text(i["sub"]) for i in items)


def page_file(site_dir: Path, url: str) -> Path:
    return site_dir / url / "index.html" if url.endswith("/") or not url else site_dir / url


def lost_content(collection: Collection, site_dir: Path, directory_urls: bool = True) -> list[Problem]:
    problems = []
    for plan in collection.plans.values():
        page = page_file(site_dir, links.page_href(plan, directory_urls))
        if not page.is_file():
            problems.append(Problem(plan.file, 1, 1, "", f"构建后找不到这份计划的页面 {plan.url}"))
            continue
        shown = squeeze(article_text(page.read_text(encoding="utf-8")))
        for field, text in expected_texts(plan).items():
            if squeeze(text) not in shown:
                line, column = plan.source.where(_path_of(field))
                problems.append(Problem(plan.file, line, column, field, f"这一项没有完整出现在页面 {plan.url} 上"))
    return problems


def _path_of(field: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.\[\]]+", field) if p)


def count_problems(counts: dict[str, int], expected: int) -> list[Problem]:
    """Every listing of plans (index page, sitemap, open data…) has exactly one entry per plan."""
    return [Problem(where, 1, 1, "", f"列出了 {count} 份计划，应为 {expected} 份")
            for where, count in counts.items() if count != expected]


def listed_plans(site_dir: Path) -> dict[str, int]:
    """How many plans each listing of the built site names: the plan index (the home page and its further
    pages), the sitemap, plans.json."""
    index_pages = [site_dir / "index.html", *sorted((site_dir / paging.PAGE_DIR).rglob("*.html"))]
    rows = sum(page.read_text(encoding="utf-8").count('class="plan-row"') for page in index_pages)
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    open_data = json.loads((site_dir / exports.PLANS_JSON).read_text(encoding="utf-8"))
    return {"site/index.html": rows,
            "site/sitemap.xml": len(re.findall(r"<loc>[^<]*/plans/[^<]+</loc>", sitemap)),
            f"site/{exports.PLANS_JSON}": len(open_data["plans"])}


def broken_links(site_dir: Path, base_path: str = "/") -> list[Problem]:
    """Every link between pages of the site, and every #anchor, must lead somewhere.
    base_path is the path of site_url: absolute links (the 404 page uses them) start with it."""
    pages = {p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob("*.html")}
    ids = {}
    problems = []
    for name, path in sorted(pages.items()):
        links, ids[name] = links_and_ids(path.read_text(encoding="utf-8"))
        for link in links:
            target = _internal_target(name, link, base_path)
            if target is None:
                continue
            file, anchor = target
            if not (site_dir / file).is_file():
                problems.append(Problem(f"site/{name}", 1, 1, "", f"站内链接 {link} 指向不存在的文件"))
            elif anchor and file.endswith(".html"):
                if file not in ids:
                    ids[file] = links_and_ids((site_dir / file).read_text(encoding="utf-8"))[1]
                if anchor not in ids[file]:
                    problems.append(Problem(f"site/{name}", 1, 1, "", f"站内链接 {link} 的锚点 #{anchor} 不存在"))
    return problems


def _internal_target(page: str, link: str, base_path: str) -> tuple[str, str] | None:
    """(file in the site, anchor) for a link to this site; None for other hosts, mailto, data."""
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
