"""Load the kindergartens and plans, check them, and keep what every page and export needs."""

from __future__ import annotations

import marshal
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from . import files, policy
from . import schema
from . import yamlsource
from . import problems as problems_module
from .problems import ContentError, Problem, printable_path

PLANS_DIR = "plans"
SECTIONS = "sections"   # the field that holds a plan's text (Plan.record() gives it)
MAX_PAGE_BYTES = 256 * 1024


@dataclass
class Plan:
    file: str          # path shown to editors, relative to the project (docs/plans/x.md)
    src_uri: str       # path inside docs/ (plans/x.md), as the site engine names pages
    data: dict         # its facts: every field but its sections (title, slug, parties, period, tags…)
    source: yamlsource.Source | None   # positions of its values, found again in the page's text when needed
    packed: bytes      # every field, sections included (marshal, deflated): record() gives them

    def record(self) -> dict:
        """Every field of the plan as written, sections included: a new copy each time.
        Why packed: a checked plan's sections as objects are most of a build's memory (30 KB a plan, 300 MB at
        10,000 plans); packed they are 4 KB, unpacked in a tenth of a millisecond by each page and export that
        shows them."""
        return marshal.loads(zlib.decompress(self.packed))

    @property
    def slug(self) -> str:
        return self.data["slug"]

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
    """Read and check everything; raise ContentError listing every problem found. Every check runs on every
    call: nothing in the repository can mark a file as checked."""
    collection, problems = collect(project_dir, docs_dir, data_dir)
    if problems:
        raise ContentError(problems)
    return collection


def collect(project_dir: Path, docs_dir: Path, data_dir: Path) -> tuple[Collection, list[Problem]]:
    """Read and check every page and data file: the checks of both the build and `validate`.

    Cross-file checks (kindergarten ids, duplicate slugs) always see the whole collection, so
    `validate` of one file finds exactly what the build would find in that file."""
    problems: list[Problem] = []
    problems += policy.no_symlinks(project_dir, [docs_dir, data_dir])
    # Why: a file the checks do not read (an .html page, a .markdown page) must not reach the site at all.
    problems += files.docs_problems(docs_dir, _shown(docs_dir, project_dir))
    kindergartens, found = load_kindergartens(data_dir / "kindergartens.yml", project_dir)
    problems += found
    collection = Collection(kindergartens or {})
    for path in sorted(docs_dir.rglob(f"*{files.PAGE_SUFFIX}")):
        if path.is_symlink() or not path.is_file():
            continue
        src_uri = path.relative_to(docs_dir).as_posix()
        is_plan = src_uri.startswith(f"{PLANS_DIR}/")
        plan, found = load_page(path, project_dir, src_uri, is_plan)
        problems += found
        if plan is not None:
            collection.plans[src_uri] = plan
    if kindergartens is not None:
        problems += cross_check(list(collection.plans.values()), kindergartens)
    return collection, sorted(problems)


def load_kindergartens(path: Path, project_dir: Path) -> tuple[dict | None, list[Problem]]:
    """The kindergartens by id, checked."""
    shown = _shown(path, project_dir)
    if not path.is_file():
        return None, [Problem(shown, 1, 1, "", "找不到幼儿园名录文件")]
    text, problems = _read(path, shown)
    if text is None:
        return None, problems
    root = schema.subschema("kindergartens_file")
    source, problems = yamlsource.parse(text, shown, label=lambda path: schema.field_label(path, root),
                                        max_nodes=yamlsource.DATA_MAX_NODES)
    if source is None:
        return None, problems
    problems += schema.check(source, shown, root)
    problems += policy.front_matter_problems(source, shown, root)
    return (source.data if not problems else None), problems


def load_page(path: Path, project_dir: Path, src_uri: str, is_plan: bool) -> tuple[Plan | None, list[Problem]]:
    """One Markdown page: its front matter checked against the schema (plans) and its body against the policy."""
    shown = _shown(path, project_dir)
    # Why: a huge file (a pasted video, a 10 MB field) would make every build and page slow.
    if path.stat().st_size > MAX_PAGE_BYTES:
        return None, [Problem(shown, 1, 1, "", f"文件太大（超过 {MAX_PAGE_BYTES // 1024} KB），请检查是否误粘贴了大量内容")]
    text, problems = _read(path, shown)
    if text is None:
        return None, problems
    plan, problems = check_page(text, shown, src_uri, is_plan)
    return plan, list(problems)


def check_page(text: str, shown: str, src_uri: str, is_plan: bool) -> tuple[Plan | None, tuple[Problem, ...]]:
    """Check one page's text; the result depends on nothing else, so it is kept for the same text."""
    return _checked(pack(text), shown, src_uri, is_plan)


