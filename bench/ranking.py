"""Search ranking on a generated site, as a reader sees it: the queries issue 18 names, taken from the site's own
plans, and how the search answers them. Used by the browser test at 1,000 plans
(tests/browser/test_search_scale.py) and by the benchmark at 10,000 (bench/reader.py).

Whether a text "occurs in a plan" is decided here from the plan files themselves (every text value of the plan and
its parties' names and aliases), not from the site's index, so the check does not trust what it checks.

  names      a kindergarten name or alias that occurs in exactly one plan: that plan must come first
  titles     a plan's title (each occurs in one plan): that plan first
  tags       a tag that occurs in one plan (unique_tags adds some: the generated plans share the seeds' tags)
  no match   texts that occur in no plan, though every two characters of most of them do (a title with another
             number, a kindergarten name no plan has): nothing may be shown
  common     the field's words (data/search-words.yml) that occur in five plans or more: each of the first five
             results must contain the word as written
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
NO_MATCH_WORDS = ["火箭发射", "量子物理", "高铁站台"]
UNIQUE_TAG_WORDS = ["戏水", "种植", "绘本", "陶艺", "剪纸", "茶艺", "皮影", "扎染"]


@dataclass
class Queries:
    names: list[tuple[str, str]] = field(default_factory=list)    # (query, the plan's address)
    titles: list[tuple[str, str]] = field(default_factory=list)
    tags: list[tuple[str, str]] = field(default_factory=list)
    no_match: list[str] = field(default_factory=list)
    common: list[str] = field(default_factory=list)


def lower(text: str) -> str:
    return text.translate(ASCII_LOWER)


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml: 10,000 plans read in seconds


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return yaml.load(text.split("---\n")[1], Loader=LOADER)


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def plan_texts(project: Path) -> dict[str, str]:
    """Each plan's address → all it says (lower-cased ASCII letters): its texts and its parties' names."""
    kindergartens = yaml.load((project / "data" / "kindergartens.yml").read_text(encoding="utf-8-sig"), Loader=LOADER)
    texts = {}
    for path in sorted((project / "docs" / "plans").glob("*.md")):
        data = front_matter(path)
        names = [text for party in data["parties"] for text in
                 [kindergartens[party["kindergarten"]]["name"], *kindergartens[party["kindergarten"]].get("aliases", [])]]
        said = {key: value for key, value in data.items() if key not in ("slug", "former_slugs", "parties", "author")}
        texts[f"plans/{data['slug']}/"] = lower("\n".join(strings(said) + names))
    return texts


def occurs_in(texts: dict[str, str], query: str, most: int | None = None) -> list[str]:
    """The plans whose text contains the query (the first `most` of them, when given)."""
    query, found = lower(query), []
    for url, text in texts.items():
        if query in text:
            found.append(url)
            if most is not None and len(found) == most:
                break
    return found


def unique_tags(project: Path, count: int, seed: int = 18) -> None:
    """Give `count` of the generated plans a tag of their own (a place's two characters and a field word)."""
    rng = random.Random(seed)
    plans = sorted((project / "docs" / "plans").glob("synthetic-*.md"))
    texts = "\n".join(path.read_text(encoding="utf-8") for path in plans)
    for path in rng.sample(plans, min(count, len(plans))):
        while True:
            tag = "".join(rng.sample("东南西北安平宁康兴华阳江山河湖泉林石桥", 2)) + rng.choice(UNIQUE_TAG_WORDS)
            if tag not in texts:
                break
        texts += "\n" + tag
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^tags:\n", f"tags:\n- {tag}\n", text, count=1)
        path.write_text(text, encoding="utf-8")


def queries(project: Path, texts: dict[str, str], sample: int, seed: int = 18) -> Queries:
    """Up to `sample` queries of each kind, drawn at random (the same for a given site and seed)."""
    rng = random.Random(seed)
    kindergartens = yaml.load((project / "data" / "kindergartens.yml").read_text(encoding="utf-8-sig"), Loader=LOADER)
    found = Queries()
    names, titles, tags = set(), {}, set()
    for path in sorted((project / "docs" / "plans").glob("*.md")):
        data = front_matter(path)
        titles[data["title"]] = f"plans/{data['slug']}/"
        tags |= set(data.get("tags", []))
        for party in data["parties"]:
            record = kindergartens[party["kindergarten"]]
            names |= {record["name"], *record.get("aliases", [])}

    def once(candidates) -> list[tuple[str, str]]:
        """Up to `sample` of the candidates that occur in exactly one plan, drawn at random (each candidate costs
        a look through every plan's text, so they are looked at in a random order until enough are found)."""
        kept = []
        for text in rng.sample(sorted(candidates), len(candidates)):
            where = occurs_in(texts, text, most=2)
            if len(where) == 1:
                kept.append((text, where[0]))
                if len(kept) == sample:
                    break
        return kept

    found.names, found.titles, found.tags = once(names), once(titles), once(tags)
    misses = [re.sub(r"（\d+）$", f"（{len(titles) + rng.randint(1, 999)}）", title) for title in rng.sample(sorted(titles), min(sample, len(titles)))]
    misses += [name[:2] + name[3:] + "分园" for name in rng.sample(sorted(names), min(sample, len(names)))]
    misses += NO_MATCH_WORDS
    found.no_match = [text for text in dict.fromkeys(misses) if not occurs_in(texts, text, most=1)][:sample]
    words = yaml.safe_load((project / "data" / "search-words.yml").read_text(encoding="utf-8"))
    found.common = [word for word in words if len(occurs_in(texts, word, most=5)) == 5]
    return found


@dataclass
class Scores:
    names: float
    titles: float
    tags: float
    no_match: float          # the share of no-match queries that showed nothing
    common: float            # the share of the first five results that contain the word as written
    failures: list[str]

    def as_dict(self) -> dict:
        return {"names": self.names, "titles": self.titles, "tags": self.tags, "no_match": self.no_match,
                "common": self.common, "failures": self.failures[:20]}


def score(found: Queries, texts: dict[str, str], search: Callable[[str], list[str]]) -> Scores:
    """Run every query through `search` (the addresses of the results, best first) and score the answers."""
    failures: list[str] = []

    def first(pairs: list[tuple[str, str]], kind: str) -> float:
        right = 0
        for query, url in pairs:
            got = search(query)
            if got[:1] == [url]:
                right += 1
            else:
                failures.append(f"{kind} {query!r}: expected {url}, got {got[:3]}")
        return right / len(pairs) if pairs else float("nan")

    names, titles, tags = first(found.names, "name"), first(found.titles, "title"), first(found.tags, "tag")
    empty = 0
    for query in found.no_match:
        got = search(query)
        empty += not got
        if got:
            failures.append(f"no match {query!r}: got {got[:3]}")
    slots = good = 0
    for word in found.common:
        got = search(word)[:5]
        for url in got:
            slots += 1
            if lower(word) in texts.get(url, ""):
                good += 1
            else:
                failures.append(f"common {word!r}: {url} does not contain it")
    return Scores(names, titles, tags, empty / len(found.no_match) if found.no_match else float("nan"),
                  good / slots if slots else float("nan"), failures)


SAMPLE = 40
ANSWERED = """waiting => { const meta = document.querySelector(".md-search-result__meta")
    return meta !== null && !waiting.includes(meta.textContent.trim()) }"""
# The count and the results as the page shows them, read at one moment. One item per page: its first link is the
# page, any further links are its best sections.
SHOWN = """() => [document.querySelector(".md-search-result__meta").textContent.trim(),
    [...document.querySelectorAll(".md-search-result__list > .md-search-result__item")]
        .map(item => item.querySelector(":scope > a").href)]"""
SETTLED_READS = 20   # reads 0.3 s apart before the answer must have stopped changing


def settled_answer(page, url: str, waiting, timeout: float | None = None) -> tuple[list, list]:
    """Open `url` (a ?q= link) and read Material's answer, the final one: the site's search may show its first
    results before the rest (another round of documents), so it is read once the network is idle and two reads
    0.3 s apart agree. The last two reads, [count, result links] each: equal unless it kept changing."""
    page.goto(url)
    page.wait_for_function(ANSWERED, arg=list(waiting), timeout=timeout)
    page.wait_for_load_state("networkidle")
    shown, previous = page.evaluate(SHOWN), None
    for _ in range(SETTLED_READS):
        if shown == previous:
            break
        page.wait_for_timeout(300)
        shown, previous = page.evaluate(SHOWN), shown
    return shown, previous


def measure(site: Path, project: Path, sample: int = SAMPLE) -> dict:
    """The ranking cases on a built site, searched in Chromium (no throttling) through `?q=` links."""
    from urllib.parse import quote, urlparse

    from . import reader

    texts = plan_texts(project)
    found = queries(project, texts, sample)
    with reader.serve(site) as served, reader.Browser() as browser:
        context = browser.browser.new_context(service_workers="block")
        tab = context.new_page()

        def search(query: str) -> list[str]:
            shown, _ = settled_answer(tab, f"{served.url}?q={quote(query)}", reader.WAITING, timeout=120_000)
            return [urlparse(href).path.removeprefix(urlparse(served.url).path) for href in shown[1]]

        scores = score(found, texts, search)
        context.close()
    counts = {kind: len(getattr(found, kind)) for kind in ("names", "titles", "tags", "no_match", "common")}
    return {"counts": counts, **scores.as_dict()}
