"""Glue between mkdocs-macros and the `pairing` package: check the content, register the macros.

All logic lives in pairing/ (engine independent); this file only wires it into the build.
"""

import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402

from pairing import audit, plans, policy, render  # noqa: E402
from pairing.problems import ContentError, format_problems  # noqa: E402

STARTER_PLAN = Path(__file__).resolve().parent / "pairing" / "starter_plan.md"


# Hooks
def define_env(env):
    """Load and check every plan before any page is built; register the plan macros."""
    _require_jieba()
    project = Path(env.conf["config_file_path"]).resolve().parent
    try:
        collection = plans.load(project, Path(env.conf["docs_dir"]), project / "data")
    except ContentError as error:
        raise PluginError(str(error)) from None
    # hooks.py reads it from here to generate the kindergarten pages and the open data: loaded once per build.
    env.variables["pairing_collection"] = collection
    site_url = env.conf["site_url"] or ""

    def plan_macro(part):
        return lambda *args: part(_current_plan(env), *args)

    for name in policy.PLAN_MACROS:
        env.macro(plan_macro(getattr(render, name)), name)
    env.macro(lambda: render.plan_index(collection, env.page.url), "plan_index")
    env.macro(lambda: render.kindergarten_index(collection, env.page.url), "kindergarten_index")
    env.macro(lambda: render.activity_calendar(collection, env.page.url, site_url), "activity_calendar")
    env.macro(lambda: render.open_data(collection, env.page.url, site_url), "open_data")
    # Only in the pages hooks.py generates, one per kindergarten (not in policy.SITE_MACROS).
    env.macro(lambda kindergarten_id: render.kindergarten_page(collection, kindergarten_id), "kindergarten_page")
    env.macro(render.field_reference, "field_reference")
    env.macro(render.macro_reference, "macro_reference")
    env.macro(lambda: render.starter_plan(STARTER_PLAN.read_text(encoding="utf-8")), "starter_plan")
    _check_no_shadowing(env)


def on_post_page_macros(env):
    """Every plan page starts with its card: parties, period and tags."""
    plan = _current_plan(env, required=False)
    if plan is not None:
        card = render.plan_card(plan, env.variables["pairing_collection"])
        env.markdown = f"{card}\n\n{env.markdown}"


def on_post_build(env):
    """Nothing lost, nothing broken: the built site is compared with the sources before it is used."""
    collection = env.variables["pairing_collection"]
    site_dir = Path(env.conf["site_dir"])
    problems = audit.lost_content(collection, site_dir)
    problems += audit.count_problems(audit.listed_plans(site_dir), len(collection.plans))
    problems += audit.broken_links(site_dir, urlsplit(env.conf["site_url"] or "/").path or "/")
    if problems:
        raise PluginError(format_problems(sorted(problems)).replace("网站没有生成", "网站生成后的检查未通过"))


# Helper functions
def _current_plan(env, required=True):
    plan = env.variables["pairing_collection"].plans.get(env.page.file.src_uri)
    if plan is None and required:
        raise PluginError(f"{env.page.file.src_uri}: 这个宏只能用在 docs/plans/ 下的计划页面")
    return plan


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
