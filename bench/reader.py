"""Search as a reader meets it: a built site served over HTTP as a static host serves it (gzip), opened in
Chromium with the CPU and the network throttled as Chrome DevTools does, driven only through the page's search box.

Nothing here knows how a site's search works inside: a request is "search" by its URL, results are "shown" when
Material's result list shows an answer, and the search worker is whatever dedicated worker the page starts. So the
same measurement runs on stock Material's search (one index file fetched by its worker) and on any search that
keeps Material's search box and result list (e.g. an index fetched in fragments by a worker of its own).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import http.server
import json
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

import yaml

from .measure import descendants

# Chromium as the project runs it (tests/conftest.py): Debian's, driven by Playwright, which never downloads one.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
CPU_RATE = 4
# Chrome DevTools' "Slow 4G" preset (front_end/core/sdk/NetworkManager.ts): latency in ms, throughput in bytes/s.
SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 180_000, "uploadThroughput": 84_375}
CONDITIONS = {"cpu4": "4× CPU", "cpu4-slow4g": "4× CPU + Slow 4G"}
# A request belongs to search when its URL path is under one of these (an index, a search worker, lunr's languages).
SEARCH_PATHS = ("/search/", "/assets/javascripts/workers/", "/assets/javascripts/lunr/")
WAITING = ("", "键入以开始搜索", "正在初始化搜索引擎")   # Material's placeholder texts, not an answer yet
COMMON_TERM = "家园共育"
FURTHER_TERMS = ["园本教研", "送教下乡"]
SEARCH_BOX = "input[data-md-component=search-query]"

MIME = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json",
        ".map": "application/json", ".svg": "image/svg+xml", ".xml": "application/xml",
        ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".ics": "text/calendar; charset=utf-8",
        ".webmanifest": "application/manifest+json", ".bin": "application/octet-stream", ".wasm": "application/wasm",
        ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".png": "image/png", ".jpg": "image/jpeg",
        ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon",
        ".gz": "application/gzip", ".zip": "application/zip", ".pdf": "application/pdf"}
# Formats that are compressed already: sent as they are (a static host does not gzip them again).
PRECOMPRESSED = {".woff2", ".woff", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".gz", ".zip", ".br", ".pdf"}


# The static host
@dataclass
class Sent:
    """One response of the static host: what it sent for a path (body as sent, gzip'd or not, plus headers)."""
    path: str
    status: int
    bytes: int        # body bytes as transferred (gzip'd when the reader accepted gzip)
    headers: int      # status line and header bytes
    raw: int          # the file's own size
    start: float      # time.monotonic() when the request arrived
    end: float = 0.0  # when the last byte was written (0 while it is being sent)

    @property
    def transferred(self) -> int:
        return self.bytes + self.headers


class Served:
    """A site being served: its URL and every response sent since it started (in the order they arrived)."""

    def __init__(self, url: str, root: Path):
        self.url, self.root = url, root
        self.sent: list[Sent] = []

    def since(self, mark: int) -> list[Sent]:
        return self.sent[mark:]

    def wait_quiet(self, quiet: float = 3.0, limit: float = 120.0) -> bool:
        """Wait until no response is being sent and none has started for `quiet` seconds; False after `limit`."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            now = time.monotonic()
            busy = [s for s in self.sent if s.end == 0.0]
            last = max((max(s.start, s.end) for s in self.sent), default=0.0)
            if not busy and now - last >= quiet:
                return True
            time.sleep(0.1)
        return False


class _StaticHandler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD of a built site: index.html for a folder, the Content-Type by extension, gzip when the request
    accepts it (as GitHub Pages and nginx send HTML, scripts, JSON and binary indexes; not fonts or images, which
    are compressed already), Cache-Control max-age=600 as GitHub Pages sends."""

    protocol_version = "HTTP/1.1"
    root: Path
    served: Served
    cache: dict

    def do_GET(self):
        self._answer(body=True)

    def do_HEAD(self):
        self._answer(body=False)

    def log_message(self, *args):
        pass

    def _answer(self, body: bool) -> None:
        url_path = urlparse(self.path).path
        record = Sent(url_path, 0, 0, 0, 0, time.monotonic())
        self.served.sent.append(record)
        try:
            file = resolve(self.root, url_path)
            if file is not None and file.is_dir():
                self._send(record, 301, b"", "text/plain", body, {"Location": url_path + "/"})
            elif file is None or not file.is_file():
                missing = self.root / "404.html"
                self._send(record, 404, missing.read_bytes() if missing.is_file() else b"not found", MIME[".html"],
                           body)
            else:
                data, gzipped = self._content(file, record)
                self._send(record, 200, data, MIME.get(file.suffix.lower(), "application/octet-stream"), body,
                           {"Content-Encoding": "gzip"} if gzipped else {})
        finally:
            record.end = time.monotonic()

    def _content(self, file: Path, record: Sent) -> tuple[bytes, bool]:
        """The file as sent: gzip'd when the reader accepts gzip and it is worth it."""
        record.raw = file.stat().st_size
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not compressible(file):
            return file.read_bytes(), False
        key = str(file)
        if key not in self.cache:
            self.cache[key] = gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)
        return self.cache[key], True

    def _send(self, record: Sent, status: int, data: bytes, content_type: str, body: bool,
              headers: dict) -> None:
        self.send_response(status)
        for name, value in {"Content-Type": content_type, "Content-Length": str(len(data)), "Vary": "Accept-Encoding",
                            "Cache-Control": "max-age=600", **headers}.items():
            self.send_header(name, value)
        record.status, record.headers = status, sum(map(len, self._headers_buffer)) + 2
        self.end_headers()
        if body:
            try:
                self.wfile.write(data)
                record.bytes = len(data)
            except (BrokenPipeError, ConnectionResetError):
                pass


