"""Load the kindergartens and plans, check them, and keep what every page and export needs."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import buildcache, policy, schema, yamlsource
from .problems import ContentError, Problem

PLANS_DIR = "plans"
MAX_PAGE_BYTES = 256 * 1024
CHECKED_PAGES = buildcache.CACHE_DIR / "checked-pages.json"


@dataclass
class Plan:
    file: str          # path shown to editors, relative to the project (docs/plans/x.md)
    src_uri: str       # path inside docs/ (plans/x.md), as the site engine names pages
    data: dict
    source: yamlsource.Source
    text: str          # the page as written, front matter and body

    @property
    def slug(self) -> str:
        return self.data["slug"]

    @property
    def body(self) -> str:
        return yamlsource.split_front_matter(self.text)[1]

    @property
    def body_line(self) -> int:
        return yamlsource.split_front_matter(self.text)[2]

    @property
    def url(self) -> str:
        return f"{PLANS_DIR}/{self.slug}/"


# Compared by identity: the listings of one loaded collection are cached (pairing.directory).
@dataclass(eq=False, repr=False)
class Collection:
    kindergartens: dict
    plans: dict[str, Plan] = field(default_factory=dict)   # by src_uri, in file-name order

    # Why short: mkdocs-macros puts every variable of the build (this one too) into a debug message at the
    # start of each build, even with debug messages off; the full repr is 100 MB at 1,000 plans.
    def __repr__(self) -> str:
        return f"<Collection: {len(self.kindergartens)} kindergartens, {len(self.plans)} plans>"


def load(project_dir: Path, docs_dir: Path, data_dir: Path) -> Collection:
    """Read and check everything; raise ContentError listing every problem found.

    Pages whose exact text passed every check in an earlier build (.cache/checked-pages.json) are read,
    not checked again: the checks of one page depend only on its text and on pairing's code."""
    checked = buildcache.store(project_dir / CHECKED_PAGES, buildcache.code_fingerprint())
    collection, problems = collect(project_dir, docs_dir, data_dir, checked)
    buildcache.finish(checked)
    if problems:
        raise ContentError(problems)
    return collection


def collect(project_dir: Path, docs_dir: Path, data_dir: Path,
            checked: buildcache.Store | None = None) -> tuple[Collection, list[Problem]]:
    """Read and check every page and data file: the checks of both the build and `validate`.

    Cross-file checks (kindergarten ids, duplicate slugs) always see the whole collection, so
    `validate` of one file finds exactly what the build would find in that file."""
    problems: list[Problem] = []
    problems += policy.no_symlinks(project_dir, [docs_dir, data_dir])
    kindergartens, found = load_kindergartens(data_dir / "kindergartens.yml", project_dir, checked)
    problems += found
    collection = Collection(kindergartens or {})
    for path in sorted(docs_dir.rglob("*.md")):
        src_uri = path.relative_to(docs_dir).as_posix()
        is_plan = src_uri.startswith(f"{PLANS_DIR}/")
        plan, found = load_page(path, project_dir, src_uri, is_plan, checked)
        problems += found
        if plan is not None:
            collection.plans[src_uri] = plan
    if kindergartens is not None:
        problems += cross_check(list(collection.plans.values()), kindergartens)
    return collection, sorted(problems)


def load_kindergartens(path: Path, project_dir: Path,
                       checked: buildcache.Store | None = None) -> tuple[dict | None, list[Problem]]:
    """The kindergartens by id, checked; a text checked clean before (`checked`) is read from the check cache."""
    shown = _shown(path, project_dir)
    if not path.is_file():
        return None, [Problem(shown, 1, 1, "", "找不到幼儿园名录文件")]
    text, problems = _read(path, shown)
    if text is None:
        return None, problems
    key = buildcache.call_key("kindergartens", (text, shown))
    stored = checked.get(key) if checked is not None else None
    if isinstance(stored, dict):
        return stored["data"], []
    source, problems = yamlsource.parse(text, shown)
    if source is None:
        return None, problems
    problems += schema.check(source, shown, schema.subschema("kindergartens_file"))
    problems += policy.front_matter_problems(source, shown)
    if checked is not None and not problems:
        checked.put(key, _storable(source.data))
    return (source.data if not problems else None), problems


