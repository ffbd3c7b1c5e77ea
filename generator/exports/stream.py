"""One pass over the published records for every export that has a row per process.

Each record is resolved once (``Publication.record``) and its spreadsheet row computed once, when an
export first needs it; the exports (JSON, CSV, XLSX, feed) each take the item and write it to their own
temporary file, so no export holds every row. What an export writes for one process is a *fragment*
(the record's JSON text, its CSV line, its sheet row), made once per item through
:meth:`ExportItem.fragment`; an incremental build hands in where the previous build wrote the bytes of
each process whose inputs did not change (``generator.exports.layout``), and the exports copy those
instead of making them again.
Only when every record went well are the files put in place (each atomically); an error removes every
temporary file and leaves the previous outputs as they were.
"""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import Callable, Mapping, Protocol

from generator.exports.layout import Placed
from generator.exports.table import Cell, Column, columns, row
from generator.publication import ProcessRecord, Publication

Fragments = dict[str, bytes]  # kind ("json", "csv", "xlsx") -> what that export writes for one process, UTF-8


class ExportItem:
    """One published process as the exports read it: the shared record, its row and its fragments.

    ``placed``: where the previous build wrote this process's bytes, when its inputs are the same."""

    __slots__ = ("ctx", "record", "key", "placed", "fragments", "_columns", "_row")

    def __init__(self, ctx: Publication, cols: list[Column], record: ProcessRecord, key: bytes = b"",
                 placed: Placed | None = None) -> None:
        self.record, self.key = record, key  # key: the hash of the process's inputs (``exports.unchanged``)
        self.placed = placed
        self.fragments: Fragments = {}
        self.ctx, self._columns, self._row = ctx, cols, None

    @property
    def row(self) -> list[Cell]:
        """The spreadsheet row (``generator.exports.table``), computed once."""
        if self._row is None:
            self._row = row(self.ctx, self._columns, self.record)
        return self._row

    def fragment(self, kind: str, make: Callable[[ExportItem], str]) -> bytes:
        """The fragment ``kind`` of this process in UTF-8, ``make(self)`` (once)."""
        data = self.fragments.get(kind)
        if data is None:
            data = self.fragments[kind] = make(self).encode("utf-8")
        return data


class StreamedExport(Protocol):
    """Opens its files through ``stack`` (``generator.files.atomic_output``) when made."""

    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack) -> None: ...

    def add(self, item: ExportItem) -> None: ...

    def finish(self) -> None: ...


def stream_exports(ctx: Publication, out_dir: Path, kinds: tuple[type[StreamedExport], ...],
                   keys: Mapping[str, bytes] | None = None,
                   placed: Mapping[bytes, Placed] | None = None) -> list[StreamedExport]:
    """Every export of ``kinds`` from one pass over the published processes, sorted by id.

    ``keys``: each process's inputs key by id; ``placed``: where the previous build wrote the bytes of a
    process, by key. Returns the exports, finished, their files in place.
    """
    cols = columns()
    placed = placed or {}
    with ExitStack() as stack:
        exports = [kind(ctx, out_dir, stack) for kind in kinds]
        for pp in sorted(ctx.published, key=lambda p: p.id):
            key = keys.get(pp.id, b"") if keys else b""
            item = ExportItem(ctx, cols, ctx.record(pp), key, placed.get(key) if key else None)
            for export in exports:
                export.add(item)
        for export in exports:
            export.finish()
    return exports
