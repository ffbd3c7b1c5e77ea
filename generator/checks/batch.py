"""``autoproces check`` at catalogue scale: the files' own rules on both cores, the cross-file rules from facts.

Each file's own rules (``run.check_entry``) need nothing but the file and the reference lists, so
they run in a pool of processes when the catalogue is large (in the order of the files, so the
output is byte for byte that of a serial run). The rules that read other files (duplicate ids,
umbrellas, copies) need only a few facts of each other file (``relations.Facts``); a check of a
few files reads them from the cache (``generator.checks.cache``) for every file whose bytes it
has seen before, and checks the rest in full.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from generator.catalogue import Catalogue, Entry, RootFinder, absolute
from generator.checks import relations
from generator.checks.run import check_entry
from generator.diagnostics import Finding
from generator.loading import Document, read_document
from generator.model import Process
from generator.taxonomies import Taxonomies

# Below this many files a pool costs more (start-up, moving the results) than it saves.
PARALLEL_MIN_FILES = 400
CHUNK_FILES = 64


def digest(raw: bytes) -> str:
    """The content key of a file's bytes in the cache."""
    return hashlib.blake2b(raw, digest_size=20).hexdigest()


def blob_id(raw: bytes) -> str:
    """The id git gives a file of these bytes (``git hash-object``): how the history knows a revision.
    Computed from the bytes the check read, so the history judges the very file the catalogue did."""
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


@dataclass(frozen=True, slots=True)
class Source:
    """A file to check: where it is, its process root, and whether the root is a private overlay."""

    path: Path
    root: Path | None
    overlay: bool = False
    located: str = ""  # the absolute path (``os.path.abspath``)
    base: str = ""  # the root's absolute path


@dataclass(slots=True)
class Checked:
    """One file after its own rules: what the cross-file rules and the output need of it."""

    path: Path
    is_link: bool
    folder: str | None
    id: str
    facts: relations.Facts
    references: relations.References | None = None
    findings: list[Finding] = field(default_factory=list)
    digest: str | None = None  # of the bytes that were checked; None when the file was not read
    blob: str | None = None  # the id git gives those bytes (:func:`blob_id`), when a build kept them
    checked: bool = True  # False for a file whose facts came from the cache (its own rules did not run)
    # What a build keeps of the file (``check_source(..., keep=True)``): the parts of its path below its
    # root, the process, and the YAML data of a file that did not pass the schema.
    relative: tuple[str, ...] | None = None
    process: Process | None = None
    data: dict[str, Any] | None = None
    shown_texts: tuple[str, ...] | None = None  # remembered by the results cache (``Entry.shown_texts``)
    confidential: tuple[str, ...] | None = None  # likewise (``Entry.confidential``)


def check_source(source: Source, taxonomies: Taxonomies, keep: bool = False) -> Checked:
    """Read one file and run every rule that reads only it; ``keep`` keeps what a build needs of it."""
    from generator.checks.confidentiality.symlinks import is_link_entry, refuse_linked_path

    parts = plain_parts(source)
    refused = [] if parts is not None else refuse_linked_path(source.path, source.root)
    raw = None
    if refused:
        document = Document(path=source.path, data=None, findings=refused)
    else:
        document, raw = read_document(source.path)
    entry = Entry(path=source.path, root=source.root, document=document, overlay=source.overlay,
                  is_link=bool(refused) and is_link_entry(source.path))
    if parts is not None:
        entry.__dict__["relative"] = parts  # what the cached property would find, found already
    check_entry(entry, Catalogue(roots=[], taxonomies=taxonomies, entries=[entry]))
    checked = Checked(path=entry.path, is_link=entry.is_link, folder=entry.folder, id=entry.id,
                      facts=relations.facts_of(entry.process), references=relations.references_of(entry),
                      findings=entry.findings, digest=None if raw is None else digest(raw))
    if keep:
        checked.relative, checked.process = parts, entry.process
        checked.blob = None if raw is None else blob_id(raw)
        checked.data = document.data if entry.process is None else None
    return checked


# What the forked workers inherit: the reference lists, the files, and whether to keep what a build needs.
_WORKER: tuple[Taxonomies, Sequence[Source], bool] | None = None


def _check_chunk(span: tuple[int, int]) -> list[tuple]:
    assert _WORKER is not None
    taxonomies, sources, keep = _WORKER
    return [_packed(check_source(source, taxonomies, keep)) for source in sources[span[0]:span[1]]]


def _packed(checked: Checked) -> tuple:
    """What goes back from a worker: a plain tuple without the paths (the parent has them), quick to move."""
    refs = checked.references
    packed_refs = None if refs is None else (refs.id, refs.municipality, refs.visibility, refs.umbrellas,
                                             refs.derived_from)
    facts = checked.facts
    return (checked.is_link, checked.folder, checked.id, facts.valid, facts.type, facts.municipality, packed_refs,
            checked.findings, checked.digest, checked.relative, checked.process, checked.data, checked.blob)


