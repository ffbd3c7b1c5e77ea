"""The static API, the feed and the schema, written from the published catalogue without mkdocs.

Stable URLs (documented on the site's "Åbne data" page, see ``generator.urls``):

    api/processes.json                        {"processes": [...], "count", "audience", "hourly_rate_dkk"}
    api/processes/<municipality>/<slug>.json  one record
    api/processes.csv                         UTF-8 with BOM, ';'-separated, Danish headings
    api/processes.xlsx                        sheet "Processer", Danish headings
    feed.xml                                  Atom feed of new and changed processes
    schema/process.schema.json                JSON Schema of a process file

Everything is written from a :class:`generator.publication.Publication`, deterministically (sorted
keys, records sorted by id, fixed timestamps inside the XLSX) and atomically. The exporters are
listed in :data:`EXPORTERS`, in the order they run; adding an export means adding it there.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from generator.exports.api_json import write_json
from generator.exports.feed import write_feed
from generator.exports.schema import write_schema
from generator.exports.spreadsheets import write_csv, write_xlsx
from generator.publication import Publication

Exporter = Callable[[Publication, Path], None]

EXPORTERS: tuple[Exporter, ...] = (write_json, write_csv, write_xlsx, write_schema, write_feed)


def write_exports(publication: Publication, out_dir: Path) -> None:
    """Every export of the static API, the feed and the schema, into ``out_dir``."""
    for exporter in EXPORTERS:
        exporter(publication, out_dir)
