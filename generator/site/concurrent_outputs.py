"""The exports and search files written in a forked child while mkdocs writes the pages.

``autoproces build`` spends about as long on its outputs (``generator.pipeline.write_outputs``: the
exports, the feed, the schema and the search files) as on its pages, and neither reads the other. So
the outputs are written by a child process forked after the publication is prepared: it inherits the
publication (nothing is pickled), writes into a folder of its own beside the staging folder (mkdocs
empties its site folder when it starts), and sends back nothing but its error, if any. When mkdocs
has finished, the child's folder is moved into the staging folder, where its files take the place of
any page file of the same name, as when the outputs were written after the pages.

Without ``fork`` (not on Linux), with a single core, or with ``AUTOPROCES_WORKERS=1``, the outputs are
written in the build process after the pages, as before; the site is the same byte for byte (tested).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import traceback
from pathlib import Path

from generator import pipeline
from generator.console import log_text
from generator.gc_pause import frozen_for_fork
from generator.output_folder import make_staging
from generator.publication import Publication

_DIED = ("Eksporterne og søgefilerne blev ikke skrevet: processen, der skrev dem, stoppede uventet "
         "(kode {code}). Byg igen; sker det igen, så byg med AUTOPROCES_WORKERS=1 og meld fejlen.")


def _write_in_child(publication: Publication, out_dir: Path, previous: Path | None, incremental: bool,
                    sender) -> None:
    """The child: write the outputs, send ``None`` or the error's kind and Danish text."""
    try:
        pipeline.write_outputs(publication, out_dir, previous=previous, incremental=incremental)
        message = None
    except pipeline.BuildError as error:
        message = ("build", str(error))
    except BaseException as error:  # noqa: BLE001 - reported by the parent, in Danish
        detail = traceback.format_exc() if os.environ.get("AUTOPROCES_DEBUG") else ""
        message = ("unexpected", f"{type(error).__name__}: {log_text(error)}", detail)
    sender.send(message)
    sender.close()


class OutputsAlongside:
    """Writes ``pipeline.write_outputs(publication, staging, previous=target, incremental=...)`` while the
    caller builds pages.

    Use :meth:`start` before the pages, :meth:`finish` after them (it raises what the outputs raised:
    :class:`generator.pipeline.BuildError`, or :class:`UnexpectedOutputError`), and :meth:`discard` in
    a ``finally`` (it stops a child still running and removes its folder).
    """

    def __init__(self, publication: Publication, staging: Path, target: Path, *, parallel: bool,
                 incremental: bool = False) -> None:
        self.publication, self.staging, self.target = publication, staging, target
        self.incremental = incremental  # ``build --incremental``: the outputs use and keep their caches
        self.parallel = parallel and "fork" in multiprocessing.get_all_start_methods()
        self._child = None
        self._receiver = None
        self._folder: Path | None = None

    def start(self) -> None:
        if not self.parallel:
            return
        for item in self.publication.published:  # built once, before the fork: shared by pages and outputs
            self.publication.record(item)
        # Named like a staging folder of ``target``: a build that is killed leaves it for the next to remove.
        self._folder = make_staging(self.target)
        context = multiprocessing.get_context("fork")
        self._receiver, sender = context.Pipe(duplex=False)
        sys.stdout.flush()
        sys.stderr.flush()
        with frozen_for_fork():  # the inherited publication stays shared (the collector does not copy it on write)
            self._child = context.Process(target=_write_in_child, name="autoproces-outputs",
                                          args=(self.publication, self._folder, self.target, self.incremental, sender))
            self._child.start()
        sender.close()

    def finish(self) -> None:
        """Wait for the outputs (or write them now, without a child) and move them into the staging folder."""
        if self._child is None:
            pipeline.write_outputs(self.publication, self.staging, previous=self.target, incremental=self.incremental)
            return
        message = self._received()
        self._child.join()
        code = self._child.exitcode
        self._child = None
        if message is None and code != 0:
            raise UnexpectedOutputError(_DIED.format(code=code), "")
        if message is not None and message[0] == "build":
            raise pipeline.BuildError(message[1])
        if message is not None:
            raise UnexpectedOutputError(message[1], message[2])
        merge_folder(self._folder, self.staging)

    def _received(self):
        """The child's message; ``None`` also when it died before sending one."""
        try:
            return self._receiver.recv()
        except (EOFError, OSError):
            return None

    def discard(self) -> None:
        """Stop a child that still runs and remove its folder (after a failure, or after finishing)."""
        if self._child is not None:
            self._child.terminate()
            self._child.join()
            self._child = None
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


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
