"""Build time and peak memory of ``autoproces build`` for a synthetic catalogue of N processes.

    .venv/bin/python benchmarks/site_build.py            # 2,000 processes, committed to a git repository
    .venv/bin/python benchmarks/site_build.py -n 10000 --no-git

The catalogue is written into a temporary copy of the project (config, templates, lists) with
codes taken from the real lists in ``taxonomies/``, so every file passes the check. The build runs
in a subprocess, as a user runs it; its peak resident memory is read from the kernel afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHASES = ["idea", "preanalysis", "specification", "development", "implementation", "operation"]
WORDS = ("journalisering sagsbehandling ansøgning bevilling opfølgning registrering kontrol udbetaling "
         "refusion borger virksomhed dokument brev robot data integration").split()


def _codes(name: str, predicate=lambda item: True) -> list[str]:
    path = ROOT / "taxonomies" / f"{name}.json"
    if not path.is_file():
        return []
    items = json.loads(path.read_text(encoding="utf-8"))["items"]
    return [item["code"] for item in items if (item.get("status") or "active") == "active" and predicate(item)]


def _process(i: int, rng: random.Random, lists: dict[str, list[str]], municipality: str) -> str:
    phase = PHASES[i % len(PHASES)]
    words = rng.sample(WORDS, 4)
    title = f"{words[0].capitalize()} af {words[1]} {i}"
    lines = [
        f"title: {title}",
        f"short_description: Syntetisk proces nummer {i} om {words[2]} og {words[3]}.",
        f"municipality: {municipality}",
        f"phase: {phase}",
        "status: inprogress",
        "visibility: public",
        "domains: [administration]",
        "contact:",
        "  name: Test Testesen",
        f"other_contact_email: digitalisering@{municipality}.dk",
        f"long_description: Beskrivelse af processen {i} om {' '.join(rng.sample(WORDS, 8))}.",
        f"time_spend_occurrences: {rng.randint(100, 20000)}",
        f"time_spend_per_occurrence: {rng.choice([2, 4.5, 7.5, 15])}",
        f"time_spend_percentage_digital: {rng.choice([30, 50, 80, 95])}",
    ]
    if lists["kle"]:
        lines.append(f"kle: '{rng.choice(lists['kle'])}'")
    if lists["it_systems"]:
        lines.append(f"it_systems: [{rng.choice(lists['it_systems'])}]")
    if PHASES.index(phase) >= PHASES.index("development"):
        if lists["technologies"]:
            lines.append(f"technologies: [{rng.choice(lists['technologies'])}]")
        lines += ["run_period: daily", "vendor: Egen udvikling"]
    if phase == "operation":
        lines += ["put_into_operation: 2024-01-15", "rating: 2", "automation_description: Kører hver nat."]
    return "\n".join(lines) + "\n"


def make_project(target: Path, count: int, seed: int = 7) -> Path:
    project = target / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "site_templates", "taxonomies", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("sources"))
        elif source.exists():
            shutil.copy2(source, project / name)
    rng = random.Random(seed)
    lists = {
        "kle": _codes("kle", lambda item: str(item["code"]).count(".") == 2),
        "it_systems": _codes("it_systems"),
        "technologies": _codes("technologies"),
    }
    municipalities = _codes("municipalities")[:98] or ["aarhus"]
    for i in range(count):
        municipality = municipalities[i % len(municipalities)]
        path = project / "processes" / municipality / f"syntetisk-proces-{i}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_process(i, rng, lists, municipality), encoding="utf-8")
    return project


def commit(project: Path) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Syntetisk katalog"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--count", type=int, default=2000, help="number of processes (default 2000)")
    parser.add_argument("--no-git", action="store_true", help="do not commit the catalogue (no history)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project and site")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="autoproces-bench-"))
    try:
        project = make_project(work, args.count)
        if not args.no_git:
            commit(project)
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", "site"], cwd=project,
                                capture_output=True, text=True)
        elapsed = time.monotonic() - started
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        if result.returncode != 0:
            print(result.stdout[-3000:], result.stderr[-3000:], sep="\n", file=sys.stderr)
            return 1
        pages = sum(1 for _ in (project / "site").rglob("index.html"))
        size = sum(p.stat().st_size for p in (project / "site").rglob("*") if p.is_file()) / 2**20
        print(f"processes: {args.count}  git history: {not args.no_git}")
        print(f"build time: {elapsed:.1f} s  ({elapsed / args.count * 1000:.1f} ms per process)")
        print(f"peak memory (build process): {peak_mib:.0f} MiB")
        print(f"pages: {pages}  site size: {size:.1f} MiB")
        if args.keep:
            print(f"kept: {project}")
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
