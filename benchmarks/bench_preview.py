"""The live preview's rebuild after one changed file, as ``autoproces serve`` makes it: through the warm
build process (``generator.site.build_server``), one fork per build.

The process is started once and builds once (that build fills the caches and is not counted). Then, for
each run, the benchmark waits as a person between two saves would (:data:`PAUSE_S`: the process reads
the results cache ahead in the meantime), changes one file and asks for a build; the figure is the time
from the request to the answer, the CPU of the build (its fork and every process the fork waited for:
the children's times of the build process, from ``/proc``) and the peak proportional set size of the
build process and all its descendants, sampled every 50 ms.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench_measure import BenchError, Figure, Sample
from bench_projects import change_files

from generator.site.preview import REQUEST  # the line that asks the build process for one build

PAUSE_S = 5.0
_TICKS = os.sysconf("SC_CLK_TCK")


def _children_cpu(pid: int) -> float:
    """CPU seconds of the children ``pid`` has waited for (user + system)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / _TICKS


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            todo += [int(c) for c in Path(f"/proc/{current}/task/{current}/children").read_text().split()]
        except OSError:
            pass
    return found


def _pss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


class _Peak(threading.Thread):
    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.done = pid, 0.0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.05):
            self.peak = max(self.peak, _pss_mb(_tree(self.pid)))


def _build(server: subprocess.Popen) -> Sample:
    assert server.stdin is not None and server.stdout is not None
    cpu_before, peak = _children_cpu(server.pid), _Peak(server.pid)
    peak.start()
    started = time.perf_counter()
    server.stdin.write(REQUEST)
    server.stdin.flush()
    header = server.stdout.readline().split()
    if len(header) != 2:
        raise BenchError("the preview's build process stopped")
    output = server.stdout.read(int(header[1]))
    wall = time.perf_counter() - started
    peak.done.set()
    peak.join()
    if int(header[0]) != 0:
        raise BenchError(f"a preview build failed:\n{output.decode('utf-8', 'replace')}")
    return Sample(cpu_s=_children_cpu(server.pid) - cpu_before, wall_s=wall, peak_mb=peak.peak)


def measure_preview(project: Path, process_ids: list[str], env: dict[str, str]) -> Figure:
    """One preview rebuild per id (that file changed before it)."""
    server = subprocess.Popen([sys.executable, "-m", "generator.site.build_server", "build", "--incremental",
                               "--site-dir", "site"], cwd=project, env=env, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        _build(server)  # fills the caches, as the preview's first build does
        samples = []
        for process_id in process_ids:
            time.sleep(PAUSE_S)
            change_files(project, [process_id])
            samples.append(_build(server))
        return Figure.of(samples)
    finally:
        assert server.stdin is not None
        server.stdin.close()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
