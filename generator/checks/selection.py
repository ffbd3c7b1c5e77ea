"""The findings of some files of a catalogue, exactly as a check of the whole catalogue reports them.

The requested files are checked in full. Of every other file only its facts are needed (for the
cross-file rules); they come from the cache when its bytes are known (``generator.checks.cache``),
else the file is checked in full too. With no cache at all this is the check of every file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from generator.catalogue import find_located_files, find_process_files
from generator.checks import batch, cache
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
    key: bytes | None = None  # the user's signing key (``verified_cache.user_key``): only then are stats trusted


@dataclass(frozen=True)
class Outcome:
    """The findings of the requested files (sorted, the lists' own findings included) and how they were found."""

    checked: int  # requested files
    findings: list[Finding]
    read_in_full: int  # files whose own rules ran: the requested ones, and the others the cache did not know
    hashed: int = 0  # other files read only to hash their bytes (their stat signature was not the cached one)


@dataclass
class _Run:
    """What one check learns of the files for the next: the hash of each file's bytes and its stat signature."""

    known: cache.Known
    stamp: int | None  # the file system's time before any file was read (``cache.file_system_time``)
    links: dict[str, bool] = field(default_factory=dict)  # folders already looked at
    signatures: dict[int, str] = field(default_factory=dict)  # by place in the sources
    hashed: int = 0

    def settled(self, status: os.stat_result) -> bool:
        """True when the file cannot have changed unseen since this signature (not "racily clean")."""
        return self.stamp is not None and max(status.st_mtime_ns, status.st_ctime_ns) < self.stamp


def check_selection(selection: Selection, taxonomies: Taxonomies) -> Outcome:
    """Check the requested files against the whole catalogue."""
    stamp = cache.file_system_time(selection.cache_file.parent) if selection.cache_file and selection.key else None
    roots = [selection.processes] if selection.processes.is_dir() else []
    overlays = list(selection.overlays)
    all_roots = roots + overlays
    walked: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    requested = find_process_files(selection.requested, roots=[selection.processes, *overlays], walked=walked)
    files = find_located_files([r for r in all_roots if r.is_dir()] + requested, roots=all_roots, walked=walked)
    sources = batch.sources_of([path for path, _ in files], all_roots, overlays, [located for _, located in files])
    wanted = {os.path.abspath(f) for f in requested}
    known = (cache.read_cache(selection.cache_file, selection.versions or {}, selection.key)
             if selection.cache_file else cache.Known())
    run = _Run(known, stamp)
    results = _results(sources, wanted, run, taxonomies)
    chosen = [i for i, source in enumerate(sources) if source.located in wanted]
    references = {i: results[i].references for i in chosen if results[i].references is not None}
    cross = cross_file_findings(results, [r.facts for r in results], references, taxonomies)
    found = [f for i in chosen for f in results[i].findings + cross.get(i, [])]
    found += list(taxonomies.source_findings)
    if selection.cache_file:
        _remember(selection, run, sources, results)
    return Outcome(len(chosen), sorted(found, key=Finding.sort_key), sum(1 for r in results if r.checked), run.hashed)


def _results(sources: list[batch.Source], wanted: set[str], run: _Run, taxonomies: Taxonomies) -> list[batch.Checked]:
    """Every file checked in full, or placed with its cached facts when it is not requested."""
    results: list[batch.Checked | None] = [None] * len(sources)
    full = []
    for i, source in enumerate(sources):
        placed = None if source.located in wanted or not run.known.facts else _from_cache(i, source, run)
        if placed is None:
            full.append(i)
        else:
            results[i] = placed
    for i, checked in zip(full, batch.check_sources([sources[i] for i in full], taxonomies)):
        results[i] = checked
    return results  # type: ignore[return-value]


def _from_cache(i: int, source: batch.Source, run: _Run) -> batch.Checked | None:
    """The file placed with the facts the cache holds for its bytes; None when it must be checked.

    Its bytes are known without reading them when its stat signature is the one the cache recorded with
    their hash; else they are read and hashed."""
    place = batch.plain_place(source, run.links, leaf=False)
    if place is None:
        return None  # a link on the way, or a path the quick reading cannot place
    try:
        status = os.lstat(source.located)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode):
        return None  # a link (refused in full), or no longer a file
    folder, slug = place
    signature = cache.signature(status)
    if run.settled(status):
        run.signatures[i] = signature
    recorded = run.known.hashes.get(source.located)
    if recorded is not None and recorded[1] == signature:
        key = recorded[0]
    else:
        run.hashed += 1
        key = _digest_of(source.located)
    facts = run.known.facts.get(key) if key is not None else None
    if facts is None:
        return None
    municipality = folder or (facts.municipality if facts.valid else "ukendt")  # as ``Entry.id``
    return batch.Checked(path=source.path, is_link=False, folder=folder, id=f"{municipality}/{slug}", facts=facts,
                         digest=key, checked=False)


def _digest_of(located: str) -> str | None:
    try:
        with open(located, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None
    return None if len(raw) > MAX_FILE_BYTES else batch.digest(raw)


def _remember(selection: Selection, run: _Run, sources: list[batch.Source], results: list[batch.Checked]) -> None:
    """Write the cache when it would hold anything else: the facts of every file by its hash and, signed, the
    hash of every settled file by its stat signature (a file checked in full is looked at after it was read:
    one that changed since has a change time after the stamp and is not recorded)."""
    known = cache.Known(facts={r.digest: r.facts for r in results if r.digest is not None})
    if selection.key is not None and run.stamp is not None:
        for i, (source, checked) in enumerate(zip(sources, results)):
            if checked.digest is None:
                continue
            signature = run.signatures.get(i)
            if signature is None and checked.checked:
                signature = _settled_signature(source, run)
            if signature is not None:
                known.hashes[source.located] = (checked.digest, signature)
    if known != run.known:
        assert selection.cache_file is not None
        cache.write_cache(selection.cache_file, selection.versions or {}, known, selection.key, previous=run.known)


def _settled_signature(source: batch.Source, run: _Run) -> str | None:
    if batch.plain_parts(source, run.links) is None:
        return None
    try:
        status = os.lstat(source.located)
    except OSError:
        return None
    return cache.signature(status) if stat.S_ISREG(status.st_mode) and run.settled(status) else None
