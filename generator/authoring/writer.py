"""Turn the answers of ``autoproces new`` (or its flags) into a process file that passes the check.

The text comes from the writer every command that writes process files uses (``generator.process_text``:
fields in the model's order, a blank line between sections, codes such as ``32.18`` quoted). The file
is checked in memory with the real checks before anything is written; a file with errors is never
written, and the file is written atomically.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Mapping

from generator.catalogue import Catalogue, Entry
from generator.diagnostics import Finding
from generator.files import write_text_atomic
from generator.loading import load_bytes
from generator.model import PROCESS_FIELDS
from generator.process_text import process_text
from generator.taxonomies import Taxonomies
from generator.taxonomies.slugs import slugify

DATE_KEYS = ("put_into_operation", "decommissioned")
MAX_SLUG = 80


def slug_for(title: str) -> str:
    slug = slugify(title)[:MAX_SLUG].strip("-")
    return slug or "proces"


def process_yaml(values: Mapping[str, Any], schema: str | None) -> str:
    """The file's text as every command writes process files (``generator.process_text``): the schema
    line, then the answered fields in the model's order; empty answers are left out."""
    fields: dict[str, Any] = {}
    for key in PROCESS_FIELDS:
        value = values.get(key)
        if key == "contact" and isinstance(value, Mapping):
            value = {sub: str(item) for sub, item in value.items() if item}
        if value in (None, "", [], {}):
            continue
        fields[key] = dt.date.fromisoformat(str(value)) if key in DATE_KEYS else value
    return process_text(fields, schema=schema)


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
