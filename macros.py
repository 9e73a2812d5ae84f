"""Glue between mkdocs-macros and the `pairing` package: check the content, register the macros.

All logic lives in pairing/ (engine independent); this file only wires it into the build.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from markupsafe import escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

from pairing import links, plans, policy, render, sharing  # noqa: E402
from pairing.problems import ContentError  # noqa: E402

STARTER_PLAN = Path(__file__).resolve().parent / "pairing" / "starter_plan.md"
FIXED_PAGES = {"首页": "index.md", "编辑指南": "editing.md"}
# The offline copy (python -m pairing offline) runs Material's search worker from file:// with this shim.
OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"


# Hooks
def define_env(env):
    """Load and check every plan before any page is built; register the plan macros."""
    _require_jieba()
    project = Path(env.conf["config_file_path"]).resolve().parent
    try:
        collection = plans.load(project, Path(env.conf["docs_dir"]), project / "data")
    except ContentError as error:
        raise PluginError(str(error)) from None
    env.variables["pairing_collection"] = collection
    env.conf["nav"] = plans.navigation(collection, FIXED_PAGES)

    def plan_macro(part):
        return lambda *args: part(_current_plan(env), *args)

    for name in policy.PLAN_MACROS:
        env.macro(plan_macro(getattr(render, name)), name)
    env.macro(lambda: render.plan_index(collection, env.conf["use_directory_urls"]), "plan_index")
    env.macro(render.field_reference, "field_reference")
    env.macro(render.macro_reference, "macro_reference")
    env.macro(lambda: render.starter_plan(STARTER_PLAN.read_text(encoding="utf-8")), "starter_plan")
    _check_no_shadowing(env)
    _use_local_offline_shim(env.conf)


def on_post_page_macros(env):
    """Every plan page starts with its card and a share link, and ends with its share box (QR code);
    its head carries a Chinese description and Open Graph tags (overrides/main.html)."""
    plan = _current_plan(env, required=False)
    if plan is not None:
        collection = env.variables["pairing_collection"]
        url = links.canonical_url(env.conf["site_url"], plan)
        preview = sharing.link_preview(plan, collection, url)
        env.page.meta["link_preview"] = preview
        # Material prints page.meta.description into an attribute unescaped (its templates have no autoescape).
        env.page.meta["description"] = escape(preview["description"])
        card = render.plan_card(plan, collection)
        env.markdown = f"{card}\n\n{render.share_link()}\n\n{env.markdown}\n\n{render.share_box(url)}"


def on_post_build(env):
    """A renamed plan keeps its old addresses: a redirect page for each of its former slugs."""
    site_dir = Path(env.conf["site_dir"])
    for redirect in links.redirects(env.variables["pairing_collection"], env.conf["use_directory_urls"]):
        path = site_dir / redirect["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render.redirect_page(redirect["target"]), encoding="utf-8")


# Helper functions
def _current_plan(env, required=True):
    plan = env.variables["pairing_collection"].plans.get(env.page.file.src_uri)
    if plan is None and required:
        raise PluginError(f"{env.page.file.src_uri}: 这个宏只能用在 docs/plans/ 下的计划页面")
    return plan


def _use_local_offline_shim(conf):
    # Why: Material's offline plugin would otherwise load its file:// worker shim from a CDN.
    offline = conf["plugins"].get("material/offline")
    if offline is not None and offline.config.enabled:
        conf["extra"]["polyfills"] = [OFFLINE_SHIM]


def _require_jieba():
    # Why: without jieba, Material's search silently indexes Chinese as unsplit runs of text.
    try:
        import jieba  # noqa: F401
    except ImportError:
        raise PluginError("未安装 jieba，中文搜索无法分词。请先运行：pip install -r requirements.txt") from None


def _check_no_shadowing(env):
    # Why: mkdocs-macros turns front-matter keys into template variables, which would hide a macro.
    from pairing.schema import plan_schema

    clash = sorted(set(plan_schema()["properties"]) & set(env.macros))
    if clash:
        raise PluginError(f"front matter 字段与宏同名：{'、'.join(clash)}")
