"""The exports and search files written in a forked child while mkdocs writes the pages.

``autoproces build`` spends about as long on its outputs (``generator.pipeline.write_outputs``: the
exports, the feed, the schema and the search files) as on its pages, and neither reads the other. So
the outputs are written by a child process forked after the publication is prepared: it inherits the
publication (nothing is pickled), writes into a folder of its own beside the staging folder (mkdocs
empties its site folder when it starts), and sends back nothing but its error, if any. When mkdocs
has finished, the child's folder is moved into the staging folder, where its files take the place of
any page file of the same name, as when the outputs were written after the pages.

The search files take longer than the exports, and together longer than the pages (an incremental
build links most of its pages and is done with them long before), so a build forks two children, one
for the exports and one for the search files, and the second core does not wait idle; their folders
are merged in the order one process writes them. A full build of more than
:data:`SPLIT_FULL_BUILDS_UP_TO` processes forks one child for both: there the memory of a second child
beside the page workers is what limits the build (at 50,000: 155 s and 2,534 MB with one child, 143 s
and 2,893 MB with two), while at 10,000 two children make the build about 5 s (a sixth) faster.

On two cores a build runs more processes than cores, and the one that finishes last decides when the
build is done, so the others run at a lower priority (:data:`LOWER_BY` added to their niceness; a
process that is alone on a core runs as fast as before, so this only decides who waits while they
share one). Which one is last (:func:`priorities`): in an incremental build whose previous site is
known, the build process, which links the 14,000 pages (both children are lowered: at 10,000 with one
changed file the build's wall time was 0.80 of its CPU time before, 0.73 after); in another build of
up to ``SPLIT_FULL_BUILDS_UP_TO`` processes, the search files' child (the exports' child and the page
workers are lowered: 0.62 before, 0.56 after). A larger full build keeps every process as it is.

Without ``fork`` (not on Linux), with a single core, or with ``AUTOPROCES_WORKERS=1``, the outputs are
written in the build process after the pages, as before; the site is the same byte for byte (tested).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

from generator import pipeline
from generator.console import log_text
from generator.gc_pause import frozen_for_fork
from generator.output_folder import make_staging
from generator.publication import Publication

SPLIT_FULL_BUILDS_UP_TO = 20_000
LOWER_BY = 10  # niceness added to a process that is not the build's last (a tenth of the share of one at 0)


@dataclass(frozen=True)
class Priorities:
    """Which processes of a build run at a lower priority: the outputs' children of these parts, and
    the page workers."""

    lowered_parts: tuple[str, ...] = ()
    lowered_page_workers: bool = False


def priorities(*, split: bool, pages_linked: bool) -> Priorities:
    """Who yields (see the module's text): ``pages_linked``, an incremental build with the previous site's
    list of pages; ``split``, the outputs are written by two children (:func:`split_outputs`)."""
    if split and pages_linked:
        return Priorities(lowered_parts=pipeline.OUTPUT_PARTS)
    if split:
        return Priorities(lowered_parts=("exports",), lowered_page_workers=True)
    return Priorities()


def lower_priority() -> None:
    """Run this process at :data:`LOWER_BY` more niceness (nothing where that cannot be done)."""
    try:
        os.nice(LOWER_BY)
    except (OSError, AttributeError):  # pragma: no cover - not a POSIX system
        pass


def split_outputs(publication: Publication, incremental: bool) -> bool:
    """Whether the exports and the search files are written by two children (see the module's text)."""
    return incremental or len(publication.published) <= SPLIT_FULL_BUILDS_UP_TO


_DIED = ("Eksporterne og søgefilerne blev ikke skrevet: processen, der skrev dem, stoppede uventet "
         "(kode {code}). Byg igen; sker det igen, så byg med AUTOPROCES_WORKERS=1 og meld fejlen.")


def _write_in_child(publication: Publication, out_dir: Path, previous: Path | None, incremental: bool,
                    parts: tuple[str, ...], lowered: bool, sender) -> None:
    """The child: write its part of the outputs, send ``None`` or the error's kind and Danish text."""
    if lowered:
        lower_priority()
    try:
        pipeline.write_outputs(publication, out_dir, previous=previous, incremental=incremental, parts=parts)
        message = None
    except pipeline.BuildError as error:
        message = ("build", str(error))
    except BaseException as error:  # noqa: BLE001 - reported by the parent, in Danish
        detail = traceback.format_exc() if os.environ.get("AUTOPROCES_DEBUG") else ""
        message = ("unexpected", f"{type(error).__name__}: {log_text(error)}", detail)
    sender.send(message)
    sender.close()


@dataclass
class _Child:
    """One forked writer: its process, the end of its pipe and the folder it writes into."""

    process: multiprocessing.process.BaseProcess
    receiver: object
    folder: Path


class OutputsAlongside:
    """Writes ``pipeline.write_outputs(publication, staging, previous=target, incremental=...)`` while the
    caller builds pages.

    Use :meth:`start` before the pages, :meth:`finish` after them (it raises what the outputs raised:
    :class:`generator.pipeline.BuildError`, or :class:`UnexpectedOutputError`), and :meth:`discard` in
    a ``finally`` (it stops a child still running and removes its folder).

    ``split``: the exports and the search files are written by two children, not one
    (:func:`split_outputs`); ``lowered``: the parts whose child runs at a lower priority (:func:`priorities`).
    """

    def __init__(self, publication: Publication, staging: Path, target: Path, *, parallel: bool,
                 incremental: bool = False, split: bool = False, lowered: tuple[str, ...] = ()) -> None:
        self.publication, self.staging, self.target = publication, staging, target
        self.lowered = lowered
        self.incremental = incremental  # ``build --incremental``: the outputs use and keep their caches
        self.parallel = parallel and "fork" in multiprocessing.get_all_start_methods()
        self.parts = tuple((part,) for part in pipeline.OUTPUT_PARTS) if split else (pipeline.OUTPUT_PARTS,)
        self._children: list[_Child] = []  # empty until started: then one per entry of ``parts``

    def start(self) -> None:
        if not self.parallel:
            return
        self.publication.resolve_records()  # built once, before the fork: shared by pages and outputs
        context = multiprocessing.get_context("fork")
        sys.stdout.flush()
        sys.stderr.flush()
        with frozen_for_fork():  # the inherited publication stays shared (the collector does not copy it on write)
            for parts in self.parts:
                self._children.append(self._fork(context, parts))

    def _fork(self, context, parts: tuple[str, ...]) -> _Child:
        # Named like a staging folder of ``target``: a build that is killed leaves it for the next to remove.
        folder = make_staging(self.target)
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_write_in_child, name="autoproces-outputs",
                                  args=(self.publication, folder, self.target, self.incremental, parts,
                                        all(part in self.lowered for part in parts), sender))
        child = _Child(process, receiver, folder)
        try:
            process.start()
        except BaseException:
            receiver.close()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        finally:
            sender.close()
        return child

    def finish(self) -> None:
        """Wait for the outputs (or write them now, without a child) and move them into the staging folder."""
        if not self._children:
            pipeline.write_outputs(self.publication, self.staging, previous=self.target, incremental=self.incremental)
            return
        messages = []
        for child in self._children:  # every child is waited for before the first error is raised
            messages.append(_received(child))
            child.process.join()
        codes = [child.process.exitcode for child in self._children]
        for message, code in zip(messages, codes):
            if message is None and code != 0:
                raise UnexpectedOutputError(_DIED.format(code=code), "")
            if message is not None and message[0] == "build":
                raise pipeline.BuildError(message[1])
            if message is not None:
                raise UnexpectedOutputError(message[1], message[2])
        for child in self._children:  # in the order of OUTPUT_PARTS, as one process writes them
            merge_folder(child.folder, self.staging)

    def discard(self) -> None:
        """Stop a child that still runs and remove its folder (after a failure, or after finishing)."""
        for child in self._children:
            if child.process.exitcode is None:
                child.process.terminate()
                child.process.join()
            child.receiver.close()
            shutil.rmtree(child.folder, ignore_errors=True)
        self._children = []


def _received(child: _Child):
    """The child's message; ``None`` also when it died before sending one."""
    try:
        return child.receiver.recv()
    except (EOFError, OSError):
        return None


class UnexpectedOutputError(Exception):
    """An error of the outputs' code (not of the catalogue): its text, and the traceback in debug mode."""

    def __init__(self, text: str, detail: str) -> None:
        super().__init__(text)
        self.detail = detail


def merge_folder(source: Path, target: Path) -> None:
    """Move everything in ``source`` into ``target``: new entries are moved whole, folders present in both
    are merged, and a file of ``source`` replaces what ``target`` has at its name."""
    with os.scandir(source) as entries:
        names = sorted(entry.name for entry in entries)
    for name in names:
        here, there = source / name, target / name
        if here.is_dir() and not here.is_symlink() and there.is_dir() and not there.is_symlink():
            merge_folder(here, there)
            continue
        if there.is_dir() and not there.is_symlink():
            shutil.rmtree(there)
        os.replace(here, there)
