"""The benchmark runs end to end at N = 10 (one repeat, with the serve test, the profile, a --before ref and every
--ablate row) and writes every section of BENCHMARKS.md; the raw measurements it saves make the same report again.

Not a measurement: no number is checked against a limit, only that every section and row is there and that the
numbers are plausible (positive, the ratios of the numbers shown).
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import run as bench_run

ROOT = Path(__file__).resolve().parent.parent
# The last commit with hooks.py and speed_hooks.py (before the pairing plugin): --before must build what that ref
# has. A clone without it (a shallow one) compares against HEAD instead.
OLD_REF = "16d8243"


def before_ref() -> str:
    found = subprocess.run(["git", "cat-file", "-e", f"{OLD_REF}^{{commit}}"], cwd=ROOT, capture_output=True)
    return OLD_REF if found.returncode == 0 else "HEAD"


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    output = tmp_path_factory.mktemp("bench") / "BENCHMARKS.md"
    options = ["--sizes", "10", "--repeats", "1", "--serve-n", "10", "--profile-n", "10", "--before", before_ref(),
               "--ablate", "--output", str(output)]
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
