"""`python -m pairing <command>`: one entry in COMMANDS per sub-command (help, arguments, what it runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import offline

PROJECT = Path(__file__).resolve().parent.parent


# Commands
def offline_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, default=PROJECT / offline.DEFAULT_ZIP,
                        help=f"压缩包保存到哪里（默认：{offline.DEFAULT_ZIP}）")


def offline_command(args: argparse.Namespace) -> int:
    try:
        path = offline.build_zip(PROJECT, args.output)
    except offline.OfflineBuildError as error:
        print(f"离线版没有生成：\n{error}", file=sys.stderr)
        return 1
    print(path)
    return 0


# Data: name → (help shown to editors, add the command's arguments, run it and return the exit code).
COMMANDS = {
    "offline": ("生成整站离线版压缩包（zip），解压后不用网络也能打开和搜索；打印压缩包路径",
                offline_arguments, offline_command),
}


# Entry point
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pairing", description="幼儿园结对帮扶计划网站的工具")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")
    for name, (summary, add_arguments, run) in COMMANDS.items():
        command = commands.add_parser(name, help=summary, description=summary)
        add_arguments(command)
        command.set_defaults(run=run)
    args = parser.parse_args(argv)
    return args.run(args)
