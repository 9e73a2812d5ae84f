"""The import report, in Chinese: per plan what was recognised, what stayed paragraphs and why, what needs a
decision, and whether it passes the checks; then a summary table."""

from __future__ import annotations

from .plans import Imported

KINDS = ("章节", "条目", "小组成员", "安排行", "段落", "落款", "表格")
MAX_LINES_SHOWN = 10


def report(results: list[Imported], unreadable: list[str]) -> str:
    lines = []
    for result in results:
        lines.append(f"== {result.source} 第 {result.number} 份 → {result.file or '（没有写入）'}")
        counts = result.recognised.counts
        lines.append("  识别：" + "，".join(f"{kind} {counts[kind]}" for kind in KINDS))
        if result.recognised.paragraphs_why:
            shown = result.recognised.paragraphs_why[:MAX_LINES_SHOWN]
            more = len(result.recognised.paragraphs_why) - len(shown)
            lines.append("  保留为段落：" + "；".join(f"第 {line} 行（{why}）" for line, why in shown)
                         + (f"；另有 {more} 处" if more > 0 else ""))
        for decision in result.decisions:
            lines.append(f"  需要决定：{decision}")
        if result.file:
            lines.append("  检查：通过" if not result.problems else f"  检查：发现 {len(result.problems)} 处问题")
            lines += [f"    {problem}" for problem in result.problems]
    for problem in unreadable:
        lines.append(f"== 无法读取：{problem}")
    lines.append("")
    lines.append("汇总：")
    lines.append("文件\t份\t" + "\t".join(KINDS) + "\t写入\t检查通过")
    by_file: dict[str, list[Imported]] = {}
    for result in results:
        by_file.setdefault(result.source, []).append(result)
    for source, found in by_file.items():
        totals = [sum(r.recognised.counts[kind] for r in found) for kind in KINDS]
        written = sum(1 for r in found if r.file)
        clean = sum(1 for r in found if r.file and not r.problems)
        lines.append("\t".join([source, str(len(found)), *map(str, totals), str(written), str(clean)]))
    return "\n".join(lines) + "\n"


def exit_code(results: list[Imported], unreadable: list[str]) -> int:
    """As validate: 0 when every plan was written and passes the checks, 1 otherwise."""
    return 0 if results and not unreadable and all(r.file and not r.problems for r in results) else 1
