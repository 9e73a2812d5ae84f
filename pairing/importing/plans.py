"""Turn a document into plan files: read it, find its plans, recognise each plan's parts and its kindergartens,
write each plan (never over an existing one unless asked), check it with the build's own checks, and report."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..content import plans as content_plans
from ..content import scaffold
from .blocks import Block
from .docx import DocxError, read_docx
from .recognise import Recognised, recognise
from .text import TextError, read_text, split_plans

# A kindergarten's name in running text: after a boundary, a short run naming a place (县、市、镇… or an
# anonymised XX), then 幼儿园; a run with words of a sentence in it (我、的、帮助…) is not a name.
NAMED = re.compile(r"(?:^|(?<=[，。、；：:\s（(与和及同]))([\u4e00-\u9fffA-Za-z]{2,12}?幼儿园)")
PLACE = re.compile(r"[省市县区镇乡村州]|[Xx]{2}")
NOT_A_NAME = re.compile(r"[我们的到为对将使让该各本这其]|帮|指导|开展|提高|设计|结合|创新|现为|农村|村级|引导|促进|带动|利用|组织|分析")
# Words that mark a kindergarten as the helping one (a model, a city's or county's own, an education bureau's).
HELPING_WORDS = ("机关", "示范", "实验", "省级", "市级", "县直")


@dataclass
class Imported:
    """One plan found in a document: where it came from, what was recognised, what needs a decision."""
    source: str                       # the document, as the report names it
    number: int                       # its place in the document (from 1)
    data: dict
    recognised: Recognised
    proposed: dict[str, dict] = field(default_factory=dict)   # new kindergarten entries (id → record)
    decisions: list[str] = field(default_factory=list)
    file: str = ""                    # the plan file written ("" when not written)
    problems: list[str] = field(default_factory=list)   # what validate says of it


def read_document(path: Path) -> list[Block]:
    if path.suffix.lower() == ".docx":
        return read_docx(path)
    if path.suffix.lower() in (".txt", ".md", ".text"):
        return read_text(path)[0]
    raise TextError(f"不支持的文件类型 {path.suffix or '（没有扩展名）'}：只能导入 .docx、.txt 或 .md 文件")


def ascii_slug(text: str) -> str:
    """The ASCII letters and digits of a name, lower case, joined by hyphens ("" when it has none)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return "-".join(re.findall(r"[a-z0-9]+", plain))[:40].strip("-")


def kindergartens_named(text: str, kindergartens: dict) -> tuple[list[str], list[str]]:
    """(ids of known kindergartens the text names, by name or alias, in order of first mention; other names of
    kindergartens in the text, in order)."""
    known: dict[int, str] = {}
    for kid, record in kindergartens.items():
        for name in [record["name"], *record.get("aliases", [])]:
            at = text.find(name)
            if at >= 0 and not record.get("anonymous"):
                known[kid] = min(at, known.get(kid, at))
    ids = sorted(known, key=known.get)
    covered = [record["name"] for record in kindergartens.values()] + [a for r in kindergartens.values() for a in r.get("aliases", [])]
    others = [name for name in dict.fromkeys(NAMED.findall(text))
              if PLACE.search(name) and not NOT_A_NAME.search(name)
              and not any(name in known_name or known_name in name for known_name in covered)]
    return ids, others


def plan_from(blocks: list[Block], source: str, number: int, slug: str, kindergartens: dict,
              add_kindergartens: bool) -> Imported:
    """One plan's data: its recognised sections, a title, the kindergartens it names as parties."""
    recognised = recognise(blocks)
    text = "\n".join(block.seen if not block.is_table else "\n".join("\t".join(r) for r in block.rows) for block in blocks)
    ids, others = kindergartens_named(text, kindergartens)
    imported = Imported(source, number, {}, recognised)
    title = recognised.original_title or f"{Path(source).stem}（第 {number} 份）"
    if not recognised.original_title:
        imported.decisions.append(f"标题：原文没有标题行，暂用“{title}”，请改成合适的标题")
    for index, name in enumerate(others, start=1):
        imported.proposed[f"{slug}-k{index}"] = {"name": name}
    if not ids and not others:
        imported.proposed[f"{slug}-helping"] = {"name": f"未具名帮扶园（{title}）", "anonymous": True}
        imported.proposed[f"{slug}-helped"] = {"name": f"未具名受援园（{title}）", "anonymous": True}
        imported.decisions.append("幼儿园：原文没有写园名，建议添加两所未具名幼儿园（帮扶园、受援园）")
    elif imported.proposed:
        names = "、".join(record["name"] for record in imported.proposed.values())
        imported.decisions.append(f"幼儿园：名录里没有 {names}，建议添加到 data/kindergartens.yml（请核对园名）")
    names = {**kindergartens, **imported.proposed}
    party_ids = ids + list(imported.proposed) if add_kindergartens else ids
    parties = [{"kindergarten": kid, "role": _role(names[kid]["name"], kid, party_ids)} for kid in party_ids]
    if parties:
        imported.decisions.append("参与幼儿园的角色（帮扶园、受援园）是按园名推测的，请核对")
    data: dict = {"title": title, "slug": slug}
    if recognised.original_title:
        data["original_title"] = recognised.original_title
    data["parties"] = parties
    data["sections"] = recognised.sections
    imported.data = data
    return imported


