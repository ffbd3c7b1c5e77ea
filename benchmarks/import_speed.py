"""How long ``autoproces import os2autoproces --json`` takes for a municipality-sized migration.

Run from the project root::

    .venv/bin/python benchmarks/import_speed.py [--records 2000] [--page-size 100]

The recorded API pages of the tests (``tests/importers/recorded/api``) are multiplied into
``--records`` public processes with their own ids and titles, spread over several municipalities,
and written as HAL pages into a temporary project with the real lists. The script times the real
command in a subprocess three times: the first import (every file new, the real check afterwards),
a second import of the same pages (every file unchanged) and a ``--dry-run``.
"""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "importers" / "recorded" / "api" / "processes-page-0.json"
CVRS = ["55133018", "35209115", "29189978", "29189420"]  # Aarhus, Odense, Syddjurs, Aalborg


def _pages(records: int, page_size: int) -> list[dict]:
    template = json.loads(PAGE.read_text(encoding="utf-8"))["_embedded"]["processes"][1]
    template["parents"] = []
    items = []
    for number in range(records):
        item = copy.deepcopy(template)
        item["id"] = 10_000 + number
        item["title"] = f"Journalisering af lægeerklæringer nr. {number}"
        item["cvr"] = CVRS[number % len(CVRS)]
        items.append(item)
    chunks = [items[i:i + page_size] for i in range(0, len(items), page_size)]
    return [{"_embedded": {"processes": chunk}, "_links": {},
             "page": {"size": page_size, "totalElements": records, "totalPages": len(chunks), "number": n}}
            for n, chunk in enumerate(chunks)]


def _run(project: Path, files: list[str], *extra: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "import", "os2autoproces", "--json", *files, *extra],
                   cwd=project, capture_output=True, text=True, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--page-size", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "taxonomies", project / "taxonomies")
        (project / "processes").mkdir()
        files = []
        for number, page in enumerate(_pages(args.records, args.page_size)):
            path = project / f"side-{number}.json"
            path.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
            files.append(str(path))
        first = _run(project, files)
        written = len(list((project / "processes").rglob("*.yaml")))
        second = _run(project, files)
        dry = _run(project, files, "--dry-run")
    print(f"{args.records} poster på {len(files)} sider: {written} filer skrevet")
    print(f"første import (alle filer nye, check bagefter): {first:.2f} s")
    print(f"anden import (alle filer uændrede):             {second:.2f} s")
    print(f"prøvekørsel (--dry-run):                         {dry:.2f} s")


if __name__ == "__main__":
    main()
