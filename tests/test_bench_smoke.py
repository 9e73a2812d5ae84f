"""The benchmark runs end to end at N = 10 (one repeat, with the serve test, the profile, a --before ref, every
--ablate row and the reader's search in Chromium) and writes every section of BENCHMARKS.md; the raw measurements it
saves make the same report again. The reader's static host and throttling are checked on their own.

Not a measurement: no number is checked against a limit, only that every section and row is there and that the
numbers are plausible (positive, the ratios of the numbers shown).
"""

import gzip
import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from bench import reader
from bench import run as bench_run

ROOT = Path(__file__).resolve().parent.parent
# The last commit with hooks.py and speed_hooks.py (before the pairing plugin): --before must build what that ref
# has. A clone without it (a shallow one) compares against HEAD instead.
OLD_REF = "16d8243"
# The reader's search runs where Chromium is (tests/conftest.py: a browser test fails without it under CI).
HAS_CHROMIUM = reader.chromium() is not None


def needs_chromium():
    if not HAS_CHROMIUM:
        reason = "没有安装 Chromium（apt-get install -y chromium），读者搜索的测量未运行"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)


def before_ref() -> str:
    found = subprocess.run(["git", "cat-file", "-e", f"{OLD_REF}^{{commit}}"], cwd=ROOT, capture_output=True)
    return OLD_REF if found.returncode == 0 else "HEAD"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    output = tmp_path_factory.mktemp("bench") / "BENCHMARKS.md"
    options = ["--sizes", "10", "--repeats", "1", "--serve-n", "10", "--profile-n", "10", "--before", before_ref(),
               "--ablate", *(["--reader-n", "10"] if HAS_CHROMIUM else []), "--output", str(output)]
    result = subprocess.run([sys.executable, "-m", "bench", *options], cwd=ROOT, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    return options, output, result.stdout + result.stderr


def test_every_section_and_row_is_written(run):
    _, output, stdout = run
    text = output.read_text(encoding="utf-8")
    assert "skipped" not in stdout, stdout
    for heading in ["## Targets", "## Full build", "## Against this site", "## Output sizes",
                    "## What a reader downloads", "## `mkdocs serve`: save to reload at N = 10",
                    "## Where a first build's time goes (N = 10)"]:
        assert heading in text, heading
    for row in ["| 10 | (b) stock Material |", "| 10 | (a) this site |", f"| 10 | site at {before_ref()} |",
                "| first view of a plan page at N = 10 ≤ 150 KB gzip |", "| peak memory at N = 10 ≤ 1.3× (b)",
                "| built site at N = 10 ≤ 0.25× (b) |", "| first build at N = 10 (no target at this N) | – |",
                "| `mkdocs serve` (plain) save-to-reload at N = 10 ≤ 1.5 s |",
                "| (a) this site | `mkdocs serve` |", "| (b) stock Material | `mkdocs serve` |",
                f"| site at {before_ref()} | `mkdocs serve --dirty` |"]:
        assert row in text, row
    assert "Shared and noisy" in text
    for _, label, _ in bench_run.ABLATIONS:   # every change that --ablate undoes still applies, and still builds
        assert f"| 10 | {label} |" in text, label
    assert "empty .cache/" not in text, "every build is a first build: there is no cached build to compare with"


def test_the_profile_names_the_site_and_its_libraries(run):
    _, output, _ = run
    profile = output.read_text(encoding="utf-8").split("## Where a first build's time goes")[1].split("\n## ")[0]
    rows = dict(re.findall(r"^\| ([^|`]+?) \| ([0-9.]+) s \|", profile, re.M))
    for package in ["pairing.site", "pairing.content", "jieba", "markdown (Python-Markdown)", "jinja2", "mkdocs"]:
        assert package in rows, package
    assert "`pairing/site/plugin.py:" in profile   # the plugin's events, by file and line


def test_the_raw_measurements_make_the_same_report(run, tmp_path):
    options, output, _ = run
    raw = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    names = [v["name"] for v in raw["variants"]]
    assert names == ["baseline", "site", "before", *(name for name, _, _ in bench_run.ABLATIONS)]
    for variant in raw["variants"]:
        build = variant["builds"]["10"][0]
        assert build["seconds"] > 0 and build["cpu_seconds"] > 0 and build["peak_mb"] > 0
        if variant["name"] not in bench_run.SERVE_MODES:
            assert variant["serve"] == {}, variant["name"]   # --ablate rows are full builds only
            continue
        reloads = variant["serve"][""]
        assert len(reloads) == 3
        for reload in reloads:
            # the editor waited at least as long as MkDocs says the rebuild took; MkDocs' own serve (this site,
            # stock) logs each save's rebuild before it serves it (the older ref's serve hooks may log it later)
            assert reload["cpu"] > 0 and reload["seconds"] >= reload["built"], reload
            if variant["name"] in ("baseline", "site"):
                assert reload["rebuilds"] == 1 and reload["built"] > 0, reload
    assert set(raw["profiles"]) == {"baseline", "site"}
    again = tmp_path / "again.md"
    rest = [*options[:-1], str(again)]   # the same options, another --output
    result = subprocess.run([sys.executable, "-m", "bench.rereport", str(output.with_suffix(".json")), "--", *rest],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    # the same text, date and load average included (kept with the measurements); only --output differs
    assert again.read_text(encoding="utf-8").replace(str(again), str(output)) == output.read_text(encoding="utf-8")


def test_build_time_ratios_are_those_of_the_medians_shown(run):
    _, output, _ = run
    text = output.read_text(encoding="utf-8")
    rows = {m[1]: (float(m[2]), m[3]) for m in re.finditer(
        r"^\| 10 \| ([^|]+?) \| [0-9.]+ / ([0-9.]+) s \| ([0-9.]+)× \|", text, re.M)}
    stock = rows["(b) stock Material"][0]
    for label, (median, shown) in rows.items():
        assert abs(median / stock - float(shown)) < 0.02, label   # of the unrounded medians (shown rounded)


def test_the_reader_searches_both_sites(run):
    needs_chromium()
    options, output, stdout = run
    text = output.read_text(encoding="utf-8")
    section = text.split("## Search: what a reader downloads and waits for (N = 10)")[1].split("\n## ")[0]
    for row in ["| a plan page's first view downloads no search index |",
                "| first search downloads ≤ 300 KB for search (as transferred) |",
                "| first search shows results ≤ 1.5 s at 4× CPU |",
                "| first search shows results ≤ 5 s at 4× CPU + Slow 4G |",
                "| search memory ≤ 100 MB (the search worker's JS heap) |",
                "| later queries ≤ 300 ms at 4× CPU (each) |",
                "| peak build memory ≤ 1.5 GB at N = 10,000 |", "| build time linear in N",
                "| first search, title: results shown at 4× CPU + Slow 4G |", "| later queries at 4× CPU: median |"]:
        assert row in section, row
    assert "**no results**" not in section and "**none**" not in section and "**not throttled**" not in section
    data = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))["ran"]["reader"]
    assert data["n"] == 10 and data["order"] == ["baseline", "site"]
    assert [q["kind"] for q in data["queries"]["first"]] == ["title", "kindergarten", "common"]
    assert len(data["queries"]["later"]) == 5
    for name in data["order"]:
        variant = data["variants"][name]
        assert variant["plain"]["all_bytes"] > 0
        for condition in reader.CONDITIONS:
            for record in variant["first"][condition]:
                assert "error" not in record, record
                assert record["shown_ms"] > 0 and record["results"] > 0 and record["first"].endswith("/"), record
                assert record["search_bytes"] > 0 and record["memory"]["worker_mb"] > 0, record
                assert record["memory"]["page_mb"] > 0 and record["worker_cpu_s"] is not None, record
        later = variant["first"]["cpu4"][0]["later"]
        assert [r["query"] for r in later] == [q["text"] for q in data["queries"]["later"]]
        assert all(r["ms"] > 0 and r["results"] > 0 for r in later), later
    assert "[reader] site 4× CPU + Slow 4G" in stdout


