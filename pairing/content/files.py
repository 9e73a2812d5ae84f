"""What may be under docs/: pages the site knows (Markdown, `.md`) and images, with names of a declared pattern.

Anything else would be published as it is (an `.html` page without the site's checks or policy), or read by the
engine in a way the checks never see (`.markdown`, `.mkd` pages), so it stops the build and `validate`. The
site's own scripts and styles live in the theme folder (overrides/), not here.
"""

from __future__ import annotations

import re
from pathlib import Path

from .problems import Problem, printable_path

PAGE_SUFFIX = ".md"
PLANS_DIR = "plans"
# Image types a browser shows and never runs, with the bytes each file type starts with.
IMAGES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
          ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",)}
# A file or folder name: lower-case letters, digits and hyphens (the plan's address name is its file name).
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
MAX_DEPTH = 4
MAX_IMAGE_BYTES = 2 * 1024 * 1024
NAME_RULE = "只能由小写字母、数字和连字符组成（最多 64 个字符），如 dongyuan-pairing"
ALLOWED = "docs/ 下只能放页面（.md 文件）和图片（.png、.jpg、.jpeg、.gif、.webp）"


def docs_problems(docs_dir: Path, shown_dir: str = "docs") -> list[Problem]:
    """A problem for every file or folder under docs/ that is not a page or an image with a good name."""
    problems = []
    for path in sorted(docs_dir.rglob("*")):
        relative = path.relative_to(docs_dir)
        shown = printable_path(f"{shown_dir}/{relative.as_posix()}")
        if path.is_symlink():
            continue   # refused with its own message (policy.no_symlinks)
        problems += [Problem(shown, 1, 1, "", message) for message in path_problems(relative, path.is_dir())]
        if path.is_file() and path.suffix in IMAGES:
            problems += [Problem(shown, 1, 1, "", message) for message in image_problems(path)]
    return problems


def path_problems(relative: Path, is_dir: bool) -> list[str]:
    """What is wrong with one path under docs/ (relative to it), by its name and type alone."""
    name = relative.name
    if name.startswith("."):
        return ["不能提交隐藏文件（名字以 . 开头），请删除"]
    if len(relative.parts) > MAX_DEPTH:
        return [f"文件夹不能超过 {MAX_DEPTH} 层"]
    if relative.parts[0] == PLANS_DIR and len(relative.parts) > 2:
        return ["计划文件要直接放在 docs/plans/ 下，不能再建文件夹"]
    if is_dir:
        return [] if NAME.fullmatch(name) else [f"文件夹名{NAME_RULE}，得到 \"{printable_path(name[:40])}\""]
    stem, suffix = _split(name)
    if suffix != PAGE_SUFFIX and suffix not in IMAGES:
        kind = f"“{suffix}”类型的文件" if suffix else "没有扩展名的文件"
        return [f"{ALLOWED}；{kind}不能发布。页面请用 .md 结尾"]
    if not NAME.fullmatch(stem):
        return [f"文件名{NAME_RULE}，再加 {suffix}，得到 \"{printable_path(name[:40])}\""]
    return []


def image_problems(path: Path) -> list[str]:
    """An image must be what its name says (a browser must not take it for a page) and not too large."""
    if path.stat().st_size > MAX_IMAGE_BYTES:
        return [f"图片太大（超过 {MAX_IMAGE_BYTES // 1024 // 1024} MB），请压缩后再提交"]
    with open(path, "rb") as file:
        start = file.read(16)
    signatures = IMAGES[path.suffix]
    if not any(start.startswith(signature) for signature in signatures) or (
            path.suffix == ".webp" and start[8:12] != b"WEBP"):
        return [f"文件内容不是 {path.suffix} 图片，请用图片软件另存为正确的格式"]
    return []


def _split(name: str) -> tuple[str, str]:
    """('dongyuan-pairing', '.md'); the suffix as written (`.MD` is not `.md`: the engine and the checks must
    never disagree on what is a page)."""
    stem, dot, suffix = name.rpartition(".")
    return (stem, f".{suffix}") if dot else (name, "")
