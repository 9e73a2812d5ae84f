"""Nothing a build leaves behind changes what the next build publishes.

There is no cache in the build (ARCHITECTURE.md, "Caches"): these tests attack that claim. After each kind of
change, a build into the folder of an earlier build (with a `.cache/` full of junk beside it, as a committed or
left-over cache would be) must be byte-identical to a build of a fresh copy into an empty folder; and the change
must show (negative control: a change that changed nothing would prove nothing). `mkdocs serve` keeps its
process (and the plugin object) between rebuilds: the same comparison is made against its own output folder.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

from conftest import MKDOCS, copy_site

EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}   # the calendars' DTSTAMP and the sitemap: the same in every build
PLAN = "docs/plans/dongyuan-pairing.md"


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


def save(path: Path, text: str) -> None:
    """Save as editors do: the whole new file at once (a watcher never sees it half written). The new file is
    written beside the project, where no watcher looks and no build reads."""
    project = next(folder for folder in path.parents if (folder / "mkdocs.yml").exists())
    partial = project.parent / f"{project.name}-{path.name}.partial"
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    save(path, text.replace(old, new, 1))


def plant_junk_cache(project: Path) -> None:
    """What earlier designs kept in .cache/: a check cache that says every page is clean, a page store."""
    cache = project / ".cache"
    cache.mkdir(exist_ok=True)
    (cache / "checked-pages.json").write_text('{"settings": "x", "entries": {"*": true}}', encoding="utf-8")
    (cache / "pages.sqlite").write_bytes(b"junk")


# Each kind of change: (what, how it is made in a project, the build's extra arguments and environment).
CHANGES = [
    ("a plan", lambda p: replace_in(p / PLAN, "我园指派专人负责结对活动", "我园指派两位专人负责结对活动"), [], {}),
    ("data/", lambda p: replace_in(p / "data" / "kindergartens.yml", "name: 东苑幼儿园", "name: 东苑实验幼儿园"), [], {}),
    ("search words", lambda p: save(p / "data" / "search-words.yml",
                                    (p / "data" / "search-words.yml").read_text(encoding="utf-8") + "- 结对帮扶园\n"), [], {}),
    ("a plan template", lambda p: replace_in(p / "overrides" / "partials" / "plan" / "section.html",
                                                 'class="plan-part plan-paragraphs"', 'class="plan-part plan-paragraphs" data-x="1"'), [], {}),
    ("the theme override", lambda p: replace_in(p / "overrides" / "main.html", '<meta property="og:locale" content="zh_CN">',
                                                '<meta property="og:locale" content="zh_CN"><meta name="x-test" content="1">'), [], {}),
    ("the macros module", lambda p: replace_in(p / "macros.py", "env.macro(macro, name)",
                                               "env.macro(lambda *a, _m=macro: _m(*a) + '\\n\\n宏已改\\n\\n', name)"), [], {}),
    ("the config given with -f, through INHERIT", lambda p: (p / "other.yml").write_text(
        "INHERIT: mkdocs.yml\nsite_name: 另一个结对计划网站\n", encoding="utf-8"), ["-f", "other.yml"], {}),
    ("an environment variable the config reads", lambda p: None, [], {"SITE_URL": "https://jiedui.example.org/sub/"}),
]


def build(project: Path, out: Path, args: list[str], env: dict) -> dict[str, bytes]:
    command = [*MKDOCS, "build", "--strict", *args, "-d", str(out)]
    result = subprocess.run(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **EPOCH, **env},
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return site_files(out)


def test_a_build_over_an_earlier_one_publishes_what_a_clean_build_does(tmp_path):
    warm = copy_site(tmp_path / "warm")
    warm_out = tmp_path / "warm-site"
    plant_junk_cache(warm)
    before = build(warm, warm_out, [], {})
    for number, (what, change, args, env) in enumerate(CHANGES):
        change(warm)
        after = build(warm, warm_out, args, env)
        clean = copy_site(tmp_path / f"clean{number}")
        for _, earlier_change, _, _ in CHANGES[: number + 1]:
            earlier_change(clean)
        fresh = build(clean, tmp_path / f"clean{number}-site", args, env)
        assert differences(after, fresh) == [], f"after changing {what}"
        assert differences(before, after), f"changing {what} changed nothing (the test would prove nothing)"
        before = after


def test_another_config_names_every_page_anew(tmp_path):
    """The stale-page experiment: build, then `mkdocs build -f other.yml` that differs only in site_name, into the
    same folder; then again with another SITE_URL. Every page carries the new values."""
    project = copy_site(tmp_path / "project")
    out = tmp_path / "site"
    build(project, out, [], {})
    (project / "other.yml").write_text("INHERIT: mkdocs.yml\nsite_name: 另一个结对计划网站\n", encoding="utf-8")
    pages = {name: data.decode("utf-8") for name, data in build(project, out, ["-f", "other.yml"], {}).items()
             if name.endswith(".html")}
    assert len(pages) > 20
    stale = [name for name, html in pages.items() if "另一个结对计划网站" not in html and "redirect" not in html]
    assert stale == []
    url = "https://jiedui.example.org/sub/"
    pages = {name: data.decode("utf-8") for name, data in build(project, out, [], {"SITE_URL": url}).items()
             if name.startswith("plans/") and name.endswith("index.html")}
    assert pages and all(f'<link rel="canonical" href="{url}plans/' in html for html in pages.values())
    assert all(f'content="{url}plans/' in html for html in pages.values())   # og:url and the QR code's address


# mkdocs serve: the plugin object lives between rebuilds (it has on_startup); what it keeps must change nothing.
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def settled(count) -> None:
    """Wait until no build has started or ended for two seconds (one save can start a second build)."""
    last = count()
    for _ in range(60):
        time.sleep(2)
        if count() == last:
            return
        last = count()


def test_serve_publishes_after_each_save_what_a_clean_build_does(tmp_path):
    project = copy_site(tmp_path / "project")
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = free_port()
    # Why append mode: the server writes through a copy of this descriptor (shared offset); O_APPEND keeps its
    # writes at the end while this test seeks back to read.
    log = open(tmp_path / "serve.log", "a+", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **EPOCH, "TMPDIR": str(temp)}
    # Why -W: without a warning option MkDocs adds DuplicateFilter to its build logger (mkdocs/__main__.py), which
    # drops a message logged once before, so a rebuild that takes as long as an earlier one to the hundredth of a
    # second logs no "Documentation built in …" and is not counted.
    serve_command = [sys.executable, "-W", "default::DeprecationWarning", "-m", "mkdocs", "serve"]
    server = subprocess.Popen([*serve_command, "-a", f"127.0.0.1:{port}"], cwd=project, env=env,
                              stdout=log, stderr=subprocess.STDOUT)

    def server_log() -> str:
        log.seek(0)
        return log.read()

    def builds_done() -> int:
        return server_log().count("Documentation built in")

    try:
        wait_for(lambda: builds_done() >= 1, 120, "the first build of serve")
        served = next(temp.glob("mkdocs_*"))
        kinds = [change for change in CHANGES if not change[2] and not change[3]]
        for number, (what, change, _, _) in enumerate(kinds):
            done = builds_done()
            time.sleep(1.1)   # a new modification time for the watcher
            change(project)
            try:
                wait_for(lambda: builds_done() > done, 60, f"serve to rebuild after changing {what}")
            except AssertionError:
                # Why: under load MkDocs' watcher was seen to miss a save now and then (some of those were rebuilds
                # whose log line DuplicateFilter dropped, before -W above); this test is about what a rebuild
                # publishes, not about the watcher, so a page is saved again as an editor would.
                save(project / PLAN, (project / PLAN).read_text(encoding="utf-8"))
                try:
                    wait_for(lambda: builds_done() > done, 90, f"serve to rebuild after changing {what}")
                except AssertionError as timeout:
                    raise AssertionError(f"{timeout}; the server's log ends:\n{server_log()[-4000:]}") from None
            settled(builds_done)
            clean = copy_site(tmp_path / f"clean{number}")
            for _, earlier_change, _, _ in kinds[: number + 1]:
                earlier_change(clean)
            fresh = build(clean, tmp_path / f"clean{number}-site", [], {"SITE_URL": f"http://127.0.0.1:{port}/"})
            assert differences(site_files(served), fresh) == [], f"serve after changing {what}"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
        shutil.rmtree(temp, ignore_errors=True)
