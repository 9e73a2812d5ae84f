"""The editors' command line: `python -m pairing validate` checks plans, `python -m pairing new` starts one.

Each sub-command is one function in SUBCOMMANDS that adds its parser and sets `run`; a new command
is one more function and one more line there. Exit codes: 0 clean, 1 problems found, 2 usage errors.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..exports import offline
from ..content import plans
from ..content import scaffold, searchwords
from ..content.problems import ContentError, Problem
from ..content.schema import plan_schema
from ..site import listings

PROJECT = Path(__file__).resolve().parents[2]
# As in mkdocs.yml (docs_dir, the pairing plugin's data_dir): where pages and shared records live.
DOCS, DATA = "docs", "data"
ROLES = {"helping": "帮扶园", "helped": "受援园", "guiding": "指导单位"}
# argparse speaks English; editors read Chinese. Its messages, in the order it may print them.
ARGPARSE_MESSAGES = [
    (r"the following arguments are required: (.*)", r"缺少必填参数：\1"),
    (r"unrecognized arguments: (.*)", r"不认识的参数：\1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1 的值 \2 不可用，可选：\3"),
    (r"argument (\S+): invalid int value: (.*)", r"参数 \1 应为整数，得到 \2"),
    (r"argument (\S+): expected one argument", r"参数 \1 后面要写一个值"),
    (r"argument (\S+): (.*)", r"参数 \1：\2"),
]


class ChineseParser(argparse.ArgumentParser):
    """argparse with Chinese usage, section titles and error messages; usage errors exit 2."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=ChineseHelpFormatter, add_help=False, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示这段帮助后退出")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 错误：{chinese_message(message)}\n")


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


def chinese_message(message: str) -> str:
    for pattern, replacement in ARGPARSE_MESSAGES:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def main(argv: list[str] | None = None) -> int:
    parser = ChineseParser(prog="python -m pairing", description="幼儿园结对帮扶计划：检查与新建计划文件。")
    subparsers = parser.add_subparsers(title="命令", metavar="命令", dest="command", parser_class=ChineseParser)
    subparsers.required = True
    for add_command in SUBCOMMANDS:
        add_command(subparsers)
    args = parser.parse_args(argv)
    return args.run(args)


# validate
def add_validate(subparsers) -> None:
    command = subparsers.add_parser("validate", help="检查计划和数据文件（与生成网站时的检查完全相同）",
                                    description="检查计划和数据文件，列出每一处问题。不写文件名时检查全部。")
    command.add_argument("paths", nargs="*", metavar="文件", help="要检查的文件或文件夹（docs/ 或 data/ 下）")
    command.set_defaults(run=run_validate)


def run_validate(args) -> int:
    try:
        wanted = selected_files([Path(p) for p in args.paths], PROJECT)
    except UsageError as error:
        print(f"python -m pairing validate: 错误：{error}", file=sys.stderr)
        return 2
    problems = all_problems(PROJECT)
    if wanted is not None:
        problems = [p for p in problems if p.file in wanted]
    return report(problems, len(wanted) if wanted is not None else None)


def all_problems(project: Path) -> list[Problem]:
    """Every problem the build would stop at: the plans, the pages, the kindergartens and the search words."""
    collection, problems = plans.collect(project, project / DOCS, project / DATA)
    if not problems:
        # As the build: its generated pages are known once everything loaded cleanly.
        pages = sorted(path.relative_to(project / DOCS).as_posix() for path in (project / DOCS).rglob("*.md"))
        problems += listings.taken_addresses(listings.generated_pages(collection), pages)
    try:
        searchwords.load_field_words(project / DATA, project)
    except ContentError as error:
        problems += error.problems
    return sorted(problems)


class UsageError(Exception):
    pass


def selected_files(paths: list[Path], project: Path) -> set[str] | None:
    """The files to report on, as problems name them (docs/plans/x.md); None for all of them."""
    if not paths:
        return None
    wanted: set[str] = set()
    for path in paths:
        if not path.exists():
            raise UsageError(f"找不到文件：{path}")
        resolved = path.resolve()
        if not any(resolved.is_relative_to(project / part) for part in (DOCS, DATA)):
            raise UsageError(f"{path} 不在 {DOCS}/ 或 {DATA}/ 下；只有那里的文件会发布到网站")
        files = sorted(resolved.rglob("*")) if resolved.is_dir() else [resolved]
        # Why every file: an .html page or a fake image under docs/ is a problem of that file too.
        wanted |= {f.relative_to(project.resolve()).as_posix() for f in files if f.is_file() or f.is_symlink()}
    return wanted


def report(problems: list[Problem], checked: int | None) -> int:
    if problems:
        print(f"发现 {len(problems)} 处问题：")
        print("\n".join(str(p) for p in problems))
        return 1
    scope = f" {checked} 个文件" if checked is not None else "全部计划和数据文件"
    print(f"检查了{scope}，没有发现问题。")
    return 0


# new
def add_new(subparsers) -> None:
    command = subparsers.add_parser("new", help="新建一份计划文件（docs/plans/网址名.md）",
                                    description="按给出的信息新建计划文件；幼儿园可写编号或园名。不会覆盖已有文件。")
    command.add_argument("--title", required=True, metavar="标题", help="计划标题")
    command.add_argument("--slug", required=True, metavar="网址名", help="小写字母、数字和连字符，也是文件名")
    for role, label in ROLES.items():
        command.add_argument(f"--{role}", action="append", default=[], metavar="幼儿园", help=f"{label}（可写多次）")
    command.add_argument("--author", metavar="幼儿园", help="撰写单位，必须是参与幼儿园之一；原文看不出是谁写的就不要填")
    command.add_argument("--period", metavar="时间", help="计划的时间，照原文写（如 2023年4月至2025年4月）；原文没写就不要填")
    command.add_argument("--original-title", metavar="原标题", help="原文档的标题")
    command.add_argument("--tag", action="append", default=[], metavar="标签", help="标签（可写多次）")
    command.set_defaults(run=run_new)