def resolve(root: Path, url_path: str) -> Path | None:
    """The file (or folder's index.html) a URL path names under root; a folder itself when the URL lacks its
    trailing slash (to be redirected); None for a path that leaves root."""
    parts = [p for p in unquote(url_path).split("/") if p]
    if any(p in (".", "..") or "\\" in p for p in parts):
        return None
    file = root.joinpath(*parts)
    if file.is_dir():
        return file / "index.html" if url_path.endswith("/") else file
    return file


def compressible(file: Path) -> bool:
    return file.suffix.lower() not in PRECOMPRESSED and file.stat().st_size >= 256


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True   # a kept-alive connection of a closed browser never holds the server open


@contextlib.contextmanager
def serve(directory: Path, precompress: tuple[str, ...] = ()):
    """A built site on 127.0.0.1 (a free port) as a static host serves it; yields a Served (its URL and what it
    sent); stops on leaving. Files under the `precompress` URL folders are gzip'd before the first request, so
    that no measured request waits for this server compressing a large index (a real host keeps it compressed)."""
    directory = Path(directory)
    served, cache = Served("", directory), {}
    for folder in precompress:
        for file in sorted((directory / folder.strip("/")).rglob("*")):
            if file.is_file() and compressible(file):
                cache[str(file)] = gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)
    handler = type("Handler", (_StaticHandler,), {"root": directory, "served": served, "cache": cache})
    server = _Server(("127.0.0.1", 0), handler)
    served.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def is_search(path: str) -> bool:
    return path.startswith(SEARCH_PATHS)


def is_index(path: str, root: Path) -> bool:
    """A search request that is not code: the index or a part of it; not Material's search_index.json when it
    holds no document (its search configuration only, which Material's script fetches on every page)."""
    if not is_search(path) or path.endswith((".js", ".mjs")):
        return False
    file = resolve(root, path)
    if path.endswith("/search_index.json") and file is not None and file.is_file() and file.stat().st_size < 65536:
        try:
            return json.loads(file.read_text(encoding="utf-8")).get("docs") != []
        except (ValueError, AttributeError):
            return True
    return True


# Queries
@dataclass
class Query:
    kind: str          # "title", "kindergarten", "common"
    text: str
    expected: str      # the plan that must come first (URL path under the site, "plans/x/"), "" when many match
    plans: int         # how many plans' files contain the text


