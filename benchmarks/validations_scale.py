"""Cost of the validation rules (AP312, AP314: git history per validated process) at catalogue scale.

    .venv/bin/python benchmarks/validations_scale.py                 # 2,000 processes, 20 % validated, 500 later commits
    .venv/bin/python benchmarks/validations_scale.py -n 10000 --commits 2000 --build

A validation goes stale (AP314) when a field that matters changed after its date, which the check
reads from git: the file's commits, and the file as it was on the validation's date. The synthetic
catalogue is committed once, then ``--commits`` commits each change one process's résumé, then one
commit adds a validation by another municipality to ``--share`` of the processes, and a last one
changes a field that matters in some of them (so AP314 is found). ``autoproces check`` (and, with
``--build``, ``autoproces build``) is timed on it; the number of AP314 warnings is printed so a faster
run can be seen to find the same.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]

from bench_measure import BenchError, measure  # noqa: E402
from bench_projects import GIT_ENV, make_project  # noqa: E402
from synthetic import synthetic_records, to_yaml  # noqa: E402


def git(project: Path, *args: str, when: str) -> None:
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


def write(project: Path, process_id: str, data: dict) -> None:
    (project / "processes" / f"{process_id}.yaml").write_text(to_yaml(data), encoding="utf-8")


def make_history(project: Path, records: list[tuple[str, dict]], commits: int, share: float) -> int:
    """The catalogue's history; returns how many validations should be stale (AP314)."""
    rng = random.Random(11)
    git(project, "init", "-q", when="2026-01-05T10:00:00+01:00")
    git(project, "add", "-A", when="2026-01-05T10:00:00+01:00")
    git(project, "commit", "-qm", "Katalog", when="2026-01-05T10:00:00+01:00")
    for number in range(commits):
        process_id, data = rng.choice(records)
        data["short_description"] = f"{data['short_description'][:120]} (ændring {number})"
        write(project, process_id, data)
        when = f"2026-02-{1 + number * 27 // max(commits, 1):02d}T12:00:00+01:00"
        git(project, "commit", "-qam", f"Ændring {number}", when=when)
    municipalities = sorted({data["municipality"] for _, data in records})
    validated = rng.sample(records, int(len(records) * share))
    for process_id, data in validated:
        other = next(m for m in municipalities if m != data["municipality"])
        data["validations"] = [{"municipality": other, "date": "2026-03-02", "note": "Gennemgået"}]
        write(project, process_id, data)
    git(project, "commit", "-qam", "Valideringer", when="2026-03-02T12:00:00+01:00")
    stale = validated[: len(validated) // 10]
    for process_id, data in stale:
        data["short_description"] = data["short_description"][:120] + " (ny)"
        write(project, process_id, data)
    git(project, "commit", "-qam", "Nye resuméer", when="2026-03-20T12:00:00+01:00")
    return len(stale)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=2000, help="number of processes (default 2000)")
    parser.add_argument("--commits", type=int, default=500, help="later commits, one file each (default 500)")
    parser.add_argument("--share", type=float, default=0.2, help="share of processes validated (default 0.2)")
    parser.add_argument("--build", action="store_true", help="also time `autoproces build`")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="autoproces-bench-"))
    try:
        records = synthetic_records(args.count, seed=7)
        project = make_project(work, records)
        stale = make_history(project, records, args.commits, args.share)
        commands = {"check": ["check", "--no-cache"], "build": ["build", "--site-dir", "site"]}
        for name in ("check", "build") if args.build else ("check",):
            try:
                sample = measure([sys.executable, "-m", "generator", *commands[name]], project)
            except BenchError as error:
                print(error, file=sys.stderr)
                return 1
            print(f"{name}: {sample.wall_s:.1f} s wall, {sample.cpu_s:.1f} s CPU, {sample.peak_mb:.0f} MiB")
        report = subprocess.run([sys.executable, "-m", "generator", "check", "--no-cache"], cwd=project,
                                capture_output=True, text=True)
        found = report.stdout.count("AP314")
        print(f"processes: {args.count}, later commits: {args.commits}, validated: {int(args.count * args.share)}, "
              f"stale expected: {stale}, AP314 found: {found}")
        if args.keep:
            print(f"kept: {project}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
