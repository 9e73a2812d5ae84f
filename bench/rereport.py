"""Write BENCHMARKS.md again from the raw measurements of a run (BENCHMARKS.json), without building.

    .venv/bin/python -m bench.rereport BENCHMARKS.json -- <the options of the run>
"""

import json
import sys
from pathlib import Path

from . import measure, report, run


def main(argv: list[str]) -> int:
    raw_file, options = Path(argv[0]), run.parse(argv[2:] if argv[1:2] == ["--"] else argv[1:])
    raw = json.loads(raw_file.read_text(encoding="utf-8"))
    variants = []
    for item in raw["variants"]:
        variant = run.Variant(item["name"], item["label"], serve=item["serve"])
        variant.builds = {int(n): [measure.Build(**b) for b in builds] for n, builds in item["builds"].items()}
        variant.sizes = {int(n): {k: tuple(v) if isinstance(v, list) else v for k, v in s.items()}
                         for n, s in item["sizes"].items()}
        variants.append(variant)
    options.output.write_text(report.markdown(variants, raw.get("profiles", {}), options, raw.get("ran", {})), encoding="utf-8")
    print(f"wrote {options.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
