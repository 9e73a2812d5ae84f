"""The hosting repo's CI workflows (checked with actionlint) and the pre-commit configuration."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], capture_output=True, text=True, timeout=60)


def steps(workflow: str) -> list[dict]:
    jobs = yaml.safe_load((WORKFLOWS / workflow).read_text(encoding="utf-8"))["jobs"]
    return [step for job in jobs.values() for step in job["steps"]]


def test_workflows_pass_actionlint():
    result = actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert (result.returncode, result.stdout) == (0, "")


def test_actionlint_catches_a_broken_workflow(tmp_path):
    # negative control: the check above can fail
    broken = tmp_path / "broken.yml"
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8").replace("runs-on:", "runs_on:")
    broken.write_text(text, encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1
    assert 'unexpected key "runs_on" for "job" section' in result.stdout


def test_pull_requests_are_validated_built_tested_and_the_site_uploaded():
    runs = " ".join(step.get("run", "") for step in steps("pull-request.yml"))
    assert "python -m pairing validate" in runs
    assert "mkdocs build --strict -d site" in runs
    assert "python -m pytest" in runs
    upload = [s for s in steps("pull-request.yml") if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert upload[0]["with"]["path"] == "site/"


def test_main_is_deployed_to_pages():
    workflow = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]   # YAML 1.1 reads the key `on` as true
    uses = [step.get("uses", "") for step in steps("deploy.yml")]
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "mkdocs build --strict -d site" in " ".join(step.get("run", "") for step in steps("deploy.yml"))


def pre_commit() -> dict:
    return yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))


def test_pre_commit_hook_revisions_are_pinned_tags():
    remote = [repo for repo in pre_commit()["repos"] if repo["repo"] != "local"]
    assert {repo["repo"].rsplit("/", 1)[1] for repo in remote} == {"pre-commit-hooks", "ruff-pre-commit"}
    assert all(re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]) for repo in remote)


def test_pre_commit_validate_hook_runs_on_plans_and_data_only(tmp_path):
    (hook,) = [h for repo in pre_commit()["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    files = re.compile(hook["files"])
    assert [bool(files.search(f)) for f in ("docs/plans/a.md", "data/kindergartens.yml", "mkdocs.yml", "pairing/cli/main.py")] == [
        True, True, False, False]
    command = hook["entry"].split()
    assert command[0] == "python"
    # As pre-commit runs it: the entry, then the names of the commit's files.
    result = subprocess.run([sys.executable, *command[1:], "docs/plans/dongyuan-pairing.md", "data/kindergartens.yml"],
                            cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "检查了 2 个文件，没有发现问题。\n")
