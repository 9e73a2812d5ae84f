"""The site's build: one MkDocs plugin, `pairing` (registered in pyproject.toml, listed in mkdocs.yml).

It holds one build's state as attributes and handles each event in one place:
  on_startup        what command runs (the object lives as long as `mkdocs serve`)
  on_config         load and check every plan and data file (any problem stops the build); start the search
                    index's process with jieba's words
  on_files          the generated pages (kindergartens, tags, further pages of listings) and the open data
  on_page_read_source  a plan page's front matter as the theme needs it (title, tags, description)
  on_page_markdown  a plan page made from its sections; a generated page's listing
  on_page_content   Markdown's output sanitized, the held parts put back; what the page shows recorded for the audit
  on_env            the theme's template environment, kept to render its inline scripts for the CSP
  on_page_context / on_template_context   the link preview and the Content Security Policy for the template
  on_post_build     redirects, the form editor's files, waits for the search index, then the end-of-build audit
  on_build_error, on_shutdown   end the search index's process if it still runs

Search: every page's front matter keeps it out of the theme's index (which every page view downloads); the
plugin sends each plan and guide page, as it is made, to the process that writes the site's index
(exports.indexprocess, exports.searchindex), and the reader's browser fetches only the parts a query needs. The
offline copy, opened from file:// where those fetches are refused, keeps the theme's own search over the plans (its
index in the copy, searched by plan-search.js).

The logic lives in the subpackages before this one (content → shaping → exports); this module only wires it.
"""

from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import yaml
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from ..content import plans, policy, searchwords, yamlsource
from ..content.plans import Collection, Plan
from ..content.problems import ContentError, format_problems
from ..exports import indexprocess, opendata, searchindex
from ..shaping import directory, editor, links, sharing, views
from . import audit, csp, heldparts, history, listings, pagetext, render, sanitize, search, themefiles

STARTER_PLAN = Path(__file__).resolve().parent.parent / "content" / "starter_plan.md"
# The theme's partials that write inline scripts into every page (Material's base.html includes them); the CSP
# allows exactly what they write for a page's depth (tests/site/test_csp.py checks every built page against it).
THEME_SCRIPT_PARTIALS = ("partials/javascripts/base.html", "partials/javascripts/content.html")
# The site macros that list plans: a page that calls one only repeats the plans' text, and is not a search result.
LISTING_MACROS = ("plan_index", "kindergarten_index", "activity_calendar", "tag_index", "open_data")
# The search workers (overrides/assets/javascripts/workers/): the site's index, or the theme's in the offline copy.
SITE_SEARCH_WORKER, OFFLINE_SEARCH_WORKER = "site-search.js", "plan-search.js"


class PairingConfig(base.Config):
    # Where kindergartens.yml and search-words.yml are, relative to mkdocs.yml.
    data_dir = c.Type(str, default="data")