def pick_queries(project: Path) -> dict:
    """Queries from the synthetic site itself (its plan files, which both variants show): the first searches
    (a plan's full title, a kindergarten named in one plan only, a common field term) and five later ones."""
    texts = {p.stem: p.read_text(encoding="utf-8-sig") for p in sorted((project / "docs" / "plans").glob("*.md"))}
    numbers = sorted(int(m.group(1)) for stem in texts if (m := re.fullmatch(r"synthetic-(\d+)", stem)))
    if not numbers:
        raise ValueError(f"no synthetic plans in {project}")
    names = {kid: record["name"] for kid, record in
             (yaml.load((project / "data" / "kindergartens.yml").read_text(encoding="utf-8-sig"),
                        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}).items()}
    count = lambda text: sum(text in t for t in texts.values())   # noqa: E731

    def title(fraction: float) -> Query | None:
        number = numbers[min(len(numbers) - 1, int(len(numbers) * fraction))]
        slug = f"synthetic-{number:04d}"
        line = re.search(r"^title: (.*)$", texts[slug], re.M).group(1)
        text = str(yaml.safe_load(line))
        return Query("title", text, f"plans/{slug}/", count(text))

    def kindergarten(fraction: float, taken: set[str]) -> Query | None:
        start = int(len(numbers) * fraction)
        for number in numbers[start:] + numbers[:start]:
            slug = f"synthetic-{number:04d}"
            for kid in re.findall(r"kindergarten: (\S+)", texts[slug]):
                name = names.get(kid)
                if name and name not in taken and count(name) == 1:
                    return Query("kindergarten", name, f"plans/{slug}/", 1)
        return None

    skipped, first, later = [], [], []
    first.append(title(0.35))
    found = kindergarten(0.6, set())
    if found:
        first.append(found)
    else:
        skipped.append("no kindergarten is named in exactly one plan's file: the kindergarten query is left out")
    first.append(Query("common", COMMON_TERM, "", count(COMMON_TERM)))
    second = kindergarten(0.1, {q.text for q in first})
    for query in (title(0.15), second, Query("common", FURTHER_TERMS[0], "", count(FURTHER_TERMS[0])),
                  title(0.85), Query("common", FURTHER_TERMS[1], "", count(FURTHER_TERMS[1]))):
        if query is not None and query.text not in {q.text for q in first + later}:
            later.append(query)
    return {"first": [dataclasses.asdict(q) for q in first], "later": [dataclasses.asdict(q) for q in later],
            "skipped": skipped}


# The browser
# In every page before its own scripts: watches Material's result list and notes, in the page's own clock
# (performance.now(): milliseconds from the navigation's start), when it first shows an answer, each time it shows
# another answer (changes), each time it is drawn again with an answer (renders: another query's answer may look
# the same), and each input event of the search box.
OBSERVER = """
(() => {
  if (window.__reader) return
  const waiting = %s, box = %s
  const state = window.__reader = {answered: null, shown: null, signature: null, changes: [], renders: [], inputs: []}
  const read = () => {
    const meta = document.querySelector(".md-search-result__meta")
    const text = meta === null ? "" : meta.textContent.trim()
    if (meta === null || waiting.includes(text)) return null
    const items = document.querySelectorAll(".md-search-result__list > .md-search-result__item")
    const link = items.length ? items[0].querySelector("a") : null
    return {meta: text, items: items.length, first: link === null ? null : link.href}
  }
  const inResults = node => {
    const element = node.nodeType === 1 ? node : node.parentElement
    return element !== null && element.closest(".md-search-result") !== null
  }
  const check = records => {
    const seen = read()
    if (seen === null) return
    const t = performance.now(), signature = seen.meta + "\\n" + seen.items + "\\n" + seen.first
    if (state.answered === null) state.answered = t
    if (state.shown === null && seen.items > 0) state.shown = t
    if (signature !== state.signature) {
      state.signature = signature
      state.changes.push(Object.assign({t: t}, seen))
    }
    if (records && records.some(record => inResults(record.target)))
      state.renders.push(Object.assign({t: t}, seen))
  }
  document.addEventListener("input", event => {
    if (event.target instanceof Element && event.target.matches(box)) state.inputs.push(performance.now())
  }, true)
  const start = () => {
    new MutationObserver(check).observe(document.documentElement, {childList: true, subtree: true, characterData: true})
    check(null)
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start)
  else start()
})()
""" % (json.dumps(list(WAITING), ensure_ascii=False), json.dumps(SEARCH_BOX))

