"""Checks run on the built site, at the end of every build: nothing lost, every internal link resolves.

A plan must never be silently dropped or half-rendered, so the build compares what the sources say
with what the pages show, and fails when they differ."""

from __future__ import annotations

import json
import os
import posixpath
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Iterable
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
    """Every plan's page, read from the built site, shows everything its front matter says."""
    problems = []
    for plan in collection.plans.values():
        page = page_file(site_dir, links.page_href(plan, directory_urls))
        if not page.is_file():
            problems.append(_missing_page(plan))
            continue
        problems += page_lost_content(plan, page.read_text(encoding="utf-8"))
    return problems


def page_lost_content(plan: Plan, html: str) -> list[Problem]:
    """What of the plan's front matter its built page (html) does not show."""
    problems = []
    shown = squeeze(article_text(html))
    for field, text in expected_texts(plan).items():
        if squeeze(text) not in shown:
            line, column = plan.source.where(_path_of(field))
            problems.append(Problem(plan.file, line, column, field, f"这一项没有完整出现在页面 {plan.url} 上"))
    return problems


def recorded_lost_content(collection: Collection, built: BuiltPages) -> list[Problem]:
    """lost_content from what each plan's page showed as it was built (no second read of the site)."""
    return [problem for plan in collection.plans.values()
            for problem in built.lost.get(plan.src_uri, [_missing_page(plan)])]


def _missing_page(plan: Plan) -> Problem:
    return Problem(plan.file, 1, 1, "", f"构建后找不到这份计划的页面 {plan.url}")