class PairingPlugin(BasePlugin[PairingConfig]):
    """One build of the pairing-plan site; see the module's docstring for the events."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.search_words: dict[str, int | None] = {}   # jieba's frequencies before this process added the words
        self._reset()

    def _reset(self) -> None:
        """The state of one build (set again at the start of each build of `mkdocs serve`)."""
        self.project = Path(".")
        self.collection = Collection({})
        self.generated: dict[str, dict] = {}   # src_uri → generated page (listings.generated_pages)
        self.held = heldparts.HeldParts()
        self.built = audit.BuiltPages()
        self.changed: dict = {}                # plan file name → day of its last commit
        self.theme_env = None
        self.policies: dict[str, str] = {}     # base_url → the CSP of pages at that depth
        self.offline = False
        self.index: indexprocess.IndexProcess | None = None   # the site's search index (none in the offline copy)
        self.listing_pages: set[str] = set()   # addresses of pages that called a LISTING_MACROS macro
        self.preloads: list[str] = []          # scripts each page preloads in its head (themefiles.preloaded)

    # Events
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @event_priority(100)   # before mkdocs-macros (its on_config runs macros.py, which reads the collection)
    def on_config(self, config):
        self._stop_index()
        self._reset()
        self.project = Path(config.config_file_path).resolve().parent
        self.offline = offline_copy(config.plugins)
        _require_jieba()
        _check_search_settings(config.plugins)
        data_dir = self.project / self.config.data_dir
        try:
            self.collection = plans.load(self.project, Path(config.docs_dir), data_dir)
            field_words = searchwords.load_field_words(data_dir, self.project)
        except ContentError as error:
            raise stop(str(error)) from None
        self.built = audit.BuiltPages(self.collection.kindergartens)
        words = searchwords.dictionary_words(self.collection.kindergartens, field_words)
        if self.offline:   # Material's search plugin cuts the offline copy's text with this process's jieba
            self.search_words = search.use_words(words, self.search_words)
        else:
            # Every page under docs/ (plans and the site's own pages): as many documents as the index can have.
            pages = sum(1 for _ in Path(config.docs_dir).rglob("*.md"))
            self.index = indexprocess.IndexProcess(Path(config.site_dir), searchindex.shard_count(pages), words)
        self.generated = {page["src_uri"]: page for page in listings.generated_pages(self.collection)}
        self.changed = history.last_changed_in(Path(config.docs_dir) / plans.PLANS_DIR)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        """The kindergarten and tag pages, the further pages of each long listing, the plan index's data and the
        open-data files; the theme's files that no page loads are left out."""
        written = [file.src_uri for file in files if file.is_documentation_page()]
        taken = listings.taken_addresses(list(self.generated.values()), written)
        if taken:
            raise stop(format_problems(taken))
        for page in self.generated.values():
            _add(files, File.generated(config, page["src_uri"], content=generated_source(page)), page["title"])
        home_url = "" if config.use_directory_urls else "index.html"
        data = render.plan_index_data(self.collection, home_url)
        _add(files, File.generated(config, directory.PLAN_INDEX_DATA, content=data), directory.PLAN_INDEX_DATA)
        for path, content in opendata.open_data_files(self.collection, config.site_url or "", build_time()):
            _add(files, written_file(config, path, content), path)
        theme_files = [f.src_uri for f in files if f.src_dir not in (None, config.docs_dir)]
        for path in themefiles.unused(theme_files, _search_languages(config.plugins)):
            files.remove(files.get_file_from_path(path))
        self.preloads = themefiles.preloaded(theme_files)
        return files

    def on_page_read_source(self, *, page, config) -> str | None:
        """A plan page: the front matter the theme and the tags plugin read (title, tags, the description that
        link previews and search engines show); a plan has no body. Every other page as written, but kept out of
        the theme's search index (the site's own index has it instead), however its front matter reads."""
        plan = self.collection.plans.get(page.file.src_uri)
        if plan is None and (self.offline or page.file.src_uri in self.generated):
            return None
        if plan is None:
            return out_of_theme_search(page.file.content_string)
        # Why escaped here: Material prints page.meta.description into an attribute unescaped.
        meta = {"title": plan.data["title"], "tags": plan.data.get("tags", []),
                "description": str(escape(sharing.description(plan, self.collection.kindergartens)))}
        if not self.offline:
            meta["search"] = {"exclude": True}   # in the site's own index instead (on_page_content)
        return front_matter(meta)

    @event_priority(50)   # before mkdocs-macros (which renders only the site's own pages) and the tags plugin
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        """A plan page made from its sections, between its card and its share box; a generated page is its
        listing. No text of either is ever compiled as a template or read as Markdown (a heading's text is
        escaped character by character)."""
        src_uri = page.file.src_uri
        if src_uri in self.generated:
            generated = self.generated[src_uri]
            return self.held.hold(self.generated_page_html(generated, page.url))
        plan = self.collection.plans.get(src_uri)
        if plan is None:
            return markdown
        return self.plan_markdown(plan, page.url, config)

    def on_page_content(self, html: str, *, page, config, files) -> str:
        """What Markdown made of the page's text is sanitized (an allowlist, parsed as browsers parse); then the
        held parts of the site's own templates go back in (before search and the theme read the page), what
        the page shows is recorded for the end-of-build audit, and the page goes into the site's search index (a
        plan from its data, another page from its text; not a page that lists plans)."""
        html = self.held.put_back(sanitize.sanitized(html))
        src_uri = page.file.src_uri
        generated = self.generated.get(src_uri)
        lists_plans = src_uri == "index.md" or (generated is not None and generated["macro"] == "plan_index")
        content = pagetext.read(html)
        plan = self.collection.plans.get(src_uri)
        self.built.record(page.file.dest_uri, content, plan, lists_plans)
        if self.index is not None and plan is not None:
            self.index.add(searchindex.plan_doc(plan, self.collection.kindergartens, page.url))
        elif self.index is not None and generated is None and page.url not in self.listing_pages:
            self.index.add(searchindex.page_doc(page.url, page.title, content.text))
        return html

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_index()

    def on_shutdown(self) -> None:
        self._stop_index()

    def on_env(self, env, *, config, files):
        self.theme_env = env
        return env

    def on_page_context(self, context: dict, *, page, config, nav) -> dict:
        """For overrides/main.html: the page's link preview (plans) and its Content Security Policy."""
        plan = self.collection.plans.get(page.file.src_uri)
        preview = (sharing.link_preview(plan, self.collection, links.canonical_url(config.site_url or "", plan))
                   if plan is not None else None)
        return {**context, "pairing": self.template_values(preview, context, config)}

    def on_template_context(self, context: dict, *, template_name: str, config) -> dict:
        """The theme's pages of their own (404.html) carry the policy too."""
        return {**context, "pairing": self.template_values(None, context, config)}

    def on_post_build(self, *, config) -> None:
        """Redirects for renamed plans, the form editor's data and the search index's shards, then the audit:
        nothing lost, nothing broken."""
        site_dir = Path(config.site_dir)
        for redirect in links.redirects(self.collection, config.use_directory_urls):
            write_site_file(site_dir / redirect["path"], render.redirect_page(redirect["target"]))
        repository = config.extra.get("repository", {})
        write_site_file(site_dir / editor.DATA_FILE, opendata.compact_json(editor.editor_data(self.collection, repository)))
        for plan in self.collection.plans.values():
            write_site_file(site_dir / editor.plan_path(plan), opendata.compact_json(editor.plan_file(plan)))
        if self.index is not None:
            try:
                self.index.finish()
            except indexprocess.IndexFailed as error:
                raise stop(f"搜索索引没有生成：{error}") from None
        problems = self.audit_problems(site_dir, config)
        if problems:
            raise stop(format_problems(sorted(problems)).replace("网站没有生成", "网站生成后的检查未通过"))

    # What the events use
    def _stop_index(self) -> None:
        """The index process of a build that did not finish (it failed, or `mkdocs serve` starts another)."""
        if self.index is not None:
            self.index.stop()
            self.index = None

    def site_macros(self, page_url: Callable[[], str]) -> dict[str, Callable[..., str]]:
        """The macros of the site's own pages (policy.SITE_MACROS), for mkdocs-macros (macros.py); page_url gives
        the address of the page being rendered. Each returns its HTML held out of Markdown."""
        collection = self.collection
        macros = {
            "plan_index": lambda number=1: render.plan_index(collection, page_url(), number),
            "kindergarten_index": lambda number=1: render.kindergarten_index(collection, page_url(), number),
            "activity_calendar": lambda number=1: render.activity_calendar(collection, page_url(), number),
            "tag_index": lambda: render.tag_index(collection, page_url()),
            "open_data": lambda: render.open_data(collection, page_url()),
            "field_reference": render.field_reference,
            "starter_plan": lambda: render.starter_plan(STARTER_PLAN.read_text(encoding="utf-8")),
            "form_editor": lambda: render.form_editor(page_url()),
        }
        assert set(macros) == set(policy.SITE_MACROS)
        return {name: (lambda *args, _name=name, _macro=macro: self.held.hold(self.called(_name, page_url, _macro(*args))))
                for name, macro in macros.items()}

    def called(self, name: str, page_url: Callable[[], str], html: str) -> str:
        """A site macro's HTML, after noting a page that lists plans (it is then not a search result)."""
        if name in LISTING_MACROS:
            self.listing_pages.add(page_url())
        return html

    def generated_page_html(self, page: dict, page_url: str) -> str:
        """A generated page's listing: the render function listings.generated_pages names, with its key (a
        kindergarten's id, a tag's slug, or none) and its page number."""
        keyed = (page["key"],) if page["key"] is not None else ()
        return getattr(render, page["macro"])(self.collection, *keyed, page_url, page["number"])

    def plan_markdown(self, plan: Plan, page_url: str, config) -> str:
        """The plan's card and share link, its sections (each heading Markdown made from the text as written, so
        that it is in the table of contents; each content held out of Markdown), its history and share box."""
        parts = []
        for section in views.sections_view(plan.record()):
            if section["heading"]:
                parts.append(render.heading_markdown(section))
            if section["kind"]:
                parts.append(self.held.hold(render.section(section)))
        card = render.plan_card(plan, self.collection, page_url)
        editor_url = directory.relative_url(page_url, "editor/")
        changed = self.changed.get(Path(plan.src_uri).name)
        foot = render.plan_history(plan, changed, config.extra.get("repository", {}), editor_url)
        share = render.share_box(links.canonical_url(config.site_url or "", plan))
        head = self.held.hold(f"{card}\n{render.share_link()}")
        tail = self.held.hold(f"{foot}\n{share}")
        return "\n\n".join([head, *parts, tail])

    def template_values(self, preview: dict | None, context: dict, config) -> dict:
        """What overrides/main.html reads: the link preview, the CSP, which search worker the page starts and the
        scripts it preloads in its head."""
        worker = OFFLINE_SEARCH_WORKER if self.offline else f"{SITE_SEARCH_WORKER}?shards={self.index.shards}"
        return {"preview": preview, "csp": self.policy(context, config), "search_worker": worker,
                "preloads": self.preloads}

    def policy(self, context: dict, config) -> str:
        """The CSP of a page: the theme's inline scripts as its templates write them at the page's depth (none in
        the offline copy, which runs from file://, where 'self' matches nothing)."""
        if self.offline or self.theme_env is None:
            return ""
        base_url = context.get("base_url", ".")
        if base_url not in self.policies:
            scripts = []
            for name in THEME_SCRIPT_PARTIALS:
                html = self.theme_env.get_template(name).render({**context, "features": config.theme.get("features") or []})
                scripts += csp.inline_scripts(html)
            self.policies[base_url] = csp.policy_for(scripts)
        return self.policies[base_url]

    def audit_problems(self, site_dir: Path, config) -> list:
        base_path = urlsplit(config.site_url or "/").path or "/"
        problems = self.built.lost_content(self.collection)
        problems += audit.broken_links(self.built.links, lambda file: (site_dir / file).is_file(), base_path)
        counts = audit.listed_plans(site_dir, self.built.plan_rows, plans.PLANS_DIR)
        return problems + audit.count_problems(counts, len(self.collection.plans))


