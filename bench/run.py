"""Run the benchmark: this site against a stock Material baseline, side by side, and write BENCHMARKS.md.

    .venv/bin/python -m bench                      # full run: N = 5, 100, 300, 1000; 3 repeats; serve at 300
    .venv/bin/python -m bench --quick              # N = 10, 50; 1 repeat; serve at 50 (a minute or two)
    .venv/bin/python -m bench --before main        # also build the site as it was at a git ref

Builds of every configuration are interleaved within each repeat, so machine noise hits all alike.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import baseline, measure, report, synthetic

ROOT = Path(__file__).resolve().parent.parent
COMMON_PLANS = 5   # synthetic plans 1..5 (and the seeds) are in the site at every N: their pages are compared


@dataclass
class Variant:
    """One configuration built at every N: the stock baseline, this site, or this site changed."""
    name: str
    label: str
    projects: dict[int, Path] = field(default_factory=dict)
    builds: dict[int, list[measure.Build]] = field(default_factory=dict)
    sizes: dict[int, dict] = field(default_factory=dict)
    serve: dict[str, list[float]] = field(default_factory=dict)   # serve options → seconds per edit
    clear_cache: bool = False   # build with an empty .cache/ each time (a first build, or CI without a cache)
    serve_project: Path | None = None   # an ablation of a `serve --dirty` optimisation: a copy at the serve test's N


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    with tempfile.TemporaryDirectory(prefix="pairing-bench-") as scratch:
        variants = prepare(Path(scratch), options)
        warm_up(variants, Path(scratch) / "out")
        for repeat in range(options.repeats):
            for n in options.sizes:
                order = variants if repeat % 2 == 0 else variants[::-1]
                for variant in order:
                    if n in variant.projects:
                        run_build(variant, n, Path(scratch) / "out", repeat, options)
        if options.serve_n:
            # The stock site's `--dirty` leaves pages that show a saved plan stale, so it is measured with full
            # rebuilds only; this site's `--dirty` rebuilds every page that shows the plan (speed_hooks.py).
            for variant, modes in ((variants[0], [""]), (variants[1], ["", "--dirty"])):
                for mode in modes:
                    variant.serve[mode] = serve(variant, options.serve_n, Path(scratch) / "out", mode)
            for variant in variants:
                if variant.serve_project is not None:
                    variant.serve["--dirty"] = serve(variant, options.serve_n, Path(scratch) / "out", "--dirty")
        save_raw(variants, options.output.with_suffix(".json"))
        text = report.markdown(variants, options)
    options.output.write_text(text, encoding="utf-8")
    print(f"wrote {options.output}")
    return 0


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[5, 100, 300, 1000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--serve-n", type=int, default=300, help="plans for the serve test (0: skip)")
    parser.add_argument("--before", help="git ref of the site to compare against (e.g. main)")
    parser.add_argument("--ablate", action="store_true",
                        help="also build at the largest N with each optimisation undone, one at a time")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--quick", action="store_true", help="N = 10, 50; 1 repeat; serve at 50")
    options = parser.parse_args(argv)
    if options.quick:
        options.sizes, options.repeats, options.serve_n = [10, 50], 1, 50
    options.command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    return options


def prepare(scratch: Path, options: argparse.Namespace) -> list[Variant]:
    """Site copies with N synthetic plans for each variant; the baseline is derived from the site copy."""
    stock = Variant("baseline", "(b) stock Material")
    site = Variant("site", "(a) this site")
    variants = [stock, site]
    if options.before:
        variants.append(Variant("before", f"site at {options.before}"))
    sizes = sorted(set(options.sizes) | ({options.serve_n} if options.serve_n else set()))
    for n in sizes:
        site.projects[n] = synthetic.copy_site(ROOT, scratch / f"site-{n}")
        synthetic.write_plans(site.projects[n], n)
        stock.projects[n] = baseline.write_baseline(site.projects[n], scratch / f"baseline-{n}")
        if options.before:
            variants[2].projects[n] = checkout(options.before, scratch / f"before-{n}")
            synthetic.write_plans(variants[2].projects[n], n)
    largest = max(options.sizes)
    cold = Variant("cold", "(a) this site, empty .cache/", clear_cache=True)
    cold.projects[largest] = site.projects[largest]
    variants.insert(2, cold)
    if options.ablate:
        for name, label, patches in ABLATIONS:
            serve_only = name in SERVE_ABLATIONS
            if serve_only and not options.serve_n:
                continue
            source = site.projects[options.serve_n if serve_only else largest]
            project = synthetic.copy_site(source, scratch / f"ablate-{name}")
            if all(patch(project) for patch in patches):
                variant = Variant(name, label)
                # Why: these change only what `serve --dirty` does after a save; a full build is the same.
                if serve_only:
                    variant.serve_project = project
                else:
                    variant.projects[largest] = project
                variants.append(variant)
                if name in COLD_ABLATIONS:
                    variants.append(Variant(f"{name}-cold", f"{label}, empty .cache/", projects={largest: project},
                                            clear_cache=True))
            else:
                print(f"ablation {name}: the code it undoes is not there any more; skipped", flush=True)
    return variants


def warm_up(variants: list[Variant], out: Path) -> None:
    """One unmeasured build of each site variant, so that its measured builds start with a filled .cache/
    as they would in CI that keeps the folder (the "empty .cache/" variant measures a first build)."""
    for variant in variants:
        if variant.name == "baseline" or variant.clear_cache:
            continue
        for n, project in variant.projects.items():
            result = measure.build(project, out)
            print(f"[warm-up] N={n:5d} {variant.name:28s} {result.seconds:6.2f} s", flush=True)


def run_build(variant: Variant, n: int, out: Path, repeat: int, options) -> None:
    if variant.clear_cache:
        shutil.rmtree(variant.projects[n] / ".cache", ignore_errors=True)
    result = measure.build(variant.projects[n], out)
    variant.builds.setdefault(n, []).append(result)
    print(f"[{repeat + 1}/{options.repeats}] N={n:5d} {variant.name:28s} {result.seconds:6.2f} s {result.cpu_seconds:6.2f} s CPU "
          f"{result.peak_mb:6.0f} MB", flush=True)
    if repeat == 0:
        variant.sizes[n] = sizes(out, n)


def sizes(site: Path, n: int) -> dict:
    index = measure.search_index(site)
    pages = measure.plan_pages(site)
    view = measure.first_view(site, pages[len(pages) // 2])
    return {"site": measure.tree_bytes(site), "largest_plan": measure.largest_plan_page(site),
            "largest_common": measure.largest_plan_page(site, only=COMMON_PLANS),
            "index": len(index), "index_gz": measure.gzip_size(index), "view": view,
            "search": measure.first_search(site), "pages": len(pages)}


def serve(variant: Variant, n: int, out: Path, mode: str) -> list[float]:
    """Save-to-reload seconds for one plan, checking every page that shows its title."""
    project = variant.serve_project or variant.projects[n]
    measure.build(project, out)
    plan_file = project / "docs" / "plans" / "synthetic-0001.md"
    title = measure.TITLE_LINE.search(plan_file.read_text(encoding="utf-8")).group(0)[len("title: "):]
    pages = measure.pages_showing(out, title, "plans/synthetic-0001/")
    times = measure.serve_reload(project, plan_file, pages, tuple(mode.split()))
    print(f"serve {mode} N={n} {variant.name}: {', '.join(f'{t:.2f}' for t in times)} s (pages: {pages})", flush=True)
    return times


def checkout(ref: str, target: Path) -> Path:
    """The site as it was at a git ref (git archive), without tools and tests."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    for name in synthetic.NOT_SITE:
        path = target / name
        if path.is_dir():
            subprocess.run(["rm", "-rf", str(path)], check=True)
    return target


