"""The attack corpus (attack_cases.py) through `python -m pairing validate` and `mkdocs build --strict`, each case in
its own copy of the site, as CI would run them on a pull request.

A refused case must be refused by both, with the same problems, naming the file and line in Chinese; an allowed case
must publish a page that shows the hostile text as text (a section heading as the whole text of one heading and of
one entry of the table of contents) and holds nothing that runs. No output may hold a traceback,
an English exception name or a path of the machine, and no raw control character (a file name is written into
the output: an escape sequence would rewrite the reviewer's terminal). Each run's wall time is recorded; the bounds
(validate 10 s, build 30 s) catch blow-ups, they are not a benchmark. The last test prints the summary.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import os
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builtpage import article, article_text, text_of
from conftest import MKDOCS, ROOT, copy_site

import attack_cases as attacks
from attack_cases import BOUNDED, CASES, CLASSES, REFUSED, Attack

VALIDATE_BOUND, BUILD_BOUND = 10.0, 30.0
# A run that passes these is stopped (and fails): a blow-up must not hold the shared machine for minutes.
VALIDATE_TIMEOUT, BUILD_TIMEOUT = 30.0, 45.0
# A plan page is about 100 KB; a page far larger than the largest source (256 KB) is text multiplied by the build.
PAGE_BOUND = 5 * 1024 * 1024
SUCCESS = "检查了全部计划和数据文件，没有发现问题。"
PROBLEM_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<text>.*)$")
# What only the interpreter writes: a traceback, or an exception's English class name.
ENGLISH_ERROR = re.compile(r"Traceback|\b[A-Za-z_.]*(?:Error|Exception)\b")
# MkDocs' own last line when a plugin stops the build (the messages before it are ours).
MKDOCS_ABORT = "Aborted with a BuildError!"
# Raw control characters other than line breaks and tabs (ESC starts a terminal escape sequence).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

RESULTS: dict[str, tuple[Attack, str, float, float]] = {}   # name → (case, "pass" or the failures, validate s, build s)


@dataclass
class Run:
    returncode: int | None        # None: stopped at the timeout
    output: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.output.decode("utf-8", "backslashreplace")


def run(command: list[str], project: Path, env: dict, timeout: float) -> Run:
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=project, env={**os.environ, **env}, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as stopped:
        return Run(None, (stopped.stdout or b"") + (stopped.stderr or b""), time.perf_counter() - started)
    return Run(done.returncode, done.stdout + done.stderr, time.perf_counter() - started)


def validate(project: Path) -> Run:
    """`python -m pairing validate` in the copy (which imports the copy's own pairing/)."""
    return run([sys.executable, "-m", "pairing", "validate"], project, {"PYTHONPATH": ""}, VALIDATE_TIMEOUT)


def build(project: Path, out: Path) -> Run:
    """`mkdocs build --strict`, as conftest.run_build runs it, output kept as bytes."""
    return run([*MKDOCS, "build", "--strict", "-d", str(out)], project, {"NO_MKDOCS_2_WARNING": "1"}, BUILD_TIMEOUT)


def output_problems(what: str, result: Run, machine_paths: list[str]) -> list[str]:
    """Tracebacks, English exception names, machine paths, control characters, bytes that are not UTF-8."""
    found = []
    try:
        result.output.decode("utf-8")
    except UnicodeDecodeError:
        found.append(f"{what}: output is not UTF-8")
    # MkDocs' own INFO lines name the output folder and the macros module's folder: not our messages.
    lines = [line for line in result.text.splitlines() if not line.startswith("INFO") and line.strip() != MKDOCS_ABORT]
    ours = "\n".join(lines)
    if match := ENGLISH_ERROR.search(ours):
        found.append(f"{what}: output has {match.group()!r}")
    for path in machine_paths:
        if path in ours:
            found.append(f"{what}: output names the machine path {path}")
    if match := CONTROL.search(ours):
        found.append(f"{what}: output has the raw control character U+{ord(match.group()):04X}")
    return found


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if PROBLEM_LINE.match(line)]


def names_line(lines: list[str], file: str, line: int | None, message: str | None) -> bool:
    """Whether a problem line names the file (as written, or starting so for file names it must escape), the line
    (any line, when None), and holds the message."""
    pattern = re.compile(re.escape(file) + r".*?:" + (str(line) if line is not None else r"\d+") + r":\d+: ")
    return any(pattern.match(text) and (message is None or message in text) for text in lines)