def test_the_static_host_sends_gzip_and_types(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html><title>首页</title>" + "x" * 1000, encoding="utf-8")
    (tmp_path / "search" / "part.bin").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "search" / "head.json").write_text('{"a": 1}', encoding="utf-8")
    with reader.serve(tmp_path, precompress=("/search/",)) as served:
        def get(path: str, encoding: str = "gzip"):
            request = urllib.request.Request(served.url + path, headers={"Accept-Encoding": encoding})
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.headers, response.read()
        headers, body = get("")
        assert headers["Content-Type"] == "text/html; charset=utf-8" and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body).decode("utf-8").startswith("<!doctype html><title>首页")
        headers, body = get("search/part.bin")
        assert headers["Content-Type"] == "application/octet-stream" and gzip.decompress(body) == bytes(range(256)) * 8
        headers, body = get("search/part.bin", "identity")
        assert "Content-Encoding" not in headers and len(body) == 2048
        headers, body = get("search/head.json")   # too small to be worth compressing
        assert headers["Content-Type"] == "application/json" and body == b'{"a": 1}'
        assert [(s.path, s.status) for s in served.sent] == [("/", 200), ("/search/part.bin", 200),
                                                              ("/search/part.bin", 200), ("/search/head.json", 200)]
        assert served.sent[1].bytes < 2048 == served.sent[2].bytes
        url = served.url
    with pytest.raises(OSError):   # stopped with its context
        urllib.request.urlopen(url, timeout=5)


