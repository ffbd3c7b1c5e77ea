"""``benchmarks/bench.py`` end to end on a small catalogue, and the synthetic catalogue it measures."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from generator.taxonomies import load_taxonomies
from tests.conftest import ROOT, run_cli

import bench_report  # noqa: E402  (benchmarks/ is put on sys.path by conftest.py)
from bench_browser import TYPED_QUERIES  # noqa: E402
from synthetic import synthetic_records, write_catalogue  # noqa: E402

ROWS = ["check", "check_changed_1", "check_changed_10", "build", "build_incremental", "preview_rebuild",
        "search_payload", "keystroke_p95"]
TIMED = {"check", "check_changed_1", "check_changed_10", "build", "build_incremental", "preview_rebuild"}
WITH_REFERENCE = {"check", "build"}


@pytest.mark.browser
def test_the_benchmark_measures_every_stage_writes_the_table_and_removes_its_folder(tmp_path):
    readme, results, work = tmp_path / "README.md", tmp_path / "results.json", tmp_path / "work"
    work.mkdir()
    readme.write_text("# Benchmarks\n\nIntro.\n\n" + bench_report.START + "\nold table\n" + bench_report.END
                      + "\n\nAfter.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--sizes", "30", "--runs", "1",
                           "--readme", str(readme), "--json", str(results), "--work-root", str(work)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    assert list(work.iterdir()) == []  # the temporary catalogue, site and reference are gone

    entry = json.loads(results.read_text(encoding="utf-8"))["results"]["30"]
    assert [row["work"] for row in entry["rows"]] == ROWS
    assert entry["runs"] == 1 and entry["machine"]["cores"] >= 1 and entry["machine"]["python"]
    assert re.fullmatch(r"[0-9a-f]{12}( with changes to the measured code)?", entry["commit"])
    for row in entry["rows"]:
        if row["work"] in TIMED:
            subject = row["subject"]
            assert len(subject["samples"]) == 1 and subject["cpu_s"] > 0 and subject["wall_s"] > 0
            assert subject["peak_mb"] > 10
        if row["work"] in WITH_REFERENCE:
            reference = row["reference"]
            assert row["ratio_cpu"] == round(row["subject"]["cpu_s"] / reference["cpu_s"], 2)
            assert row["ratio_wall"] == round(row["subject"]["wall_s"] / reference["wall_s"], 2)
        elif row["work"] in TIMED:
            assert row["reference"] is None and row["ratio_cpu"] is None
        else:
            assert row["value"] > 0 and row["ratio"] == round(row["value"] / row["budget"], 2)
    payload = next(row for row in entry["rows"] if row["work"] == "search_payload")
    assert payload["value"] == round(entry["search"]["payload_gzip_bytes"] / 1000, 1)
    assert all(p["files"] > 0 for p in entry["search"]["payloads"])
    for p in entry["search"]["payloads"]:  # the breakdown adds up, and names the bundle and the index files
        assert sum(p["by_kind"].values()) == p["gzip_bytes"]
        assert {"search-bundle", "manifest", "kort", "fuld", "dok"} <= set(p["by_kind"]), p["by_kind"]
    assert entry["search"]["keystrokes"] == sum(len(q) for q in TYPED_QUERIES)

    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nIntro.\n\n") and text.endswith("\n\nAfter.\n")
    assert "old table" not in text and "### 30 processes" in text
    check = next(row for row in entry["rows"] if row["work"] == "check")
    line = next(line for line in text.splitlines() if line.startswith("| `autoproces check` of 30 files |"))
    assert line.split(" | ")[-2:] == [f"{check['ratio_cpu']:.2f}x", f"{check['ratio_wall']:.2f}x |"]
    assert len([line for line in text.splitlines() if re.match(r"\| (?!work|---)", line)]) == len(ROWS)


def test_a_new_size_is_added_to_the_figures_of_earlier_runs(tmp_path):
    readme, results = tmp_path / "README.md", tmp_path / "results.json"
    row = bench_report.budget_row("search_payload", "search", 50.0, 100, "kB")
    bench_report.write(readme, results, {1000: bench_report.entry([row], 3, 1.0, "0123456789ab")})
    bench_report.write(readme, results, {30: bench_report.entry([row], 1, 2.0, "0123456789ab")})
    assert list(json.loads(results.read_text(encoding="utf-8"))["results"]) == ["1000", "30"]
    text = readme.read_text(encoding="utf-8")
    assert text.index("### 30 processes") < text.index("### 1,000 processes")
    assert "| search | budget 100 kB | 100 kB | 50 kB | 0.50x | |" in text


def test_the_synthetic_catalogue_is_valid_danish_text_with_codes_from_the_real_lists(tmp_path):
    lists = load_taxonomies(ROOT / "taxonomies")
    records = synthetic_records(250, seed=3, taxonomies=lists)
    codes = {name: {t.code for t in lists[name] if t.active} for name in ("kle", "form", "it_systems", "technologies")}
    for process_id, data in records:
        assert process_id.split("/")[0] in {t.code for t in lists["municipalities"]}
        assert len(data["title"]) <= 65 and len(data["short_description"]) <= 140
        assert 80 <= len(data["long_description"].split()) <= 250
        assert data.get("kle", "00.01.00") in codes["kle"]
        assert data.get("form") is None or data["form"] in codes["form"]
        assert set(data.get("it_systems", [])) <= codes["it_systems"]
        assert set(data.get("technologies", [])) <= codes["technologies"]
    assert sum("umbrellas" in data for _, data in records) >= 10
    assert sum("derived_from" in data for _, data in records) >= 5
    assert any(re.search("[æøå]", data["long_description"]) for _, data in records)

    write_catalogue(tmp_path / "processes", 250, seed=3, taxonomies=lists)
    done = run_cli("--taxonomies", str(ROOT / "taxonomies"), "check", "processes", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0, done.stdout[-2000:]
    assert json.loads(done.stdout) == []  # no error and no warning: the build of it succeeds


POOL = """
import multiprocessing, sys, time
def hold(_):
    block = bytearray(120 * 2**20)
    block[::4096] = b"x" * len(block[::4096])  # touch every page, so it is resident
    time.sleep(0.5)
    return 1
if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(2) as pool:
        sys.exit(0 if sum(pool.map(hold, range(2), chunksize=1)) == 2 else 1)
"""


def test_peak_memory_counts_every_worker_of_a_process_pool(tmp_path):
    from bench_measure import measure

    script = tmp_path / "pool.py"
    script.write_text(POOL, encoding="utf-8")
    sample = measure([sys.executable, str(script)], tmp_path)
    # Two workers hold 120 MB each at the same time; the largest single process holds one block.
    assert sample.peak_mb >= 230