# Resource Timing of a page or worker: its search requests (the page's own view of bytes and time, per request).
TIMINGS = """paths => performance.getEntriesByType("resource").map(e => ({url: e.name, transfer: e.transferSize,
    encoded: e.encodedBodySize, ms: e.responseEnd - e.startTime}))"""
# When the page's load event ended (ms from the navigation's start; None before it): how much of the wait for
# results the page itself took.
LOADED = """() => { const entry = performance.getEntriesByType("navigation")[0]
    return entry && entry.loadEventEnd > 0 ? entry.loadEventEnd : null }"""
MB = 1024 * 1024


def chromium() -> str | None:
    """Debian's Chromium, as the project's browser tests use it; None when it is not installed."""
    return shutil.which("chromium")


class Browser:
    """Chromium through Playwright's sync API, for one run of measurements."""

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        path = chromium()
        if path is None:
            raise RuntimeError("Chromium is not installed (apt-get install -y chromium): no reader measurement")
        self._playwright = sync_playwright().start()
        self.browser = self._playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS, headless=True)
        self.version = self.browser.version
        return self

    def __exit__(self, *exc):
        self.browser.close()
        self._playwright.stop()


class Tab:
    """A fresh browser context (empty cache) with one page, throttled as Chrome DevTools throttles before it
    navigates: 4× CPU (the page's main thread: Chromium throttles no worker), and with Slow 4G the network of the
    page and of every worker it starts. Dedicated workers are attached (non-flattened CDP sessions) to read their
    JS heap."""

    def __init__(self, browser: Browser, condition: str | None):
        self.context = browser.browser.new_context(viewport={"width": 1280, "height": 900})
        self.context.set_default_timeout(120_000)
        self.context.add_init_script(OBSERVER)
        self.page = self.context.new_page()
        self.cdp = self.context.new_cdp_session(self.page)
        self.workers: dict[str, str] = {}     # CDP session id → the worker's URL
        self.replies: dict[int, dict] = {}
        self._next = 1
        self.cdp.on("Target.attachedToTarget", self._attached)
        self.cdp.on("Target.detachedFromTarget", lambda event: self.workers.pop(event.get("sessionId"), None))
        self.cdp.on("Target.receivedMessageFromTarget", self._received)
        self.cdp.send("Network.enable")
        if condition in ("cpu4", "cpu4-slow4g"):
            self.cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_RATE})
        if condition == "cpu4-slow4g":
            self.cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        self.cdp.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": False, "flatten": False})

    def close(self) -> None:
        try:
            self.context.close()
        except Exception:   # a crashed page's context is gone already
            pass

    def _attached(self, event: dict) -> None:
        info = event.get("targetInfo", {})
        if info.get("type") == "worker":
            self.workers[event["sessionId"]] = info.get("url", "")

    def _received(self, event: dict) -> None:
        message = json.loads(event["message"])
        if "id" in message:
            self.replies[message["id"]] = message

    def in_worker(self, session: str, method: str, params: dict | None = None, limit: float = 60) -> dict:
        """A CDP command in a worker's session (Target.sendMessageToTarget), its reply read from the events."""
        number, self._next = self._next, self._next + 1
        message = json.dumps({"id": number, "method": method, "params": params or {}})
        self.cdp.send("Target.sendMessageToTarget", {"sessionId": session, "message": message})
        end = time.monotonic() + limit
        while number not in self.replies:
            if time.monotonic() > end:
                raise TimeoutError(f"{method} in worker {self.workers.get(session)}: no reply in {limit} s")
            self.page.wait_for_timeout(20)   # lets Playwright deliver the session's events
        reply = self.replies.pop(number)
        if "error" in reply:
            raise RuntimeError(f"{method} in a worker: {reply['error'].get('message')}")
        return reply["result"]

    def memory(self) -> dict:
        """JS heap in MB, of the page's main thread and of its workers together, as found and after a garbage
        collection; with the workers' URLs."""
        found = {"page_mb": self.cdp.send("Runtime.getHeapUsage")["usedSize"] / MB}
        self.cdp.send("HeapProfiler.collectGarbage")
        found["page_gc_mb"] = self.cdp.send("Runtime.getHeapUsage")["usedSize"] / MB
        worker, after = 0.0, 0.0
        for session in list(self.workers):
            worker += self.in_worker(session, "Runtime.getHeapUsage")["usedSize"] / MB
            self.in_worker(session, "HeapProfiler.collectGarbage")
            after += self.in_worker(session, "Runtime.getHeapUsage")["usedSize"] / MB
        found.update(worker_mb=worker if self.workers else None, worker_gc_mb=after if self.workers else None,
                     workers=[urlparse(url).path for url in self.workers.values()])
        return found

    def state(self) -> dict:
        return self.page.evaluate("window.__reader")

    def timings(self, site_url: str) -> list[dict]:
        """Resource Timing of every search request, as the page and each worker saw it (which fetched it, its
        transfer size and how long it took)."""
        found = []
        scopes = [("page", self.page), *(("worker", w) for w in self.page.workers)]
        for scope, target in scopes:
            try:
                entries = target.evaluate(TIMINGS, None)
            except Exception:   # a worker that has ended
                continue
            for entry in entries:
                path = urlparse(entry["url"]).path
                if entry["url"].startswith(site_url) and is_search(path):
                    found.append({"from": scope, "path": path, "transfer": entry["transfer"], "ms": entry["ms"]})
        return found


