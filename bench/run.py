"""Run the benchmark: this site against a stock Material baseline, side by side, and write BENCHMARKS.md.

    .venv/bin/python -m bench                      # full run: N = 5, 100, 300, 1000; 3 repeats; serve and profile at 300
    .venv/bin/python -m bench --quick              # N = 10, 50; 1 repeat; serve and profile at 50 (a minute or two)
    .venv/bin/python -m bench --before 16d8243     # also build the site as it was at a git ref
    .venv/bin/python -m bench --reader-n 300       # also search both sites at N = 300 in Chromium as a reader does

Builds of every configuration are interleaved within each repeat (the order reversed in every other repeat), so
machine noise hits all alike. The site keeps nothing between builds, so every build is a first build; a --before
ref that still keeps a `.cache/` has it emptied before each of its builds, so it is measured the same way.

With --reader-n N, the first builds of this site and of the stock baseline at N are kept, and each is then served
from 127.0.0.1 and searched in Chromium as a reader does (bench/reader.py): what search downloads, how long the
results take at 4× CPU and at 4× CPU + Slow 4G, the search worker's memory, later queries.
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import baseline, measure, profile, ranking, reader, report, synthetic

ROOT = Path(__file__).resolve().parent.parent
COMMON_PLANS = 5   # synthetic plans 1..5 (and the seeds) are in the site at every N: their pages are compared
READER_VARIANTS = ("baseline", "site")   # searched as a reader does (--reader-n), in this order


@dataclass
class Variant:
    """One configuration built at some N: the stock baseline, this site, the site at an older ref, or this
    site with one change undone (--ablate)."""
    name: str
    label: str
    projects: dict[int, Path] = field(default_factory=dict)
    builds: dict[int, list[measure.Build]] = field(default_factory=dict)
    sizes: dict[int, dict] = field(default_factory=dict)
    serve: dict[str, list[dict]] = field(default_factory=dict)   # serve options ("" or "--dirty") → measure.Reload each edit


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    if options.reader_n and reader.chromium() is None:   # before the builds, not after them
        raise SystemExit("--reader-n needs Chromium (apt-get install -y chromium)")
    with tempfile.TemporaryDirectory(prefix="pairing-bench-") as scratch:
        out = Path(scratch) / "out"
        variants = prepare(Path(scratch), options)
        warm_up(variants, out)
        # Why kept folders: every other build goes to `out`, emptied by the next build; the reader measurements
        # need the first build of each variant at --reader-n until they are done.
        kept = {v.name: Path(scratch) / f"reader-{v.name}" for v in variants if v.name in READER_VARIANTS}
        for repeat in range(options.repeats):
            for n in options.sizes:
                order = variants if repeat % 2 == 0 else variants[::-1]
                for variant in order:
                    if n in variant.projects:
                        keep = repeat == 0 and n == options.reader_n and variant.name in kept
                        run_build(variant, n, kept[variant.name] if keep else out, repeat, options)
        ran_reader = search_as_reader(variants, kept, options) if options.reader_n else None
        if options.serve_n:
            for variant in variants:
                for mode in SERVE_MODES.get(variant.name, []):
                    variant.serve[mode] = serve(variant, options.serve_n, out, mode)
        profiles = {}
        if options.profile_n:
            for variant in (variants[1], variants[0]):   # this site, then stock
                profiles[variant.name] = profile.run(variant.projects[options.profile_n], out)
                print(f"profile N={options.profile_n} {variant.name}: {profiles[variant.name]['wall']:.2f} s profiled",
                      flush=True)
        ran = report.machine()
        if ran_reader:
            # Kept with `ran`, which python -m bench.rereport hands to the report as it is.
            ran["reader"] = ran_reader
        save_raw(variants, profiles, ran, options.output.with_suffix(".json"))
        text = report.markdown(variants, profiles, options, ran)
    options.output.write_text(text, encoding="utf-8")
    print(f"wrote {options.output}")
    return 0


def search_as_reader(variants: list[Variant], kept: dict[str, Path], options) -> dict:
    """The reader measurements at --reader-n, of the builds kept in `kept` (built here, unmeasured, when
    --reader-n is not one of --sizes); the kept sites are removed once both have been searched."""
    n = options.reader_n
    by_name = {v.name: v for v in variants}
    for name in READER_VARIANTS:
        if not (kept[name] / "index.html").is_file():
            result = build(by_name[name].projects[n], kept[name])
            print(f"[reader] N={n:5d} {name:24s} {result.seconds:6.2f} s (built for the reader measurements only)",
                  flush=True)
    try:
        raw = reader.measure({name: kept[name] for name in READER_VARIANTS}, by_name["site"].projects[n], n,
                             log=lambda line: print(line, flush=True), order=list(READER_VARIANTS))
        # issue 18's ranking cases on this site (stock Material reloads its whole index for every ?q= link)
        raw["ranking"] = ranking.measure(kept["site"], by_name["site"].projects[n])
        print(f"[reader] ranking at N={n}: " + json.dumps({k: v for k, v in raw["ranking"].items() if k != "failures"}),
              flush=True)
        return raw
    finally:
        for name in READER_VARIANTS:
            shutil.rmtree(kept[name], ignore_errors=True)


# What `mkdocs serve` is measured with, by variant: plain serve (full rebuilds) for the stock site and this one;
# an older ref also with `--dirty`, which its README used (this site no longer supports it). The stock site's
# `--dirty` is not measured: it leaves the pages that list a saved plan stale.
SERVE_MODES = {"baseline": [""], "site": [""], "before": ["", "--dirty"]}


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sizes = lambda s: [int(x) for x in s.split(",") if x]   # noqa: E731
    parser.add_argument("--sizes", type=sizes, default=[5, 100, 300, 1000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--serve-n", type=int, default=300, help="plans for the serve test (0: skip)")
    parser.add_argument("--profile-n", type=int, default=300,
                        help="plans for the profile of a build, this site and stock (0: skip)")
    parser.add_argument("--before", help="git ref of the site to compare against (e.g. 16d8243)")
    parser.add_argument("--before-sizes", type=sizes,
                        help="the sizes at which --before is built (default: every size and the serve test's)")
    parser.add_argument("--ablate", action="store_true",
                        help="also build at the largest N with each remaining change undone, one at a time")
    parser.add_argument("--reader-n", type=int, default=0,
                        help="plans at which this site and stock Material are searched in Chromium as a reader "
                             "does (0: skip); one of --sizes, or built once more for it")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md")
    parser.add_argument("--quick", action="store_true", help="N = 10, 50; 1 repeat; serve and profile at 50")
    options = parser.parse_args(argv)
    if options.quick:
        options.sizes, options.repeats, options.serve_n, options.profile_n = [10, 50], 1, 50, 50
    options.command = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
    return options


def prepare(scratch: Path, options: argparse.Namespace) -> list[Variant]:
    """Site copies with N synthetic plans for each variant; the baseline is derived from the site copy."""
    stock = Variant("baseline", "(b) stock Material")
    site = Variant("site", "(a) this site")
    variants = [stock, site]
    extra = {n for n in (options.serve_n, options.profile_n, options.reader_n) if n}
    sizes = sorted(set(options.sizes) | extra)
    for n in sizes:
        site.projects[n] = synthetic.copy_site(ROOT, scratch / f"site-{n}")
        synthetic.write_plans(site.projects[n], n)
        if n == options.reader_n:
            # tags that occur in one plan, for the ranking cases (the generated plans share the seeds' tags)
            ranking.unique_tags(site.projects[n], ranking.SAMPLE)
        stock.projects[n] = baseline.write_baseline(site.projects[n], scratch / f"baseline-{n}")
    if options.before:
        before = Variant("before", f"site at {options.before}")
        wanted = set(options.before_sizes) if options.before_sizes is not None else set(options.sizes)
        wanted |= {options.serve_n} if options.serve_n else set()
        for n in sorted(wanted & set(sizes)):
            before.projects[n] = checkout(options.before, scratch / f"before-{n}")
            synthetic.write_plans(before.projects[n], n)
        variants.append(before)
    if options.ablate:
        largest = max(options.sizes)
        for name, label, patches in ABLATIONS:
            project = synthetic.copy_site(site.projects[largest], scratch / f"ablate-{name}")
            if all(patch(project) for patch in patches):
                variants.append(Variant(name, label, projects={largest: project}))
            else:
                print(f"ablation {name}: the code it undoes is not there any more; skipped", flush=True)
    return variants


def warm_up(variants: list[Variant], out: Path) -> None:
    """Each copy's Python code compiled once (as an installed site's is), then one unmeasured build of each
    configuration at its smallest N: the libraries and jieba's model read from disk before anything is timed."""
    for variant in variants:
        for project in variant.projects.values():
            compileall.compile_dir(project, quiet=1, workers=1)
    for variant in variants:
        if variant.projects:
            n = min(variant.projects)
            result = build(variant.projects[n], out)
            print(f"[warm-up] N={n:5d} {variant.name:24s} {result.seconds:6.2f} s", flush=True)


