"""Glue between mkdocs-macros and the `pairing` package: check the content, register the macros.

All logic lives in pairing/ (engine independent); this file only wires it into the build.
"""

import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from markupsafe import escape  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402

from pairing import (audit, buildcache, csp, directory, editor, heldparts, links, listings, offline, plans, policy, render,  # noqa: E402
                     search, serving, sharing)
from pairing.problems import ContentError, format_problems  # noqa: E402

STARTER_PLAN = Path(__file__).resolve().parent / "pairing" / "starter_plan.md"
# The offline copy (python -m pairing offline) runs Material's search worker from file:// with this shim.
OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"


# Hooks
def define_env(env):
    """Load and check every plan before any page is built; register the plan macros."""
    _require_jieba()
    _check_search_settings(env.conf)
    project = Path(env.conf["config_file_path"]).resolve().parent
    try:
        collection = plans.load(project, Path(env.conf["docs_dir"]), project / "data")
        field_words = search.load_field_words(project / "data", project)
    except ContentError as error:
        raise PluginError(str(error)) from None
    words = search.dictionary_words(collection.kindergartens, field_words)
    _add_search_words_before_first_cut(env.conf, words)
    # speed_hooks.py keys its cache of search entries on these words too.
    env.variables["pairing_search_words"] = words
    # hooks.py reads it from here to generate the kindergarten pages and the open data: loaded once per build.
    env.variables["pairing_collection"] = collection

    def plan_macro(part):
        return lambda *args: part(_current_plan(env), *args)

    for name in policy.PLAN_MACROS:
        env.macro(plan_macro(getattr(render, name)), name)
    # The listings take the page number of a long listing: pages after the first are generated (hooks.py).
    env.macro(lambda number=1: render.plan_index(collection, env.page.url, number), "plan_index")
    env.macro(lambda number=1: render.kindergarten_index(collection, env.page.url, number), "kindergarten_index")
    env.macro(lambda number=1: render.activity_calendar(collection, env.page.url, number), "activity_calendar")
    env.macro(lambda: render.tag_index(collection, env.page.url), "tag_index")
    env.macro(lambda: render.open_data(collection, env.page.url), "open_data")
    # Only in the pages hooks.py generates, one (or more) per kindergarten and tag (not in policy.SITE_MACROS).
    env.macro(lambda kindergarten_id, number=1: render.kindergarten_page(collection, kindergarten_id, env.page.url, number),
              "kindergarten_page")
    env.macro(lambda slug, number=1: render.tag_page(collection, slug, env.page.url, number), "tag_page")
    env.macro(render.field_reference, "field_reference")
    env.macro(render.macro_reference, "macro_reference")
    env.macro(lambda: render.starter_plan(STARTER_PLAN.read_text(encoding="utf-8")), "starter_plan")
    env.macro(lambda: render.form_editor(env.page.url), "form_editor")
    _check_no_shadowing(env)
    _hold_macro_html(env)
    _use_local_offline_shim(env.conf)


def on_pre_page_macros(env):
    """A page hooks.py generated (a kindergarten's, a tag's, a further page of a listing) is its macro's output.
    A plan's body is its text with each macro call's output: the checks allow only calls with literal
    arguments, so there is no template for Jinja to compile (about 2 ms a plan)."""
    collection = env.variables["pairing_collection"]
    page = listings.generated_page(collection, env.page.file.src_uri)
    if page is not None:
        env.markdown = env.macros[page["macro"]](*page["args"])
    elif env.page.file.src_uri in collection.plans:
        parts = policy.body_parts(env.markdown, env.env)
        if parts is not None:
            env.markdown = "".join(p if isinstance(p, str) else str(env.macros[p[0]](*p[1])) for p in parts)
            env.page.meta["render_macros"] = False


def on_post_page_macros(env):
    """Every plan page starts with its card and a share link, and ends with its history and edit links, then
    its share box (QR code, last on the printed copy); its head carries a Chinese description and Open Graph tags (overrides/main.html)."""
    plan = _current_plan(env, required=False)
    if plan is not None:
        collection = env.variables["pairing_collection"]
        url = links.canonical_url(env.conf["site_url"], plan)
        preview = sharing.link_preview(plan, collection, url)
        env.page.meta["link_preview"] = preview
        # Material prints page.meta.description into an attribute unescaped (its templates have no autoescape).
        env.page.meta["description"] = escape(preview["description"])
        card = render.plan_card(plan, collection, env.page.url)
        project = Path(env.conf["config_file_path"]).resolve().parent
        editor_url = directory.relative_url(env.page.url, "editor/")
        foot = render.plan_history(plan, project, env.conf["extra"].get("repository", {}), editor_url)
        head, foot = heldparts.hold(f"{card}\n{render.share_link()}"), heldparts.hold(f"{foot}\n{render.share_box(url)}")
        env.markdown = f"{head}\n\n{env.markdown}\n\n{foot}"