# Worker CPU time: Chromium's CPU throttle slows the page's main thread only, so the time a search worker works is
# read from Linux (/proc), for the threads named "DedicatedWorker" in the browser's renderer processes.
def worker_ticks() -> dict[str, int] | None:
    """CPU ticks (user + system) of every dedicated-worker thread of this process's browsers; None without /proc."""
    if not os.path.isdir("/proc/self/task"):
        return None
    ticks = {}
    for pid in descendants(os.getpid()):
        try:
            tasks = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tasks:
            try:
                if not Path(f"/proc/{pid}/task/{tid}/comm").read_text().startswith("DedicatedWorker"):
                    continue
                fields = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            ticks[f"{pid}/{tid}"] = int(fields[11]) + int(fields[12])
    return ticks


def worker_seconds(before: dict | None, after: dict | None) -> float | None:
    if before is None or after is None:
        return None
    return sum(t - before.get(key, 0) for key, t in after.items()) / os.sysconf("SC_CLK_TCK")


# Measurements
FIRST_LIMIT = {"cpu4": 600.0, "cpu4-slow4g": 900.0}   # seconds a first search may take before it counts as failed
LATER_LIMIT = 120.0


def site_path(href: str | None, site_url: str) -> str | None:
    """A result's link as a path under the site ("plans/x/"), without Material's ?h= and any #section."""
    if href is None:
        return None
    path = urlparse(href).path
    return path.removeprefix(urlparse(site_url).path)


def results_count(meta: str, items: int) -> int:
    """The number of results Material's summary names ("找到 12 个符合条件的结果"); the items shown otherwise."""
    found = re.search(r"\d+", meta or "")
    return int(found.group(0)) if found else items


def describe(error: Exception) -> str:
    """An exception in one line (Playwright's messages go on with a call log)."""
    lines = str(error).strip().splitlines()
    return f"{type(error).__name__}: {lines[0][:300] if lines else ''}"


def sent_summary(sent: list[Sent], root: Path) -> dict:
    search = [s for s in sent if is_search(s.path)]
    return {"search_bytes": sum(s.transferred for s in search), "all_bytes": sum(s.transferred for s in sent),
            "search_raw": sum(s.raw for s in search), "requests": len(sent),
            "search": [{"path": s.path, "bytes": s.transferred, "raw": s.raw, "status": s.status} for s in search],
            "index_files": sorted({s.path for s in search if s.status == 200 and is_index(s.path, root)})}