# Helper functions
def stop(message: str) -> Abort:
    """The error that ends a build with our Chinese message as the last thing printed.

    Why Abort (mkdocs.exceptions, public): MkDocs prints a PluginError's message, then its own English line
    "Aborted with a BuildError!"; Abort's message is printed as it is, last, and the build exits with code 1."""
    return Abort(f"{message}\n\n网站没有生成。请按上面的说明修改，再重新运行。")


def offline_copy(plugins) -> bool:
    """Whether this build is the offline copy (Material's offline plugin switched on: python -m pairing offline)."""
    plugin = plugins.get("material/offline") or plugins.get("offline")
    return plugin is not None and bool(plugin.config.enabled)


def front_matter(meta: dict) -> str:
    """Front matter as JSON, which YAML reads as it is; characters YAML would take as line breaks are escaped."""
    text = json.dumps(meta, ensure_ascii=False)
    for breaking in ("\u0085", "\u2028", "\u2029"):
        text = text.replace(breaking, f"\\u{ord(breaking):04x}")
    return f"---\n{text}\n---\n"


def out_of_theme_search(text: str) -> str:
    """A page's source (checked at load: content.plans) with `search: exclude` in its front matter: Material's
    index, which every page view downloads, holds no page of the site."""
    front, body, _ = yamlsource.split_front_matter(text)
    meta = yaml.safe_load(front) if front else None
    return front_matter({**(meta or {}), "search": {"exclude": True}}) + body


