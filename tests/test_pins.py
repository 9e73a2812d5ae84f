"""Every dependency is pinned: what we name (requirements*.txt) and what those pull in (constraints.txt)."""

from __future__ import annotations

import re
from importlib import metadata

from packaging.requirements import Requirement

from conftest import ROOT

PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)$")


def pins(name: str) -> dict[str, str]:
    found = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or line.startswith(("-r ", "-c ", "-e ")):
            continue
        match = PIN.match(line)
        assert match, f"{name}: not pinned: {line!r}"
        found[match[1].lower().replace("_", "-")] = match[2]
    return found


def test_what_we_name_is_pinned_at_the_version_the_constraints_hold():
    constraints = pins("constraints.txt")
    named = {**pins("requirements.txt"), **pins("requirements-dev.txt")}
    assert named and set(named) <= set(constraints)
    assert {name: version for name, version in named.items() if constraints[name] != version} == {}
    assert "-c constraints.txt" in (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_every_installed_dependency_of_the_site_is_in_the_constraints():
    constraints = pins("constraints.txt")
    wanted, seen = ["mkdocs-material", "mkdocs-macros-plugin", "jieba", "nh3", "icalendar", "segno", "jsonschema"], set()
    while wanted:
        name = wanted.pop().lower().replace("_", "-")
        if name in seen:
            continue
        seen.add(name)
        for line in metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                wanted.append(requirement.name)
    assert sorted(seen - set(constraints)) == []
    assert all(metadata.version(name) == constraints[name] for name in seen)


def test_an_unpinned_line_is_noticed(tmp_path, monkeypatch):
    import test_pins

    (tmp_path / "constraints.txt").write_text("watchdog>=6\n", encoding="utf-8")
    monkeypatch.setattr(test_pins, "ROOT", tmp_path)
    try:
        pins("constraints.txt")
    except AssertionError as error:
        assert "not pinned" in str(error)
    else:
        raise AssertionError("an unpinned line passed")
