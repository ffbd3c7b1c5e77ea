"""Run a command as a child process and read what it cost from the kernel: CPU, wall time, peak memory.

CPU and peak memory come from ``os.wait4``: the child's own rusage, which on Linux includes every
descendant it waited for (a process pool, git), so a parallel build is charged for all its work.
The command is started by a tiny launcher (``python -S``) rather than by the benchmark itself: Linux
counts the memory of the process that spawned a child into the child's peak, and the benchmark holds
the whole synthetic catalogue in memory.

``ru_maxrss`` is the peak of the *largest single* process, so a process pool would hide its workers.
The launcher therefore also samples, every 50 ms, the proportional set size (PSS, from
``/proc/<pid>/smaps_rollup``: shared pages are split between the processes that share them) of the
command and all its descendants, and the figure shown is the larger of the two peaks.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence


class BenchError(RuntimeError):
    """A measured command failed: the benchmark stops, the figures would be meaningless."""


@dataclass(frozen=True)
class Sample:
    cpu_s: float
    wall_s: float
    peak_mb: float


@dataclass(frozen=True)
class Figure:
    """The median of several samples of one command."""

    cpu_s: float
    wall_s: float
    peak_mb: float
    samples: tuple[Sample, ...]

    @classmethod
    def of(cls, samples: Sequence[Sample]) -> "Figure":
        return cls(cpu_s=statistics.median(s.cpu_s for s in samples),
                   wall_s=statistics.median(s.wall_s for s in samples),
                   peak_mb=statistics.median(s.peak_mb for s in samples), samples=tuple(samples))

    def as_json(self) -> dict:
        return {"cpu_s": round(self.cpu_s, 3), "wall_s": round(self.wall_s, 3), "peak_mb": round(self.peak_mb, 1),
                "samples": [{k: round(v, 3) for k, v in asdict(s).items()} for s in self.samples]}


LAUNCHER = """
import json, os, sys, threading, time

def children():
    tree = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            tree.setdefault(parent, []).append(int(name))
    return tree

def tree_pss_kb(root):
    tree, todo, total = children(), [root], 0
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, ()))
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
        except (OSError, StopIteration, ValueError):
            pass
    return total

peak = [0]
done = threading.Event()
def sample(pid):
    while not done.wait(0.05):
        peak[0] = max(peak[0], tree_pss_kb(pid))

started = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
sampler = threading.Thread(target=sample, args=(pid,), daemon=True)
sampler.start()
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
done.set()
sampler.join()
with open(sys.argv[1], "w") as out:
    json.dump({"code": os.waitstatus_to_exitcode(status), "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "maxrss_kb": usage.ru_maxrss, "tree_pss_kb": peak[0]}, out)
"""


def measure(command: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Sample:
    """Run ``command`` in ``cwd`` to the end; its output goes to a log file beside it, shown if it fails."""
    log, figures = cwd / ".bench-output.log", cwd / ".bench-rusage.json"
    with log.open("wb") as out:
        launcher = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, str(figures), *command], cwd=cwd,
                                  env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    output = log.read_text(encoding="utf-8", errors="replace")
    log.unlink()
    if launcher.returncode != 0:
        raise BenchError(f"the launcher of {' '.join(command)} failed:\n{output[-3000:]}")
    result = json.loads(figures.read_text(encoding="utf-8"))
    figures.unlink()
    if result["code"] != 0:
        raise BenchError(f"{' '.join(command)} stopped with exit code {result['code']}:\n{output[-3000:]}")
    peak_kb = max(result["maxrss_kb"], result["tree_pss_kb"])  # a pool's workers are in the tree's figure
    _wait_for_removers(cwd)
    return Sample(cpu_s=result["cpu"], wall_s=result["wall"], peak_mb=peak_kb / 1024)


def _wait_for_removers(cwd: Path, limit_s: float = 120.0) -> None:
    """Wait until the previous site, which ``autoproces build`` hands to a detached low-priority process to
    remove (``.<site>.old-<pid>``), is gone: that work is not counted, but must not slow the next run."""
    deadline = time.monotonic() + limit_s
    while any(path.name.startswith(".") and ".old-" in path.name for path in cwd.iterdir()) \
            and time.monotonic() < deadline:
        time.sleep(0.1)


def paired(subject: Sequence[str], reference: Sequence[str] | None, cwd: Path, runs: int,
           env: dict[str, str] | None = None) -> tuple[Figure, Figure | None]:
    """Medians of ``runs`` runs of the subject and its reference, run in turn (A B A B) so both see the same load."""
    ours: list[Sample] = []
    theirs: list[Sample] = []
    for _ in range(runs):
        if reference is not None:
            theirs.append(measure(reference, cwd, env))
        ours.append(measure(subject, cwd, env))
    return Figure.of(ours), (Figure.of(theirs) if theirs else None)
