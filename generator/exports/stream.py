"""One pass over the published records for every export that has a row per process.

Each record is resolved once (``Publication.record``) and its spreadsheet row computed once; the
exports (JSON, CSV, XLSX, feed) each take the item and write it to their own temporary file, so no
export holds every row. Only when every record went well are the files put in place (each atomically);
an error removes every temporary file and leaves the previous outputs as they were.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.exports.table import Cell, columns, row
from generator.publication import ProcessRecord, Publication


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One published process as the exports read it: the shared record and its spreadsheet row."""

    record: ProcessRecord
    row: list[Cell]


class StreamedExport(Protocol):
    """Opens its files through ``stack`` (``generator.files.atomic_output``) when made."""

    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack) -> None: ...

    def add(self, item: ExportItem) -> None: ...

    def finish(self) -> None: ...


def stream_exports(ctx: Publication, out_dir: Path, kinds: tuple[type[StreamedExport], ...]) -> None:
    """Every export of ``kinds`` from one pass over the published processes, sorted by id."""
    cols = columns()
    with ExitStack() as stack:
        exports = [kind(ctx, out_dir, stack) for kind in kinds]
        for pp in sorted(ctx.published, key=lambda p: p.id):
            record = ctx.record(pp)
            item = ExportItem(record, row(ctx, cols, record))
            for export in exports:
                export.add(item)
        for export in exports:
            export.finish()