def plain_view(browser: Browser, served: Served, page: str) -> dict:
    """A plan page opened as a reader opens it (no query, no throttle): what search fetches meanwhile, until the
    network has been quiet for 3 s after the page's load."""
    record: dict = {"page": page}
    tab, mark = Tab(browser, None), len(served.sent)
    try:
        tab.page.goto(served.url + page, wait_until="load", timeout=180_000)
        record["quiet"] = served.wait_quiet(3.0, 120.0)
        record["workers"] = [urlparse(w.url).path for w in tab.page.workers]
    except Exception as error:   # reported with what was fetched until then; the run goes on
        record["error"] = describe(error)
    finally:
        tab.close()
    record.update(sent_summary(served.since(mark), served.root))
    return record


def first_search(browser: Browser, served: Served, page: str, query: dict, condition: str,
                 later: list[dict] = ()) -> dict:
    """A first search: `page?q=query` in a fresh context under `condition`, until Material's list shows results;
    then, with `later`, further queries typed into the search box in the same tab."""
    record: dict = {"query": query["text"], "kind": query["kind"], "condition": condition}
    tab, mark = Tab(browser, condition), len(served.sent)
    try:
        before = worker_ticks()
        tab.page.goto(f"{served.url}{page}?q={quote(query['text'])}", wait_until="commit", timeout=180_000)
        limit = FIRST_LIMIT[condition]
        tab.page.wait_for_function(
            """() => { const s = window.__reader; if (!s) return false; if (s.shown !== null) return true
                const last = s.changes[s.changes.length - 1]
                return last !== undefined && last.items === 0 && performance.now() - last.t > 5000 }""",
            polling=200, timeout=limit * 1000)
        record["worker_cpu_s"] = worker_seconds(before, worker_ticks())
        state = tab.state()
        shown = next((c for c in state["changes"] if c["items"] > 0), state["changes"][-1])
        record.update(shown_ms=state["shown"], answered_ms=state["answered"], meta=shown["meta"],
                      results=results_count(shown["meta"], shown["items"]), items=shown["items"],
                      first=site_path(shown["first"], served.url))
        record["expected_first"] = (record["first"] == query["expected"]) if query["expected"] else None
        record["load_ms"] = tab.page.evaluate(LOADED)
        record["quiet"] = served.wait_quiet(2.0, 300.0)
        record.update(sent_summary(served.since(mark), served.root))
        record["memory"] = tab.memory()
        if condition == "cpu4-slow4g":
            record["timings"] = tab.timings(served.url)
        if later:
            record["later"] = later_queries(tab, served, later)
            record["memory_after_later"] = tab.memory()
    except Exception as error:   # one failed measurement is reported, and the run goes on
        record["error"] = describe(error)
        record.setdefault("shown_ms", None)
    finally:
        tab.close()
    return record


def later_queries(tab: Tab, served: Served, queries: list[dict]) -> list[dict]:
    """Each query typed into the search box (Playwright's fill, then an End key press: Material searches on
    keyup, as it does when an input method commits a word), timed from the box's input event to the result list
    being drawn again with at least one result (another query's answer may look the same: Material draws it
    anew)."""
    found = []
    box = tab.page.locator(SEARCH_BOX)
    for query in queries:
        # Why focus first: Material searches again when its box gains focus; that answer (to the old query) must be
        # drawn before the new query is typed, not counted as the new query's. A focused box gains no focus again.
        box.focus()
        tab.page.wait_for_timeout(300)
        state = tab.state()
        renders, inputs, mark = len(state["renders"]), len(state["inputs"]), len(served.sent)
        record: dict = {"query": query["text"], "kind": query["kind"]}
        try:
            box.fill(query["text"])
            box.press("End")
            tab.page.wait_for_function(
                """([renders, inputs]) => { const s = window.__reader
                    return s.inputs.length > inputs
                        && s.renders.slice(renders).some(r => r.items > 0 && r.t >= s.inputs[inputs]) }""",
                arg=[renders, inputs], polling=100, timeout=LATER_LIMIT * 1000)
            state = tab.state()
            typed = state["inputs"][inputs]
            change = next(r for r in state["renders"][renders:] if r["items"] > 0 and r["t"] >= typed)
            record.update(ms=change["t"] - typed, meta=change["meta"],
                          results=results_count(change["meta"], change["items"]),
                          first=site_path(change["first"], served.url))
            record["expected_first"] = (record["first"] == query["expected"]) if query["expected"] else None
            served.wait_quiet(1.0, 60.0)
            record["search_bytes"] = sum(s.transferred for s in served.since(mark) if is_search(s.path))
        except Exception as error:
            record.update(ms=None, error=describe(error))
        found.append(record)
    return found


