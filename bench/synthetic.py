"""Synthetic plans for the benchmark: varied Chinese text recombined from the seed plans' own clauses.

Every plan is valid against the site's schema (pairing/content/schema.yml) and is written as the site's plans are:
front matter only, every top-level field and every kind of section (paragraphs, list with sub-items, group,
timetable, signature, a heading alone, headings of levels 2 and 3), so a build of N synthetic plans exercises the
same code paths as N real ones. Deterministic for a given seed.

A `--before` ref from before issue 16 (its schema has no `sections`) gets its own format: the fixed fields and a
body with every plan macro (legacy_plan), so that the older site builds the same content.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

# Project parts that a benchmark copy leaves out (tools, tests, outputs, and the .cache/ of older refs); everything
# else is the site. Hidden folders (.git, .venv, .github, …) are left out too, and the editable install's metadata.
NOT_SITE = {"venv", "site", "dist", "tests", "bench", "__pycache__", "node_modules", "BENCHMARKS.md", "BENCHMARKS.json"}
CLAUSE_BREAK = re.compile(r"[，。；;！？：:\n]+")
HAN = re.compile(r"[\u4e00-\u9fff]")
PLACE_CHARS = "东南西北安平宁康兴华阳江山河湖泉林石桥新昌明德永和丰富清溪岭川源泰云龙凤金玉长乐"
PLACE_KINDS = ["县", "镇", "乡", "区"]
KINDERGARTEN_KINDS = ["中心幼儿园", "机关幼儿园", "第一幼儿园", "实验幼儿园", "阳光幼儿园", "希望幼儿园", "童心幼儿园"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐"
GIVEN = "丽芳敏静燕娟霞红艳玲萍华英梅琳雪晶慧洁颖"
NUMBERINGS = ["1、", "1.", "一、", "（一）", "①", "(1)"]
SECTION_NUMBERS = "一二三四五六七八九十"
ROLES_AFTER_LEADER = ["副组长", "组员", "组员", "成员"]
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
# The schema files a site may have had (this one; refs before the pairing package had it at pairing/schema.yml).
SCHEMA_FILES = ["pairing/content/schema.yml", "pairing/schema.yml"]
# Ten months of a school year: September to December, then January and March to July of the next year.
SCHOOL_YEAR = [9, 10, 11, 12, 1, 3, 4, 5, 6, 7]


def copy_site(root: Path, target: Path) -> Path:
    """A throw-away copy of whatever the checkout holds (config, plugin code, templates, docs, data)."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in sorted(root.iterdir()):
        if left_out(entry):
            continue
        if entry.is_dir():
            shutil.copytree(entry, target / entry.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(entry, target / entry.name)
    return target


def left_out(entry: Path) -> bool:
    """Whether a top-level entry of the project is not part of the site a benchmark builds."""
    return (entry.name in NOT_SITE or entry.name.endswith(".egg-info")
            or entry.name.startswith(".") and entry.is_dir())


# Vocabulary
def seed_clauses(project: Path) -> list[str]:
    """Every clause of Chinese prose in the seed plans, front matter and body alike."""
    texts: list[str] = []
    for path in sorted((project / "docs" / "plans").glob("*.md")):
        text = path.read_text(encoding="utf-8-sig")
        texts.append(re.sub(r"\{\{.*?\}\}", "", text))
    clauses = {c.strip(" -\"'#[]") for t in texts for c in CLAUSE_BREAK.split(t)}
    return sorted(c for c in clauses if len(HAN.findall(c)) >= 6 and "{" not in c)


def seed_tags(project: Path) -> list[str]:
    tags: set[str] = set()
    for path in sorted((project / "docs" / "plans").glob("*.md")):
        front = path.read_text(encoding="utf-8-sig").split("\n---", 1)[0]
        tags.update((yaml.safe_load(front.lstrip("-\n")) or {}).get("tags", []))
    return sorted(tags)


class Writer:
    """Sentences and paragraphs recombined from seed clauses."""

    def __init__(self, clauses: list[str], rng: random.Random):
        self.clauses, self.rng = clauses, rng

    def sentence(self, parts: tuple[int, int] = (2, 4)) -> str:
        return "，".join(self.rng.sample(self.clauses, self.rng.randint(*parts))) + "。"

    def paragraph(self, sentences: tuple[int, int] = (2, 3)) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def outline(self, items: int, numbered: bool = True) -> dict:
        """A list in the format before issue 16 (legacy_plan): a numbering style and its items."""
        outline: dict = {"numbering": self.rng.choice(NUMBERINGS)} if numbered else {}
        outline["items"] = [self.sentence((1, 3)) for _ in range(items)]
        return outline

    def items(self, count: int, style: str | None = None) -> list[dict]:
        """A list of `count` items, each with its marker as written in one numbering style (chosen at random)."""
        style = style or self.rng.choice(NUMBERINGS)
        return [{"marker": marker(style, n), "text": self.sentence((1, 3))} for n in range(1, count + 1)]


def marker(style: str, n: int) -> str:
    """The marker of item n in a numbering style, as the plans write it (1、 2、 / （一） / ① …)."""
    numeral = chinese_numeral(n)
    return {"1、": f"{n}、", "1.": f"{n}.", "一、": f"{numeral}、", "（一）": f"（{numeral}）", "①": CIRCLED[n - 1],
            "(1)": f"({n})"}[style]


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二 (a school year's months and a list's numbers)."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else "十" if tens == 1 else SECTION_NUMBERS[tens - 1] + "十") + (
        SECTION_NUMBERS[ones - 1] if ones else "")


