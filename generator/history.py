"""The change history of every process file, from git, in one batched call per repository.

``git log --follow`` takes one file, so a build of 10,000 processes would spawn 10,000 git
processes. Instead one ``git log --raw -M --full-diff`` over the process folders lists every
commit that touched them with *every* file each commit touched (also outside the folders) and
the blob of each file before and after. Walking the commits from the oldest, each file becomes a
*lineage*: its revisions (path and blob) from its addition through renames to today or to its
deletion. Outside a git repository (or without git) there is simply no history.

What a page shows of a commit is decided in ``generator.history_filter``: a message only
when every file the commit touched is, and has been at every revision, visible to the audience.
The history of a file lists only the commits that changed its content (not a pure rename, not a
change of mode). :func:`load_history` reads everything git says; before any output sees it, the
pipeline passes it through :func:`generator.history_filter.redact`.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import stat
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from generator.audience import PublishedProcess

RECORD = "\x1e"
LOG_FORMAT = f"{RECORD}%H%x00%cI%x00%an%x00%s"
NO_BLOB = "0" * 40


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that changed a process file, as a reader may see it."""

    commit: str
    when: dt.datetime
    subject: str
    author: str | None = None  # None when the author is not shown (the message was withheld)
    shown: bool = True  # False when the subject is the neutral text

    @property
    def date(self) -> dt.date:
        return self.when.date()

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass
class Lineage:
    """One file through its history: every (path, blob) it had, and where it is today."""

    revisions: list[tuple[str, str]] = field(default_factory=list)
    current: str | None = None  # its path today; None when it was deleted
    copied_from: "Lineage | None" = None
    _known: set[tuple[str, str]] = field(default_factory=set, repr=False, compare=False)

    def add(self, path: str, blob: str | None) -> None:
        if blob and blob != NO_BLOB and (path, blob) not in self._known:
            self._known.add((path, blob))
            self.revisions.append((path, blob))


@dataclass(frozen=True)
class Touch:
    """One file in one commit: its lineage and whether its content changed."""

    lineage: Lineage
    content_changed: bool


@dataclass(frozen=True)
class Commit:
    sha: str
    when: dt.datetime
    author: str
    subject: str
    touches: tuple[Touch, ...]


@dataclass
class Repository:
    """The parsed history of one git repository: commits (newest first) and today's files."""

    top: Path
    roots: list[str] = field(default_factory=list)  # the catalogue folders, relative to ``top`` ('.' for top)
    commits: list[Commit] = field(default_factory=list)
    by_path: dict[str, Lineage] = field(default_factory=dict)  # today's path (relative to top) -> lineage
    _changed: dict[int, list[Commit]] | None = field(default=None, repr=False)

    def lineages(self) -> Iterable[Lineage]:
        seen: set[int] = set()
        for commit in self.commits:
            for touch in commit.touches:
                if id(touch.lineage) not in seen:
                    seen.add(id(touch.lineage))
                    yield touch.lineage

    def content_changes(self, lineage: Lineage) -> list[Commit]:
        """The commits that changed the lineage's content, newest first (indexed once for every file)."""
        if self._changed is None:
            self._changed = {}
            for commit in self.commits:
                for key in dict.fromkeys(id(t.lineage) for t in commit.touches if t.content_changed):
                    self._changed.setdefault(key, []).append(commit)
        return self._changed.get(id(lineage), [])