# The published page, read as a browser reads it.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data", "background",
                  "ping", "cite", "manifest", "codebase", "longdesc", "lowsrc", "dynsrc", "icon"}
RUNNING_SCHEMES = ("javascript:", "data:", "vbscript:")
JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript"}
EMBEDDING = {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"}
# Material's search share button is <a href="javascript:void(0)" data-md-component="search-share">: its bundle sets
# the address before it is ever followed (tests/site/test_csp.py lets exactly this one be).
MATERIAL_NO_OP = ("a", "search-share", "javascript:void(0)")


class PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hazards: list[str] = []
        self.inline_scripts: list[str] = []
        self.policy = ""
        self.ids: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.append(values["id"])
        for name, value in values.items():
            if name.startswith("on"):
                self.hazards.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES:
                url = re.sub(r"[\x00-\x20]", "", value).lower()
                no_op = (tag, values.get("data-md-component"), value) == MATERIAL_NO_OP
                if url.startswith(RUNNING_SCHEMES) and not no_op:
                    self.hazards.append(f"<{tag} {name}={value!r}>")
        if tag in EMBEDDING:
            self.hazards.append(f"<{tag}>")
        if tag == "meta":
            if values.get("http-equiv", "").lower() == "refresh":
                self.hazards.append(f"<meta http-equiv=refresh content={values.get('content')!r}>")
            if values.get("http-equiv", "").lower() == "content-security-policy":
                self.policy = values.get("content", "")
        if tag == "script":
            source = values.get("src")
            if source is not None and (re.match(r"[a-z][a-z0-9+.-]*:|//", source.strip().lower()) or not source.strip()):
                self.hazards.append(f"<script src={source!r}> (not the site's own file)")
            kind = values.get("type", "").strip().lower()
            self._script = [] if source is None and kind in JAVASCRIPT_TYPES else None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None


def page_hazards(html: str) -> list[str]:
    """What in a published page could run or be taken over: event handler attributes, javascript:/data: addresses,
    embedded documents, a refresh, scripts from elsewhere, inline scripts the page's policy does not allow, and ids
    taken twice (the theme's, or the site's own: #share, #schedule-1, which links and calendars point to)."""
    reader = PageReader()
    reader.feed(html)
    reader.close()
    hazards = list(reader.hazards)
    if not reader.policy:
        hazards.append("no Content-Security-Policy")
    for script in reader.inline_scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        if f"'sha256-{digest}'" not in reader.policy:
            hazards.append(f"inline script outside the policy: {script[:80]!r}")
    counts = Counter(reader.ids)
    hazards += [f"id {taken!r} on {count} elements" for taken, count in sorted(counts.items()) if count > 1]
    return hazards


def page_path(out: Path, src: str) -> Path:
    """docs/plans/x.md → out/plans/x/index.html."""
    stem = src.removeprefix("docs/").removesuffix(".md")
    return out / ("index.html" if stem == "index" else f"{stem.removesuffix('/index')}/index.html")


def squeezed(text: str) -> str:
    return " ".join(text.split())


SECTION_HEADING = re.compile(r"<h([234])\b[^>]*>.*?</h\1>", re.S)
# Material's table of contents (the page's headings, in the sidebar): each entry's text is in a span of its own.
TOC = re.compile(r'<nav class="md-nav md-nav--secondary".*?</nav>', re.S)
TOC_ENTRY = re.compile(r'<span class="md-ellipsis">(.*?)</span>', re.S)


def heading_texts(html: str) -> tuple[list[str], list[str]]:
    """The text of every section heading of the page's article, and of every entry of its table of contents."""
    headings = [squeezed(text_of(match.group())) for match in SECTION_HEADING.finditer(article(html))]
    toc = TOC.search(html)
    entries = [squeezed(text_of(entry)) for entry in TOC_ENTRY.findall(toc.group())] if toc else []
    return headings, entries


def judge(case: Attack, project: Path, out: Path, checked: Run, built: Run) -> list[str]:
    """Everything wrong with what validate and the build did with one case."""
    runs = {"validate": checked, "build": built}
    stopped = [f"{what} did not finish in {result.seconds:.0f} s (stopped)" for what, result in runs.items()
               if result.returncode is None]
    if stopped:
        return stopped
    refused = {what: result.returncode != 0 for what, result in runs.items()}
    if case.expect == REFUSED or (case.expect == BOUNDED and any(refused.values())):
        return judge_refused(case, project, out, runs, refused)
    failures = [f"{what} refused allowed content: {problem_lines(result.text)[:3] or result.text[-400:]}"
                for what, result in runs.items() if refused[what]]
    if not refused["build"]:
        failures += judge_published(case, page_path(out, case.file))
    return failures


def judge_refused(case: Attack, project: Path, out: Path, runs: dict[str, Run], refused: dict[str, bool]) -> list[str]:
    """Both refuse, naming the file and line (and the message, for a case the rules name), with the same problems."""
    # A case no rule names (BOUNDED) may be refused by whichever limit it meets first, at that limit's line.
    failures, line = [], case.line(project) if case.expect == REFUSED else None
    for what, result in runs.items():
        problems = problem_lines(result.text)
        if not refused[what]:
            failures.append(f"{what} accepted it (exit {result.returncode})")
        elif not names_line(problems, case.file, line, case.message if case.expect == REFUSED else None):
            failures.append(f"{what} did not say {case.file}:{line or '(a line)'}: …{case.message or ''}…; it said:\n"
                            + "\n".join(problems[:5] or result.text.splitlines()[-5:]))
    checked, built = runs["validate"], runs["build"]
    if all(refused.values()) and set(problem_lines(checked.text)) != set(problem_lines(built.text)):
        failures.append("validate and the build list different problems:\n"
                        f"validate: {problem_lines(checked.text)[:4]}\nbuild: {problem_lines(built.text)[:4]}")
    if refused["validate"] and any(text.startswith(SUCCESS) for text in checked.text.splitlines()):
        failures.append("validate's report has a line saying that nothing was found")
    if "网站没有生成" in built.text and (out / "index.html").exists():
        failures.append("the build said nothing was published, but it wrote the site")
    page = page_path(out, case.file)
    if not refused["build"] and page.exists():
        # Not refused: say whether what was published is harmless anyway (the sanitizer's second line of defence).
        hazards = page_hazards(page.read_text(encoding="utf-8"))
        failures.append("the build published it; its page " + ("holds " + "; ".join(hazards) if hazards
                                                                else "holds nothing that runs (harmless)"))
    return failures


def judge_published(case: Attack, page: Path) -> list[str]:
    """The page of an allowed case: not blown up, nothing that runs, the hostile text shown as text."""
    if not page.exists():
        return [f"no page at {page.name}"]
    failures = []
    if page.stat().st_size > PAGE_BOUND:
        failures.append(f"the published page is {page.stat().st_size / 2**20:.0f} MB (bound {PAGE_BOUND / 2**20:.0f} MB)")
    html = page.read_text(encoding="utf-8")
    failures += [f"published page: {hazard}" for hazard in page_hazards(html)]
    if case.shows is not None and squeezed(case.shows) not in squeezed(article_text(html)):
        failures.append(f"the page does not show {case.shows!r} as text")
    if case.heading is not None:
        headings, entries = heading_texts(html)
        if squeezed(case.heading) not in headings:
            failures.append(f"no heading of the page is {case.heading!r} as written; its headings: {headings}")
        if squeezed(case.heading) not in entries:
            failures.append(f"no entry of the table of contents is {case.heading!r} as written")
    return failures


@pytest.mark.parametrize("case", CASES, ids=[f"{case.kind}-{case.name}" for case in CASES])
def test_attack(case: Attack, tmp_path):
    project = copy_site(tmp_path / "project")
    out = tmp_path / "out"
    case.apply(project)
    checked = validate(project)
    built = build(project, out)
    machine_paths = sorted({str(tmp_path), str(project), str(project.resolve()), str(ROOT), sys.prefix,
                            str(Path(sys.executable).parent)} - {"", "/"}, key=len, reverse=True)
    failures = judge(case, project, out, checked, built)
    failures += output_problems("validate", checked, machine_paths) + output_problems("build", built, machine_paths)
    if list(tmp_path.rglob("PWNED")):
        failures.append("a payload ran: PWNED was created")
    if checked.seconds >= VALIDATE_BOUND:
        failures.append(f"validate took {checked.seconds:.1f} s (bound {VALIDATE_BOUND:.0f} s)")
    if built.seconds >= BUILD_BOUND:
        failures.append(f"the build took {built.seconds:.1f} s (bound {BUILD_BOUND:.0f} s)")
    failures = [failure for failure in failures if failure]
    RESULTS[case.name] = (case, "pass" if not failures else " | ".join(f.splitlines()[0] for f in failures),
                          checked.seconds, built.seconds)
    assert not failures, f"{case.name} ({CLASSES[case.kind]}):\n- " + "\n- ".join(failures)


def test_each_class_has_at_least_three_cases():
    for kind in CLASSES:
        assert len([case for case in CASES if case.kind == kind]) >= 3, CLASSES[kind]
    assert len({case.name for case in CASES}) == len(CASES)


# CSV escaping (pairing/exports/opendata.py): cells a spreadsheet would take for a formula, in every text column of
# plans.csv and schedule.csv (one row per timetable row: 计划网址名, 计划标题, 安排行, 时间, 年份, 月份, 内容).
FORMULA_TITLE = '=HYPERLINK("https://example.org","点击")'


def csv_table(path: Path) -> list[dict]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_csv_cells_that_look_like_formulas_are_quoted(tmp_path):
    project = copy_site(tmp_path / "project")
    plan = attacks.edited_plan([
        (attacks.TITLE, f"title: {attacks.Y(FORMULA_TITLE)}\noriginal_title: '@某某'"),
        (attacks.PERIOD, "  text: '-2024年3月至2025年1月'"),
        (attacks.FIRST_HEADING, "  - heading: '=一、指导思想'\n"),
        (attacks.LAST_TAG, attacks.LAST_TAG.replace("环境创设", "'+环境创设'")),
        (attacks.TAGS.replace(attacks.LAST_TAG, ""), "tags:\n  - '@送教下乡'\n"),
        (attacks.FIRST_ROW, "      - when: '=1+1'\n"),                                      # a row's time
        ("          - marker: 1、\n            text: 第一项活动", "          - marker: '@'\n            text: 第一项活动"),
        (attacks.ROW_AFTER, "        text: '-2+3'\n      - when: '+1+1'\n        text: '@SUM(1,2)'\n"),
    ])
    (project / attacks.NEW_PLAN).write_text(plan, encoding="utf-8")
    built = build(project, tmp_path / "out")
    assert built.returncode == 0, built.text[-2000:]
    plans = csv_table(tmp_path / "out/data/plans.csv")
    schedule = csv_table(tmp_path / "out/data/schedule.csv")
    row = next(row for row in plans if row["网址名"] == "example-pairing")
    assert [row["标题"], row["原标题"], row["时间（原文写法）"]] == [f"'{FORMULA_TITLE}", "'@某某", "'-2024年3月至2025年1月"]
    assert row["章节"].startswith("'=一、指导思想、") and row["标签"] == "'@送教下乡、+环境创设"
    rows = [row for row in schedule if row["计划网址名"] == "example-pairing"]
    assert [(row["安排行"], row["时间"], row["内容"]) for row in rows] == [
        ("1", "'=1+1", "'@第一项活动 2、第二项活动"), ("2", "十、十一月份：", "'-2+3"), ("3", "'+1+1", "'@SUM(1,2)")]
    assert {row["计划标题"] for row in rows} == {f"'{FORMULA_TITLE}"}
    # and no cell of either file, from any plan, starts a formula
    cells = [cell for table in (plans, schedule) for row in table for cell in row.values()]
    assert [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []


def test_summary(capsys):
    """The table of every case run in this session: outcome and wall times (printed, also with -q)."""
    if not RESULTS:
        pytest.skip("no attack ran in this session")
    lines = ["", f"{'case':44} {'class':>5} {'expect':>8} {'validate':>9} {'build':>7}  result"]
    for name, (case, result, seconds_validate, seconds_build) in RESULTS.items():
        lines.append(f"{name:44} {case.kind:>5} {case.expect:>8} {seconds_validate:8.2f}s {seconds_build:6.2f}s  {result[:160]}")
    for kind, title in CLASSES.items():
        ran = [result for case, result, *_ in RESULTS.values() if case.kind == kind]
        lines.append(f"class {kind} ({title}): {len(ran)} cases, {ran.count('pass')} pass, {len(ran) - ran.count('pass')} fail")
    slowest_validate = max(RESULTS.items(), key=lambda item: item[1][2])
    slowest_build = max(RESULTS.items(), key=lambda item: item[1][3])
    lines.append(f"max validate {slowest_validate[1][2]:.2f} s ({slowest_validate[0]}), "
                 f"max build {slowest_build[1][3]:.2f} s ({slowest_build[0]})")
    with capsys.disabled():
        print("\n".join(lines))
