"""The theme's files as MkDocs lists them in each build, with the installed theme's list kept for the process
(speed_hooks._keep_theme_listing): the same files as MkDocs finds itself, and a file added to overrides/ while
serving is found at the next rebuild."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

import speed_hooks
from conftest import ROOT


def theme_files(config) -> list[tuple[str, str]]:
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    return [(f.src_uri, f.abs_src_path) for f in files]


def test_the_kept_listing_finds_the_files_mkdocs_finds(monkeypatch):
    monkeypatch.chdir(ROOT)
    config = load_config(str(ROOT / "mkdocs.yml"))
    own = theme_files(config)
    speed_hooks._keep_theme_listing(config.theme)
    assert theme_files(config) == theme_files(config) == own
    assert any(path.startswith("assets/javascripts/") for path, _ in own)   # Material's own files are there


def fake_theme(installed, custom):
    theme = SimpleNamespace(dirs=[str(custom), str(installed)], custom_dir=str(custom), static_templates=[])
    theme.get_env = lambda: jinja2.Environment(loader=jinja2.FileSystemLoader(theme.dirs))
    return theme


def test_files_added_to_overrides_are_found_and_the_installed_theme_is_listed_once(tmp_path):
    installed, custom = tmp_path / "installed", tmp_path / "overrides"
    for folder in (installed, custom):
        folder.mkdir()
    (installed / "theme.css").write_text("a", encoding="utf-8")
    theme = fake_theme(installed, custom)
    speed_hooks._keep_theme_listing(theme)

    def mkdocs_filter(name):   # a filter made afresh for each call, as MkDocs does
        return not name.endswith(".html")

    def listed():
        return theme.get_env().list_templates(filter_func=mkdocs_filter)

    assert listed() == ["theme.css"]
    (custom / "extra.js").write_text("b", encoding="utf-8")
    (custom / "main.html").write_text("c", encoding="utf-8")
    assert listed() == ["extra.js", "theme.css"]
    # negative control: the installed theme's list is kept (it does not change while serving)
    (installed / "new.css").write_text("d", encoding="utf-8")
    assert listed() == ["extra.js", "theme.css"]
    # another filter, or none, is MkDocs' own listing
    assert theme.get_env().list_templates(filter_func=lambda name: True) == ["extra.js", "main.html", "new.css", "theme.css"]
    assert theme.get_env().list_templates(extensions=["css"]) == ["new.css", "theme.css"]