@dataclass
class GitHistory:
    """Changes per process file (``history_key`` of its path), newest first.

    ``repositories`` is the raw material (every commit with every file it touched) that
    :func:`generator.history_filter.redact` judges; the redacted history it returns has none.
    """

    changes: dict[Path, list[Change]] = field(default_factory=dict)
    repositories: list[Repository] = field(default_factory=list, repr=False)
    keys: dict[Path, Path] = field(default_factory=dict, repr=False)  # a file's path as given -> its history_key

    def _changes(self, process: "PublishedProcess") -> list[Change]:
        key = self.keys.get(process.path)
        return self.changes.get(key if key is not None else history_key(process.path), [])

    def history_for(self, process: "PublishedProcess") -> list[Change]:
        """The commits that changed this process file's content, newest first."""
        return list(self._changes(process))

    def first_date(self, process: "PublishedProcess") -> dt.date | None:
        """Date of the first commit of the file (when the process entered the catalogue)."""
        changes = self._changes(process)
        return changes[-1].date if changes else None

    def last_changed(self, process: "PublishedProcess") -> dt.datetime | None:
        changes = self._changes(process)
        return changes[0].when if changes else None

    def last_date(self, process: "PublishedProcess") -> dt.date | None:
        when = self.last_changed(process)
        return when.date() if when else None


def content_changes(repository: Repository, lineage: Lineage) -> list[Commit]:
    """The commits that changed the lineage's content (not a pure rename, not a change of mode), newest first."""
    return repository.content_changes(lineage)


def lineage_of(repositories: Iterable[Repository], path: Path, key: Path | None = None) -> tuple[Repository, Lineage] | None:
    """The repository and lineage of a file as it is today (``key``: its :func:`history_key`, when known)."""
    text = str(key if key is not None else history_key(path))
    for repository in repositories:
        top = str(repository.top).rstrip("/") + "/"
        if text.startswith(top):
            lineage = repository.by_path.get(text[len(top):])
            if lineage is not None:
                return repository, lineage
    return None


@functools.lru_cache(maxsize=1 << 17)
def history_key(path: Path) -> Path:
    """The resolved path (asked for every page and row that shows a date: resolved once per path)."""
    return Path(os.path.realpath(path))


class RealPaths:
    """``os.path.realpath`` of many files in few folders: each folder resolved once, each file one ``lstat``.

    Exact: the real path of ``folder/name`` is the real path of ``folder`` joined with ``name`` unless
    ``name`` is itself a link (then the whole path is resolved). Made per build, so no answer outlives it.
    """

    def __init__(self) -> None:
        self._folders: dict[str, str] = {}

    def __call__(self, path: Path) -> Path:
        return Path(self.text(path))

    def text(self, path: Path | str) -> str:
        """The real path as text (cheaper to hash than a ``Path``)."""
        given = os.fspath(path)
        parent, name = os.path.split(given)
        if name in ("", ".", ".."):
            return os.path.realpath(given)
        try:
            if stat.S_ISLNK(os.lstat(given).st_mode):
                return os.path.realpath(given)
        except OSError:
            pass  # not there: realpath keeps a missing last part as it is
        folder = self._folders.get(parent)
        if folder is None:
            folder = self._folders[parent] = os.path.realpath(parent)
        return os.path.join(folder, name)


def _git(args: list[str], cwd: Path, timeout: float = 300, input_bytes: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=timeout, input=input_bytes)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _toplevel(directory: Path) -> Path | None:
    out = _git(["rev-parse", "--show-toplevel"], directory, timeout=30)
    text = os.fsdecode(out.strip()) if out else ""
    return Path(text) if text else None


def load_history(roots: Iterable[Path], files: Iterable[Path] = ()) -> GitHistory:
    """History of the process folders ``roots`` (and of ``files`` in them), one ``git log`` per repository.

    The result is raw: outputs get it only through :func:`generator.history_filter.redact`.
    """
    tops: dict[Path, list[Path]] = {}
    for root in roots:
        if root.is_dir() and (top := _toplevel(root)) is not None:
            tops.setdefault(history_key(top), []).append(history_key(root))
    repositories = [repository for top, top_roots in tops.items()
                    if (repository := read_repository(top, top_roots)).commits]
    history = GitHistory(repositories=repositories)
    real = RealPaths()
    for path in files:
        key = history.keys[path] = real(path)
        found = lineage_of(repositories, path, key)
        if found is not None:
            history.changes[key] = [Change(c.sha, c.when, c.subject, c.author) for c in content_changes(*found)]
    return history


