"""Read the curated lists straight from their source YAML, for ``check`` and ``build``.

A contributor adds a missing IT-system or technology as one entry in
``taxonomies/sources/curated/it_systems.yaml`` (or ``technologies.yaml``) in the same pull request
as the process that names it. ``load_taxonomies`` calls :func:`apply_curated_sources`, so the new
entry counts at once, without ``autoproces taxonomies build``. Every mistake in those files is a
finding (AP413-AP417) with its file, line and column; entries with a mistake are left out.

The cached ``<list>.json`` stays the list that KITOS refreshes write into: an item that came from
KITOS (it has a ``kitos_uuid``) is kept as cached; every other item is taken from the source.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from generator.diagnostics import Finding
from generator.loading import Document, load_document
from generator.taxonomies.curated import Problem, read_systems, read_technologies

CURATED_DIR = Path("sources") / "curated"
FILES = {"it_systems": "it_systems.yaml", "technologies": "technologies.yaml"}
TABLES = {"it_systems": "systems", "technologies": "technologies"}


def _finding(doc: Document, table: str, problem: Problem) -> Finding:
    if problem.slug is None:
        line, column = doc.line_column((problem.key,) if problem.key else (), key=True)
    elif problem.key is None:
        line, column = doc.line_column((table, problem.slug), key=True)
    elif (table, problem.slug, problem.key) in doc.value_positions:
        line, column = doc.line_column((table, problem.slug, problem.key))
    else:  # a missing field: the entry's own line, not the first field it has
        line, column = doc.line_column((table, problem.slug), key=True)
    return Finding.make(problem.rule, doc.path, line, column, **problem.params)


def read_curated_file(path: Path, list_name: str) -> tuple[list[dict] | None, list[Finding]]:
    """(the valid cache items, the findings); items are None when the file cannot be used at all."""
    doc = load_document(path)
    if doc.data is None:
        return None, list(doc.findings)
    items: Any
    if list_name == "it_systems":
        by_slug, problems = read_systems(doc.data)
        items = list(by_slug.values())
    else:
        items, problems = read_technologies(doc.data)
    findings = list(doc.findings) + [_finding(doc, TABLES[list_name], p) for p in problems]
    unusable = any(p.slug is None for p in problems)
    return (None if unusable else items), findings


def merge_items(cached: list[dict], curated: list[dict]) -> list[dict]:
    """The cached items with every curated item added or replacing its curated-origin copy."""
    merged = {str(item["code"]): item for item in cached}
    for item in curated:
        existing = merged.get(item["code"])
        if existing is not None and existing.get("kitos_uuid") and not item.get("kitos_uuid"):
            continue  # refreshed from KITOS: the cache is newer than the hand-written entry
        merged[item["code"]] = item
    return list(merged.values())


def _cached_from(directory: Path, list_name: str, path: Path) -> bool:
    """True when the cache was built from exactly these bytes (its manifest records their checksum)."""
    try:
        manifest = json.loads((directory / f"{list_name}.manifest.json").read_text(encoding="utf-8"))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except (OSError, ValueError):
        return False
    name = (CURATED_DIR / path.name).as_posix()
    sources = manifest.get("sources") if isinstance(manifest, dict) else None
    return any(isinstance(s, dict) and s.get("file") == name and s.get("sha256") == digest for s in sources or [])


def apply_curated_sources(raw: dict[str, list[dict]], directory: Path) -> list[Finding]:
    """Merge the curated source files under ``directory`` into ``raw`` (list -> items); the findings.

    A source file whose checksum is the one the cache was built from is not read again (the cache
    build stops on any mistake, so such a file has none): the usual check costs one hash.
    """
    findings: list[Finding] = []
    for list_name, file_name in FILES.items():
        path = directory / CURATED_DIR / file_name
        if not path.is_file() or (list_name in raw and _cached_from(directory, list_name, path)):
            continue
        items, found = read_curated_file(path, list_name)
        findings += found
        if items is not None:
            raw[list_name] = merge_items(raw.get(list_name, []), items)
    return findings
