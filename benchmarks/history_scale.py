"""The git history stage of a build (``load_history`` and ``redact``) for N processes with K versions each.

    .venv/bin/python benchmarks/history_scale.py                  # 10,000 processes, 6 versions of each
    .venv/bin/python benchmarks/history_scale.py -n 2000 --commits 1
    .venv/bin/python benchmarks/history_scale.py --keep            # keep the project (for a whole build)

The catalogue (``benchmarks/synthetic.py``) gets a realistic history (``benchmarks/bench_history.py``:
edited fields, files not public for a while, renames). In one process it loads, checks and publishes the
catalogue once, then measures the history stage as the build runs it (``pipeline._redacted_history``),
each run on its own: cold (no cache), again with the cache a first incremental run wrote, and after one
uncommitted change of one file. For each it prints the wall and CPU seconds of this process and of the git
processes it ran.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]

from bench_history import commit_history  # noqa: E402
from bench_projects import change_files, commit, make_project  # noqa: E402
from synthetic import synthetic_records  # noqa: E402

from generator.audience import Audience, publish  # noqa: E402
from generator.pipeline import Sources, _load_for, _redacted_history  # noqa: E402


def _children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _run(name: str, figures: list, action) -> object:
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    result = action()
    figures.append((name, time.perf_counter() - wall, time.process_time() - cpu, _children_cpu() - children))
    return result


def measure(project: Path, changed: str) -> list:
    figures: list = []
    sources = Sources(processes=project / "processes", taxonomies=project / "taxonomies")
    audience = Audience()
    published = publish(_load_for(sources, audience), audience)
    cold = _run("cold, no cache (a full build)", figures,
                lambda: _redacted_history(sources, published, project, write_cache=False))
    _run("cold, writing the cache (incremental)", figures,
         lambda: _redacted_history(sources, published, project, write_cache=True))
    warm = _run("warm cache, nothing changed", figures,
                lambda: _redacted_history(sources, published, project, write_cache=True))
    assert warm.changes == cold.changes, "the cached history differs from the uncached one"
    change_files(project, [changed])
    published = publish(_load_for(sources, audience), audience)
    _run("warm cache, one uncommitted change", figures,
         lambda: _redacted_history(sources, published, project, write_cache=True))
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=10_000, help="number of processes (default 10,000)")
    parser.add_argument("--commits", type=int, default=6, help="versions of every file (default 6)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="autoproces-bench-history-"))
    try:
        records = synthetic_records(args.count, seed=7)
        project = make_project(work, records)
        started = time.perf_counter()
        commits = commit_history(project, records, args.commits) if args.commits > 1 else 1
        if args.commits <= 1:
            commit(project)
        made = time.perf_counter() - started
        changed = records[len(records) // 2][0]
        del records
        figures = measure(project, changed)
        print(f"{args.count:,} processes, {args.commits} versions each, {commits:,} commits "
              f"(made in {made:.0f} s); load average {os.getloadavg()[0]:.1f}")
        print(f"{'history stage':40} {'wall s':>8} {'CPU s':>8} {'git CPU s':>9}")
        for name, wall, cpu, children in figures:
            print(f"{name:40} {wall:8.2f} {cpu:8.2f} {children:9.2f}")
        if args.keep:
            print(f"kept: {project}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