def read_repository(top: Path, roots: list[Path]) -> Repository:
    relative = sorted({r.relative_to(top).as_posix() or "." for r in roots})
    out = _git(["-c", "core.quotepath=off", "log", f"--format={LOG_FORMAT}", "--raw", "-z", "-M", "--no-abbrev",
                "--full-diff", "--no-color", "--", *relative], top)
    repository = parse_log(out.decode("utf-8", errors="surrogateescape") if out else "", top)
    repository.roots = relative
    return repository


def _header(tokens: list[str], i: int) -> tuple[str, dt.datetime | None, str, str]:
    sha = tokens[i].lstrip("\n")[1:]
    when_text, author, subject = (tokens[i + 1 : i + 4] + ["", "", ""])[:3]
    try:
        when = dt.datetime.fromisoformat(when_text)
    except ValueError:
        when = None
    return sha, when, _readable(author), _readable(subject).strip()


def _readable(text: str) -> str:
    return text.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")


def parse_log(output: str, top: Path = Path(".")) -> Repository:
    """Commits and lineages from ``git log --format=LOG_FORMAT --raw -z`` (newest first).

    Tokens are read by position (a header has four, a raw entry one or two paths), so no byte of
    a hostile file name or message can be mistaken for the start of another record.
    """
    tokens = output.split("\0")
    raw_commits: list[tuple[str, dt.datetime | None, str, str, list[tuple[str, ...]]]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        if token.startswith(RECORD):
            sha, when, author, subject = _header(tokens, i)
            raw_commits.append((sha, when, author, subject, []))
            i += 4
        elif token.startswith(":") and raw_commits:
            meta = token[1:].split(" ")
            if len(meta) < 5:
                i += 1
                continue
            status = meta[4]
            count = 2 if status[:1] in ("R", "C") else 1
            raw_commits[-1][4].append((status[:1], meta[2], meta[3], *tokens[i + 1 : i + 1 + count]))
            i += 1 + count
        else:
            i += 1
    return _lineages(top, raw_commits)


def _lineages(top: Path, raw_commits: list) -> Repository:
    """Walk from the oldest commit: an addition starts a lineage, a rename moves it, a deletion ends it."""
    at: dict[str, Lineage] = {}
    commits: list[Commit] = []
    for sha, when, author, subject, entries in reversed(raw_commits):
        touches: list[Touch] = []
        for status, old_blob, new_blob, *paths in entries:
            lineage = _apply(at, status, old_blob, new_blob, paths)
            if lineage is not None:
                changed = status == "A" or (status != "D" and old_blob != new_blob)
                touches.append(Touch(lineage, changed))
        if when is not None:
            commits.append(Commit(sha, when, author, subject, tuple(touches)))
    for path, lineage in at.items():
        lineage.current = path
    commits.reverse()
    return Repository(top=top, commits=commits, by_path=dict(at))


def _apply(at: dict[str, Lineage], status: str, old_blob: str, new_blob: str, paths: list[str]) -> Lineage | None:
    if not paths:
        return None
    if status in ("R", "C") and len(paths) == 2:
        old, new = paths
        source = at.pop(old, None) if status == "R" else at.get(old)
        if status == "R" and source is not None:
            lineage = source
        else:
            lineage = Lineage(copied_from=source)
            lineage.add(old, old_blob)
        lineage.add(new, new_blob)
        at[new] = lineage
        return lineage
    path = paths[0]
    if status == "A":
        lineage = at[path] = Lineage()
    elif status == "D":
        lineage = at.pop(path, None) or Lineage()
        lineage.add(path, old_blob)
        return lineage
    else:  # M, T and anything newer: the file's earlier history may lie outside the log
        lineage = at.get(path) or at.setdefault(path, Lineage())
        lineage.add(path, old_blob)
    lineage.add(path, new_blob)
    return lineage
