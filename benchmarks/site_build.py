"""Build time and peak memory of ``autoproces build`` for a synthetic catalogue of N processes.

    .venv/bin/python benchmarks/site_build.py            # 2,000 processes, committed to a git repository
    .venv/bin/python benchmarks/site_build.py -n 10000 --no-git
    .venv/bin/python benchmarks/site_build.py -n 10000 --incremental   # also: fill the page cache, change one file, rebuild
    .venv/bin/python benchmarks/site_build.py -n 10000 --commits 6     # six versions of every file in git

The catalogue (``benchmarks/synthetic.py``) is written into a temporary copy of the project (config,
templates, lists) with codes taken from the real lists in ``taxonomies/``, so every file passes the
check. The build runs in a subprocess, as a user runs it; its CPU time and peak resident memory are
read from the kernel afterwards. ``benchmarks/bench.py`` (``./run bench``) measures it next to a bare
mkdocs-material build.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]

from bench_history import commit_history  # noqa: E402
from bench_measure import BenchError, measure  # noqa: E402
from bench_projects import change_files, commit, make_project  # noqa: E402
from synthetic import synthetic_records  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=2000, help="number of processes (default 2000)")
    parser.add_argument("--no-git", action="store_true", help="do not commit the catalogue (no history)")
    parser.add_argument("--commits", type=int, default=1,
                        help="versions of every file in git (default 1; see benchmarks/bench_history.py)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and site")
    parser.add_argument("--incremental", action="store_true",
                        help="then `build --incremental` twice: filling the page cache, and after one changed file")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="autoproces-bench-"))
    try:
        records = synthetic_records(args.count, seed=7)
        project = make_project(work, records)
        commits = 0
        if not args.no_git:
            commits = commit_history(project, records, args.commits) if args.commits > 1 else 1
            if args.commits <= 1:
                commit(project)
        try:
            sample = measure([sys.executable, "-m", "generator", "build", "--site-dir", "site"], project)
        except BenchError as error:
            print(error, file=sys.stderr)
            return 1
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
        size = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file()) / 2**20
        print(f"processes: {args.count}  git history: {f'{commits} commits' if commits else 'none'}")
        print(f"build time: {sample.wall_s:.1f} s wall, {sample.cpu_s:.1f} s CPU "
              f"({sample.wall_s / args.count * 1000:.1f} ms per process)")
        print(f"peak memory (build process): {sample.peak_mb:.0f} MiB")
        print(f"pages: {pages}  site size: {size:.1f} MiB")
        if args.incremental:
            incremental = [sys.executable, "-m", "generator", "build", "--incremental", "--site-dir", "site"]
            for label in ("filling the page cache", "after one changed file"):
                if label.startswith("after"):
                    change_files(project, [records[len(records) // 2][0]])
                try:
                    sample = measure(incremental, project)
                except BenchError as error:
                    print(error, file=sys.stderr)
                    return 1
                print(f"incremental build, {label}: {sample.wall_s:.1f} s wall, {sample.cpu_s:.1f} s CPU, "
                      f"{sample.peak_mb:.0f} MiB")
        if args.keep:
            print(f"kept: {project}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
