"""The Catalogue: every process file, its findings and the reference lists, built once per run.

It is the only thing the outputs read (through an audience filter, see ``generator.audience``).
Files are found under one or more *process roots*: ``processes/`` in the shared repository and,
for a private build, a municipality's overlay folder with the same layout
(``<root>/<municipality>/<slug>.yaml``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator

from generator.diagnostics import Finding
from generator.loading import Document, load_document
from generator.model import Process
from generator.taxonomies import Taxonomies

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class Entry:
    """One process file: where it is, what it says, and what is wrong with it."""

    path: Path
    root: Path | None  # the process root the file sits in; None when it is outside every root
    document: Document
    process: Process | None = None
    findings: list[Finding] = field(default_factory=list)
    overlay: bool = False  # True when the file comes from a private overlay folder
    # True for a symbolic link that is not a process file (a linked folder, attachment ...): it is
    # never read and only its AP511 finding is reported.
    is_link: bool = False
    # What an audience that does not own the process sees of it (``audience.shielded_texts``), when an
    # incremental build's results cache remembers it; None: worked out when publishing.
    shown_texts: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    # And the values blanked for that audience (``withheld_terms.confidential_terms``), remembered alike.
    confidential: tuple[str, ...] | None = field(default=None, repr=False, compare=False)
    # The hash of the bytes the check read (``checks.batch.digest``), when the build kept it: with the place
    # and the audience, the published process's content key (``generator.content_key``).
    digest: str | None = field(default=None, repr=False, compare=False)
    # The id git gives those bytes (``checks.batch.blob_id``): the history skips that revision (today's file).
    blob: str | None = field(default=None, repr=False, compare=False)

    @cached_property
    def relative(self) -> tuple[str, ...]:
        """The parts of the path below its process root: ``("aarhus", "proces.yaml")``."""
        if self.root is None:
            return ()
        located = Path(os.path.abspath(self.path))
        for root in (Path(os.path.abspath(self.root)), self.root.resolve()):
            if located.is_relative_to(root):
                return located.relative_to(root).parts
        return ()

    @property
    def folder(self) -> str | None:
        parts = self.relative
        return parts[0] if len(parts) == 2 else None

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def id(self) -> str:
        """``<municipality>/<slug>``, taken from the path: the stable permalink."""
        folder = self.folder or (self.process.municipality if self.process else "ukendt")
        return f"{folder}/{self.slug}"


@dataclass
class Catalogue:
    roots: list[Path]
    taxonomies: Taxonomies
    entries: list[Entry] = field(default_factory=list)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    _index: tuple[int, dict[str, Entry]] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def by_id(self) -> dict[str, Entry]:
        """Entries by id; built once and rebuilt only when entries are added or removed."""
        if self._index is None or self._index[0] != len(self.entries):
            self._index = (len(self.entries), {e.id: e for e in self.entries})
        return self._index[1]

    def reindex(self) -> None:
        """Forget the id index (ids of files outside a process root change once they are validated)."""
        self._index = None

    @property
    def findings(self) -> list[Finding]:
        found = [f for e in self.entries for f in e.findings] + list(self.taxonomies.source_findings)
        return sorted(found, key=Finding.sort_key)

    @property
    def valid(self) -> list[Entry]:
        """Entries whose file passed the schema (they may still carry warnings or errors)."""
        return [e for e in self.entries if e.process is not None]


def find_process_files(paths: Iterable[Path], roots: Iterable[Path] = (),
                       walked: dict[str, list[tuple[tuple[str, ...], str]]] | None = None) -> list[Path]:
    """Every YAML file and every symbolic link in the given files and folders, sorted, each once.

    Links are never followed: a linked folder is returned itself (and refused with AP511), also
    when it is named directly (``check processes/aarhus/`` agrees with ``check processes/``);
    only a process root (one of ``roots`` or a folder named ``processes``) may be a link.
    A file named twice (``processes/aarhus/x.yaml`` and ``/abs/processes/aarhus/x.yaml``, or
    as a file and inside a folder) is kept once, in the first form given. ``walked`` keeps each folder's
    files for another call with the same roots (``check processes`` names the root it also walks).
    """
    return [path for path, _ in find_located_files(paths, roots, walked)]


def find_located_files(paths: Iterable[Path], roots: Iterable[Path] = (),
                       walked: dict[str, list[tuple[tuple[str, ...], str]]] | None = None) -> list[tuple[Path, str]]:
    """:func:`find_process_files` with each file's absolute path (``os.path.abspath``)."""
    from generator.checks.confidentiality.symlinks import is_refused_folder, walk_parts

    roots = list(roots)
    cwd = os.getcwd()
    found: dict[str, tuple[tuple[str, ...], Path | None, Path, tuple[str, ...]]] = {}
    for path in paths:
        if path.is_dir() and not is_refused_folder(path, roots):
            # .YAML and .Yml too: a file saved with another case must be checked (AP013), not skipped
            below = walked.get(str(path)) if walked is not None else None
            if below is None:
                below = walk_parts(path, absolute(path, cwd))
                if walked is not None:
                    walked[str(path)] = below
            order = path.parts
            for parts, located in below:
                if located not in found:
                    found[located] = (order + parts, None, path, parts)
        else:
            found.setdefault(absolute(path, cwd), (path.parts, path, path, ()))
    ordered = sorted(found.items(), key=lambda item: item[1][0])  # the order of sorted() on the paths
    return [(given if given is not None else folder.joinpath(*parts), located)
            for located, (_, given, folder, parts) in ordered]


