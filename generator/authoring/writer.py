"""Turn the answers of ``autoproces new`` (or its flags) into a process file that passes the check.

The YAML is written by hand in the order of the model's fields, every free text as a
double-quoted JSON string (valid YAML, any character escaped), codes quoted so that ``32.18``
stays text. The file is checked in memory with the real checks before anything is written; a
file with errors is never written, and the file is written atomically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

from generator.authoring.address import modeline
from generator.catalogue import Catalogue, Entry
from generator.diagnostics import Finding
from generator.files import write_text_atomic
from generator.loading import load_bytes
from generator.model.process import Process
from generator.taxonomies import Taxonomies
from generator.taxonomies.slugs import slugify

PLAIN_KEYS = {"municipality", "phase", "status", "visibility", "run_period", "put_into_operation", "decommissioned"}
SLUG_LISTS = {"it_systems", "technologies", "domains", "services"}
MAX_SLUG = 80


def slug_for(title: str) -> str:
    slug = slugify(title)[:MAX_SLUG].strip("-")
    return slug or "proces"


def _scalar(key: str, value: Any) -> str:
    if key in PLAIN_KEYS:
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)


def process_yaml(values: Mapping[str, Any], schema: str | None) -> str:
    """The file's text: the schema line, then the given fields in the model's order."""
    lines = [modeline(schema).rstrip("\n")] if schema else []
    for key in Process.model_fields:
        value = values.get(key)
        if value in (None, "", [], {}):
            continue
        if key == "contact":
            lines.append("contact:")
            lines += [f"  {sub}: {json.dumps(str(v), ensure_ascii=False)}" for sub, v in value.items() if v]
        elif key in SLUG_LISTS:
            lines.append(f"{key}: [{', '.join(str(v) for v in value)}]")
        else:
            lines.append(f"{key}: {_scalar(key, value)}")
    return "\n".join(lines) + "\n"


def check_text(text: str, path: Path, processes: Path, taxonomies: Taxonomies) -> list[Finding]:
    """The findings the real check would report for ``text`` saved at ``path`` (nothing is written)."""
    from generator.checks.run import run_checks

    entry = Entry(path=path, root=processes, document=load_bytes(text.encode("utf-8"), path))
    catalogue = Catalogue(roots=[processes], taxonomies=taxonomies, entries=[entry])
    run_checks(catalogue)
    return entry.findings


def target_path(processes: Path, municipality: str, slug: str) -> Path:
    return processes / municipality / f"{slug}.yaml"


def write_process(path: Path, text: str) -> None:
    write_text_atomic(path, text)
