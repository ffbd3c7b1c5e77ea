"""The check of a whole catalogue for a build: each file's own rules in the pool of ``batch``, then the rules
across files.

``generator.pipeline.prepare`` reads the catalogue this way: a large catalogue is read and checked on
every core, and a serial run takes the same steps in this process, so the findings and the publication
are the same either way. An entry keeps what a build reads of its file: the process, the findings, and
for a file that did not pass the schema its YAML data; not the positions (a finding has them already).
``pipeline.load_catalogue`` (the other commands) keeps every document whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from generator.catalogue import Catalogue, Entry, find_process_files
from generator.checks import batch
from generator.checks.results_cache import ResultsCache, check_through
from generator.checks.run import cross_file_findings
from generator.diagnostics import Finding
from generator.loading import Document
from generator.taxonomies import Taxonomies


def check_catalogue(roots: list[Path], taxonomies: Taxonomies, *, overlay_roots: Iterable[Path] = (),
                    workers: int | None = None, cache: ResultsCache | None = None) -> Catalogue:
    """Every process file under the roots read and checked, as ``pipeline.load_catalogue`` does.

    With ``cache`` (an incremental build), each file's own results come from it when it has them
    (``generator.checks.results_cache``); the rules across files always see every file.
    """
    overlays = list(overlay_roots)
    all_roots = list(roots) + overlays
    files = find_process_files([r for r in all_roots if r.is_dir()], roots=all_roots)
    sources = batch.sources_of(files, all_roots, overlays)
    if cache is None:
        results = batch.check_sources(sources, taxonomies, workers=workers, keep=True)
    else:
        results = check_through(cache, sources, taxonomies, workers=workers)
    entries = [_entry(source, result) for source, result in zip(sources, results)]
    references = {i: r.references for i, r in enumerate(results) if r.references is not None}
    cross = cross_file_findings(entries, [r.facts for r in results], references, taxonomies)
    for i, found in cross.items():
        entries[i].findings.extend(found)
    for entry in entries:
        entry.findings.sort(key=Finding.sort_key)
    return Catalogue(roots=all_roots, taxonomies=taxonomies, entries=entries)


def _entry(source: batch.Source, checked: batch.Checked) -> Entry:
    entry = Entry(path=source.path, root=source.root, document=Document(path=source.path, data=checked.data),
                  process=checked.process, findings=checked.findings, overlay=source.overlay,
                  is_link=checked.is_link, shown_texts=checked.shown_texts, confidential=checked.confidential,
                  digest=checked.digest, blob=checked.blob)
    if checked.relative is not None:
        entry.__dict__["relative"] = checked.relative  # what the cached property would find, found already
    return entry