def remove(path: str):
    """A patch of a site copy: remove one file; False when it is not there."""
    def patch(project: Path) -> bool:
        file = project / path
        if not file.is_file():
            return False
        file.unlink()
        return True
    return patch


def replace_in(path: str, old: str, new: str):
    """A patch of a site copy: replace text in one file; False when the text is not there."""
    def patch(project: Path) -> bool:
        file = project / path
        text = file.read_text(encoding="utf-8") if file.is_file() else ""
        if old not in text:
            return False
        file.write_text(text.replace(old, new), encoding="utf-8")
        return True
    return patch


# Memory at the end of a build (issue #8), each undone on its own and all together in "memory-held".
UNDO_PLANS_JSON_SKELETON = [replace_in("pairing/audit.py", "open_data = json.loads(json_skeleton(file))",
                                       "open_data = json.loads(file.read())")]
UNDO_INDEX_IN_PARTS = [replace_in("speed_hooks.py", "    _write_index_in_parts(plugin, config.plugins, docs)\n", "")]
UNDO_ENTRIES_WRITTEN_AS_MADE = [replace_in("speed_hooks.py", 'searchindex.WrittenEntries() if _build["command"] != "serve" else None',
                                           "None")]
UNDO_LINKS_BY_FOLDER_LEFT = [
    replace_in("pairing/audit.py", "        return _internal_target.__wrapped__(name, link, base_path)",
               "        return _internal_target(name, link, base_path)"),
    replace_in("pairing/audit.py", '    while link.startswith("../") and folder and', '    while False and')]
UNDO_JIEBA_LET_GO = [replace_in("speed_hooks.py", "        search.release_dictionary(jieba.dt)", "        pass")]

