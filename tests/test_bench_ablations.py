"""Every row of the benchmark's --ablate still undoes its optimisation: each patch finds the code it changes
(bench/run.py skips a row whose code is gone, which would silently drop it from BENCHMARKS.md)."""

from pathlib import Path

import pytest

from bench import run, synthetic

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name, patches", [(name, patches) for name, _, patches in run.ABLATIONS])
def test_each_ablation_applies_to_the_site(name, patches, tmp_path):
    project = synthetic.copy_site(ROOT, tmp_path / name)
    assert all(patch(project) for patch in patches), name


def test_a_patch_of_code_that_is_gone_does_not_apply(tmp_path):
    # negative control
    project = synthetic.copy_site(ROOT, tmp_path / "site")
    assert not run.replace_in("speed_hooks.py", "code that is not there", "x")(project)
    assert not run.remove("overrides/no-such-file.html")(project)


def test_serve_only_ablations_are_rows_of_the_list():
    assert run.SERVE_ABLATIONS <= {name for name, _, _ in run.ABLATIONS}


def test_cold_ablations_are_rows_of_the_list():
    assert run.COLD_ABLATIONS <= {name for name, _, _ in run.ABLATIONS}
