"""The findings of some files of a catalogue, exactly as a check of the whole catalogue reports them.

The requested files are checked in full. Of every other file only its facts are needed (for the
cross-file rules); they come from the cache when its bytes are known (``generator.checks.cache``),
else the file is checked in full too. With no cache at all this is the check of every file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from generator.catalogue import find_process_files
from generator.checks import batch, cache, relations
from generator.checks.run import cross_file_findings
from generator.diagnostics import Finding
from generator.loading import MAX_FILE_BYTES
from generator.taxonomies import Taxonomies


@dataclass(frozen=True)
class Selection:
    """What to check and where: the requested files, the catalogue's roots and the cache."""

    requested: Sequence[Path]
    processes: Path
    overlays: Sequence[Path] = ()
    cache_file: Path | None = None
    versions: dict[str, str] | None = None  # code and list versions the cache must match


@dataclass(frozen=True)
class Outcome:
    """The findings of the requested files (sorted, the lists' own findings included) and how they were found."""

    checked: int  # requested files
    findings: list[Finding]
    read_in_full: int  # files whose own rules ran: the requested ones, and the others the cache did not know


def check_selection(selection: Selection, taxonomies: Taxonomies) -> Outcome:
    """Check the requested files against the whole catalogue."""
    roots = [selection.processes] if selection.processes.is_dir() else []
    overlays = list(selection.overlays)
    all_roots = roots + overlays
    walked: dict[str, list[Path]] = {}
    requested = find_process_files(selection.requested, roots=[selection.processes, *overlays], walked=walked)
    files = find_process_files([r for r in all_roots if r.is_dir()] + requested, roots=all_roots, walked=walked)
    sources = batch.sources_of(files, all_roots, overlays)
    wanted = {os.path.abspath(f) for f in requested}
    known = cache.read_cache(selection.cache_file, selection.versions or {}) if selection.cache_file else {}
    results = _results(sources, wanted, known, taxonomies)
    chosen = [i for i, source in enumerate(sources) if source.located in wanted]
    references = {i: results[i].references for i in chosen if results[i].references is not None}
    cross = cross_file_findings(results, [r.facts for r in results], references, taxonomies)
    found = [f for i in chosen for f in results[i].findings + cross.get(i, [])]
    found += list(taxonomies.source_findings)
    if selection.cache_file:
        _remember(selection, known, results)
    return Outcome(len(chosen), sorted(found, key=Finding.sort_key), sum(1 for r in results if r.checked))


def _results(sources: list[batch.Source], wanted: set[str], known: dict[str, relations.Facts],
             taxonomies: Taxonomies) -> list[batch.Checked]:
    """Every file checked in full, or placed with its cached facts when it is not requested."""
    results: list[batch.Checked | None] = [None] * len(sources)
    full = []
    links: dict[str, bool] = {}  # folders already looked at
    for i, source in enumerate(sources):
        placed = None if source.located in wanted else _from_cache(source, known, links)
        if placed is None:
            full.append(i)
        else:
            results[i] = placed
    for i, checked in zip(full, batch.check_sources([sources[i] for i in full], taxonomies)):
        results[i] = checked
    return results  # type: ignore[return-value]


def _from_cache(source: batch.Source, known: dict[str, relations.Facts],
                links: dict[str, bool]) -> batch.Checked | None:
    """The file placed with the facts the cache holds for its bytes; None when it must be checked."""
    if not known:
        return None
    place = batch.plain_place(source, links)
    if place is None:
        return None  # a link on the way, or a path the quick reading cannot place
    folder, slug = place
    try:
        with open(source.path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    if len(raw) > MAX_FILE_BYTES:
        return None
    key = batch.digest(raw)
    facts = known.get(key)
    if facts is None:
        return None
    municipality = folder or (facts.municipality if facts.valid else "ukendt")  # as ``Entry.id``
    return batch.Checked(path=source.path, is_link=False, folder=folder, id=f"{municipality}/{slug}", facts=facts,
                         digest=key, checked=False)


def _remember(selection: Selection, known: dict[str, relations.Facts], results: list[batch.Checked]) -> None:
    facts = {r.digest: r.facts for r in results if r.digest is not None}
    if facts != known:
        assert selection.cache_file is not None
        cache.write_cache(selection.cache_file, selection.versions or {}, facts)
