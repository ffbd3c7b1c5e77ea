"""The spreadsheets: ``api/processes.csv`` (for Danish Excel) and ``api/processes.xlsx``.

Both have the same columns (``generator.exports.table``), read from the one row of each item, and
are written row by row as the records come (``generator.exports.stream``): the CSV is UTF-8 with BOM
and ``;``-separated; the XLSX is written as its parts (``generator.exports.xlsx_package``): one sheet
"Processer" with bold headings, fixed column widths, frozen panes and a filter, and fixed timestamps
(in the document properties and on every zip entry), so the same catalogue gives the same bytes.
The line of a process (CSV) and its sheet row (XLSX) are fragments an incremental build reuses.
"""

from __future__ import annotations

import csv
import datetime as dt
from contextlib import ExitStack
from pathlib import Path

from generator import urls
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
    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack) -> None:
        self.out = stack.enter_context(atomic_output(out_dir / urls.API_CSV))
        self.out.write((BOM + _LINES.writerow(headers(columns()))).encode("utf-8"))

    def add(self, item: ExportItem) -> None:
        self.out.write(item.fragment("csv", _csv_fragment))

    def finish(self) -> None:
        self.out.flush()


class XlsxExport:
    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack) -> None:
        out = stack.enter_context(atomic_output(out_dir / urls.API_XLSX))
        names = headers(columns())
        self.sheet = SheetWriter(out, names, len(ctx.published))
        stack.callback(self.sheet.discard)
        self.cells = RowWriter(len(names))
        self.newest = UNDATED

    def _fragment(self, item: ExportItem) -> str:
        return self.cells.fragment(item.row)

    def add(self, item: ExportItem) -> None:
        self.sheet.add(item.fragment("xlsx", self._fragment))
        changed = item.record.last_changed
        if changed is not None and changed > self.newest:
            self.newest = changed

    def finish(self) -> None:
        # The newest change in the catalogue dates the workbook, so the same catalogue gives the same bytes.
        self.sheet.finish(self.newest)
