"""The planned files: rendered, checked against the schema, compared with what is on disk, written.

A file whose text fails the schema is never written; its record is reported instead. Nothing is
written before everything has been read, mapped and rendered, and every file is replaced
atomically, so an interrupted import leaves each file either as it was or complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.checks.schema import validate_document
from generator.files import write_bytes_atomic
from generator.importers.plan import Placed, Plan
from generator.importers.records import Problem
from generator.importers.yaml_text import render
from generator.loading import load_bytes

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


@dataclass
class Output:
    placed: Placed
    data: bytes
    state: str


def prepare(plan: Plan, schema: str | None = None) -> tuple[list[Output], list[Problem]]:
    """Each planned file rendered (starting with the schema line to ``schema``) and checked."""
    outputs: list[Output] = []
    refused: list[Problem] = []
    for placed in plan.placed:
        if placed.path.is_symlink() or placed.path.parent.is_symlink():
            refused.append(Problem(origin=placed.mapped.origin, record_id=placed.mapped.source_id,
                                   title=placed.mapped.title, fatal=True,
                                   reason=f"{placed.path} eller dens mappe er et symbolsk link; importen skriver "
                                   "ikke gennem links. Erstat linket med en almindelig mappe eller fil"))
            continue
        text = render(placed.mapped.fields, placed.mapped.source_id, schema)
        data = text.encode("utf-8")
        state = _state(placed, data)
        # bytes equal to the file on disk are not written, so they need no second look
        findings = _schema_findings(data, placed.path) if state != UNCHANGED else []
        if findings:
            refused.append(Problem(origin=placed.mapped.origin, record_id=placed.mapped.source_id,
                                   title=placed.mapped.title, fatal=True,
                                   reason="Filen ville ikke overholde skemaet: " + "; ".join(findings)))
            continue
        outputs.append(Output(placed=placed, data=data, state=state))
    return outputs, refused


def _schema_findings(data: bytes, path: Path) -> list[str]:
    document = load_bytes(data, path)
    if document.findings:
        return [f.message for f in document.findings]
    _, findings = validate_document(document)
    return [f.message for f in findings if f.is_error]


def _state(placed: Placed, data: bytes) -> str:
    current = placed.previous or placed.path
    if not current.is_file():
        return NEW
    if placed.previous is None and current.read_bytes() == data:
        return UNCHANGED
    return UPDATED


def write(outputs: list[Output]) -> None:
    for output in outputs:
        if output.state == UNCHANGED:
            continue
        write_bytes_atomic(output.placed.path, output.data)
        previous = output.placed.previous
        if previous is not None and previous.is_file() and not previous.is_symlink():
            previous.unlink()