def measure_site(browser: Browser, site: Path, queries: dict, page: str, name: str = "", log=print) -> dict:
    """Every reader measurement of one built site: the plain view, then each first search at 4× CPU (the first
    query's tab going on with the later queries) and at 4× CPU + Slow 4G."""
    with serve(site, precompress=SEARCH_PATHS) as served:
        result = {"plain": plain_view(browser, served, page), "first": {}}
        plain = result["plain"]
        log(f"[reader] {name}: plain view of {page}: search {plain['search_bytes'] / 1024:.0f} KB "
            f"({', '.join(s['path'] for s in plain['search']) or 'nothing'})"
            + (f"; {plain['error']}" if "error" in plain else ""))
        for condition in CONDITIONS:
            records = []
            for number, query in enumerate(queries["first"]):
                if condition == "cpu4-slow4g" and records and records[0].get("shown_ms") is None:
                    # Why: a first search that failed under Slow 4G waited FIRST_LIMIT; the others would too.
                    records.append({"query": query["text"], "kind": query["kind"], "condition": condition,
                                    "shown_ms": None, "error": "not measured: the first query under this condition "
                                                               "showed no results"})
                    continue
                later = queries["later"] if condition == "cpu4" and number == 0 else []
                record = first_search(browser, served, page, query, condition, later)
                records.append(record)
                log(f"[reader] {name} {CONDITIONS[condition]} {query['kind']} {query['text']!r}: {summary(record)}")
            result["first"][condition] = records
    return result


def summary(record: dict) -> str:
    """A first search in one line, for the run's log."""
    if record.get("shown_ms") is None:
        return record.get("error", "no results shown")
    text = (f"{record['shown_ms'] / 1000:.2f} s, search {record.get('search_bytes', 0) / 1024:.0f} KB, "
            f"{record.get('results')} results, first {record.get('first')}")
    if "later" in record:
        text += "; later queries " + ", ".join("–" if r.get("ms") is None else f"{r['ms']:.0f} ms"
                                               for r in record["later"])
    return text + (f"; {record['error']}" if "error" in record else "")


def plan_page(site: Path, others: list[Path]) -> str:
    """The plan page a reader opens: the middle one of the site's plan pages (as bench/run.py's first view), which
    every variant has."""
    pages = [p.parent.relative_to(site).as_posix() + "/" for p in sorted((site / "plans").glob("*/index.html"))]
    common = [p for p in pages if all((other / p / "index.html").is_file() for other in others)]
    if not common:
        raise ValueError(f"no plan page is in every variant's site ({site})")
    return common[len(common) // 2]


def measure(sites: dict[str, Path], project: Path, n: int, log=print, order: list[str] | None = None) -> dict:
    """Reader measurements of built sites (variant name → built folder) of the same N plans, one after the other
    in `order`; `project`: the site copy whose plans the queries are picked from."""
    queries = pick_queries(project)
    for reason in queries["skipped"]:
        log(f"[reader] {reason}")
    order = order or list(sites)
    first = sites[order[0]]
    page = plan_page(first, [sites[name] for name in order[1:]])
    raw = {"n": n, "page": page, "queries": queries, "order": order, "variants": {}}
    start = time.monotonic()
    with Browser() as browser:
        raw["chromium"] = browser.version
        for name in order:
            raw["variants"][name] = measure_site(browser, sites[name], queries, page, name, log)
    raw["seconds"] = time.monotonic() - start
    return raw
