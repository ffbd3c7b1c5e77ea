"""The spreadsheets: ``api/processes.csv`` (for Danish Excel) and ``api/processes.xlsx``.

Both have the same columns (``generator.exports.table``). The CSV is UTF-8 with BOM and
``;``-separated; the XLSX has one sheet "Processer" with fixed timestamps, so the same catalogue
gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from generator import urls
from generator.exports.table import Cell, table
from generator.files import write_bytes_atomic
from generator.formatting import plain_number_da
from generator.publication import Publication

SHEET_NAME = "Processer"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


def csv_bytes(ctx: Publication) -> bytes:
    headers, rows = table(ctx)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(ctx: Publication, stamp: dt.datetime) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    headers, rows = table(ctx)
    workbook = Workbook(write_only=True)  # streams rows: fast and small for thousands of processes
    sheet = workbook.create_sheet(SHEET_NAME)
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(len(header), 12), 40)
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"
    bold = Font(bold=True)
    heading_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = bold
        heading_cells.append(cell)
    sheet.append(heading_cells)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, str):
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value))
                cell.data_type = "s"  # never a formula, whatever the text starts with
            else:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    workbook.properties.creator = "autoproces"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _normalise_zip(buffer.getvalue(), stamp)


_TIMESTAMP = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _normalise_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Fixed timestamps inside and on the zip entries, so the same catalogue gives the same bytes."""
    text_stamp = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _TIMESTAMP.sub(lambda m: m.group(1) + text_stamp + m.group(2), content.decode("utf-8")).encode()
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def build_stamp(ctx: Publication) -> dt.datetime:
    """The newest change in the catalogue (a fixed date when nothing is dated)."""
    dates = [d for d in (ctx.updated(pp) for pp in ctx.published) if d is not None]
    newest = max(dates, default=dt.date(2000, 1, 1))
    return dt.datetime(newest.year, newest.month, newest.day)


def write_csv(ctx: Publication, out_dir: Path) -> None:
    write_bytes_atomic(out_dir / urls.API_CSV, csv_bytes(ctx))


def write_xlsx(ctx: Publication, out_dir: Path) -> None:
    write_bytes_atomic(out_dir / urls.API_XLSX, xlsx_bytes(ctx, build_stamp(ctx)))