def path_order(path: Path) -> tuple[str, ...]:
    """The order of ``sorted`` on paths (part by part), found faster."""
    return path.parts


def absolute(path: Path | str, cwd: str) -> str:
    """``os.path.abspath(path)`` with the working directory ``cwd`` looked up once by the caller."""
    return os.path.normpath(os.path.join(cwd, path))


def _inside(located: str, base: str) -> bool:
    """True when the normalised absolute path ``located`` is ``base`` or lies below it."""
    return located == base or located.startswith(base.rstrip(os.sep) + os.sep)


class RootFinder:
    """:func:`root_of` for many files: each root's absolute and resolved form is found once."""

    def __init__(self, roots: Iterable[Path]):
        self.cwd = os.getcwd()
        self.forms = [(root, absolute(root, self.cwd), str(root.resolve())) for root in roots]

    def __call__(self, path: Path) -> Path | None:
        return self.root_of_located(absolute(path, self.cwd))

    def root_of_located(self, located: str) -> Path | None:
        """The root of a file given by its absolute path (``absolute(path, self.cwd)``)."""
        for root, root_absolute, root_resolved in self.forms:
            if _inside(located, root_absolute) or _inside(located, root_resolved):
                return root
        for parent in Path(located).parents:
            if parent.name == "processes":
                return parent
        return None


def root_of(path: Path, roots: Iterable[Path]) -> Path | None:
    """The process root that contains ``path``, or a parent folder named ``processes``.

    The file's own location counts, not where a symbolic link points: a linked file in
    ``processes/aarhus/`` is in that folder (and AP510 says what is wrong with it).
    """
    return RootFinder(roots)(path)


def read_catalogue(
    roots: list[Path],
    taxonomies: Taxonomies,
    *,
    extra_files: Iterable[Path] = (),
    overlay_roots: Iterable[Path] = (),
) -> Catalogue:
    """Read every process file under the roots (plus loose files); the checks run afterwards
    (``generator.pipeline.load_catalogue`` does both)."""
    from generator.checks.confidentiality.symlinks import is_link_entry, refuse_linked_path

    overlays = [r for r in overlay_roots]
    all_roots = list(roots) + overlays
    catalogue = Catalogue(roots=all_roots, taxonomies=taxonomies)
    files = find_process_files([r for r in all_roots if r.is_dir()] + list(extra_files), roots=all_roots)
    overlay_resolved = [o.resolve() for o in overlays]
    find_root = RootFinder(all_roots)
    for path in files:
        root = find_root(path)
        # A link (or a file in a linked folder) is refused before anything is read through it.
        refused = refuse_linked_path(path, root)
        document = Document(path=path, data=None, findings=refused) if refused else load_document(path)
        entry = Entry(path=path, root=root, document=document, is_link=bool(refused) and is_link_entry(path))
        entry.overlay = root is not None and root.resolve() in overlay_resolved
        catalogue.entries.append(entry)
    return catalogue