def load_page(path: Path, project_dir: Path, src_uri: str, is_plan: bool,
              checked: buildcache.Store | None = None) -> tuple[Plan | None, list[Problem]]:
    """One Markdown page: its front matter checked against the schema (plans) and its body against the policy.

    A page whose exact text passed every check before (`checked`) is only read, not checked again."""
    shown = _shown(path, project_dir)
    # Why: a huge file (a pasted video, a 10 MB field) would make every build and page slow.
    if path.stat().st_size > MAX_PAGE_BYTES:
        return None, [Problem(shown, 1, 1, "", f"文件太大（超过 {MAX_PAGE_BYTES // 1024} KB），请检查是否误粘贴了大量内容")]
    text, problems = _read(path, shown)
    if text is None:
        return None, problems
    key = buildcache.call_key("page", (text, shown, src_uri, is_plan))
    stored = checked.get(key) if checked is not None else None
    if isinstance(stored, dict):
        return _stored_page(text, shown, src_uri, stored["data"]), []
    if stored:
        return read_checked_page(text, shown, src_uri, is_plan), []
    plan, problems = check_page(text, shown, src_uri, is_plan)
    if checked is not None and not problems:
        checked.put(key, _storable(plan))
    return plan, list(problems)


@lru_cache(maxsize=8192)
def read_checked_page(text: str, shown: str, src_uri: str, is_plan: bool) -> Plan | None:
    """A page checked clean before: its plan, read without the checks."""
    front, _, _ = yamlsource.split_front_matter(text)
    if not is_plan or front is None:
        return None
    source, _ = yamlsource.parse(front, shown, line_offset=1)
    return _plan(shown, src_uri, source, text)


def _stored_page(text: str, shown: str, src_uri: str, data: dict) -> Plan:
    """A plan checked clean before, with its front matter as stored then: no YAML to parse."""
    return _plan(shown, src_uri, yamlsource.Source(data, line_offset=1), text)


def _storable(found: Plan | dict | None) -> dict | bool:
    """What the check cache keeps of a clean file: a plan's front matter (or the kindergartens) when JSON keeps
    it exactly (no dates, only text keys), else only that the file is clean."""
    if found is None:
        return True
    data = found.data if isinstance(found, Plan) else found
    # Why: a value JSON would change (a date, a number as a key) must come from the YAML, not from the cache.
    try:
        kept = json.loads(json.dumps(data, ensure_ascii=False)) == data
    except (TypeError, ValueError):
        kept = False
    return {"data": data} if kept else True


# Why cached: `mkdocs serve` loads every page again after each save; an unchanged text is checked once.
@lru_cache(maxsize=8192)
def check_page(text: str, shown: str, src_uri: str, is_plan: bool) -> tuple[Plan | None, tuple[Problem, ...]]:
    """Check one page's text; the result depends on nothing else, so it is kept for the same text."""
    problems: list[Problem] = []
    front, body, body_line = yamlsource.split_front_matter(text)
    source = None
    if front is None:
        # Why: MkDocs treats a page without --- as plain text, so a plan would lose all its data.
        if text.lstrip().startswith("---"):
            problems.append(Problem(shown, 1, 1, "", "front matter 的 --- 没有闭合：请在最后一个字段之后单独写一行 ---"))
        elif is_plan:
            problems.append(Problem(shown, 1, 1, "", "计划页面必须以 --- 开头的 front matter 开始"))
    else:
        source, found = yamlsource.parse(front, shown, line_offset=1)
        problems += found
        if source is not None:
            problems += _front_matter_shape(source, shown, front, is_plan)
    macros = policy.PLAN_MACROS if is_plan else policy.SITE_MACROS
    calls, found = policy.body_problems(body, shown, body_line, macros)
    problems += found + policy.body_markup_problems(body, shown, body_line)
    if not is_plan or problems or source is None:
        return None, tuple(problems)
    problems += policy.coverage_problems(source, calls, shown)
    if problems:
        return None, tuple(problems)
    return _plan(shown, src_uri, source, text), ()


