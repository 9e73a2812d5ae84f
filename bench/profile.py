"""Where a first build's time goes: `mkdocs build --strict` run in-process under cProfile, grouped by package.

    .venv/bin/python -m bench.profile PROJECT [OUT]        # prints the grouped profile as JSON

Run from bench/run.py (`--profile-n`) for this site and the stock baseline at the same N. The build runs in a
child process started in the project (so the project's own `pairing` and macros.py are the ones imported), and
the profile covers what `mkdocs build` does from loading mkdocs.yml to the end of on_post_build, imports included.

Two views of the same profile:
  self      time spent in each package's own Python code (C functions and the standard library apart);
  charged   the same, with the time of every C function and standard-library function (re, json, posixpath,
            importlib …) charged to the nearest package that called it, in proportion to the time it spent for
            each caller: what each package costs, all in (approximate for C functions every package uses, such as
            str.join, which are split by their callers' totals).
cProfile adds a fixed cost to every Python call, so code made of many small calls (jieba's cutting, Markdown's
tree walking) looks dearer than it is; the profiled build's total is shown next to the unprofiled one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Packages shown on their own; any other installed package is "other libraries".
PACKAGES = {"mkdocs": "mkdocs", "material": "material (Material: plugins, templates)", "mkdocs_macros": "mkdocs-macros",
            "jieba": "jieba", "markdown": "markdown (Python-Markdown)", "pymdownx": "pymdownx", "jinja2": "jinja2",
            "markupsafe": "markupsafe", "yaml": "yaml (PyYAML)", "_yaml": "yaml (PyYAML)", "segno": "segno",
            "icalendar": "icalendar", "jsonschema": "jsonschema", "referencing": "jsonschema",
            "jsonschema_specifications": "jsonschema", "fastjsonschema": "fastjsonschema", "watchdog": "watchdog", "pathspec": "pathspec",
            "babel": "babel", "pygments": "pygments", "dateutil": "dateutil", "tzdata": "icalendar"}
TOP_FUNCTIONS = 25


def run(project: Path, out: Path) -> dict:
    """The grouped profile of one build of `project` into `out` (in a child process)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0",
           "PYTHONPATH": os.pathsep.join([str(project), str(ROOT)])}
    result = subprocess.run([sys.executable, "-m", "bench.profile", str(project), str(out)], cwd=project, env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"profiled build failed in {project}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.splitlines()[-1])


def profile_build(project: Path, out: Path) -> dict:
    """Build in this process under cProfile, as `mkdocs build --strict -q -d out` does."""
    import cProfile
    import logging

    os.chdir(project)
    if str(project) not in sys.path:
        sys.path.insert(0, str(project))
    logging.disable(logging.WARNING - 1)   # -q: info messages off (strict mode still counts warnings)
    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), strict=True, site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    profiler.disable()
    wall = time.perf_counter() - start
    profiler.create_stats()
    return summarise(profiler.stats, project, wall)


def summarise(stats: dict, project: Path, wall: float) -> dict:
    """stats: cProfile's {(file, line, name): (calls, primitive calls, self, cumulative, callers)}."""
    places = Places(project)
    owners = Owners(stats, places)
    self_time: dict[str, float] = defaultdict(float)
    charged: dict[str, float] = defaultdict(float)
    for function, (_, _, tottime, _, _) in stats.items():
        self_time[places.group(function)] += tottime
        for owner, share in owners.of(function).items():
            charged[owner] += tottime * share
    total = sum(self_time.values())
    top = sorted(((f, v[3]) for f, v in stats.items() if not places.charged_up(f)), key=lambda x: -x[1])
    return {"wall": wall, "total": total,
            "self": dict(sorted(self_time.items(), key=lambda x: -x[1])),
            "charged": dict(sorted(charged.items(), key=lambda x: -x[1])),
            "events": events(stats, places),
            "entries": entries(stats, places),
            "top": [{"function": places.name(f), "group": places.group(f), "cumulative": ct,
                     "self": stats[f][2], "calls": stats[f][1]} for f, ct in top[:TOP_FUNCTIONS]]}


class Owners:
    """For each function, the packages its self time is charged to, as fractions that add up to 1: its own
    package, or for a C or standard-library function its callers' owners in proportion to the time it spent for
    each (a caller that is on the way round a cycle is left out)."""

    def __init__(self, stats: dict, places: "Places"):
        self.stats, self.places = stats, places
        self.known: dict = {}
        self.busy: set = set()

    def of(self, function) -> dict[str, float]:
        if not self.places.charged_up(function):
            return {self.places.group(function): 1.0}
        if function in self.known:
            return self.known[function]
        self.busy.add(function)
        callers = {c: v for c, v in self.stats[function][4].items() if c not in self.busy and c in self.stats}
        weights = {c: v[2] or v[3] for c, v in callers.items()}
        whole = sum(weights.values())
        result: dict[str, float] = defaultdict(float)
        for caller, weight in weights.items():
            for owner, part in self.of(caller).items():
                result[owner] += part * (weight / whole if whole else 1 / len(weights))
        self.busy.discard(function)
        self.known[function] = dict(result) if result else {"(no caller outside the standard library)": 1.0}
        return self.known[function]