def on_post_build(env):
    """Write redirects for renamed plans and the form editor's data, then compare the built site with the
    sources: nothing lost, nothing broken."""
    collection = env.variables["pairing_collection"]
    site_dir = Path(env.conf["site_dir"])
    _write_redirects(collection, site_dir, env.conf["use_directory_urls"])
    _write_editor_data(collection, site_dir, env.conf["extra"].get("repository", {}))
    problems = _page_audit(env, collection, site_dir)
    problems += audit.count_problems(audit.listed_plans(site_dir), len(collection.plans))
    if problems:
        raise PluginError(format_problems(sorted(problems)).replace("网站没有生成", "网站生成后的检查未通过"))


# Helper functions
def _page_audit(env, collection, site_dir):
    """Nothing lost, no broken link: from the pages as speed_hooks.py recorded them while they were built,
    or, without that record, from the pages read back from disk."""
    built = env.variables.get("pairing_built_pages")
    base_path = urlsplit(env.conf["site_url"] or "/").path or "/"
    if built is None:
        return (audit.lost_content(collection, site_dir, env.conf["use_directory_urls"])
                + audit.broken_links(site_dir, base_path))
    # Why: while serving --dirty, only the pages whose links can lead elsewhere are checked again (audit.LinkAudit).
    links = serving.held("link audit", audit.LinkAudit)
    broken = (links.check(site_dir, base_path, built) if links is not None
              else audit.broken_links(site_dir, base_path, built.links))
    return audit.recorded_lost_content(collection, built) + broken


def _write_redirects(collection, site_dir, use_directory_urls):
    """A renamed plan keeps its old addresses: a redirect page for each of its former slugs."""
    for redirect in links.redirects(collection, use_directory_urls):
        path = site_dir / redirect["path"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(csp.with_policy(render.redirect_page(redirect["target"])), encoding="utf-8")


def _hold_macro_html(env):
    # Why: macros return finished HTML; Python-Markdown would parse every tag of it only to pass it through
    # (most of a plan page's Markdown time). A placeholder goes through instead; hooks.py puts the HTML back.
    for name in [*policy.PLAN_MACROS, *policy.SITE_MACROS, *policy.GENERATED_PAGE_MACROS]:
        env.macro(lambda *args, _macro=env.macros[name]: heldparts.hold(_macro(*args)), name)


def _use_local_offline_shim(conf):
    # Why: Material's offline plugin would otherwise load its file:// worker shim from a CDN.
    if offline.plugin_enabled(conf["plugins"]):
        conf["extra"]["polyfills"] = [OFFLINE_SHIM]


def _write_editor_data(collection, site_dir, repository):
    """What the form editor reads: the schema, kindergartens and the list of plans, and each plan (pairing.editor).
    While serving --dirty, a plan whose text is the same is neither dumped nor written again (pairing.serving)."""
    remade, written = serving.held("editor files", serving.Remade), serving.held("written files", serving.WrittenFiles)
    if remade is not None:
        remade.start()
    # Why compact JSON: only the editor's script reads these (a thousand files, one per plan).
    _write_site_file(site_dir / editor.DATA_FILE, buildcache.compact_json(editor.editor_data(collection, repository)), written)
    for plan in collection.plans.values():
        text = (remade.get(plan.text, lambda: buildcache.compact_json(editor.plan_file(plan))) if remade is not None
                else buildcache.compact_json(editor.plan_file(plan)))
        _write_site_file(site_dir / editor.plan_path(plan), text, written)


def _write_site_file(target, text, written):
    if written is not None and written.unchanged(target, text):
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if written is not None:
        written.wrote(target, text)


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


def _search_plugin(conf):
    return conf["plugins"].get("material/search") or conf["plugins"].get("search")


def _check_search_settings(conf):
    # Why: a wrong lang or separator makes Chinese search find nothing, and neither MkDocs nor Material warns.
    plugin = _search_plugin(conf)
    if plugin is None:
        raise PluginError("mkdocs.yml 里没有启用 search 插件，网站将无法搜索")
    problems = search.search_setting_problems(plugin.config.lang, plugin.config.separator)
    if problems:
        raise PluginError("\n".join(["中文搜索设置有误：", *problems]))


def _add_search_words_before_first_cut(conf, words):
    """The words join jieba's dictionary just before the search plugin indexes (cuts) its first page."""
    # Why not now: adding a word loads jieba's dictionary (0.6 s, 56 MB), and in a build whose pages' search
    # entries all come from speed_hooks.py's cache no page is cut at all.
    index = getattr(_search_plugin(conf), "search_index", None)
    if index is None:
        return
    add_entry, pending = index.add_entry_from_context, [words]

    def add_entry_with_words(page):
        if pending:
            _add_search_words(pending.pop())
        add_entry(page)

    index.add_entry_from_context = add_entry_with_words


def _add_search_words(words):
    # Why: the search plugin cuts pages with jieba's module-level tokenizer; these words stay whole.
    import jieba

    for word in words:
        jieba.add_word(word)


def _check_no_shadowing(env):
    # Why: mkdocs-macros turns front-matter keys into template variables, which would hide a macro.
    from pairing.schema import plan_schema

    clash = sorted(set(plan_schema()["properties"]) & set(env.macros))
    if clash:
        raise PluginError(f"front matter 字段与宏同名：{'、'.join(clash)}")