# Kindergartens and plans
def kindergartens(count: int, rng: random.Random) -> dict:
    """Generated kindergartens by id: a place name and a kind, with the region they are in."""
    found = {}
    for number in range(1, count + 1):
        place = "".join(rng.sample(PLACE_CHARS, 2)) + rng.choice(PLACE_KINDS)
        record = {"name": f"{place}{rng.choice(KINDERGARTEN_KINDS)}", "region": place}
        if rng.random() < 0.3:
            record["ownership"] = rng.choice(["公办", "民办"])
        found[f"synthetic-kg-{number:04d}"] = record
    return found


def plan(number: int, writer: Writer, tags: list[str], helping: str, helped: str, names: dict) -> dict:
    """One plan as the site writes it: front matter only, every field and every kind of section."""
    rng = writer.rng
    slug = f"synthetic-{number:04d}"
    year = rng.randint(2015, 2025)
    heading = iter(f"{numeral}、" for numeral in SECTION_NUMBERS)
    sections = [
        {"kind": "intro", "paragraphs": [writer.paragraph()]},
        {"heading": f"{next(heading)}指导思想", "kind": "guiding_ideology", "paragraphs": [writer.paragraph()]},
        {"heading": f"{next(heading)}工作原则", "kind": "principles", "paragraphs": [writer.paragraph((1, 2))]},
        {"heading": f"{next(heading)}现状分析", "kind": "status", "paragraphs": [writer.paragraph((1, 2))]},
        {"heading": "存在的不足：", "level": 3, "kind": "status", "list": writer.items(3)},
        {"heading": f"{next(heading)}领导小组", "kind": "leadership", "group": group(rng)},
        {"heading": f"{next(heading)}工作目标", "kind": "goals", "list": writer.items(3)},
        {"heading": f"{next(heading)}帮扶内容", "kind": "content"},
        *[{"heading": f"（{chinese_numeral(n)}）{writer.sentence((1, 1)).rstrip('。')[:12]}", "level": 3,
           "kind": "content", "list": writer.items(2)} for n in range(1, 4)],
        {"heading": f"{next(heading)}具体措施", "kind": "measures", "list": nested_items(writer)},
        {"heading": f"{next(heading)}组织实施", "kind": "organisation", "list": writer.items(2)},
        {"heading": f"{next(heading)}活动安排", "kind": "schedule", "timetable": timetable(writer, year)},
        {"kind": "closing", "paragraphs": [writer.paragraph((1, 2))]},
        {"signature": {"org": names[helped], "date": f"{year}年8月"}},
    ]
    return {
        "title": f"{names[helping]}与{names[helped]}结对帮扶计划（{number}）",
        "slug": slug,
        "original_title": f"篇{number}：幼儿园结对帮扶工作计划",
        "parties": [{"kindergarten": helping, "role": "helping"}, {"kindergarten": helped, "role": "helped"}],
        "author": helped,
        "period": {"text": f"{year}年9月至{year + 1}年7月", "start_year": year, "start_month": 9,
                   "end_year": year + 1, "end_month": 7},
        "sections": sections,
        "tags": rng.sample(tags, rng.randint(3, 6)),
    }