def entries(stats: dict, places: "Places", most: int = 20) -> list[dict]:
    """Where one package calls into another: for each function, the cumulative time of its calls from each other
    package. The caller is the direct one: a C or standard-library caller is named itself (a generator such as
    jieba.cut is resumed by whatever consumes it, e.g. str.join, and a C function serves every package at once, so
    it is not charged to any one of them here)."""
    found: dict[tuple, list] = defaultdict(lambda: [0, 0.0])
    for function, (_, _, _, _, callers) in stats.items():
        if places.charged_up(function):
            continue
        group = places.group(function)
        for caller, (calls, _, _, cumulative) in callers.items():
            owner = places.name(caller) if places.charged_up(caller) else places.group(caller)
            if owner != group:
                entry = found[(owner, function)]
                entry[0] += calls
                entry[1] += cumulative
    ranked = sorted(found.items(), key=lambda item: -item[1][1])[:most]
    packages = {places.group(f) for f in stats}
    return [{"from": owner, "from_function": owner not in packages, "function": places.name(function),
             "group": places.group(function), "calls": calls, "cumulative": seconds}
            for (owner, function), (calls, seconds) in ranked]


def events(stats: dict, places: "Places") -> list[dict]:
    """Cumulative time of each plugin event handler (on_*) that took 10 ms or more, by package."""
    found = []
    for function, (_, calls, _, cumulative, _) in stats.items():
        file, _, name = function
        # Why not mkdocs/plugins.py: its PluginCollection.on_* run every plugin's handler (they are listed apart).
        if (name.startswith("on_") and cumulative >= 0.01 and not places.charged_up(function)
                and not file.endswith(os.path.join("mkdocs", "plugins.py"))):
            found.append({"function": places.name(function), "group": places.group(function),
                          "cumulative": cumulative, "calls": calls})
    return sorted(found, key=lambda e: -e["cumulative"])


class Places:
    """Which package a profiled function belongs to."""

    def __init__(self, project: Path):
        self.projects = tuple({str(project) + os.sep, str(project.resolve()) + os.sep})
        self.stdlib = [sysconfig.get_path(name) + os.sep for name in ("stdlib", "platstdlib")]
        self.site = [sysconfig.get_path(name) + os.sep for name in ("purelib", "platlib")]

    def charged_up(self, function) -> bool:
        """C functions, the standard library and the import system: charged to whoever called them."""
        file = function[0]
        return file == "~" or file.startswith("<frozen") or any(file.startswith(p) for p in self.stdlib) \
            and not any(file.startswith(p) for p in self.site)

    def group(self, function) -> str:
        file = function[0]
        if file == "~":
            return "C functions (builtins, C extensions)"
        if file.startswith("<frozen") or file.startswith("<"):
            return "Python import system"
        project = next((p for p in self.projects if file.startswith(p)), None)
        if project is not None:
            parts = Path(file[len(project):]).parts
            if parts[0] == "pairing" and len(parts) > 2:
                return f"pairing.{parts[1]}"
            if parts[0] == "overrides":
                return "overrides/ (the site's templates)"
            return parts[0]
        for prefix in self.site:
            if file.startswith(prefix):
                top = Path(file[len(prefix):]).parts[0].removesuffix(".py")
                return PACKAGES.get(top, "other libraries")
        if any(file.startswith(p) for p in self.stdlib):
            return "Python standard library"
        return "other"

    def name(self, function) -> str:
        file, line, name = function
        if file == "~":
            return name
        for prefix in (*self.projects, *self.site, *self.stdlib):
            if file.startswith(prefix):
                file = file[len(prefix):]
                break
        return f"{file}:{line} {name}"


if __name__ == "__main__":
    project_dir = Path(sys.argv[1]).resolve()
    out_dir = Path(sys.argv[2]).resolve() if len(sys.argv) > 2 else project_dir / "site"
    import shutil
    shutil.rmtree(out_dir, ignore_errors=True)
    shutil.rmtree(project_dir / ".cache", ignore_errors=True)
    print(json.dumps(profile_build(project_dir, out_dir), ensure_ascii=False))
