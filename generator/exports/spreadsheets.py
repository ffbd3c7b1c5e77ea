"""The spreadsheets: ``api/processes.csv`` (for Danish Excel) and ``api/processes.xlsx``.

Both have the same columns (``generator.exports.table``) and are written row by row as the records
come (``generator.exports.stream``): the CSV is UTF-8 with BOM and ``;``-separated; the XLSX is
openpyxl's write-only workbook (rows go to a temporary file as they are added), one sheet "Processer"
with bold headings, fixed column widths, frozen panes and a filter, and fixed timestamps (in the
document properties and on every zip entry), so the same catalogue gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import zipfile
from contextlib import ExitStack
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from generator import urls
from generator.exports.stream import ExportItem
from generator.exports.table import Cell, columns, headers
from generator.files import atomic_output
from generator.formatting import plain_number_da
from generator.publication import Publication

SHEET_NAME = "Processer"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
UNDATED = dt.date(2000, 1, 1)


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


class CsvExport:
    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack) -> None:
        binary = stack.enter_context(atomic_output(out_dir / urls.API_CSV))
        self.text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="", write_through=True)
        stack.callback(self.text.detach)  # the binary file is closed by atomic_output, not by the wrapper
        self.writer = csv.writer(self.text, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
        self.writer.writerow(headers(columns()))

    def add(self, item: ExportItem) -> None:
        self.writer.writerow([_csv_cell(v) for v in item.row])

    def finish(self) -> None:
        self.text.flush()


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry the same date and mode, whatever the clock and the umask say."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        super().writestr(_entry(zinfo_or_arcname), data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        with open(filename, "rb") as source, self.open(_entry(arcname or str(filename)), "w") as target:
            shutil.copyfileobj(source, target, 1 << 20)


def _entry(name: str | zipfile.ZipInfo) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name.filename if isinstance(name, zipfile.ZipInfo) else name,
                            date_time=(1980, 1, 1, 0, 0, 0))
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


class XlsxExport:
    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack) -> None:
        self.out = stack.enter_context(atomic_output(out_dir / urls.API_XLSX))
        self.workbook = Workbook(write_only=True)
        self.sheet = self.workbook.create_sheet(SHEET_NAME)
        names = headers(columns())
        for index, header in enumerate(names, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = min(max(len(header), 12), 40)
        self.sheet.freeze_panes = "C2"
        self.sheet.auto_filter.ref = f"A1:{get_column_letter(len(names))}{len(ctx.published) + 1}"
        self.sheet.append([self._heading(header) for header in names])
        stack.callback(self._discard)
        self.newest = UNDATED

    def _heading(self, header: str):
        cell = WriteOnlyCell(self.sheet, value=header)
        cell.font = Font(bold=True)
        return cell

    def add(self, item: ExportItem) -> None:
        self.sheet.append([self._cell(value) for value in item.row])
        changed = item.record.last_changed
        if changed is not None and changed > self.newest:
            self.newest = changed

    def _cell(self, value: Cell):
        if isinstance(value, str):
            text = ILLEGAL_CHARACTERS_RE.sub("", value)
            if not text.startswith("=") and text not in ERROR_CODES:
                return text  # openpyxl writes it as a plain text cell
            cell = WriteOnlyCell(self.sheet, value=text)
            cell.data_type = "s"  # never a formula or an error value, whatever the text says
            return cell
        if isinstance(value, dt.date):
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.number_format = "yyyy-mm-dd"
            return cell
        return value

    def finish(self) -> None:
        # The newest change in the catalogue dates the workbook, so the same catalogue gives the same bytes.
        stamp = dt.datetime(self.newest.year, self.newest.month, self.newest.day)
        self.workbook.properties.creator = "autoproces"
        self.workbook.properties.created = self.workbook.properties.modified = stamp
        ExcelWriter(self.workbook, _FixedTimeZip(self.out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()

    def _discard(self) -> None:
        """Remove the rows' temporary file when the workbook was never saved (an error on the way)."""
        if not self.sheet.closed:
            self.sheet.close()
            self.sheet._writer.cleanup()