def group(rng: random.Random) -> list[dict]:
    people = [{"role": "组长：", "name": rng.choice(SURNAMES) + rng.choice(GIVEN), "duty": "（全面负责结对帮扶工作）"}]
    for role in rng.sample(ROLES_AFTER_LEADER, 3):
        people.append({"role": f"{role}：", "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))})
    return people


def nested_items(writer: Writer) -> list[dict]:
    """Four items with headings, each with sub-items in another numbering style."""
    found = []
    for item in writer.items(4, "1、"):
        found.append({**item, "heading": writer.sentence((1, 1)).rstrip("。")[:10] + "：",
                      "items": writer.items(writer.rng.randint(1, 3), "(1)")})
    return found


def timetable(writer: Writer, year: int) -> list[dict]:
    """A school year's rows, each with its time as written, its year and month, and one to three items."""
    rows = []
    for month in SCHOOL_YEAR:
        row_year = year if month >= 9 else year + 1
        rows.append({"when": f"{row_year}年{chinese_numeral(month)}月份：", "year": row_year, "months": [month],
                     "items": writer.items(writer.rng.randint(1, 3))})
    return rows


# The format before issue 16, for a --before ref whose schema has no sections.
def legacy_plan(number: int, writer: Writer, tags: list[str], helping: str, helped: str,
                names: dict) -> tuple[dict, str]:
    """One plan: (front matter, body) using every field and every plan macro."""
    rng = writer.rng
    slug = f"synthetic-{number:04d}"
    year = rng.randint(2015, 2025)
    data = {
        "title": f"{names[helping]}与{names[helped]}结对帮扶计划（{number}）",
        "slug": slug,
        "original_title": f"篇{number}：幼儿园结对帮扶工作计划",
        "year": year,
        "parties": [{"kindergarten": helping, "role": "helping"}, {"kindergarten": helped, "role": "helped"}],
        "author": helped,
        "guiding_ideology": [writer.paragraph()],
        "principles": [writer.paragraph((1, 2))],
        "status_analysis": {"strengths": [writer.paragraph((1, 2))], "weaknesses": writer.outline(3)},
        "leadership": leadership(rng),
        "goals": writer.outline(3),
        "content": {"numbering": "（一）", "items": [
            {"heading": writer.sentence((1, 1)).rstrip("。")[:12], "sub": writer.outline(2)} for _ in range(3)]},
        "measures": writer.outline(4),
        "organisation": writer.outline(2),
        "schedule": schedule(writer),
        "signature": {"org": names[helped], "date": f"{year}年8月"},
        "tags": rng.sample(tags, rng.randint(3, 6)),
    }
    return data, body(writer)


def leadership(rng: random.Random) -> list[dict]:
    people = [{"role": "组长", "name": rng.choice(SURNAMES) + rng.choice(GIVEN), "duty": "全面负责结对帮扶工作"}]
    for role in rng.sample(ROLES_AFTER_LEADER, 3):
        people.append({"role": role, "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))})
    return people


def schedule(writer: Writer) -> list[dict]:
    """Ten months: September to December, then January and March to July of the next year."""
    rows = []
    for month in SCHOOL_YEAR:
        row: dict = {"months": [month]}
        if month < 9:
            row["next_year"] = True
        row["activities"] = writer.outline(writer.rng.randint(1, 3))
        rows.append(row)
    return rows


def body(writer: Writer) -> str:
    parts = [writer.paragraph(), ""]
    calls = ['paragraphs("guiding_ideology")', 'paragraphs("principles")', "status_report()",
             'outline("goals")', "leadership_group()", 'outline("content")', 'outline("measures")',
             'outline("organisation")', "schedule_table()"]
    headings = ["指导思想", "工作原则", "现状分析", "工作目标", "领导小组", "帮扶内容", "具体措施", "组织实施", "活动安排"]
    for index, (heading, call) in enumerate(zip(headings, calls)):
        parts += [f"## {SECTION_NUMBERS[index]}、{heading}", "", "{{ " + call + " }}", ""]
    parts += [writer.paragraph((1, 2)), "", "{{ signature_block() }}", ""]
    return "\n".join(parts)


def writes_sections(project: Path) -> bool:
    """Whether the project's site takes plans as sections in front matter (issue 16), from its own schema."""
    for name in SCHEMA_FILES:
        path = project / name
        if path.is_file():
            schema = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            return "sections" in schema.get("properties", {})
    return False


def write_plans(project: Path, count: int, seed: int = 8) -> list[str]:
    """Add `count` synthetic plans and their kindergartens to a site copy, in the format its site takes; return
    the new plan files."""
    clauses, tags = seed_clauses(project), seed_tags(project)
    data_file = project / "data" / "kindergartens.yml"
    existing = yaml.safe_load(data_file.read_text(encoding="utf-8-sig")) or {}
    generated = kindergartens(2 * count, random.Random(seed))
    names = {kid: record["name"] for kid, record in {**existing, **generated}.items()}
    data_file.write_text(dump({**existing, **generated}), encoding="utf-8")
    ids, written = list(generated), []
    sections = writes_sections(project)
    for number in range(1, count + 1):
        # Plan n is the same whatever the count, so pages can be compared across sizes of the site.
        writer = Writer(clauses, random.Random(f"{seed}-{number}"))
        helping, helped = ids[2 * number - 2], ids[2 * number - 1]
        if sections:
            data = plan(number, writer, tags, helping, helped, names)
            text = f"---\n{dump(data)}---\n"
        else:
            data, body_text = legacy_plan(number, writer, tags, helping, helped, names)
            text = f"---\n{dump(data)}---\n\n{body_text}"
        path = project / "docs" / "plans" / f"{data['slug']}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path.name)
    return written


def dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