def pack(text: str) -> bytes:
    """A page's text as kept for the build: UTF-8, deflated (a third of the string's memory: 10,000 plans keep
    about 35 MB, not 100 MB)."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")


# Why cached: `mkdocs serve` loads every page again after each save; an unchanged text is checked once. The
# result depends on the arguments alone (the code is the same for the life of the process), so it cannot be stale.
# The key is the packed text, the same bytes the plan keeps to find its positions again: nothing is kept twice.
@lru_cache(maxsize=8192)
def _checked(packed: bytes, shown: str, src_uri: str, is_plan: bool) -> tuple[Plan | None, tuple[Problem, ...]]:
    text = unpack(packed)
    problems: list[Problem] = []
    front, body, body_line = yamlsource.split_front_matter(text)
    source = None
    if front is None:
        # Why: MkDocs treats a page without --- as plain text, so a plan would lose all its data.
        if text.lstrip().startswith("---"):
            problems.append(Problem(shown, 1, 1, "", "开头的 --- 没有闭合：请在最后一个字段之后单独写一行 ---"))
        elif is_plan:
            problems.append(Problem(shown, 1, 1, "", "计划页面的第一行必须是 ---，各字段写在两行 --- 之间"))
        else:
            # Why: without a title MkDocs takes the first heading's text, which Material prints unescaped.
            problems.append(Problem(shown, 1, 1, "title", "页面开头要有 --- 包围的一段，写明 title: 标题"))
    else:
        source, found = yamlsource.parse(front, shown, line_offset=1,
                                         label=schema.field_label if is_plan else problems_module.field_path)
        if source is not None and not isinstance(source.data, dict):
            # Why alone: what went wrong is the whole shape (often a full-width colon); the rest follows from it.
            problems.append(_not_a_mapping(source, shown, front))
        else:
            problems += found
            if source is not None:
                problems += _front_matter_shape(source, shown, front, is_plan, src_uri)
    if is_plan:
        if front is not None:
            problems += policy.plan_body_problems(body, shown, body_line)
    else:
        problems += policy.body_problems(body, shown, body_line, policy.macros_for(src_uri))[1]
        problems += policy.body_markup_problems(body, shown, body_line)
    if not is_plan or problems or source is None:
        return None, tuple(problems)
    return _plan(shown, src_uri, source, packed), ()


def _plan(shown: str, src_uri: str, source: yamlsource.Source, packed: bytes) -> Plan:
    # Why the packed text: the cache above keeps it anyway (as its key); the positions, far larger, are let go.
    positions = source.compact(lambda: yamlsource.split_front_matter(unpack(packed))[0])
    return plan_of(shown, src_uri, source.data, positions)


def plan_of(file: str, src_uri: str, data: dict, source: yamlsource.Source | None) -> Plan:
    """A checked plan's data as the build keeps it: its facts as they are, the whole of it packed."""
    return Plan(file, src_uri, {key: value for key, value in data.items() if key != SECTIONS}, source,
                zlib.compress(marshal.dumps(data), 1))


def _read(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    # Why: a file saved as GBK by a Windows editor would otherwise stop the build with a traceback.
    try:
        return yamlsource.read_text(path), []
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, 1, "", "文件不是 UTF-8 编码，请用 UTF-8 保存（记事本“另存为”时编码选 UTF-8）")]


def _front_matter_shape(source: yamlsource.Source, shown: str, front: str, is_plan: bool, src_uri: str) -> list[Problem]:
    # Why: a full-width colon or a stray list turns the whole front matter into one string or list.
    if not isinstance(source.data, dict):
        return [_not_a_mapping(source, shown, front)]
    problems = policy.front_matter_problems(source, shown)
    if is_plan:
        return problems + schema.check(source, shown)
    return problems + policy.page_front_matter_problems(source, shown, src_uri)


def _not_a_mapping(source: yamlsource.Source, shown: str, front: str) -> Problem:
    for number, line in enumerate(front.splitlines(), start=2):
        if yamlsource.is_full_width_key_line(line):
            return Problem(shown, number, 1, "", "字段名后面用了全角冒号（：），请改成英文冒号加空格（: ）")
    line, column = source.where(())
    return Problem(shown, line, column, "", f"两行 --- 之间必须是“字段: 值”的形式，得到 {schema.describe(source.data)}")


def cross_check(plans: list[Plan], kindergartens: dict) -> list[Problem]:
    """Checks that need more than one file: kindergarten ids, authors, slugs."""
    problems = []
    first_with_slug: dict[str, Plan] = {}
    for plan in plans:
        data, at = plan.data, plan.source.where
        for index, party in enumerate(data["parties"]):
            if party["kindergarten"] not in kindergartens:
                path = ("parties", index, "kindergarten")
                problems.append(Problem(plan.file, *at(path), schema.field_label(path),
                                        f"未知的幼儿园编号 \"{party['kindergarten']}\"，请先在 data/kindergartens.yml 中添加"))
        if "author" in data and data["author"] not in {p["kindergarten"] for p in data["parties"]}:
            problems.append(Problem(plan.file, *at(("author",)), schema.field_label(("author",)),
                                    f"撰写单位 \"{data['author']}\" 必须是参与幼儿园（parties）之一；原文看不出是谁写的就删掉这一行"))
        expected = printable_path(Path(plan.src_uri).stem)
        slug_label = schema.field_label(("slug",))
        if data["slug"] != expected:
            problems.append(Problem(plan.file, *at(("slug",)), slug_label,
                                    f"网址名必须与文件名相同：文件名是 {expected}.md，网址名却是 \"{data['slug']}\""))
        if data["slug"] in first_with_slug:
            other = first_with_slug[data["slug"]].file
            problems.append(Problem(plan.file, *at(("slug",)), slug_label, f"网址名 \"{data['slug']}\" 与 {other} 重复"))
        first_with_slug.setdefault(data["slug"], plan)
    return problems + former_slug_problems(plans)


def former_slug_problems(plans: list[Plan]) -> list[Problem]:
    """A former slug must not take over a live plan's address, nor point to two plans."""
    problems = []
    current = {plan.slug: plan for plan in plans}
    claimed: dict[str, Plan] = {}
    for plan in plans:
        for index, former in enumerate(plan.data.get("former_slugs", [])):
            where = (plan.file, *plan.source.where(("former_slugs", index)), schema.field_label(("former_slugs", index)))
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
        return printable_path(path.resolve().relative_to(project_dir.resolve()).as_posix())
    except ValueError:
        return printable_path(path.name)

