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
record is resolved once and its spreadsheet row computed once, whatever number of exports read it;
the file of each record is written afterwards. An incremental build passes the previous build's
folder, whose exports are reused when their inputs have not changed, and otherwise the fragments
(each record's JSON text, CSV line and sheet row) of every process whose inputs have not changed.
"""

from __future__ import annotations

from contextlib import ExitStack
from functools import partial
from pathlib import Path

from generator.exports.api_json import JsonExport
from generator.exports.feed import FeedExport
from generator.exports.fragments import cache_file, open_fragments, read_fragments
from generator.exports.schema import write_schema
from generator.exports.spreadsheets import CsvExport, XlsxExport
from generator.exports.stream import StreamedExport, stream_exports
from generator.exports.unchanged import DIGEST_FILE, inputs_digest, process_keys, record_outputs, reuse_previous
from generator.files import write_text_atomic
from generator.linked_files import PreviousSite, save_manifest
from generator.publication import Publication

STREAMED: tuple[type[StreamedExport], ...] = (JsonExport, CsvExport, XlsxExport, FeedExport)


def write_exports(publication: Publication, out_dir: Path, previous: Path | None = None, *,
                  keep_caches: bool = True) -> None:
    """Every export of the static API, the feed and the schema, into ``out_dir``.

    ``previous``: the folder of the previous build; its exports are reused when they were made from the
    same inputs (``generator.exports.unchanged``), else the exports are made from the fragments of the
    processes whose inputs did not change (``generator.exports.fragments``) and new ones for the others.
    ``keep_caches=False`` (a build that is not incremental): no fragments nor record of the outputs are written.
    """
    keys = process_keys(publication)
    digest = inputs_digest(publication, keys)
    cache = cache_file(previous if previous is not None else out_dir) if keep_caches else None
    record = cache.with_name(cache.name + ".outputs") if cache is not None else None
    if previous is None or not reuse_previous(publication, previous, out_dir, digest, record):
        # Fragments only for a build that names its previous folder (``build``, ``export``): a folder
        # written once (mkdocs' own build) keeps only the small record of its outputs.
        fragments = cache if previous is not None else None
        linked = cache.with_name(cache.name + ".records") if fragments is not None else None
        kinds = STREAMED if linked is None else \
            tuple(partial(kind, previous=PreviousSite.load(linked, previous)) if kind is JsonExport else kind
                  for kind in STREAMED)
        with ExitStack() as stack:  # the new fragments are kept as they are made, in place when all went well
            keep = open_fragments(stack, fragments)
            exports = stream_exports(publication, out_dir, kinds, keys, read_fragments(fragments), keep)
        written = {name: found for export in exports for name, found in getattr(export, "written", {}).items()}
        record_outputs(publication, out_dir, digest, record, written)
        if linked is not None:  # the record files' keys and identities, for the next build to link
            try:
                save_manifest(linked, previous, [row for export in exports for row in getattr(export, "linked", [])])
            except OSError:
                pass  # a manifest that cannot be written only costs time: the next build writes every record
    write_schema(publication, out_dir)
    write_text_atomic(out_dir / DIGEST_FILE, digest + "\n")
