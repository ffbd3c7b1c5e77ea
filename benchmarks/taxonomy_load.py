"""How long loading the cached lists takes: ``load_taxonomies(Path("taxonomies"))``.

One ``autoproces check`` of one file loads every list once, so the cold figure (a fresh interpreter:
imports plus one load) is what a user waits for; the target is < 0.2 s. Run from the project root:

    .venv/bin/python benchmarks/taxonomy_load.py
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS = 0.2
COLD_RUNS = 5
WARM_RUNS = 20

COLD_SCRIPT = """
import time
start = time.perf_counter()
from pathlib import Path
from generator.taxonomies import load_taxonomies
imported = time.perf_counter()
taxonomies = load_taxonomies(Path("taxonomies"))
loaded = time.perf_counter()
print(imported - start, loaded - imported)
"""


def cold_runs() -> list[tuple[float, float]]:
    results = []
    for _ in range(COLD_RUNS):
        output = subprocess.run([sys.executable, "-c", COLD_SCRIPT], cwd=ROOT, check=True, capture_output=True,
                                text=True).stdout
        imported, loaded = (float(value) for value in output.split())
        results.append((imported, loaded))
    return results


def warm_runs() -> tuple[list[float], list[float]]:
    sys.path.insert(0, str(ROOT))
    from generator.taxonomies import load_taxonomies

    directory = ROOT / "taxonomies"
    loads, parses = [], []
    for _ in range(WARM_RUNS):
        start = time.perf_counter()
        load_taxonomies(directory)
        loads.append(time.perf_counter() - start)
        start = time.perf_counter()
        for path in directory.glob("*.json"):
            if not path.name.endswith(".manifest.json"):
                json.loads(path.read_bytes())
        parses.append(time.perf_counter() - start)
    return loads, parses


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from generator.taxonomies import LIST_NAMES, load_taxonomies

    taxonomies = load_taxonomies(ROOT / "taxonomies")
    sizes = {name: (ROOT / "taxonomies" / f"{name}.json").stat().st_size for name in LIST_NAMES}
    print("Lists:", ", ".join(f"{name} {len(taxonomies[name])} items / {sizes[name] / 1024:.0f} KiB"
                              for name in LIST_NAMES))
    print(f"Total cache size: {sum(sizes.values()) / 1024:.0f} KiB")

    cold = cold_runs()
    imports = statistics.median(value for value, _ in cold)
    loads = statistics.median(value for _, value in cold)
    print(f"Cold (fresh interpreter, median of {COLD_RUNS}): import {imports * 1000:.1f} ms + "
          f"load {loads * 1000:.1f} ms = {(imports + loads) * 1000:.1f} ms")

    warm, parse = warm_runs()
    print(f"Warm load_taxonomies (median of {WARM_RUNS}): {statistics.median(warm) * 1000:.1f} ms "
          f"(of which json.loads {statistics.median(parse) * 1000:.1f} ms), max {max(warm) * 1000:.1f} ms")

    verdict = "OK" if imports + loads < TARGET_SECONDS else "TOO SLOW"
    print(f"Target < {TARGET_SECONDS * 1000:.0f} ms for one check: {verdict}")
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