def _role(name: str, kid: str, party_ids: list[str]) -> str:
    """A guess, reported as one: the proposed anonymous pair by its id, else by the words of the name."""
    if kid.endswith(("-helping", "-helped")):
        return "helping" if kid.endswith("-helping") else "helped"
    return "helping" if any(word in name for word in HELPING_WORDS) else "helped"


def plan_text(data: dict) -> str:
    return f"---\n{scaffold.dump(data)}---\n"


def add_to_directory(path: Path, entries: dict[str, dict]) -> None:
    """Append new kindergarten entries to data/kindergartens.yml, as the file writes them."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + scaffold.dump(entries), encoding="utf-8")


def import_documents(paths: list[Path], project: Path, out: Path, *, overwrite: bool = False,
                     add_kindergartens: bool = False) -> tuple[list[Imported], list[str]]:
    """Import every document (folders: every .docx, .txt and .md in them); returns what was imported and the
    documents that could not be read, with why."""
    kindergartens_file = project / "data" / "kindergartens.yml"
    kindergartens = content_plans.load_kindergartens(kindergartens_file, project)[0] or {}
    documents = [p for path in paths for p in (sorted(q for q in path.rglob("*") if q.suffix.lower() in (".docx", ".txt", ".md"))
                                              if path.is_dir() else [path])]
    results, unreadable, taken = [], [], {p.stem for p in out.glob("*.md")}
    for document in documents:
        shown = _shown(document, project)
        try:
            blocks = read_document(document)
        except (DocxError, TextError) as error:   # each reader's refusal is a Chinese message
            unreadable.append(f"{shown}: {error}")
            continue
        except OSError:
            unreadable.append(f"{shown}: 文件无法打开，请检查文件是否存在、是否有读取权限")
            continue
        found = split_plans(blocks) if document.suffix.lower() != ".docx" else [blocks]
        for number, plan_blocks in enumerate(found, start=1):
            slug = _free_slug(ascii_slug(document.stem) or "imported-plan", number, len(found), taken, overwrite)
            taken.add(slug)
            imported = plan_from(plan_blocks, shown, number, slug, kindergartens, add_kindergartens)
            target = out / f"{slug}.md"
            if target.exists() and not overwrite:
                imported.decisions.append(f"{_shown(target, project)} 已经存在，没有覆盖（要覆盖请加 --overwrite）")
            else:
                if add_kindergartens and imported.proposed:
                    add_to_directory(kindergartens_file, imported.proposed)
                    kindergartens.update(imported.proposed)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(plan_text(imported.data), encoding="utf-8")
                imported.file = _shown(target, project)
            results.append(imported)
    _check(results, project)
    return results, unreadable


def _free_slug(base: str, number: int, count: int, taken: set[str], overwrite: bool) -> str:
    slug = f"{base}-{number}" if count > 1 else base
    if overwrite or slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"


def _check(results: list[Imported], project: Path) -> None:
    """Every written plan through the build's own checks (content.plans.collect, as validate)."""
    if not any(result.file for result in results):
        return
    _, problems = content_plans.collect(project, project / "docs", project / "data")
    for result in results:
        result.problems = [str(p) for p in problems if p.file == result.file]


def _shown(path: Path, project: Path) -> str:
    try:
        return path.resolve().relative_to(project.resolve()).as_posix()
    except ValueError:
        return path.name
