"""What the benchmark measures: build time and peak memory, output sizes, bytes a reader downloads,
and `mkdocs serve` save-to-reload time. Each function measures one thing and returns plain numbers."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlparse

MKDOCS = [sys.executable, "-m", "mkdocs"]
# `mkdocs serve` as an editor runs it, with one difference that changes no work: Python is given a warning option.
# Why: without one, MkDocs' own warning setup (mkdocs/__main__.py, skipped when sys.warnoptions is set) adds
# DuplicateFilter to its build logger, which drops every message logged once before; "Documentation built in 0.41
# seconds" repeats whenever two rebuilds take the same time to the hundredth, and that rebuild went uncounted
# (rebuilds 0). default::DeprecationWarning still shows the libraries' deprecation warnings, as MkDocs would.
MKDOCS_SERVE = [sys.executable, "-W", "default::DeprecationWarning", "-m", "mkdocs", "serve"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
TITLE_LINE = re.compile(r"^title: .*$", re.M)
ASSET = re.compile(r"<(?:link[^>]*\brel=\"?stylesheet\"?[^>]*\bhref|script[^>]*\bsrc)=\"?([^\" >]+)", re.I)


@dataclass
class Build:
    seconds: float
    cpu_seconds: float   # user + system time of the build process and the processes it started: steadier than wall time
    peak_mb: float       # the most memory the build held at once: its processes' resident sets together


# How often the build's processes' memory is read (a peak shorter than this can be missed; the largest single
# process's own peak, from wait4, is a floor that cannot).
MEMORY_EVERY = 0.05


def build(project: Path, out: Path) -> Build:
    """One clean `mkdocs build --strict`. CPU time from wait4 counts the processes the build started and waited
    for (the site's search index is made by a second process); peak memory is the largest sum, read every
    MEMORY_EVERY seconds, of the resident sets of the build's process and its descendants, and at least wait4's
    ru_maxrss (Linux: KiB), the largest single process's peak."""
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    process = subprocess.Popen([*MKDOCS, "build", "--strict", "-q", "-d", str(out)], cwd=project, env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = [0.0]
    sampler = threading.Thread(target=_watch_memory, args=(process, peak), daemon=True)
    sampler.start()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"build failed in {project}:\n{stderr.decode('utf-8', 'replace')[-3000:]}")
    return Build(seconds, usage.ru_utime + usage.ru_stime, max(peak[0], usage.ru_maxrss / 1024))


def descendants(root: int) -> list[int]:
    """A process and every process it started (and they started), from /proc; [root] without /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += children.get(pid, [])
    return found


def resident_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            lines = Path(f"/proc/{pid}/status").read_text().splitlines()
        except OSError:   # it has ended meanwhile
            continue
        total += next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), 0)
    return total / 1024


def _watch_memory(process: subprocess.Popen, peak: list[float]) -> None:
    # Why poll() is not used: it would reap the process before wait4 reads its resource usage.
    while os.path.exists(f"/proc/{process.pid}") and _running(process.pid):
        peak[0] = max(peak[0], resident_mb(descendants(process.pid)))
        time.sleep(MEMORY_EVERY)


def _running(pid: int) -> bool:
    """Whether the process runs (not a zombie waiting for wait4)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def gzip_size(data: bytes) -> int:
    """Size as a static host would send it (gzip level 6, the nginx/Apache default range)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def file_count(root: Path) -> int:
    return sum(1 for p in root.rglob("*") if p.is_file())


def plan_pages(site: Path) -> list[Path]:
    return sorted((site / "plans").glob("*/index.html"))


def largest_plan_page(site: Path, only: int | None = None) -> int:
    """The largest plan page; with `only`, among the seed plans and synthetic plans 1..only, which
    are the same at every size of the site (so a difference is the site's growth, not the content)."""
    pages = plan_pages(site)
    if only is not None:
        pages = [p for p in pages if not p.parent.name.startswith("synthetic-")
                 or int(p.parent.name.split("-")[1]) <= only]
    return max(p.stat().st_size for p in pages)


def search_index(site: Path) -> bytes:
    return (site / "search" / "search_index.json").read_bytes()


def first_view(site: Path, page: Path) -> tuple[int, int]:
    """(raw, gzip) bytes of a page and every same-site stylesheet and script it references."""
    base = "http://site.invalid/" + page.parent.relative_to(site).as_posix() + "/"
    html = page.read_bytes()
    files = {page}
    for ref in ASSET.findall(html.decode("utf-8")):
        url = urlparse(urljoin(base, ref))
        if url.netloc == "site.invalid" and (site / url.path.lstrip("/")).is_file():
            files.add(site / url.path.lstrip("/"))
    blobs = [f.read_bytes() for f in files]
    return sum(map(len, blobs)), sum(map(gzip_size, blobs))


def first_search(site: Path) -> tuple[int, int]:
    """(raw, gzip) bytes fetched when a reader first searches: the search worker and the index."""
    worker = next((site / "assets" / "javascripts" / "workers").glob("search*.js"))
    blobs = [worker.read_bytes(), search_index(site)]
    return sum(map(len, blobs)), sum(map(gzip_size, blobs))


# mkdocs serve
def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, limit: float, interval: float = 0.05) -> float | None:
    """Seconds until the page at url contains text, or None after limit seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - start
        time.sleep(interval)
    return None


@dataclass
class Reload:
    """One save during `mkdocs serve`."""
    seconds: float    # from the save to every listed page serving the edit (what an editor waits)
    rebuilds: int     # rebuilds MkDocs logged meanwhile ("Documentation built in …")
    built: float      # MkDocs' own count of those rebuilds' seconds
    cpu: float        # CPU seconds (user + system) the serving process used meanwhile: steadier on a busy machine


BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")


def serve_reload(project: Path, plan_file: Path, pages: list[str], options: tuple[str, ...] = (),
                 edits: int = 3, limit: float = 180) -> list[Reload]:
    """Each edit's Reload: from saving plan_file to every page in `pages` (URL paths) showing the edited title.

    `mkdocs serve` rebuilds, then the browser reloads; polling over HTTP stands in for the reload (MkDocs holds
    every request while it rebuilds, so a page that shows the edit comes from the finished rebuild).
    Each edit gives the plan a new title; every page listed must show it (none stale).
    """
    port = free_port()
    root = f"http://127.0.0.1:{port}/"
    # Why append mode: the server writes through a copy of this descriptor, which shares its offset with our
    # reads; O_APPEND puts every write at the end whatever we last read.
    log = tempfile.TemporaryFile(mode="a+", encoding="utf-8")
    server = subprocess.Popen([*MKDOCS_SERVE, *options, "-a", f"127.0.0.1:{port}"], cwd=project, env=ENV,
                              stdout=subprocess.DEVNULL, stderr=log)
    reloads, seen = [], 0
    original = plan_file.read_text(encoding="utf-8")
    try:
        if wait_for(root + pages[0], "<html", limit) is None:
            raise RuntimeError("mkdocs serve did not start")
        for edit in range(edits):
            marker = f"编辑{edit}号{time.time_ns() % 100000}"
            time.sleep(1.5)   # let the watcher settle after the previous rebuild
            seen, _ = _built(log, seen)
            cpu = process_cpu(server.pid)
            plan_file.write_text(TITLE_LINE.sub(lambda m: m.group(0) + marker, original, count=1), encoding="utf-8")
            start = time.perf_counter()
            for page in pages:
                if wait_for(root + page, marker, limit) is None:
                    raise RuntimeError(f"{page} never showed the edit within {limit} s")
            seconds = time.perf_counter() - start
            cpu = process_cpu(server.pid) - cpu
            # Why wait: the pages can be read before MkDocs has logged the rebuild that wrote them (a loaded machine).
            end = time.monotonic() + 10
            while len(_built(log, seen)[1]) == 0 and time.monotonic() < end:
                time.sleep(0.1)
            seen, built = _built(log, seen)
            reloads.append(Reload(seconds, len(built), sum(built), cpu))
    finally:
        plan_file.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return reloads


def _built(log, seen: int) -> tuple[int, list[float]]:
    """The rebuild times MkDocs logged after the first `seen` of them: (all seen now, the new ones)."""
    log.seek(0)
    found = [float(x) for x in BUILT_IN.findall(log.read())]
    return len(found), found[seen:]


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pages_showing(site: Path, text: str, plan_page: str, most: int = 6) -> list[str]:
    """URL paths of the plan page and up to `most` other built pages that show text (e.g. its title)."""
    others = [p.parent.relative_to(site).as_posix() + "/" for p in sorted(site.rglob("index.html"))
              if text in p.read_text(encoding="utf-8")]
    others = [("" if o == "./" else o) for o in others if o != plan_page]
    return [plan_page, *others[:most]]