def run_new(args) -> int:
    kindergartens, problems = plans.load_kindergartens(PROJECT / DATA / "kindergartens.yml", PROJECT)
    if kindergartens is None:
        return report(problems, 1)
    refusal = new_plan_refusal(args, kindergartens)
    if refusal:
        print(refusal, file=sys.stderr)
        return 1
    target = PROJECT / DOCS / plans.PLANS_DIR / f"{args.slug}.md"
    parties = [(scaffold.find_kindergarten(name, kindergartens), role)
               for role in ROLES for name in getattr(args, role)]
    author = scaffold.find_kindergarten(args.author, kindergartens) if args.author else None
    data = scaffold.plan_data(title=args.title, slug=args.slug, parties=parties, author=author, period=args.period,
                              original_title=args.original_title, tags=args.tag)
    target.write_text(scaffold.plan_text(data), encoding="utf-8")
    shown = target.relative_to(PROJECT).as_posix()
    # The new plan has no sections yet (only the guide, as comments): every other problem is a wrong fact given here.
    problems = [p for p in all_problems(PROJECT) if p.file == shown and not p.field.endswith("（sections）")]
    if problems:
        # Why: a file with a wrong fact would only be another thing to fix by hand.
        target.unlink()
        return report(problems, 1)
    print(f"已新建 {shown}，写好了计划的基本信息。章节（sections）还没有内容：请照文件里的说明按原文写好，"
          f"再运行 python -m pairing validate {shown} 检查。写好之前，检查不会通过，网站也不会生成。")
    return 0


def new_plan_refusal(args, kindergartens: dict) -> str:
    """Why the plan cannot be created as asked, in Chinese; empty when it can."""
    # Why: an editor's existing plan must never be overwritten by a scaffold.
    target = PROJECT / DOCS / plans.PLANS_DIR / f"{args.slug}.md"
    if target.exists():
        return f"{target.relative_to(PROJECT).as_posix()} 已经存在，不会覆盖。要修改它，请直接编辑这个文件。"
    if not re.fullmatch(plan_schema()["properties"]["slug"]["pattern"], args.slug):
        return f"网址名只能由小写字母、数字和连字符组成，如 dongyuan-pairing，得到 \"{args.slug}\""
    if not any(getattr(args, role) for role in ROLES):
        return "至少要写一所参与幼儿园：--helping、--helped 或 --guiding"
    names = [name for role in ROLES for name in getattr(args, role)] + ([args.author] if args.author else [])
    unknown = [name for name in names if scaffold.find_kindergarten(name, kindergartens) is None]
    if unknown:
        return f"找不到幼儿园：{'、'.join(unknown)}。请写 {DATA}/kindergartens.yml 中的编号或园名，新幼儿园先在那里添加。"
    parties = {scaffold.find_kindergarten(name, kindergartens) for role in ROLES for name in getattr(args, role)}
    if args.author and scaffold.find_kindergarten(args.author, kindergartens) not in parties:
        return f"撰写单位“{args.author}”必须是参与幼儿园之一（--helping、--helped 或 --guiding 中写的幼儿园）"
    return ""


# offline
def add_offline(subparsers) -> None:
    summary = "生成整站离线版压缩包（zip），解压后不用网络也能打开和搜索；打印压缩包路径"
    command = subparsers.add_parser("offline", help=summary, description=summary)
    command.add_argument("--output", type=Path, default=PROJECT / offline.DEFAULT_ZIP, metavar="文件",
                         help=f"压缩包保存到哪里（默认：{offline.DEFAULT_ZIP}）")
    command.set_defaults(run=run_offline)


def run_offline(args) -> int:
    try:
        path = offline.build_zip(PROJECT, args.output)
    except offline.OfflineBuildError as error:
        print(f"离线版没有生成：\n{error}", file=sys.stderr)
        return 1
    print(path)
    return 0


# import
def add_import(subparsers) -> None:
    summary = "把 Word（.docx）或文本（.txt、.md）中的计划导入为计划文件，并报告识别结果"
    command = subparsers.add_parser("import", help=summary, description=summary)
    command.add_argument("paths", nargs="+", type=Path, metavar="文件或文件夹", help="要导入的文件；文件夹则导入其中全部 .docx、.txt、.md")
    command.add_argument("--out", type=Path, default=PROJECT / DOCS / plans.PLANS_DIR, metavar="文件夹",
                         help=f"计划文件写到哪里（默认：{DOCS}/{plans.PLANS_DIR}）")
    command.add_argument("--overwrite", action="store_true", help="覆盖同名的已有计划文件（默认不覆盖）")
    command.add_argument("--add-kindergartens", action="store_true",
                         help=f"把原文中出现、名录里没有的幼儿园（原文没写园名时为未具名幼儿园）添加到 {DATA}/kindergartens.yml")
    command.set_defaults(run=run_import)


def run_import(args) -> int:
    from ..importing import plans as importing, report

    missing = [str(path) for path in args.paths if not path.exists()]
    if missing:
        print(f"python -m pairing import: 错误：找不到文件：{'、'.join(missing)}", file=sys.stderr)
        return 2
    results, unreadable = importing.import_documents(args.paths, PROJECT, args.out, overwrite=args.overwrite,
                                                     add_kindergartens=args.add_kindergartens)
    print(report.report(results, unreadable), end="")
    return report.exit_code(results, unreadable)


SUBCOMMANDS = [add_validate, add_new, add_import, add_offline]
