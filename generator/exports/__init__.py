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
folder, whose exports are reused when their inputs have not changed; otherwise the bytes of every
process whose inputs have not changed (its JSON text, CSV line, record file and the compressed pieces
of unchanged sheet rows) are copied or linked from there (``generator.exports.layout``).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from generator.exports.api_json import JsonExport
from generator.exports.feed import FeedExport
from generator.exports.layout import SOURCES, Layout, Placed, cache_file, read_layout, write_layout
from generator.exports.schema import write_schema
from generator.exports.spreadsheets import CsvExport, XlsxExport
from generator.exports.stream import StreamedExport, stream_exports
from generator.exports import unchanged
from generator.exports.unchanged import DIGEST_FILE, inputs_digest, process_keys, record_outputs, reuse_previous
from generator.files import write_text_atomic
from generator.linked_files import PreviousSite, save_manifest
from generator.publication import Publication

STREAMED: tuple[type[StreamedExport], ...] = (JsonExport, CsvExport, XlsxExport, FeedExport)


def write_exports(publication: Publication, out_dir: Path, previous: Path | None = None, *,
                  keep_caches: bool = True) -> None:
    """Every export of the static API, the feed and the schema, into ``out_dir``.

    ``previous``: the folder of the previous build; its exports are reused when they were made from the
    same inputs (``generator.exports.unchanged``), else the exports are made with the bytes of the
    processes whose inputs did not change copied from there (``generator.exports.layout``) and new ones
    for the others. ``keep_caches=False`` (a build that is not incremental): no layout nor record of
    the outputs are written.
    """
    keys = process_keys(publication)
    digest = inputs_digest(publication, keys)
    cache = cache_file(previous if previous is not None else out_dir) if keep_caches else None
    record = cache.with_name(cache.name + ".outputs") if cache is not None else None
    if previous is None or not reuse_previous(publication, previous, out_dir, digest, record):
        # A layout only for a build that names its previous folder (``build``, ``export``): a folder
        # written once (mkdocs' own build) keeps only the small record of its outputs.
        layout_file = cache if previous is not None else None
        layout = read_layout(layout_file, previous) if layout_file is not None else None
        try:
            exports = stream_exports(publication, out_dir, _kinds(previous, layout_file, layout), keys,
                                     layout.records if layout is not None else None)
        finally:
            if layout is not None:
                layout.close()
        written = {name: found for export in exports for name, found in getattr(export, "written", {}).items()}
        if record is not None:  # read once: the record of the outputs and the layout both need them
            written.update({name: found for name in SOURCES if (found := unchanged.file_digest(out_dir / name)) is not None})
        record_outputs(publication, out_dir, digest, record, written)
        if layout_file is not None:
            _keep_layout(layout_file, exports, keys, written)
            try:  # the record files' keys and identities, for the next build to link
                save_manifest(_manifest(layout_file), previous,
                              [row for export in exports for row in getattr(export, "linked", [])])
            except OSError:
                pass  # a manifest that cannot be written only costs time: the next build writes every record
    write_schema(publication, out_dir)
    write_text_atomic(out_dir / DIGEST_FILE, digest + "\n")


def _manifest(layout_file: Path) -> Path:
    return layout_file.with_name(layout_file.name + ".records")


def _kinds(previous: Path | None, layout_file: Path | None, layout: Layout | None) -> tuple:
    """The streamed exports, given the previous build's record files and layout when there are."""
    if layout_file is None or previous is None:
        return STREAMED
    linked = PreviousSite.load(_manifest(layout_file), previous)
    return tuple(partial(kind, previous=linked, layout=layout) if kind is JsonExport else
                 partial(kind, layout=layout) if kind in (CsvExport, XlsxExport) else kind for kind in STREAMED)


def _keep_layout(path: Path, exports: list, keys: dict[str, bytes], written: dict[str, tuple[int, str]]) -> None:
    """Where this build wrote each process's bytes, for the next build (``generator.exports.layout``)."""
    json_export = next(e for e in exports if isinstance(e, JsonExport))
    csv_export = next(e for e in exports if isinstance(e, CsvExport))
    xlsx_export = next(e for e in exports if isinstance(e, XlsxExport))
    records = [(key, Placed(text, line, file)) for key, (text, file), line
               in zip(keys.values(), json_export.placed, csv_export.placed, strict=True)]
    if all(name in written for name in SOURCES):
        write_layout(path, {name: written[name] for name in SOURCES}, records, xlsx_export.pieces)
