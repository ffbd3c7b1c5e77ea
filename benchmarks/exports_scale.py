"""How the git history and the exports scale: N synthetic processes in a real git repository.

    .venv/bin/python benchmarks/exports_scale.py             # 10,000 processes
    .venv/bin/python benchmarks/exports_scale.py -n 2000
    .venv/bin/python benchmarks/exports_scale.py --revisions 5   # 5 more commits of every file

The catalogue (``benchmarks/synthetic.py``) is committed to a new git repository in three commits, as a
catalogue lives: everything, then a change to 2 % of the files, then a rename of 1 % of them
(``--revisions K``: then K more changes of every file, 25 files a commit, written by ``git fast-import``). In one
process it then loads and checks the catalogue and measures, each on its own: reading the history
(``load_history``), redacting it (``redact``) and writing every export (``write_exports``: JSON, CSV,
XLSX, feed and schema). For each step it prints the wall and CPU seconds (of this process, and of the
git processes it ran) and the peak resident memory above what the process held before the step
(sampled every 5 ms from ``/proc/self/statm``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]

from bench_projects import GIT_ENV, commit, make_project  # noqa: E402
from synthetic import synthetic_records  # noqa: E402

from generator.audience import Audience, publish  # noqa: E402
from generator.history import load_history  # noqa: E402
from generator.history_filter import redact  # noqa: E402
from generator.pipeline import Sources, _load_for, read_settings  # noqa: E402
from generator.publication import Publication  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * PAGE / 2**20


class _Peak(threading.Thread):
    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak = _rss_mb()
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.005):
            self.peak = max(self.peak, _rss_mb())


@contextmanager
def step(name: str, figures: list):
    before = _rss_mb()
    sampler = _Peak()
    sampler.start()
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    yield
    wall, cpu, children = time.perf_counter() - wall, time.process_time() - cpu, _children_cpu() - children
    sampler.done.set()
    sampler.join()
    figures.append((name, wall, cpu, children, max(sampler.peak, _rss_mb()) - before))


def _children_cpu() -> float:
    """CPU seconds of the finished child processes (git) so far."""
    times = os.times()
    return times.children_user + times.children_system


def _git(project: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=project, env={**os.environ, **GIT_ENV}, check=True,
                   stdout=subprocess.DEVNULL)


def _later_commits(project: Path, ids: list[str]) -> None:
    """A change to 2 % of the files, then a rename of 1 % (other files), each its own commit."""
    changed = ids[: max(1, len(ids) // 50)]
    for process_id in changed:
        path = project / "processes" / f"{process_id}.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Ny ", 1), encoding="utf-8")
    _git(project, "commit", "-qam", "Titler rettet")
    for process_id in ids[len(changed): len(changed) + max(1, len(ids) // 100)]:
        _git(project, "mv", f"processes/{process_id}.yaml", f"processes/{process_id}-ny.yaml")
    _git(project, "commit", "-qm", "Filer omdøbt")


def _revisions(project: Path, rounds: int, per_commit: int = 25) -> int:
    """``rounds`` more changes of every process file (a comment line added), ``per_commit`` files a commit."""
    files = sorted(p.relative_to(project).as_posix() for p in (project / "processes").rglob("*.yaml"))
    texts = {name: (project / name).read_bytes() for name in files}
    stream, mark, when = [], 0, 1_700_000_000
    for round_number in range(rounds):
        for start in range(0, len(files), per_commit):
            mark, when = mark + 1, when + 3600
            message = f"Rettelse {round_number + 1} af {start // per_commit + 1}".encode()
            stream.append(b"commit refs/heads/%s\ncommitter bench <bench@example.org> %d +0100\ndata %d\n%s\n"
                          % (_branch(project), when, len(message), message))
            if mark == 1:
                stream.append(b"from %s\n" % _head(project))
            for name in files[start:start + per_commit]:
                texts[name] += b"# revision %d\n" % (round_number + 1)
                stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (name.encode(), len(texts[name]), texts[name]))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=project, input=b"".join(stream), check=True)
    _git(project, "reset", "-q", "--hard")
    return mark


def _branch(project: Path) -> bytes:
    return subprocess.run(["git", "symbolic-ref", "--short", "HEAD"], cwd=project, capture_output=True,
                          check=True).stdout.strip()


def _head(project: Path) -> bytes:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=project, capture_output=True, check=True).stdout.strip()


def measure(project: Path) -> list:
    from generator.exports import write_exports

    figures: list = []
    sources = Sources(processes=project / "processes", taxonomies=project / "taxonomies")
    audience = Audience()
    settings = read_settings(project / "mkdocs.yml")
    with step("load and check the catalogue", figures):
        published = publish(_load_for(sources, audience), audience)
    with step("history: load_history", figures):
        raw = load_history(sources.roots, [pp.path for pp in published])
    with step("history: redact", figures):
        history = redact(raw, published)
    del raw
    publication = Publication(published=published, history=history, hourly_rate=settings.hourly_rate,
                              site_name=settings.site_name, project_dir=project)
    out = project / "site"
    with step("exports: write_exports", figures):
        write_exports(publication, out)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=10_000, help="number of processes (default 10,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the temporary project")
    parser.add_argument("--revisions", type=int, default=0, help="more changes of every file (default none)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="autoproces-exports-"))
    try:
        records = synthetic_records(args.count, seed=args.seed)
        project = make_project(work, records)
        commit(project)
        _later_commits(project, [process_id for process_id, _ in records if "/" in process_id])
        commits = 3 + (_revisions(project, args.revisions) if args.revisions else 0)
        del records
        figures = measure(project)
        print(f"{args.count:,} processes, {commits:,} commits; load average {os.getloadavg()[0]:.1f}")
        print(f"{'step':36} {'wall s':>8} {'CPU s':>8} {'git CPU s':>9} {'peak MB':>8}")
        for name, wall, cpu, children, peak in figures:
            print(f"{name:36} {wall:8.2f} {cpu:8.2f} {children:9.2f} {peak:8.0f}")
        if args.keep:
            print(f"kept: {project}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