def build(project: Path, out: Path) -> measure.Build:
    # Why: an older ref (--before) kept caches in .cache/; emptied, its build is a first build like this site's.
    shutil.rmtree(project / ".cache", ignore_errors=True)
    return measure.build(project, out)


def run_build(variant: Variant, n: int, out: Path, repeat: int, options) -> None:
    result = build(variant.projects[n], out)
    variant.builds.setdefault(n, []).append(result)
    print(f"[{repeat + 1}/{options.repeats}] N={n:5d} {variant.name:24s} {result.seconds:6.2f} s "
          f"{result.cpu_seconds:6.2f} s CPU {result.peak_mb:6.0f} MB", flush=True)
    if repeat == 0:
        variant.sizes[n] = sizes(out, n)


def sizes(site: Path, n: int) -> dict:
    index = measure.search_index(site)
    pages = measure.plan_pages(site)
    view = measure.first_view(site, pages[len(pages) // 2])
    return {"site": measure.tree_bytes(site), "largest_plan": measure.largest_plan_page(site),
            "largest_common": measure.largest_plan_page(site, only=COMMON_PLANS),
            "index": len(index), "index_gz": measure.gzip_size(index), "view": view,
            "search": measure.first_search(site), "pages": len(pages), "files": measure.file_count(site)}


def serve(variant: Variant, n: int, out: Path, mode: str) -> list[dict]:
    """Save-to-reload of one plan (measure.Reload of each edit), checking every page that shows its title."""
    project = variant.projects[n]
    build(project, out)
    plan_file = project / "docs" / "plans" / "synthetic-0001.md"
    title = measure.TITLE_LINE.search(plan_file.read_text(encoding="utf-8")).group(0)[len("title: "):]
    pages = measure.pages_showing(out, title, "plans/synthetic-0001/")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    reloads = measure.serve_reload(project, plan_file, pages, tuple(mode.split()))
    print(f"serve {mode or '(plain)'} N={n} {variant.name}: "
          + ", ".join(f"{r.seconds:.2f} s (rebuilds {r.rebuilds}, {r.built:.2f} s; {r.cpu:.2f} s CPU)" for r in reloads)
          + f" (pages: {pages})", flush=True)
    return [dataclasses.asdict(r) for r in reloads]


def checkout(ref: str, target: Path) -> Path:
    """The site as it was at a git ref (git archive): whatever that ref has (hooks.py and speed_hooks.py in the
    older ones, the pairing plugin in newer ones), without its tools and tests."""
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    for path in target.iterdir():
        if synthetic.left_out(path):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
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


# Memory (peak of a build), each undone on its own and all together in "memory-held".
UNDO_OPEN_DATA_WRITTEN = [replace_in("pairing/site/plugin.py", "_add(files, written_file(config, path, content), path)",
                                     "_add(files, File.generated(config, path, content=content), path)")]
UNDO_PLANS_JSON_SKELETON = [replace_in("pairing/site/audit.py", "open_data = json.loads(json_skeleton(file))",
                                       "open_data = json.loads(file.read())")]
UNDO_LINKS_BY_FOLDER_LEFT = [
    replace_in("pairing/site/audit.py", "        return _internal_target.__wrapped__(name, link, base_path)",
               "        return _internal_target(name, link, base_path)"),
    replace_in("pairing/site/audit.py", '    while link.startswith("../") and folder and', "    while False and")]
UNDO_SHARED_KEYS = [replace_in("pairing/content/yamlsource.py", "Source(_shared_keys(data), line_offset=line_offset)",
                               "Source(data, line_offset=line_offset)")]
UNDO_POSITIONS_DROPPED = [replace_in("pairing/content/plans.py",
                                     "source.compact(lambda: yamlsource.split_front_matter(unpack(packed))[0])",
                                     "source")]
UNDO_SECTIONS_PACKED = [replace_in("pairing/content/plans.py",
                                   "{key: value for key, value in data.items() if key != SECTIONS}", "data")]
UNDO_LINKS_INTERNED = [replace_in("pairing/site/audit.py",
                                  "(list(map(sys.intern, content.links)), set(map(sys.intern, content.ids)))",
                                  "(content.links, content.ids)")]

# Each remaining change undone on its own (name, label, patches of a site copy), to measure what it saves; every
# patch must still find the code it changes, and the copy must still build (tests/test_bench_smoke.py).
# Not a row: "macro HTML parsed by Markdown" (pairing/site/heldparts.py returning the HTML instead of a placeholder).
# The parts are no longer written for Markdown (indented lines, inline first tags), so without holding them the
# build fails its own audit (ids, plan rows and #share lost): holding them is needed for a correct page, not a
# speed-up that can be undone.
ABLATIONS = [
    ("listings-indexed", "(a) with the generated listing pages in the search index", [
        replace_in("pairing/site/plugin.py", 'meta = {"title": page["title"], "search": {"exclude": True}}',
                   'meta = {"title": page["title"]}')]),
    ("mkdocs-reads-plans", "(a) with MkDocs reading and parsing each plan's file again", [
        replace_in("pairing/site/plugin.py", "    def on_page_read_source(self, *, page, config)",
                   "    def _on_page_read_source(self, *, page, config)")]),
    ("relpath-with-cwd", "(a) with links between pages computed by posixpath.relpath", [
        replace_in("pairing/shaping/directory.py",
                   '    if ".." in path or ".." in start or path.startswith("/") or start.startswith("/"):',
                   "    if True:")]),
    ("pure-python-yaml", "(a) with pure-Python YAML", [
        replace_in("pairing/content/yamlsource.py", 'FAST_LOADER = getattr(yaml, "CSafeLoader", None)',
                   "FAST_LOADER = None")]),
    ("full-positions", "(a) keeping every plan's YAML positions", UNDO_POSITIONS_DROPPED),
    ("listings-on-one-page", "(a) with every listing on one page (no paging)", [
        replace_in("pairing/shaping/directory.py", "PLANS_PER_PAGE = 8\nKINDERGARTENS_PER_PAGE = 15\n"
                   "PLANS_PER_KINDERGARTEN_PAGE = 4\nPLANS_PER_TAG_PAGE = 6\nENTRIES_PER_PAGE = 20\n",
                   "PLANS_PER_PAGE = KINDERGARTENS_PER_PAGE = PLANS_PER_KINDERGARTEN_PAGE = PLANS_PER_TAG_PAGE = "
                   "ENTRIES_PER_PAGE = 10**9\n")]),
    ("memory-held", "(a) holding what the build no longer needs (the memory savings below undone together)", [
        *UNDO_OPEN_DATA_WRITTEN, *UNDO_PLANS_JSON_SKELETON, *UNDO_LINKS_BY_FOLDER_LEFT, *UNDO_SHARED_KEYS,
        *UNDO_POSITIONS_DROPPED, *UNDO_SECTIONS_PACKED, *UNDO_LINKS_INTERNED]),
    ("open-data-held", "(a) holding the open data in memory until MkDocs copies it", UNDO_OPEN_DATA_WRITTEN),
    ("plans-json-whole", "(a) with the audit reading plans.json whole", UNDO_PLANS_JSON_SKELETON),
    ("links-by-page-folder", "(a) with the audit resolving links from each page's own folder", UNDO_LINKS_BY_FOLDER_LEFT),
    ("keys-not-shared", "(a) with each plan's YAML keys not interned", UNDO_SHARED_KEYS),
    ("sections-held", "(a) holding every plan's sections as objects (not only packed)", UNDO_SECTIONS_PACKED),
    ("links-not-interned", "(a) with the audit's links and ids not interned", UNDO_LINKS_INTERNED),
]


def save_raw(variants: list[Variant], profiles: dict, ran: dict, path: Path) -> None:
    """Every measurement, so a report can be made again without building (python -m bench.rereport)."""
    raw = {"variants": [{**dataclasses.asdict(v), "projects": {}} for v in variants], "profiles": profiles,
           "ran": ran}
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
