"""The static API, the feed and the schema, written from the published catalogue without mkdocs.

Stable URLs (documented on the site's "Åbne data" page, see ``generator.urls``):

    api/processes.json                        {"processes": [...], "count", "audience", "hourly_rate_dkk"}
    api/processes/<municipality>/<slug>.json  one record
    api/processes.csv                         UTF-8 with BOM, ';'-separated, Danish headings
    api/processes.xlsx                        sheet "Processer", Danish headings
    feed.xml                                  Atom feed of new and changed processes
    schema/process.schema.json                JSON Schema of a process file

Everything is written from a :class:`generator.publication.Publication`, deterministically (sorted
keys, records sorted by id, fixed timestamps inside the XLSX) and atomically. The exports with a row
per process (:data:`STREAMED`) share one pass over the records (``generator.exports.stream``): each
record is resolved once and its spreadsheet row computed once, whatever number of exports read it.
The exports written after them, from the publication or from what the pass wrote, are :data:`WHOLE`. Adding an export means adding it to one of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from generator.exports.api_json import JsonExport, write_record_files
from generator.exports.feed import FeedExport
from generator.exports.schema import write_schema
from generator.exports.spreadsheets import CsvExport, XlsxExport
from generator.exports.stream import StreamedExport, stream_exports
from generator.publication import Publication

STREAMED: tuple[type[StreamedExport], ...] = (JsonExport, CsvExport, XlsxExport, FeedExport)
WHOLE: tuple[Callable[[Publication, Path], None], ...] = (write_record_files, write_schema)


def write_exports(publication: Publication, out_dir: Path) -> None:
    """Every export of the static API, the feed and the schema, into ``out_dir``."""
    stream_exports(publication, out_dir, STREAMED)
    for exporter in WHOLE:
        exporter(publication, out_dir)
