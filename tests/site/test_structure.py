"""The code's shape, as ARCHITECTURE.md states it: subpackages in data-flow order, only the site layer imports
MkDocs, one plugin holds a build's state, nothing assigns into the engine's objects or reads their private parts.

Read from the source with Python's own parser (ast), so a comment or a string cannot pass or fail a check.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "pairing"
# Data-flow order: a layer may import the layers before it, never one after it.
LAYERS = ["content", "shaping", "exports", "site", "importing", "cli"]
ENGINE = ("mkdocs", "material", "mkdocs_macros", "jinja2", "markdown", "pymdownx")
# Modules of ours whose code runs inside the build (the plugin and the macros module).
GLUE = [PACKAGE / "site" / "plugin.py", ROOT / "macros.py"]


def python_files() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py")) + [ROOT / "macros.py"]


def layer_of(path: Path) -> str | None:
    parts = path.relative_to(PACKAGE).parts if path.is_relative_to(PACKAGE) else ()
    return parts[0] if len(parts) > 1 and parts[0] in LAYERS else None


def imported_modules(tree: ast.AST, path: Path) -> list[str]:
    """Absolute names of every module the file imports (relative imports resolved against its package)."""
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = list(package[: len(package) - node.level + 1]) if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.append(module)
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def parsed(path: Path) -> ast.AST:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_the_package_is_its_layers():
    top = sorted(p.name for p in PACKAGE.iterdir() if p.suffix == ".py")
    assert top == ["__init__.py", "__main__.py"], "modules belong in a layer's subpackage"
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") == sorted(LAYERS)


@pytest.mark.parametrize("path", python_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_follow_the_data_flow(path):
    layer = layer_of(path)
    if layer is None:
        return
    later = LAYERS[LAYERS.index(layer) + 1:]
    for module in imported_modules(parsed(path), path):
        parts = module.split(".")
        assert not (parts[0] == "pairing" and len(parts) > 1 and parts[1] in later), \
            f"{path.relative_to(ROOT)} imports {module}, a later layer"
        if layer != "site":
            assert parts[0] not in ("mkdocs", "material", "mkdocs_macros"), \
                f"{path.relative_to(ROOT)} imports {module}: only pairing/site may import the site engine"


def test_the_import_checker_sees_a_backward_import(tmp_path):
    # negative control: the checker resolves relative imports
    module = PACKAGE / "content" / "plans.py"
    tree = ast.parse("from ..site import plugin\nfrom .schema import check\n")
    assert "pairing.site.plugin" in imported_modules(tree, module)
    assert "pairing.content.schema" in imported_modules(tree, module)


def engine_names(tree: ast.AST) -> set[str]:
    """Names bound in the module to something imported from the engine (MkDocs, Material, macros, Jinja…)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names if a.name.split(".")[0] in ENGINE}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in ENGINE:
            names |= {a.asname or a.name for a in node.names}
    return names


# Parameters of our event handlers and macros that are the engine's objects.
ENGINE_PARAMETERS = {"config", "page", "files", "nav", "env", "server", "builder", "context", "template", "theme",
                     "plugins", "file"}


def assignments_into_engine(tree: ast.AST) -> list[str]:
    """Every `x.attr = …`, `x[key] = …`, `x.attr += …` or `setattr(x, …)` whose x is an engine object: one of
    the engine's names, or a parameter named like the engine's objects (config, page, files…)."""
    suspects = engine_names(tree) | ENGINE_PARAMETERS
    found = []

    def root(node: ast.AST) -> str | None:
        while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
            node = node.value if not isinstance(node, ast.Call) else node.func
        return node.id if isinstance(node, ast.Name) else None

    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr":
            targets = [ast.Attribute(value=node.args[0], attr="?")]
        for target in targets:
            if isinstance(target, (ast.Attribute, ast.Subscript)) and root(target) in suspects:
                found.append(f"line {node.lineno}: {ast.unparse(target)}")
    return found


def private_reads(tree: ast.AST) -> list[str]:
    """Every `x._name` where x is not self/cls: an underscored attribute of someone else's object."""
    return [f"line {node.lineno}: {ast.unparse(node)}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls"))]


@pytest.mark.parametrize("path", python_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_assignment_into_the_engine_and_no_private_reads(path):
    tree = parsed(path)
    assert assignments_into_engine(tree) == []
    assert private_reads(tree) == []


def test_the_patch_checkers_see_patches():
    # negative control: the patches the previous design made are each found
    tree = ast.parse(
        "from mkdocs.structure.files import File\n"
        "def on_files(files, config):\n"
        "    for f in files: f.is_modified = lambda: True\n"
        "    config['extra']['polyfills'] = []\n"
        "    config.theme.get_env = None\n"
        "    setattr(config, 'x', 1)\n"
        "    File.copy_file = None\n"
        "    files._event_origins\n"
        "    plugins._event_origins[1] = 2\n")
    found = assignments_into_engine(tree)
    assert any("polyfills" in f for f in found) and any("get_env" in f for f in found)
    assert any("File.copy_file" in f for f in found) and len(found) >= 4
    assert len(private_reads(tree)) == 2


def module_level_mutables(tree: ast.Module) -> list[str]:
    """Module-level names bound to a mutable value (a list, dict or set display, or a call such as dict())."""
    found = []
    for node in tree.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if isinstance(node.value, (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)) or (
                    isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name)
                    and node.value.func.id in ("list", "dict", "set", "defaultdict", "Counter")):
                found += [ast.unparse(t) for t in targets]
        if isinstance(node, ast.Global):
            found += node.names
    return found


@pytest.mark.parametrize("path", GLUE, ids=lambda p: p.name)
def test_no_module_level_mutable_state_in_the_build_glue(path):
    tree = parsed(path)
    assert module_level_mutables(tree) == []
    assert not any(isinstance(node, ast.Global) for node in ast.walk(tree))


def test_the_state_checker_sees_module_state():
    # negative control
    tree = ast.parse("_build = {}\nLISTING = ('a',)\nseen = set()\ndef f():\n    global seen\n")
    assert module_level_mutables(tree) == ["_build", "seen"]


def test_one_plugin_is_the_build():
    """mkdocs.yml lists the plugin, registered by its entry point; no hooks."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    names = [p if isinstance(p, str) else next(iter(p)) for p in config["plugins"]]
    assert names[0] == "pairing"
    assert "hooks" not in config
    macros = next(p["macros"] for p in config["plugins"] if isinstance(p, dict) and "macros" in p)
    assert macros["render_by_default"] is False
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'pairing = "pairing.site.plugin:PairingPlugin"' in pyproject
    from importlib.metadata import entry_points

    found = [e for e in entry_points(group="mkdocs.plugins") if e.name == "pairing"]
    assert [e.value for e in found] == ["pairing.site.plugin:PairingPlugin"]
    assert not (ROOT / "hooks.py").exists() and not (ROOT / "speed_hooks.py").exists()


def test_no_regular_expression_reads_the_themes_html():
    """No module of ours reads a finished page (the theme's HTML): the audit and the CSP read only what the
    plugin renders (page content, the theme's inline-script partials)."""
    for path in python_files():
        text = path.read_text(encoding="utf-8")
        for marker in ("<article", "<head>", 'class="md-', "data-md-component"):
            assert marker not in text, f"{path.relative_to(ROOT)} looks for {marker} in the theme's HTML"
    main = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert "|replace(" not in main and "super()|" not in main
    assert main.count("{% extends") == 1 and '{% extends "base.html" %}' in main