def _unpacked(source: Source, packed: tuple) -> Checked:
    is_link, folder, id_, valid, type_, municipality, refs, findings, key, relative, process, data, blob = packed
    facts = relations.Facts(valid, type_, municipality) if valid else relations.INVALID
    references = None if refs is None else relations.References(source.path, *refs)
    return Checked(path=source.path, is_link=is_link, folder=folder, id=id_, facts=facts, references=references,
                   findings=findings, digest=key, relative=relative, process=process, data=data, blob=blob)


ENV_WORKERS = "AUTOPROCES_WORKERS"  # a whole number of processes; 1 checks in this process


def usable_cores() -> int:
    """The processes to use: ``AUTOPROCES_WORKERS`` when it is a whole number above 0, else one per core."""
    value = os.environ.get(ENV_WORKERS, "").strip()
    if value.isdigit() and int(value) > 0:
        return int(value)
    return core_count()


def core_count() -> int:
    """The cores this process may run on (the check's pool and the site's page workers use one each)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def check_sources(sources: Sequence[Source], taxonomies: Taxonomies, *, workers: int | None = None,
                  keep: bool = False) -> list[Checked]:
    """Every file's own rules, in the order of ``sources``: in a pool of processes when it pays."""
    workers = usable_cores() if workers is None else workers
    if workers < 2 or len(sources) < PARALLEL_MIN_FILES:
        return [check_source(source, taxonomies, keep) for source in sources]
    import multiprocessing

    global _WORKER
    _WORKER = (taxonomies, sources, keep)  # the forked workers inherit the lists and the files
    spans = [(i, min(i + CHUNK_FILES, len(sources))) for i in range(0, len(sources), CHUNK_FILES)]
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            packed = [checked for part in pool.map(_check_chunk, spans) for checked in part]
        return [_unpacked(source, checked) for source, checked in zip(sources, packed)]
    finally:
        _WORKER = None


def plain_parts(source: Source, links: dict[str, bool] | None = None, leaf: bool = True) -> tuple[str, ...] | None:
    """The parts of the path below its root when no symbolic link is on the way; None otherwise.

    The quick form of ``Entry.relative`` and of the link test (``refuse_linked_path``, which finds
    no link exactly when this finds the parts); None sends the file the slow, exact way. ``links``
    remembers the folders already looked at, for a run over many files. ``leaf=False`` leaves the
    file itself to the caller (which looks at its ``lstat`` anyway).
    """
    links = {} if links is None else links
    if source.root is None:
        return None
    base = source.base.rstrip(os.sep) + os.sep
    located = source.located
    if not located.startswith(base):
        return None
    parts = tuple(located[len(base):].split(os.sep))
    probe = base.rstrip(os.sep)
    for part in parts[:-1]:
        probe = probe + os.sep + part
        linked = links.get(probe)
        if linked is None:
            linked = links[probe] = os.path.islink(probe)
        if linked:
            return None
    if leaf and os.path.islink(probe + os.sep + parts[-1]):
        return None
    return parts


def plain_place(source: Source, links: dict[str, bool] | None = None,
                leaf: bool = True) -> tuple[str | None, str] | None:
    """(folder, slug) of a file below its root with no symbolic link on the way; None otherwise."""
    parts = plain_parts(source, links, leaf)
    if parts is None:
        return None
    name = parts[-1]
    dot = name.rfind(".")
    return (parts[0] if len(parts) == 2 else None), (name[:dot] if 0 < dot < len(name) - 1 else name)  # Path.stem


def sources_of(files: Iterable[Path], roots: Sequence[Path], overlays: Sequence[Path],
               located_files: Sequence[str] | None = None) -> list[Source]:
    """Each file with its process root (the first root that holds it) and whether that is an overlay;
    ``located_files`` are their absolute paths, when the caller has them (``find_located_files``)."""
    overlay_resolved = [o.resolve() for o in overlays]
    is_overlay: dict[Path, bool] = {}
    bases: dict[Path, str] = {}
    found = []
    find_root = RootFinder(roots)
    for number, path in enumerate(files):
        located = absolute(path, find_root.cwd) if located_files is None else located_files[number]
        root = find_root.root_of_located(located)
        if root is not None and root not in is_overlay:
            is_overlay[root] = root.resolve() in overlay_resolved  # as ``read_catalogue``
            bases[root] = absolute(root, find_root.cwd)
        base = "" if root is None else bases[root]
        found.append(Source(path, root, root is not None and is_overlay[root], located, base))
    return found