def _plan(shown: str, src_uri: str, source: yamlsource.Source, text: str) -> Plan:
    # Why the whole text, once: the caches above keep it anyway (as their key), and a plan's front matter and
    # body kept as parts of their own would be a second copy of every page (8 MB at 1,000 plans).
    return Plan(shown, src_uri, source.data, source.compact(lambda: yamlsource.split_front_matter(text)[0]), text)


def _read(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    # Why: a file saved as GBK by a Windows editor would otherwise stop the build with a traceback.
    try:
        return yamlsource.read_text(path), []
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, 1, "", "文件不是 UTF-8 编码，请用 UTF-8 保存（记事本“另存为”时编码选 UTF-8）")]


def _front_matter_shape(source: yamlsource.Source, shown: str, front: str, is_plan: bool) -> list[Problem]:
    # Why: a full-width colon or a stray list turns the whole front matter into one string or list.
    if not isinstance(source.data, dict):
        return [_not_a_mapping(source, shown, front)]
    problems = policy.front_matter_problems(source, shown)
    if is_plan:
        problems += schema.check(source, shown)
    return problems


def _not_a_mapping(source: yamlsource.Source, shown: str, front: str) -> Problem:
    for number, line in enumerate(front.splitlines(), start=2):
        if yamlsource.is_full_width_key_line(line):
            return Problem(shown, number, 1, "", "字段名后面用了全角冒号（：），请改成英文冒号加空格（: ）")
    line, column = source.where(())
    return Problem(shown, line, column, "", f"front matter 必须是“字段: 值”的形式，得到 {schema.describe(source.data)}")


def cross_check(plans: list[Plan], kindergartens: dict) -> list[Problem]:
    """Checks that need more than one file: kindergarten ids, authors, slugs."""
    problems = []
    first_with_slug: dict[str, Plan] = {}
    for plan in plans:
        data, at = plan.data, plan.source.where
        for index, party in enumerate(data["parties"]):
            if party["kindergarten"] not in kindergartens:
                path = ("parties", index, "kindergarten")
                problems.append(Problem(plan.file, *at(path), f"parties[{index}].kindergarten",
                                        f"未知的幼儿园编号 \"{party['kindergarten']}\"，请先在 data/kindergartens.yml 中添加"))
        if data["author"] not in {p["kindergarten"] for p in data["parties"]}:
            problems.append(Problem(plan.file, *at(("author",)), "author",
                                    f"撰写单位 \"{data['author']}\" 必须是 parties 中的一所幼儿园"))
        expected = Path(plan.src_uri).stem
        if data["slug"] != expected:
            problems.append(Problem(plan.file, *at(("slug",)), "slug",
                                    f"网址名必须与文件名相同：文件名是 {expected}.md，网址名却是 \"{data['slug']}\""))
        if data["slug"] in first_with_slug:
            other = first_with_slug[data["slug"]].file
            problems.append(Problem(plan.file, *at(("slug",)), "slug", f"网址名 \"{data['slug']}\" 与 {other} 重复"))
        first_with_slug.setdefault(data["slug"], plan)
    return problems + former_slug_problems(plans)


def former_slug_problems(plans: list[Plan]) -> list[Problem]:
    """A former slug must not take over a live plan's address, nor point to two plans."""
    problems = []
    current = {plan.slug: plan for plan in plans}
    claimed: dict[str, Plan] = {}
    for plan in plans:
        for index, former in enumerate(plan.data.get("former_slugs", [])):
            where = (plan.file, *plan.source.where(("former_slugs", index)), f"former_slugs[{index}]")
            # Why: a redirect written over a live page would hide that plan.
            if former in current:
                problems.append(Problem(*where, f"旧网址名 \"{former}\" 正被 {current[former].file} 使用，不能再作为旧网址"))
            # Why: one old address can lead to only one plan.
            elif former in claimed and claimed[former] is not plan:
                problems.append(Problem(*where, f"旧网址名 \"{former}\" 已经写在 {claimed[former].file} 中"))
            claimed.setdefault(former, plan)
    return problems


def _shown(path: Path, project_dir: Path) -> str:
    """Paths in messages are relative to the project: never an absolute path of the build machine."""
    try:
        return path.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return path.name

