"""How long ``autoproces check`` takes: one file, the example catalogue, and 2,000 synthetic files.

Run from the project root::

    .venv/bin/python benchmarks/check_speed.py [--files 2000] [--repeat 3]

Each figure is the best of ``--repeat`` runs of the real command in a subprocess (start-up,
loading the reference lists, reading, validating and printing included), so it is what a user
waits for. Loading the reference lists on its own is measured by ``benchmarks/taxonomy_load.py``.
The synthetic catalogue (``benchmarks/synthetic.py``) is written into a temporary folder: valid
processes spread over real municipality folders, with umbrellas, copies, KLE, IT-systems and
technologies, and one file in fifty carrying a mistake, so the error paths are timed too. The
benchmark with references and peak memory is ``benchmarks/bench.py`` (``./run bench``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks"), str(ROOT)]

from synthetic import write_catalogue  # noqa: E402

MISTAKES = [
    "time_spend_per_occurrence: 7,5\n",
    "put_into_operation: 15-03-2024\n",
    "resume: Et resumé under et forkert feltnavn.\n",
    "phase_extra: drift\n",
]


def write_synthetic_catalogue(target: Path, files: int, seed: int = 2) -> Path:
    """``target/processes/<municipality>/<slug>.yaml`` (``synthetic.py``), one file in fifty with a mistake."""
    processes = target / "processes"
    for number, path in enumerate(write_catalogue(processes, files, seed)):
        if number % 50 == 49:
            with path.open("a", encoding="utf-8") as out:
                out.write(MISTAKES[number // 50 % len(MISTAKES)])
    return processes


def time_check(args: list[str], cwd: Path, repeat: int) -> tuple[float, int, int]:
    """Best wall time of ``autoproces check ARGS`` in seconds, the exit code and the number of findings."""
    best = float("inf")
    code, findings = 0, 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "generator", "--taxonomies", str(ROOT / "taxonomies"),
                                 *args, "--format", "json"], cwd=cwd, capture_output=True, text=True)
        best = min(best, time.perf_counter() - start)
        code = result.returncode
        if code == 2 or "Traceback" in result.stderr:
            raise SystemExit(f"autoproces check {' '.join(args)} failed:\n{result.stderr}")
        findings = len(json.loads(result.stdout or "[]"))
    return best, code, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000, help="size of the synthetic catalogue")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the best is shown")
    options = parser.parse_args()

    examples = sorted((ROOT / "processes").glob("*/*.yaml"))
    rows = []
    if examples:
        one = examples[0].relative_to(ROOT)
        rows.append((f"one file ({one})", *time_check(["check", str(one)], ROOT, options.repeat)))
        rows.append((f"example catalogue ({len(examples)} files)",
                     *time_check(["check", "processes"], ROOT, options.repeat)))
    with tempfile.TemporaryDirectory() as tmp:
        write_synthetic_catalogue(Path(tmp), options.files)
        rows.append((f"synthetic catalogue ({options.files} files)",
                     *time_check(["check", "processes"], Path(tmp), options.repeat)))
        one = next(Path(tmp, "processes").glob("*/*.yaml")).relative_to(tmp)
        rows.append((f"one file in the synthetic catalogue", *time_check(["check", str(one)], Path(tmp),
                                                                         options.repeat)))

    width = max(len(r[0]) for r in rows)
    print(f"{'autoproces check of':<{width}}  {'seconds':>8}  {'exit':>4}  {'findings':>8}")
    for label, seconds, code, findings in rows:
        print(f"{label:<{width}}  {seconds:8.2f}  {code:4d}  {findings:8d}")


if __name__ == "__main__":
    main()
