"""``./run bench``: the speed of the check, the build and the search at catalogue scale, next to references.

    ./run bench                      # 1,000 and 10,000 processes, median of 3 runs each
    ./run bench --sizes 1000         # one size
    ./run bench --large              # adds 50,000 processes (2 runs)

For each size it writes a synthetic catalogue (``benchmarks/synthetic.py``) into a temporary folder,
which is removed afterwards, and measures, each pair run in turn (A B A B) and as the median:

- ``autoproces check`` of the whole catalogue, against a bare PyYAML CSafeLoader load of the same files;
- the check of 1 and of 10 changed files in that catalogue (no reference);
- ``autoproces build`` (pages, search, exports), against a bare ``mkdocs build`` with mkdocs-material of
  one minimal page per process;
- ``autoproces build --incremental`` after one changed file (no reference; the target is 5 s);
- the live preview's rebuild after one changed file (``autoproces serve``'s warm build process,
  ``bench_preview.py``; no reference; the target is 5 s);
- in Chromium, on the built site served on 127.0.0.1: the bytes (gzip) downloaded before the first
  results of a word query, and the time from a keystroke to its results (p95, after the search's pause).

CPU, wall time and peak memory come from the kernel (``os.wait4``). The table (Markdown) goes into
``benchmarks/README.md`` and the figures (JSON) into ``benchmarks/results.json``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]

import bench_report  # noqa: E402
from bench_browser import measure_search  # noqa: E402
from bench_measure import BenchError, Figure, measure, paired  # noqa: E402
from bench_preview import measure_preview  # noqa: E402
from bench_projects import change_files, commit, make_project, make_reference_site  # noqa: E402
from synthetic import synthetic_records  # noqa: E402

DEFAULT_SIZES = (1_000, 10_000)
LARGE = 50_000
PAYLOAD_BUDGET_KB = 100
KEYSTROKE_BUDGET_MS = 50
CHANGED = (1, 10)


def _runs(size: int, runs: int) -> int:
    return min(runs, 2) if size >= LARGE else runs


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def _check_rows(project: Path, size: int, ids: list[str], runs: int) -> list[dict]:
    python, env = sys.executable, _env()
    check = [python, "-m", "generator", "check", "processes"]
    load = [python, str(HERE / "yaml_load.py"), "processes"]
    subject, reference = paired(check, load, project, runs, env)
    rows = [bench_report.timed_row("check", f"`autoproces check` of {size:,} files", subject, reference,
                                   "PyYAML `CSafeLoader` load of the same files")]
    for count in CHANGED:
        paths = change_files(project, ids[:count])
        figure, _ = paired([python, "-m", "generator", "check", *paths], None, project, runs, env)
        noun = "file" if count == 1 else "files"
        rows.append(bench_report.timed_row(f"check_changed_{count}",
                                           f"check of {count} changed {noun} in {size:,}", figure))
    return rows


def _build_rows(project: Path, reference: Path, size: int, runs: int) -> list[dict]:
    python, env = sys.executable, _env()
    build = [python, "-m", "generator", "build", "--site-dir", "site"]
    bare = [python, "-m", "mkdocs", "build", "--quiet", "--config-file", str(reference / "mkdocs.yml"),
            "--site-dir", str(reference / "site")]
    subject, bare_figure = paired(build, bare, project, runs, env)
    return [bench_report.timed_row("build", f"`autoproces build` of {size:,} (pages, search, exports)", subject,
                                   bare_figure, f"bare `mkdocs build` with mkdocs-material, {size:,} minimal pages")]


def _incremental_row(project: Path, size: int, ids: list[str], runs: int) -> dict:
    """``autoproces build --incremental`` after one changed file: a first incremental build fills the page
    cache, then each run changes another file and rebuilds."""
    python, env = sys.executable, _env()
    incremental = [python, "-m", "generator", "build", "--incremental", "--site-dir", "site"]
    measure(incremental, project, env)
    samples = []
    for process_id in ids[-runs:]:
        change_files(project, [process_id])
        samples.append(measure(incremental, project, env))
    return bench_report.timed_row("build_incremental", f"`autoproces build --incremental` after 1 changed file "
                                  f"in {size:,}", Figure.of(samples))


def _preview_row(project: Path, size: int, ids: list[str], runs: int) -> dict:
    """The live preview's rebuild after one changed file (``bench_preview``)."""
    figure = measure_preview(project, ids[-2 * runs:-runs] or ids[-runs:], _env())  # not the files of the last row
    return bench_report.timed_row("preview_rebuild", f"`autoproces serve`: rebuild after 1 changed file in {size:,}",
                                  figure)