class BuiltPages:
    """What each page showed as MkDocs wrote it (on_post_page), so that the end-of-build audit needs no
    second read of the site. Kept across the rebuilds of `mkdocs serve --dirty`: a page that was not
    rebuilt keeps what it showed when it was last built."""

    def __init__(self) -> None:
        self.lost: dict[str, list[Problem]] = {}                   # plan src_uri → its lost-content problems
        self.links: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}   # site file → its links, its ids
        self.built: set[str] = set()   # site files recorded since take_built

    def record(self, name: str, html: str, plan: Plan | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Record the page's links and ids (returned) and, for a plan's page, what of the plan it does not show."""
        found, ids = links_and_ids(html)
        # Why tuples of interned strings: every page repeats the links and ids of the menu, header and assets;
        # kept as each page's own lists and sets they were 18 MB at 4,500 pages, most of it copies.
        self.links[name] = (_interned(dict.fromkeys(found)), _interned(sorted(ids)))
        self.built.add(name)
        if plan is not None:
            self.lost[plan.src_uri] = page_lost_content(plan, html)
        return self.links[name]

    def restore(self, name: str, links: tuple[str, ...], ids: tuple[str, ...], plan: Plan | None) -> None:
        """What a page showed when an earlier build recorded it (pairing/pagecache.py keeps only pages that
        lost nothing of their plan)."""
        self.links[name] = (_interned(links), _interned(ids))
        if plan is not None:
            self.lost[plan.src_uri] = []

    def take_built(self) -> set[str]:
        """The site files recorded since the last call (LinkAudit: the pages built again)."""
        built, self.built = self.built, set()
        return built

    def keep_only(self, names: set[str], src_uris: set[str]) -> None:
        """Forget pages that are no longer part of the site."""
        self.links = {name: found for name, found in self.links.items() if name in names}
        self.lost = {uri: found for uri, found in self.lost.items() if uri in src_uris}


def _interned(strings) -> tuple[str, ...]:
    return tuple(sys.intern(string) for string in strings)


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
    # Why line by line: plans.json read whole (7 MB at 1,000 plans, and its text decoded) was the build's peak
    # memory; its skeleton is a few KB.
    with open(site_dir / exports.PLANS_JSON, "rb") as file:
        open_data = json.loads(json_skeleton(file))
    return {"site/index.html": rows,
            "site/sitemap.xml": len(re.findall(r"<loc>[^<]*/plans/[^<]+</loc>", sitemap)),
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


def broken_links(site_dir: Path, base_path: str = "/", recorded: dict | None = None) -> list[Problem]:
    """Every link between pages of the site, and every #anchor, must lead somewhere.
    base_path is the path of site_url: absolute links (the 404 page uses them) start with it.
    recorded: links and ids of pages as they were built (BuiltPages.links); other pages are read from disk."""
    pages = site_pages(site_dir)
    found, _ = page_link_problems(site_dir, base_path, recorded or {}, pages)
    return [problem for name in pages for problem in found[name]]


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML file of the site, as a path in it. Why os.walk: Path.rglob takes longer (0.05 s for 1,400
    pages, at each save of `serve --dirty`)."""
    root, found = str(site_dir), []
    for folder, _, names in os.walk(root):
        prefix = folder[len(root):].lstrip(os.sep).replace(os.sep, "/")
        found += [f"{prefix}/{name}" if prefix else name for name in names if name.endswith(".html")]
    return sorted(found)


def page_link_problems(site_dir: Path, base_path: str, recorded: dict,
                       pages: list[str]) -> tuple[dict[str, list[Problem]], dict[str, set[str]]]:
    """broken_links of the given pages, by page, and the pages each of them links to with an #anchor."""
    ids: dict[str, tuple] = {}
    exists: dict[str, bool] = {}   # every page links to the same stylesheets, scripts and menu pages
    problems: dict[str, list[Problem]] = {}
    anchored: dict[str, set[str]] = {}

    def page_ids(file: str) -> tuple:
        if file not in ids:
            ids[file] = recorded[file][1] if file in recorded else links_and_ids((site_dir / file).read_text(encoding="utf-8"))[1]
        return ids[file]

    for name in pages:
        page_links = recorded[name][0] if name in recorded else links_and_ids((site_dir / name).read_text(encoding="utf-8"))[0]
        folder = posixpath.join(posixpath.dirname(name), "")
        problems[name], anchored[name] = [], set()
        for link in page_links:
            target = link_target(name, folder, link, base_path)
            if target is None:
                continue
            file, anchor = target
            if file not in exists:
                exists[file] = (site_dir / file).is_file()
            if not exists[file]:
                problems[name].append(Problem(f"site/{name}", 1, 1, "", f"站内链接 {link} 指向不存在的文件"))
            elif anchor and file.endswith(".html"):
                anchored[name].add(file)
                if anchor not in page_ids(file):
                    problems[name].append(Problem(f"site/{name}", 1, 1, "", f"站内链接 {link} 的锚点 #{anchor} 不存在"))
    return problems, anchored


class LinkAudit:
    """broken_links across the rebuilds of `mkdocs serve --dirty`, checking again only the pages whose result
    can have changed: those built again (BuiltPages.take_built) or not recorded (read from disk), those with a
    problem last time, and those with an #anchor into a page built again. Every other page has the same links
    as when it was checked, and they lead to the same files: a dirty build deletes no file, and a page not built
    again has the same ids."""

    def __init__(self) -> None:
        self.problems: dict[str, list[Problem]] = {}
        self.anchored: dict[str, set[str]] = {}

    def check(self, site_dir: Path, base_path: str, built: BuiltPages) -> list[Problem]:
        pages = site_pages(site_dir)
        changed = built.take_built() | {name for name in pages if name not in built.links}
        again = [name for name in pages if name in changed or name not in self.problems or self.problems[name]
                 or self.anchored[name] & changed]
        problems, anchored = page_link_problems(site_dir, base_path, built.links, again)
        self.problems = {name: problems.get(name, self.problems.get(name, [])) for name in pages}
        self.anchored = {name: anchored.get(name, self.anchored.get(name, set())) for name in pages}
        return [problem for name in pages for problem in self.problems[name]]


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
