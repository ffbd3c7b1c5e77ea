"""Run a command as a child process and read what it cost from the kernel: CPU, wall time, peak memory.

CPU and peak memory come from ``os.wait4``: the child's own rusage, which on Linux includes every
descendant it waited for (a process pool, git), so a parallel build is charged for all its work.
The command is started by a tiny launcher (``python -S``) rather than by the benchmark itself: Linux
counts the memory of the process that spawned a child into the child's peak, and the benchmark holds
the whole synthetic catalogue in memory.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
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
import json, os, sys, time
started = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump({"code": os.waitstatus_to_exitcode(status), "wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "maxrss_kb": usage.ru_maxrss}, out)
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
    return Sample(cpu_s=result["cpu"], wall_s=result["wall"], peak_mb=result["maxrss_kb"] / 1024)


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