# Each optimisation undone on its own (name, label, patches of a site copy), to measure what it saves.
ABLATIONS = [
    ("no-held-parts", "(a) with macro HTML parsed by Markdown", [
        replace_in("pairing/heldparts.py", '    _parts[word] = zlib.compress(html.encode("utf-8"), 1)\n    return f"\\n\\n{word}\\n\\n"',
                   "    return html")]),
    ("no-search-cache", "(a) segmenting every page with jieba every build (no search cache)", [
        replace_in("speed_hooks.py", "entries = cache.get(key)", "entries = None")]),
    ("escaped-index", "(a) with the search index written with \\uXXXX escapes", [
        replace_in("pairing/searchindex.py", "ensure_ascii=False, separators=(\",\", \":\"), default=str)",
                   "separators=(\",\", \":\"), default=str)")]),
    ("listings-indexed", "(a) with the pages that list plans in the search index", [
        replace_in("speed_hooks.py", 'and _lists_plans(page, config):', "and False:")]),
    ("no-qr-calendar-cache", "(a) making every QR code and calendar every build", [
        replace_in("speed_hooks.py", 'KEPT = ["qr-codes", "calendars"]', "KEPT = []")]),
    ("no-check-cache", "(a) checking every page every build", [
        replace_in("pairing/plans.py", "stored = checked.get(key) if checked is not None else None", "stored = None")]),
    ("yaml-every-build", "(a) parsing every plan's front matter every build (not kept in the check cache)", [
        replace_in("pairing/plans.py", "return {\"data\": data} if kept else True", "return True")]),
    ("mkdocs-reads-plans", "(a) with MkDocs reading and parsing each plan's front matter again", [
        replace_in("speed_hooks.py", "def on_page_read_source(page, config):", "def _on_page_read_source(page, config):")]),
    ("jinja-plan-bodies", "(a) with plan bodies compiled as Jinja templates by mkdocs-macros", [
        replace_in("macros.py", "    elif env.page.file.src_uri in collection.plans:\n", "    elif False:\n")]),
    ("nav-every-page", "(a) with Material's navigation and search box rendered for every page", [
        remove("overrides/partials/nav.html"), remove("overrides/partials/search.html")]),
    ("templates-compiled", "(a) compiling Material's templates every build (no .cache/templates)", [
        replace_in("speed_hooks.py", "    env.bytecode_cache = jinja2.FileSystemBytecodeCache", "    (lambda _: None)")]),
    ("relpath-with-cwd", "(a) with links between pages computed by posixpath.relpath", [
        replace_in("pairing/directory.py", '    if ".." in path or ".." in start or path.startswith("/") or start.startswith("/"):',
                   "    if True:")]),
    ("pure-python-yaml", "(a) with pure-Python YAML", [
        replace_in("pairing/yamlsource.py", 'FAST_LOADER = getattr(yaml, "CSafeLoader", None)', "FAST_LOADER = None")]),
    ("full-positions", "(a) keeping every plan's YAML positions", [
        replace_in("pairing/plans.py", "source.compact(lambda: yamlsource.split_front_matter(text)[0])", "source")]),
    ("listings-on-one-page", "(a) with every listing on one page (no paging)", [
        replace_in("pairing/directory.py", "PLANS_PER_PAGE = 8\nKINDERGARTENS_PER_PAGE = 15\nPLANS_PER_KINDERGARTEN_PAGE = 4\n"
                   "PLANS_PER_TAG_PAGE = 6\nENTRIES_PER_PAGE = 20\n", "PLANS_PER_PAGE = KINDERGARTENS_PER_PAGE = "
                   "PLANS_PER_KINDERGARTEN_PAGE = PLANS_PER_TAG_PAGE = ENTRIES_PER_PAGE = 10**9\n")]),
    ("not-compacted", "(a) with pages not compacted", [
        replace_in("pairing/htmltext.py", "    parts, last = [], 0\n", "    return html\n")]),
    ("one-pattern-compact", "(a) compacting pages with one regular expression", [
        replace_in("pairing/htmltext.py", "    parts, last = [], 0\n",
                   "    return re.sub(r\"(<(pre|textarea|script|style)\\b.*?</\\2\\s*>)|(?<=>)[ \\t]*\\n\\s*|[ \\t]*\\n\\s*(?=<)\", "
                   "lambda m: m[1] or \"\\n\", html, flags=re.S | re.I)\n")]),
    ("audit-reads-site", "(a) with the end-of-build audit reading the site back", [
        replace_in("speed_hooks.py", 'config.plugins["macros"].variables["pairing_built_pages"] = _built_pages', "pass"),
        replace_in("speed_hooks.py", "links, ids = _built_pages.record(page.file.dest_uri, output, plan)", "links, ids = (), ()")]),
    ("no-page-cache", "(a) rendering every page every build (no pages kept in .cache/pages.sqlite)", [
        replace_in("speed_hooks.py", "    if store is None or menu is None or shared is None:\n", "    if True:\n")]),
    ("jieba-every-build", "(a) loading jieba's dictionary in every build", [
        replace_in("macros.py", "_add_search_words_before_first_cut(env.conf, words)", "_add_search_words(words)")]),
    ("memory-held", "(a) holding what the build no longer needs (the other memory savings undone)", [
        replace_in("hooks.py", "_add(files, _written(config, path, content, written), path)",
                   "_add(files, File.generated(config, path, content=content), path)"),
        replace_in("speed_hooks.py", 'buildcache.close_store("calendars")', "pass"),
        replace_in("speed_hooks.py", 'buildcache.close_store("qr-codes")', "pass"),
        replace_in("speed_hooks.py", "page.meta = dict(plan.data)", "pass"),
        replace_in("speed_hooks.py", "page.content = page.markdown = None", "pass"),
        replace_in("pairing/heldparts.py", 'zlib.compress(html.encode("utf-8"), 1)', "html"),
        replace_in("pairing/heldparts.py", 'zlib.decompress(_parts.pop(word)).decode("utf-8")', "_parts.pop(word)"),
        replace_in("pairing/plans.py", "@dataclass(eq=False, repr=False)", "@dataclass(eq=False)"),
        replace_in("pairing/plans.py", "def __repr__(self) -> str:", "def _short_repr(self) -> str:"),
        replace_in("pairing/yamlsource.py", "Source(_shared_keys(data), line_offset=line_offset)",
                   "Source(data, line_offset=line_offset)"),
        replace_in("pairing/audit.py", "(_interned(dict.fromkeys(found)), _interned(sorted(ids)))",
                   "(list(dict.fromkeys(found)), ids)"),
        *UNDO_PLANS_JSON_SKELETON, *UNDO_INDEX_IN_PARTS, *UNDO_ENTRIES_WRITTEN_AS_MADE, *UNDO_LINKS_BY_FOLDER_LEFT,
        *UNDO_JIEBA_LET_GO]),
    ("index-one-string", "(a) with the search index written by Material from one string", UNDO_INDEX_IN_PARTS),
    ("entries-held", "(a) holding every page's search entries to the end of the build", UNDO_ENTRIES_WRITTEN_AS_MADE),
    ("plans-json-whole", "(a) with the audit reading plans.json whole", UNDO_PLANS_JSON_SKELETON),
    ("links-by-page-folder", "(a) with the audit resolving links from each page's own folder", UNDO_LINKS_BY_FOLDER_LEFT),
    ("jieba-kept", "(a) keeping jieba's dictionary to the end of the build", UNDO_JIEBA_LET_GO),
    ("watch-every-half-second", "(a) `serve --dirty` with MkDocs' watcher looking every 0.5 s", [
        replace_in("speed_hooks.py", "    return quicker_watcher(server, WATCH_INTERVAL)", "    return server")]),
    ("caches-read-each-rebuild", "(a) `serve --dirty` reading and writing the check and calendar caches at each save", [
        replace_in("speed_hooks.py", "    buildcache.keep_open(dirty)\n", "")]),
    ("open-data-every-rebuild", "(a) `serve --dirty` making and writing all open data and editor files at each save", [
        replace_in("speed_hooks.py", "    serving.keep_between_rebuilds(dirty)\n", "")]),
    ("audit-every-link", "(a) `serve --dirty` checking every page's links at each save", [
        replace_in("macros.py", 'links = serving.held("link audit", audit.LinkAudit)', "links = None")]),
    ("rglob-site-pages", "(a) `serve --dirty` listing the site's pages for the audit with Path.rglob", [
        replace_in("pairing/audit.py", "    root, found = str(site_dir), []\n",
                   '    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))\n')]),
    ("theme-listed-each-build", "(a) `serve --dirty` with MkDocs listing Material's 14,500 files at each save", [
        replace_in("speed_hooks.py", "    _keep_theme_listing(config.theme)\n", "")]),
]
# The rows above that change only `mkdocs serve --dirty`: measured by its save-to-reload time, not by full builds.
SERVE_ABLATIONS = {"watch-every-half-second", "caches-read-each-rebuild", "open-data-every-rebuild", "audit-every-link",
                   "rglob-site-pages", "theme-listed-each-build"}
# Rows also built with an empty .cache/ (what a first build holds: jieba cuts every page).
COLD_ABLATIONS = {"memory-held", "jieba-kept", "entries-held", "yaml-every-build"}


def save_raw(variants: list[Variant], path: Path) -> None:
    """Every measurement, so a report can be made again without building (python -m bench.rereport)."""
    raw = [{**dataclasses.asdict(v), "projects": {}, "serve_project": None} for v in variants]
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
