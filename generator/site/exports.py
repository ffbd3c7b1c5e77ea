"""The static API: JSON (all and one per process), CSV, XLSX and the JSON Schema.

Stable URLs (documented on the site's "Åbne data" page, see ``generator.site.urls``):

    api/processes.json                        {"processes": [...], "count", "audience", "hourly_rate_dkk"}
    api/processes/<municipality>/<slug>.json  one record
    api/processes.csv                         UTF-8 with BOM, ';'-separated, Danish headings
    api/processes.xlsx                        sheet "Processer", Danish headings
    schema/process.schema.json                JSON Schema of a process file

Everything is written from the Published catalogue (through a SiteContext), deterministically
(sorted keys, records sorted by id, fixed timestamps inside the XLSX) and atomically.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

from generator.audience import PublishedProcess
from generator.files import write_bytes_atomic, write_text_atomic
from generator.model.json_schema import process_json_schema
from generator.site import urls
from generator.site.context import SiteContext
from generator.site.export_table import Cell, table
from generator.site.feed import write_feed
from generator.site.formatting import plain_number_da

SHEET_NAME = "Processer"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def process_record(ctx: SiteContext, pp: PublishedProcess) -> dict[str, Any]:
    """A process as the audience may see it, with computed figures and resolved names."""
    resolver = ctx.resolver
    process = pp.process
    record = process.model_dump(mode="json")
    updated = ctx.updated(pp)
    record.update(
        id=pp.id,
        url=ctx.absolute_url(ctx.process_url(pp)),
        yearly_value_dkk=ctx.yearly_value(pp),
        payback_years=ctx.payback(pp),
        hourly_rate_dkk=ctx.hourly_rate,
        kle_title=resolver.kle(process.kle).title if process.kle else None,
        form_title=resolver.form(process.form).title if process.form else None,
        municipality_name=resolver.municipality(process.municipality).name,
        it_systems_resolved=[_system(ctx, s) for s in process.it_systems],
        services_resolved=[_system(ctx, s) for s in process.services],
        technologies_resolved=[{"slug": s, "name": resolver.technology(s).name} for s in process.technologies],
        last_changed=updated.isoformat() if updated else None,
    )
    return record


def _system(ctx: SiteContext, slug: str) -> dict[str, Any]:
    named = ctx.resolver.it_system(slug)
    return {"slug": slug, "name": named.name, "vendor": named.vendor}


def _json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False) + "\n"


def write_json(ctx: SiteContext, site_dir: Path) -> None:
    records = [process_record(ctx, pp) for pp in sorted(ctx.published, key=lambda p: p.id)]
    document = {
        "audience": ctx.published.audience.name,
        "count": len(records),
        "hourly_rate_dkk": ctx.hourly_rate,
        "processes": records,
    }
    write_text_atomic(site_dir / urls.API_JSON, _json(document))
    for record in records:
        write_text_atomic(site_dir / urls.API_PROCESS_DIR / f"{record['id']}.json", _json(record))


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


def csv_bytes(ctx: SiteContext) -> bytes:
    headers, rows = table(ctx)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(ctx: SiteContext, stamp: dt.datetime) -> bytes:
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


def build_stamp(ctx: SiteContext) -> dt.datetime:
    """The newest change in the catalogue (a fixed date when nothing is dated)."""
    dates = [d for d in (ctx.updated(pp) for pp in ctx.published) if d is not None]
    newest = max(dates, default=dt.date(2000, 1, 1))
    return dt.datetime(newest.year, newest.month, newest.day)


def write_exports(ctx: SiteContext, site_dir: Path) -> None:
    """Every export of the static API, the feed and the schema."""
    write_json(ctx, site_dir)
    write_bytes_atomic(site_dir / urls.API_CSV, csv_bytes(ctx))
    write_bytes_atomic(site_dir / urls.API_XLSX, xlsx_bytes(ctx, build_stamp(ctx)))
    write_text_atomic(site_dir / urls.SCHEMA, _json(process_json_schema()))
    write_feed(ctx, site_dir / urls.FEED)
