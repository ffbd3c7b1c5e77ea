"""How the catalogue search scales: 10,000 synthetic processes, built and queried.

Run: ``.venv/bin/python benchmarks/search_scale.py [--count 10000] [--keep DIR]``

Prints the build time and peak memory, the bytes (raw and gzip) of everything the search writes,
and, per query, what a reader downloads before the first results and in all, and how long the
query takes in Node with the browser's own engine (the engine's scripts and the vendored lunr).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import synthetic_published  # noqa: E402

from generator.search import write_search_files  # noqa: E402
from generator.search.assets import ASSETS_DIR, ENGINE_SCRIPTS, STYLESHEET, bundle  # noqa: E402

QUERIES = [
    {"q": "borgere"},
    {"q": "ansøgninger om boligstøtte"},
    {"q": "sagsbehandling"},
    {"q": "KLE-GRUPPE"},  # replaced by the KLE group of the first process
    {"q": "kontanth"},  # typing: a prefix
    {"q": "journalisering af fakturaer"},
    {"q": "", "selection": {"fase": ["i-drift"]}},
    {"q": "refusion", "selection": {"fase": ["i-drift", "ide"]}, "sort": "timer"},
]


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def _kb(n: float) -> str:
    return f"{n / 1000:,.0f} kB".replace(",", ".")


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the site here and keep it")
    args = parser.parse_args()

    started = time.perf_counter()
    published = synthetic_published(args.count, seed=args.seed)
    generated = time.perf_counter() - started
    rss_before = _max_rss_mb()
    print(f"Synthetic catalogue: {len(published)} processes in {generated:.1f} s (peak RSS {rss_before:.0f} MB)")

    site = args.keep or Path(tempfile.mkdtemp(prefix="search-scale-"))
    started = time.perf_counter()
    write_search_files(published, site, last_changed=lambda item: None)
    built = time.perf_counter() - started
    print(f"Build of the search files: {built:.1f} s, peak RSS of the process {_max_rss_mb():.0f} MB")

    data = site / "soeg" / "data"
    kinds: dict[str, list[int]] = {}
    for path in sorted(data.glob("*.json")):
        raw = path.read_bytes()
        entry = kinds.setdefault(path.name.split("-")[0].replace(".json", ""), [0, 0, 0, 0])
        entry[0] += 1
        entry[1] += len(raw)
        entry[2] += _gzip(raw)
        entry[3] = max(entry[3], _gzip(raw))
    print("\nWritten (soeg/data):")
    total_raw = total_gz = 0
    for kind, (files, raw, gz, biggest) in sorted(kinds.items()):
        total_raw += raw
        total_gz += gz
        print(f"  {kind:10} {files:5} files  {_kb(raw):>10} raw  {_kb(gz):>9} gzip  (largest file {_kb(biggest)} gzip)")
    print(f"  {'total':10} {'':5}        {_kb(total_raw):>10} raw  {_kb(total_gz):>9} gzip")

    loaded = [bundle(), (ASSETS_DIR / STYLESHEET).read_bytes()]  # what the page loads on focus
    script_raw = sum(len(data) for data in loaded)
    script_gz = sum(_gzip(data) for data in loaded)
    print(f"\nScripts and style sheet loaded on focus: {_kb(script_raw)} raw, {_kb(script_gz)} gzip")

    node = shutil.which("node")
    if not node:
        print("\nnode is missing: no query figures.")
        return 0
    group = next(p.process.kle.rsplit(".", 1)[0] for p in published if p.process.kle)
    for query in QUERIES:
        if query["q"] == "KLE-GRUPPE":
            query["q"] = group
    request = {"data": str(data), "queries": QUERIES, "indexes": ["kort", "fuld"], "allIds": False}
    result = subprocess.run([node, str(ROOT / "tests" / "search" / "search_node.js"), str(ASSETS_DIR),
                             *ENGINE_SCRIPTS],
                            input=json.dumps(request), capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        print(result.stderr)
        return 1
    print("\nQueries (Node, the browser's engine; bytes include the scripts; gzip):")
    print(f"  {'query':52} {'first':>6} {'before 1st results':>19} {'load+parse':>10} {'query':>8}"
          f" {'all':>6} {'in all':>9} {'load+parse':>10} {'query':>8}")
    worst = 0
    for answer, query in zip(json.loads(result.stdout), QUERIES):
        first_gz = script_gz + sum(f["gzip"] for f in answer["first"]["fetched"])
        all_gz = script_gz + sum(f["gzip"] for f in answer["fetched"])
        worst = max(worst, first_gz)
        label = query["q"] or "(ingen ord)"
        if query.get("selection"):
            label += " " + json.dumps(query["selection"], ensure_ascii=False)
        if query.get("sort"):
            label += f" sort={query['sort']}"
        print(f"  {label[:52]:52} {answer['first']['count']:6} {_kb(first_gz):>19}"
              f" {answer['first']['loadMs']:8.0f}ms {answer['first']['queryMs']:6.1f}ms"
              f" {answer['count']:6} {_kb(all_gz):>9} {answer['loadMs']:8.0f}ms {answer['queryMs']:6.1f}ms")
    print(f"\nMost downloaded before the first results: {_kb(worst)} gzip (budget about 300 kB)")
    if not args.keep:
        shutil.rmtree(site, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
