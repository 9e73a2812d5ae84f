"""The benchmark runs end to end at N = 10 (one repeat, no serve) and writes the expected tables.

Not a measurement: the numbers are not checked, only that every section and row is there.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_runs_at_ten_plans(tmp_path):
    output = tmp_path / "BENCHMARKS.md"
    result = subprocess.run([sys.executable, "-m", "bench", "--sizes", "10", "--repeats", "1", "--serve-n", "0",
                             "--output", str(output)], cwd=ROOT, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "skipped" not in result.stdout, result.stdout
    text = output.read_text(encoding="utf-8")
    for heading in ["## Full build", "## Output sizes", "## What a reader downloads", "## Targets of issue #8"]:
        assert heading in text, heading
    for row in ["| 10 | (b) stock Material |", "| 10 | (a) this site |", "| 10 | (a) this site, empty .cache/ |",
                "| first view of a plan page ≤ 150 KB gzip |", "| peak memory ≤ 1.3× (b)"]:
        assert row in text, row
    assert "Shared and noisy" in text


def test_every_ablation_still_finds_the_code_it_undoes(tmp_path):
    # `--ablate` skips a row whose code is gone (with a message); here that fails instead, for every row.
    from bench import run, synthetic

    site = synthetic.copy_site(ROOT, tmp_path / "site")
    for name, _, patches in run.ABLATIONS:
        project = synthetic.copy_site(site, tmp_path / name)
        assert all(patch(project) for patch in patches), name
    assert run.COLD_ABLATIONS <= {name for name, _, _ in run.ABLATIONS}
