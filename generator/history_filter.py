"""Commit messages as an audience may read them.

The rule is structural: a build shows a commit's message (and its author) only when every file
the commit touched is, and has been at every revision of its history, a file the audience may
see. A file outside the catalogue folders (the project's own code and documentation) is such a
file; a process file is one when every revision of it was visible to the audience (``public``,
or the audience's own ``municipality`` process) and it is published today; an attachment is one
when it is published today under the same name. Any other commit shows its date and
:data:`NEUTRAL_MESSAGE`. So a commit that touched a private process, a file that was private
before a ``git mv`` or a visibility change, or a deleted process never tells its message.

The name match stays as a second line of defence: a message (or author) that names anything
withheld from the audience, now or in any revision in history (a former title, a single
distinctive word of a private title, a private owner's first name), or holds a CPR number, is
replaced too.

The pipeline calls :func:`redact` once, right after reading git and before any output (page,
feed, export, search) sees the history, so no output can forget it.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Iterable, Iterator

from generator.audience import Published, Withheld
from generator.checks.batch import blob_id
from generator.checks.confidentiality.cpr import find_cpr_numbers
from generator.history import (Change, Commit, GitHistory, Lineage, RealPaths, Repository, content_changes,
                               lineage_of)
from generator.history_cache import EMPTY, Revision, RevisionCache
from generator.history_terms import HistoryTerms, Term, term
from generator.loading import MAX_FILE_BYTES, load_bytes

NEUTRAL_MESSAGE = "Ændring af procesbeskrivelsen"
PROCESS_SUFFIXES = (".yaml", ".yml")


def message_may_be_shown(message: str | None, published: Published, *more: Withheld | HistoryTerms) -> bool:
    """False when the text names anything withheld from the audience, or holds a CPR number."""
    if not message:
        return True
    if any(w.mentions(message) for w in (published.withheld, *more)):
        return False
    return not find_cpr_numbers(message)


def redact_history(changes: Iterable[Change], published: Published) -> list[Change]:
    """The changes with every message that names something withheld replaced by a neutral text."""
    return [change if message_may_be_shown(change.subject, published) else _neutral(change) for change in changes]


def redact(history: GitHistory, published: Published, cache: RevisionCache | None = None) -> GitHistory:
    """The history of the published files only, each commit judged for the audience (no raw material left).

    ``cache``: the earlier revisions of the previous builds (by blob id); it is given this build's revisions.
    """
    real = RealPaths()
    known = history.keys  # load_history resolved the same files already
    keys = {item.path: known.get(item.path) or real(item.path) for item in published}
    checked = {str(keys[item.path]): item.blob for item in published if item.blob is not None}
    rule = HistoryRule(published, history.repositories, real, {str(key) for key in keys.values()}, cache, checked)
    kept: dict[Path, list[Change]] = {}
    for item in published:
        key = keys[item.path]
        found = lineage_of(history.repositories, item.path, key)
        if found is not None:
            kept[key] = [rule.change(found[0], commit) for commit in content_changes(*found)]
        elif key in history.changes:  # changes without the commits behind them: nothing proves them safe
            kept[key] = [_neutral(change) for change in history.changes[key]]
    return GitHistory(changes=kept, keys=keys)


def _neutral(change: Change) -> Change:
    return dataclasses.replace(change, subject=NEUTRAL_MESSAGE, author=None, shown=False)




class HistoryRule:
    """Which commits of the repositories an audience may read, decided once per build."""

    def __init__(self, published: Published, repositories: list[Repository], real: RealPaths | None = None,
                 published_paths: set[str] | None = None, cache: RevisionCache | None = None,
                 checked_blobs: dict[str, str] | None = None):
        self.published = published
        self.audience = published.audience
        self._real = real or RealPaths()
        self._published = (published_paths if published_paths is not None
                           else {self._real.text(pp.path) for pp in published})
        self._attachments = {self._real.text(_attachment_path(pp, item.file))
                             for pp in published for item in pp.process.attachments}
        self._roots: dict[int, list[str]] = {}
        self._data: dict[tuple[int, str], Revision | None] = {}  # None: unreadable, too large or not a process
        self._visible: dict[int, bool] = {}
        self._commits: dict[tuple[int, str], bool] = {}
        # The blob of each lineage's file as it is on disk: that revision is today's file, which the
        # catalogue has already judged (published or not) and named (its withheld terms), so it is not read.
        self._today: dict[int, str | None] = {}
        self._checked_blobs = checked_blobs or {}  # real path -> the id of the bytes the check read
        for repository in repositories:
            self._roots[id(repository)] = repository.roots
            self._read_blobs(repository, cache)
        self.withheld_in_history = self._withheld_in_history(repositories)

    # --- the structural rule ---------------------------------------------------------------

    def commit_visible(self, repository: Repository, commit: Commit) -> bool:
        key = (id(repository), commit.sha)
        if key not in self._commits:  # one commit may touch every file: judge it once
            self._commits[key] = all(self._lineage_visible(repository, t.lineage) for t in commit.touches)
        return self._commits[key]

    def change(self, repository: Repository, commit: Commit) -> Change:
        shown = (self.commit_visible(repository, commit)
                 and message_may_be_shown(commit.subject, self.published, self.withheld_in_history))
        if not shown:
            return Change(commit.sha, commit.when, NEUTRAL_MESSAGE, None, shown=False)
        author = commit.author if message_may_be_shown(commit.author, self.published, self.withheld_in_history) else None
        return Change(commit.sha, commit.when, commit.subject, author or None)

    def _lineage_visible(self, repository: Repository, lineage: Lineage) -> bool:
        key = id(lineage)
        if key not in self._visible:
            self._visible[key] = False  # a copy of itself (never in git) cannot make it visible
            self._visible[key] = self._judge(repository, lineage)
        return self._visible[key]

    def _judge(self, repository: Repository, lineage: Lineage) -> bool:
        if lineage.copied_from is not None and not self._lineage_visible(repository, lineage.copied_from):
            return False
        if not self._current_visible(repository, lineage):
            return False
        for path, blob in lineage.revisions:
            folder = self._catalogue_folder(repository, path)
            if folder is None:
                continue  # a project file: no catalogue content
            if not path.endswith(PROCESS_SUFFIXES):
                if path != lineage.current:
                    return False  # an attachment under another name: what it was is not known
                continue
            if blob == self._today.get(id(lineage)):
                continue  # today's file, and it is published (checked above)
            if not self._revision_visible(self._data.get((id(repository), blob)), folder):
                return False
        return True

    def _current_visible(self, repository: Repository, lineage: Lineage) -> bool:
        if lineage.current is None:  # deleted: only a project file may tell its story
            return all(self._catalogue_folder(repository, p) is None for p, _ in lineage.revisions)
        if self._catalogue_folder(repository, lineage.current) is None:
            return True
        path = self._real.text(os.path.join(repository.top, lineage.current))
        return path in (self._published if lineage.current.endswith(PROCESS_SUFFIXES) else self._attachments)

    def _revision_visible(self, revision: Revision | None, folder: str) -> bool:
        if revision is None:
            return False  # unreadable, too large or not a process: never shown
        if revision.visibility == "public":
            return True
        return (not self.audience.is_public and revision.visibility == "municipality"
                and folder == self.audience.name and revision.municipality == self.audience.name)

    def _catalogue_folder(self, repository: Repository, path: str) -> str | None:
        """The municipality folder of a path inside a catalogue folder ('' when directly in it), else None."""
        for root in self._roots[id(repository)]:
            prefix = "" if root in ("", ".") else root.rstrip("/") + "/"
            if path.startswith(prefix):
                rest = path[len(prefix):]
                return rest.split("/", 1)[0] if "/" in rest else ""
        return None

    # --- the content of every revision ------------------------------------------------------

    def _withheld_in_history(self, repositories: list[Repository]) -> HistoryTerms:
        """The name match over history: every revision of a hidden file names what is withheld, and the
        blanked fields of every revision of a visible one (a former owner, a former ESDH reference)."""
        terms: set[Term] = set()
        withheld_titles: list[str] = []
        named: dict[str, tuple[Term, ...]] = {}  # the terms of a file's name, folded once per name
        for repository in repositories:
            for lineage in repository.lineages():
                visible = self._lineage_visible(repository, lineage)
                for folder, slug, revision in self._revisions(repository, lineage):
                    revision = revision or EMPTY
                    if not visible:
                        name = f"{folder}/{slug}"
                        if name not in named:
                            named[name] = tuple(t for t in (term(name), term(slug)) if t is not None)
                        terms.update(named[name])  # as hidden_terms names it
                        terms.update(revision.hidden)
                        withheld_titles.extend(revision.titles)
                    elif not self._owned(revision, folder):
                        terms.update(revision.confidential)
        return HistoryTerms(self.published, terms, withheld_titles)

    def _owned(self, revision: Revision, folder: str) -> bool:
        name = self.audience.name
        return not self.audience.is_public and folder == name and revision.municipality == name

    def _revisions(self, repository: Repository, lineage: Lineage) -> list[tuple[str, str, Revision | None]]:
        """(folder, slug, revision) of every process revision of the lineage inside the catalogue folders."""
        found = []
        for path, blob in lineage.revisions:
            folder = self._catalogue_folder(repository, path)
            if blob == self._today.get(id(lineage)):
                continue  # today's file: its terms are the catalogue's own
            if folder is not None and path.endswith(PROCESS_SUFFIXES):
                slug = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
                found.append((folder, slug, self._data.get((id(repository), blob))))
        return found

    def _today_blob(self, path: Path) -> str | None:
        """The id of the file's content today: of the bytes the check read when it is published (that is
        the file the catalogue judged), else read now."""
        return self._checked_blobs.get(str(path)) or _blob_id(path)

    def _read_blobs(self, repository: Repository, cache: RevisionCache | None) -> None:
        """Every earlier revision of the process files: from the cache, else read from git (each file's
        revisions newest first, in the order git packs them) and parsed once."""
        wanted: dict[str, None] = {}
        for lineage in repository.lineages():
            today = self._today[id(lineage)] = self._today_blob(repository.top / lineage.current) if lineage.current else None
            for path, blob in reversed(lineage.revisions):
                if (blob != today and path.endswith(PROCESS_SUFFIXES)
                        and self._catalogue_folder(repository, path) is not None):
                    wanted[blob] = None
        missing = []
        for blob in wanted:
            found, revision = cache.get(blob) if cache is not None else (False, None)
            if found:
                self._data[(id(repository), blob)] = revision
            else:
                missing.append(blob)
        for blob, raw in read_blobs(repository.top, missing):
            revision = self._data[(id(repository), blob)] = Revision.of(load_bytes(raw, Path(blob + ".yaml")).data)
            if cache is not None:
                cache.put(blob, revision)


def read_blobs(top: Path, blobs: list[str]) -> Iterator[tuple[str, bytes]]:
    """Each blob of at most ``MAX_FILE_BYTES`` with its content, one at a time (one ``git cat-file --batch``)."""
    if not blobs:
        return
    with tempfile.TemporaryFile() as wanted:
        wanted.write(("\n".join(blobs) + "\n").encode("ascii"))
        wanted.seek(0)
        try:
            git = subprocess.Popen(["git", "cat-file", "--batch"], cwd=top, stdin=wanted, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
        except OSError:
            return
        assert git.stdout is not None
        try:
            yield from _batch(git.stdout)
        finally:
            git.stdout.close()
            git.kill()
            git.wait()


def _batch(out) -> Iterator[tuple[str, bytes]]:
    """``git cat-file --batch`` output: a header ``<id> blob <size>`` and the content, or ``<id> missing``."""
    for header in iter(out.readline, b""):
        parts = header.split()
        if len(parts) != 3 or not parts[2].isdigit():
            continue  # missing (or not a blob git knows): nothing follows
        size = int(parts[2])
        if parts[1] != b"blob" or size > MAX_FILE_BYTES:
            _skip(out, size + 1)
            continue
        content = out.read(size)
        out.read(1)  # the newline after the content
        if len(content) == size:
            yield parts[0].decode("ascii"), content


def _skip(out, size: int) -> None:
    while size > 0:
        chunk = out.read(min(size, 1 << 20))
        if not chunk:
            return
        size -= len(chunk)


def _blob_id(path: Path) -> str | None:
    """The id git gives the file's content (``git hash-object``), or None when it cannot be read."""
    try:
        if path.is_symlink() or path.stat().st_size > MAX_FILE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    return blob_id(data)


def _attachment_path(pp: Any, file: str) -> Path:
    """Where an attachment is read from: ``bilag/`` beside the process file (as the site copies it)."""
    return pp.path.parent / "bilag" / file
