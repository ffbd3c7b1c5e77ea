"""The spreadsheets: ``api/processes.csv`` (for Danish Excel) and ``api/processes.xlsx``.

Both have the same columns (``generator.exports.table``), read from the one row of each item, and
are written row by row as the records come (``generator.exports.stream``): the CSV is UTF-8 with BOM
and ``;``-separated; the XLSX is written as its parts (``generator.exports.xlsx_package``): one sheet
"Processer" with bold headings, fixed column widths, frozen panes and a filter, and fixed timestamps
(in the document properties and on every zip entry), so the same catalogue gives the same bytes.
The line of a process (CSV) and its sheet row (XLSX) are fragments; an incremental build copies the
lines of unchanged processes from the previous CSV, and the compressed pieces of unchanged rows from the
previous workbook (``generator.exports.layout``).

The sheet's rows are compressed in pieces of about :data:`PIECE_ROWS` rows: a piece ends after a
process whose id's CRC-32 is a multiple of :data:`PIECE_ROWS` (or at :data:`MAX_PIECE_ROWS`), so where
pieces end depends only on the ids, and a piece is the same as the previous build's when it starts at
the same row and holds the same processes with the same inputs (its id, :func:`piece_id`).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import zlib
from contextlib import ExitStack
from pathlib import Path

from generator import urls
from generator.exports.layout import Layout, Piece, Spliced
from generator.exports.stream import ExportItem
from generator.exports.table import Cell, columns, headers
from generator.exports.xlsx_cells import RowWriter
from generator.exports.xlsx_package import SHEET_NAME, SheetWriter
from generator.files import atomic_output
from generator.formatting import plain_number_da
from generator.publication import Publication

__all__ = ["SHEET_NAME", "CsvExport", "XlsxExport"]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UNDATED = dt.date(2000, 1, 1)
BOM = "\ufeff"
PIECE_ROWS = 64
MAX_PIECE_ROWS = 4 * PIECE_ROWS


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, (int, float)):
        return plain_number_da(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    # A spreadsheet runs a cell that starts with '=' (and friends) as a formula; an apostrophe stops it.
    return "'" + text if text.startswith(FORMULA_START) else text


class _Line:
    """What ``csv.writer`` writes, handed back: ``writerow`` returns the line."""

    @staticmethod
    def write(text: str) -> str:
        return text


_LINES = csv.writer(_Line(), delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")


def csv_line(cells: list[Cell]) -> str:
    """One CSV line (with its ``\\r\\n``) of these cells."""
    return _LINES.writerow([_csv_cell(value) for value in cells])


def _csv_fragment(item: ExportItem) -> str:
    return csv_line(item.row)


class CsvExport:
    """``processes.csv``; :attr:`placed` says where each process's line went (place, length)."""

    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack, layout: Layout | None = None) -> None:
        self.out = Spliced(stack.enter_context(atomic_output(out_dir / urls.API_CSV)), layout, urls.API_CSV)
        self.out.write((BOM + _LINES.writerow(headers(columns()))).encode("utf-8"))
        self.placed: list[tuple[int, int]] = []

    def add(self, item: ExportItem) -> None:
        if item.placed is not None:
            self.placed.append((self.out.copy(b"", *item.placed.csv), item.placed.csv[1]))
        else:
            line = item.fragment("csv", _csv_fragment)
            self.placed.append((self.out.write(line), len(line)))

    def finish(self) -> None:
        self.out.close()


def piece_id(first_row: int, keys: list[bytes]) -> bytes:
    """What a piece of sheet rows is made from: the row it starts at and its processes' inputs keys."""
    digest = hashlib.sha256(b"autoproces-sheet-rows-1\0%d\0%d\0" % (first_row, len(keys)))
    for key in keys:
        digest.update(key)
    return digest.digest()


class XlsxExport:
    """``processes.xlsx``; :attr:`pieces` gives each piece of rows by its id, for the next build's layout."""

    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack, layout: Layout | None = None) -> None:
        out = stack.enter_context(atomic_output(out_dir / urls.API_XLSX))
        names = headers(columns())
        self.sheet = SheetWriter(out, names, len(ctx.published))
        self.cells = RowWriter(len(names))
        self.newest = UNDATED
        self.layout = layout
        self._waiting: list[ExportItem] = []  # the rows of the piece being gathered
        self._ids: list[bytes] = []

    def _fragment(self, item: ExportItem) -> str:
        return self.cells.fragment(item.row)

    def add(self, item: ExportItem) -> None:
        self._waiting.append(item)
        changed = item.record.last_changed
        if changed is not None and changed > self.newest:
            self.newest = changed
        if len(self._waiting) >= MAX_PIECE_ROWS or zlib.crc32(item.record.id.encode()) % PIECE_ROWS == 0:
            self._end_piece()

    def _end_piece(self) -> None:
        items, self._waiting = self._waiting, []
        if not items:
            return
        identity = piece_id(self.sheet.next_row, [item.key for item in items])
        known = self.layout.pieces.get(identity) if self.layout is not None and all(len(i.key) == 32 for i in items) \
            else None
        if known is not None:
            self.sheet.add_piece(self.layout.read(urls.API_XLSX, known.at, known.length), known.size, known.crc,
                                 len(items))
        else:
            self.sheet.add_rows([item.fragment("xlsx", self._fragment) for item in items])
        self._ids.append(identity)

    @property
    def pieces(self) -> list[tuple[bytes, Piece]]:
        return [(identity, Piece(*placed)) for identity, placed in zip(self._ids, self.sheet.pieces)]

    def finish(self) -> None:
        self._end_piece()
        # The newest change in the catalogue dates the workbook, so the same catalogue gives the same bytes.
        self.sheet.finish(self.newest)
