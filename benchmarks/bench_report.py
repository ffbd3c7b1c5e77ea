"""The benchmark's results as JSON and as the Markdown table in ``benchmarks/README.md``.

The JSON file keeps one entry per catalogue size, so a run at 50,000 (or 10,000 alone) adds to the
figures of earlier runs instead of replacing them; each entry carries its own date and machine.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from bench_measure import Figure

from generator.files import write_text_atomic

ROOT = Path(__file__).resolve().parent.parent
MEASURED_CODE = ("generator", "site_templates", "mkdocs.yml", "docs", "taxonomies")
START = "<!-- bench:start (written by benchmarks/bench.py; do not edit by hand) -->"
END = "<!-- bench:end -->"


def machine() -> dict:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return {"cores": os.cpu_count(), "memory_gb": round(memory / 2**30, 1), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.machine()}"}


def now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def ratio(subject: float, reference: float) -> float | None:
    return round(subject / reference, 2) if reference > 0 else None


def timed_row(work: str, label: str, subject: Figure, reference: Figure | None = None,
              reference_label: str = "-") -> dict:
    """One measured stage; the ratios are computed from the published (rounded) medians."""
    ours, theirs = subject.as_json(), reference.as_json() if reference else None
    return {"work": work, "label": label, "reference_label": reference_label, "subject": ours, "reference": theirs,
            "ratio_cpu": ratio(ours["cpu_s"], theirs["cpu_s"]) if theirs else None,
            "ratio_wall": ratio(ours["wall_s"], theirs["wall_s"]) if theirs else None}


def budget_row(work: str, label: str, value: float, budget: float, unit: str) -> dict:
    return {"work": work, "label": label, "reference_label": f"budget {budget:g} {unit}", "value": value,
            "budget": budget, "unit": unit, "ratio": ratio(value, budget)}


def _figure(data: dict | None) -> str:
    if not data:
        return "-"
    return f"{_seconds(data['cpu_s'])} s CPU, {_seconds(data['wall_s'])} s wall, {data['peak_mb']:.0f} MB"


def _seconds(value: float) -> str:
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _table(size: int, entry: dict) -> list[str]:
    m = entry["machine"]
    lines = [f"### {size:,} processes", "",
             f"{entry['date']}, code of main at {entry.get('commit', 'unknown commit')}; {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, {m['system']}; "
             f"median of {entry['runs']} runs, each pair in turn; load average {entry['load_before']:.1f} before, "
             f"{entry['load_after']:.1f} after.", "",
             "| work | reference, same run | reference | autoproces | ratio CPU | ratio wall |",
             "|---|---|---|---|---|---|"]
    for row in entry["rows"]:
        if "value" in row:
            lines.append(f"| {row['label']} | {row['reference_label']} | {row['budget']:g} {row['unit']} "
                         f"| {row['value']:g} {row['unit']} | {_ratio(row['ratio'])} | |")
        else:
            lines.append(f"| {row['label']} | {row['reference_label']} | {_figure(row['reference'])} "
                         f"| {_figure(row['subject'])} | {_ratio(row['ratio_cpu'])} | {_ratio(row['ratio_wall'])} |")
    return lines + [""]


def render(results: dict) -> str:
    lines = []
    for size, entry in sorted(results.items(), key=lambda item: int(item[0])):
        lines += _table(int(size), entry)
    return "\n".join(lines)


def write(readme: Path, json_path: Path, new: dict[int, dict]) -> dict:
    """Merge the new sizes into the JSON file and rewrite the table between the markers of the README."""
    results = {}
    if json_path.exists():
        results = json.loads(json_path.read_text(encoding="utf-8")).get("results", {})
    results.update({str(size): entry for size, entry in new.items()})
    data = {"results": results}
    write_text_atomic(json_path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    text = readme.read_text(encoding="utf-8") if readme.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START not in text or END not in text:
        text = text.rstrip("\n") + f"\n\n{START}\n{END}\n"
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    write_text_atomic(readme, f"{head}{START}\n{render(results)}{END}{tail}")
    return data


def entry(rows: list[dict], runs: int, load_before: float, measured: str) -> dict:
    """One size's results; ``measured`` is :func:`commit` as it was when the measurements started."""
    return {"date": now(), "commit": measured, "machine": machine(), "runs": runs,
            "load_before": round(load_before, 2), "load_after": round(os.getloadavg()[0], 2), "rows": rows}


def commit() -> str:
    """The commit of main whose code was measured (main is never rewritten, so it stays findable), marked
    when the measured code (the generator, templates, configuration, lists) differs from it."""
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else ""

    base = git("merge-base", "HEAD", "main") or git("rev-parse", "HEAD")
    if not base:
        return "unknown commit"
    changed = git("diff", "--name-only", base, "--", *MEASURED_CODE)
    return f"{base[:12]} with changes to the measured code" if changed else base[:12]