WORKER_PAGE = """<!doctype html><script>
const worker = new Worker("worker.js")
worker.onmessage = event => { window.fetched = event.data }
</script>"""
WORKER = """const start = performance.now()
fetch("search/blob.bin").then(r => r.arrayBuffer())
  .then(b => postMessage({bytes: b.byteLength, ms: performance.now() - start}))
"""


WORKER_FETCHES = """
import json, sys, time
from pathlib import Path
from bench import reader
found = {"worker_mb": 0}
with reader.serve(Path(sys.argv[1])) as served, reader.Browser() as browser:
    for condition in (None, "cpu4-slow4g"):
        tab = reader.Tab(browser, condition)
        try:
            tab.page.goto(served.url)
            tab.page.wait_for_function("window.fetched", timeout=60_000)
            found[condition or "plain"] = tab.page.evaluate("window.fetched")
            end = time.monotonic() + 10
            while not tab.workers and time.monotonic() < end:
                tab.page.wait_for_timeout(50)
            found["worker_mb"] = min(found["worker_mb"] or 1e9, tab.memory()["worker_mb"] or 0)
        finally:
            tab.close()
print(json.dumps(found))
"""


def test_slow_4g_reaches_the_requests_of_a_worker(tmp_path):
    """The network is throttled on the page's CDP session; a dedicated worker's own fetch is throttled too (200 KB
    that do not compress: at least 200,000 / 180,000 s plus the latency), and the worker's heap is read."""
    needs_chromium()
    (tmp_path / "search").mkdir()
    (tmp_path / "index.html").write_text(WORKER_PAGE, encoding="utf-8")
    (tmp_path / "worker.js").write_text(WORKER, encoding="utf-8")
    (tmp_path / "search" / "blob.bin").write_bytes(os.urandom(200_000))
    # In a process of its own: the browser tests' Playwright (the session's browser fixture) runs in this one,
    # and Playwright's sync API cannot be started twice in one process.
    result = subprocess.run([sys.executable, "-c", WORKER_FETCHES, str(tmp_path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["worker_mb"] > 0
    fetched = {None: found["plain"], "cpu4-slow4g": found["cpu4-slow4g"]}
    assert fetched[None]["bytes"] == fetched["cpu4-slow4g"]["bytes"] == 200_000
    least = (200_000 / reader.SLOW_4G["downloadThroughput"]) * 1000 + reader.SLOW_4G["latency"]
    assert fetched["cpu4-slow4g"]["ms"] >= 0.95 * least, fetched
    assert fetched[None]["ms"] < least / 2, fetched