def generated_source(page: dict) -> str:
    """A generated page's source: front matter only (on_page_markdown fills it); further pages of a listing
    stay out of the search index, and a listing page is never a search result of its own (it only repeats the
    plans' text)."""
    meta = {"title": page["title"], "search": {"exclude": True}}
    return front_matter(meta)


def written_file(config, path: str, content: str | bytes) -> File:
    """A generated file, written to the site now: MkDocs would keep its content in memory until it copies the
    static files, after every page is read (the open data is 30 MB at 1,000 plans)."""
    file = File.generated(config, path, content=content)
    file.copy_file()
    return File.generated(config, path, abs_src_path=file.abs_dest_path)


def write_site_file(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def build_time() -> datetime:
    """DTSTAMP of the calendar events: SOURCE_DATE_EPOCH for reproducible builds, else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)


def _add(files: Files, file: File, what: str) -> None:
    # Why: a hand-written file at the address of a generated page (a kindergarten's, a tag's) would silently
    # replace it or be replaced.
    if files.get_file_from_path(file.src_uri) is not None:
        raise stop(f"docs/{file.src_uri}: 与自动生成的“{what}”同名，请改名或删除")
    files.append(file)


def _search_plugin(plugins):
    return plugins.get("material/search") or plugins.get("search")


def _search_languages(plugins) -> list[str]:
    plugin = _search_plugin(plugins)
    return list(plugin.config.lang or []) if plugin is not None else []


def _require_jieba() -> None:
    # Why: without jieba, Material's search silently indexes Chinese as unsplit runs of text.
    try:
        import jieba  # noqa: F401
    except ImportError:
        raise stop("未安装 jieba，中文搜索无法分词。请先运行：pip install -r requirements.txt") from None


def _check_search_settings(plugins) -> None:
    # Why: a wrong lang or separator makes Chinese search find nothing, and neither MkDocs nor Material warns.
    plugin = _search_plugin(plugins)
    if plugin is None:
        raise stop("mkdocs.yml 里没有启用 search 插件，网站将无法搜索")
    problems = search.search_setting_problems(plugin.config.lang, plugin.config.separator)
    if problems:
        raise stop("\n".join(["中文搜索设置有误：", *problems]))