def _search_rows(site: Path) -> tuple[list[dict], dict]:
    search = measure_search(site)
    payload_kb = round(search["payload_gzip_bytes"] / 1000, 1)
    rows = [
        bench_report.budget_row("search_payload", "search: downloaded (gzip) before the first results of a word query",
                                payload_kb, PAYLOAD_BUDGET_KB, "kB"),
        bench_report.budget_row("keystroke_p95", f"search: keystroke to results in Chromium, p95 of "
                                f"{search['keystrokes']} (after the {search['debounce_ms']} ms pause)",
                                search["keystroke_p95_ms"], KEYSTROKE_BUDGET_MS, "ms"),
    ]
    return rows, search


def bench_size(size: int, runs: int, seed: int, work_root: Path | None, check_only: bool = False) -> dict:
    """Every row for one catalogue size; the temporary folder is removed whatever happens."""
    load_before, measured = os.getloadavg()[0], bench_report.commit()
    work = Path(tempfile.mkdtemp(prefix="autoproces-bench-", dir=work_root))
    try:
        records = synthetic_records(size, seed)
        project = make_project(work, records)
        commit(project)
        reference = make_reference_site(work, records)
        changeable = [pid for pid, data in records if "time_spend_occurrences" in data]
        rows = _check_rows(project, size, changeable, runs)
        if check_only:
            return bench_report.entry(rows, runs, load_before, measured)
        rows += _build_rows(project, reference, size, runs)
        rows.append(_incremental_row(project, size, changeable, runs))
        rows.append(_preview_row(project, size, changeable, runs))
        search_rows, search = _search_rows(project / "site")
        result = bench_report.entry(rows + search_rows, runs, load_before, measured)
        result["search"] = search
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES), help="catalogue sizes")
    parser.add_argument("--large", action="store_true", help=f"also measure {LARGE:,} processes (2 runs)")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure, the median is shown (default 3)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--readme", type=Path, default=HERE / "README.md", help="where the table is written")
    parser.add_argument("--json", type=Path, default=HERE / "results.json", help="where the figures are written")
    parser.add_argument("--work-root", type=Path, help="where the temporary folder is made (default: the system's)")
    parser.add_argument("--check-only", action="store_true", help="measure only the check rows (no build, no search)")
    args = parser.parse_args(argv)
    if args.large and LARGE not in args.sizes:
        args.sizes.append(LARGE)
    if args.runs < 1 or any(size < 2 for size in args.sizes):
        parser.error("--runs must be at least 1 and every size at least 2")
    return args


def _compile_bytecode() -> None:
    """Compile the generator's modules first, as an installed package has them: the measured commands run with
    ``PYTHONDONTWRITEBYTECODE`` (nothing is written into the tree while measuring), so in a tree that never had
    its bytecode written every run would compile each module it imports from source again."""
    import compileall

    compileall.compile_dir(ROOT / "generator", quiet=1)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    _compile_bytecode()
    results = {}
    try:
        for size in args.sizes:
            print(f"Benchmark: {size:,} processes, {_runs(size, args.runs)} runs ...", flush=True)
            results[size] = bench_size(size, _runs(size, args.runs), args.seed, args.work_root, args.check_only)
            bench_report.write(args.readme, args.json, {size: results[size]})
    except BenchError as error:
        print(f"The benchmark stopped: {error}", file=sys.stderr)
        return 1
    print(bench_report.render({str(size): entry for size, entry in results.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
