"""The few git questions the sharing commands ask, each one ``git`` call with a time limit.

Paths and revisions come from the repository and the command line, so they are passed as
separate arguments after ``--`` (never through a shell) and a revision is checked against
``git rev-parse --verify`` before use. Outside a repository, or without git, the answers are
empty: callers treat "no history" as "nothing known".
"""

from __future__ import annotations

import atexit
import bisect
import contextlib
import datetime as dt
import functools
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

RECORD, UNIT = "\x1e", "\x1f"
TIMEOUT = 120


class GitError(Exception):
    """A git question that has no answer (unknown revision, not a repository); the text is Danish."""


def run_git(args: list[str], cwd: Path, *, binary: bool = False) -> subprocess.CompletedProcess | None:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
                              timeout=TIMEOUT, env=env, text=not binary,
                              **({} if binary else {"encoding": "utf-8", "errors": "replace"}))
    except (OSError, subprocess.SubprocessError):
        return None


def toplevel(path: Path) -> Path | None:
    """The repository that holds ``path`` (a file or folder), or None."""
    folder = path if path.is_dir() else path.parent
    if not folder.is_dir():
        return None
    return _toplevel(Path(os.path.abspath(folder)))


@functools.lru_cache(maxsize=64)
def _toplevel(folder: Path) -> Path | None:
    result = run_git(["rev-parse", "--show-toplevel"], folder)
    if result is None or result.returncode != 0 or not result.stdout.strip():
        return None
    return Path(result.stdout.strip()).resolve()


def git_folder(path: Path) -> Path | None:
    """The git folder of the repository that holds the folder ``path`` (shared by its worktrees), or None.

    Nothing in it is part of the working tree: a commit cannot put a file there."""
    if not path.is_dir():
        return None
    result = run_git(["rev-parse", "--path-format=absolute", "--git-common-dir"], path)
    if result is None or result.returncode != 0 or not result.stdout.strip():
        return None
    folder = Path(result.stdout.strip())
    return folder if folder.is_dir() else None


@functools.lru_cache(maxsize=16)
def is_shallow(top: Path) -> bool:
    """A shallow clone (CI's default ``fetch-depth: 1``) has no real history: its one commit is not a file's first."""
    result = run_git(["rev-parse", "--is-shallow-repository"], top)
    return result is None or result.returncode != 0 or result.stdout.strip() != "false"


def verify(top: Path, rev: str) -> str:
    """The commit id of ``rev``; GitError in Danish when it does not name a commit."""
    if not rev or rev.startswith("-"):
        raise GitError(f"'{rev}' er ikke en gyldig git-revision.")
    result = run_git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], top)
    if result is None or result.returncode != 0:
        raise GitError(f"Git kender ikke revisionen '{rev}'. Hent den først (git fetch), eller ret navnet.")
    return result.stdout.strip()


@dataclass(frozen=True, slots=True)
class Commit:
    commit: str
    when: dt.datetime
    path: str  # the file's name (relative to the repository) in this commit

    @property
    def date(self) -> dt.date:
        return self.when.date()


def file_commits(path: Path) -> tuple[Path | None, list[Commit]]:
    """The repository and the commits that touched ``path``, newest first, renames followed.

    ``git log --follow`` also follows a *copy* (a process made from another one would inherit
    its source's history), so renames are followed here instead, within the process root
    (``processes/``): a rename ``old -> new`` makes ``old`` an earlier name, an addition ends the
    file's past. Outside git, and in a shallow clone (whose history is cut off), there are none.

    One ``git log`` of the process root is read and indexed by file name once per process and HEAD,
    so asking about every file of a catalogue costs one walk of the history, not one per file.
    """
    top = toplevel(path)
    if top is None or is_shallow(top):
        return None, []
    located = Path(os.path.abspath(path)).resolve()
    relative = located.relative_to(top).as_posix()
    scope = located.parent.parent.relative_to(top).as_posix() if len(located.relative_to(top).parts) > 2 else "."
    head = _head(top)
    if head is None:
        return top, []
    log = _root_log(top, scope, head)
    return top, log.walk(relative) if log else []


def _head(top: Path) -> str | None:
    """The commit of HEAD, asked once per process and repository (a build or check does not commit)."""
    key = (os.getpid(), top)
    if key not in _HEADS:
        result = run_git(["rev-parse", "--verify", "--quiet", "HEAD"], top)
        _HEADS[key] = result.stdout.strip() if result is not None and result.returncode == 0 else None
    return _HEADS[key]


_HEADS: dict[tuple[int, Path], str | None] = {}


@dataclass(frozen=True, slots=True)
class _Touch:
    """One file name in one commit of the log: the commit's place in the log (0 is the newest) and its line."""
    position: int
    status: str
    fields: tuple[str, ...]


class _RootLog:
    """The log of a process root, indexed by the name each line ends with (the file's name after the commit)."""

    def __init__(self, output: str) -> None:
        self.commits: list[tuple[str, dt.datetime]] = []
        self.touches: dict[str, list[_Touch]] = {}
        for record in output.split(RECORD):
            header, _, body = record.strip("\n").partition("\n")
            commit, _, when_text = header.partition(UNIT)
            try:
                when = dt.datetime.fromisoformat(when_text)
            except ValueError:
                continue
            position = len(self.commits)
            self.commits.append((commit, when))
            seen: set[str] = set()
            for line in body.splitlines():
                fields = tuple(line.split("\t"))
                if len(fields) < 2 or fields[-1] in seen:
                    continue  # a commit counts once per name: its first line that names it
                seen.add(fields[-1])
                self.touches.setdefault(fields[-1], []).append(_Touch(position, fields[0], fields))

    def walk(self, name: str) -> list[Commit]:
        """The commits of ``name``, newest first: a rename continues with the old name, an addition ends it."""
        commits: list[Commit] = []
        after = 0
        while True:
            touches = self.touches.get(name, [])
            index = bisect.bisect_left(touches, after, key=lambda touch: touch.position)
            if index == len(touches):
                return commits
            touch = touches[index]
            commit, when = self.commits[touch.position]
            commits.append(Commit(commit, when, name))
            if touch.status.startswith("R") and len(touch.fields) >= 3:
                name = touch.fields[1]
            elif touch.status.startswith("A"):
                return commits
            after = touch.position + 1


@functools.lru_cache(maxsize=8)
def _root_log(top: Path, scope: str, head: str) -> _RootLog | None:
    """One ``git log`` of the process root per commit of HEAD, shared by every file asked about."""
    result = run_git(["log", "-M", "--name-status", "--no-color", f"--format={RECORD}%H{UNIT}%cI", head, "--", scope],
                     top)
    return _RootLog(result.stdout) if result is not None and result.returncode == 0 and result.stdout else None


def file_at(top: Path, commit: str, relative: str) -> bytes | None:
    """The bytes of ``relative`` at ``commit``, or None when it is not there.

    Read through one ``git cat-file --batch`` per process and repository, kept open for the next
    question (a check asks once per validation).
    """
    if "\n" in relative or not commit.isalnum():
        return None  # a name git's batch protocol cannot carry
    reader = _blob_reader(top)
    return reader.read(f"{commit}:{relative}") if reader is not None else None


class _BlobReader:
    """A running ``git cat-file --batch``: one object name in, its header and bytes out."""

    def __init__(self, top: Path) -> None:
        self.process = subprocess.Popen(["git", "cat-file", "--batch"], cwd=top, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                        env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"})

    def read(self, name: str) -> bytes | None:
        try:
            self.process.stdin.write(name.encode("utf-8") + b"\n")
            self.process.stdin.flush()
            header = self.process.stdout.readline().split()
            if len(header) != 3:
                return None  # "<name> missing" (nothing follows)
            data = self.process.stdout.read(int(header[2]) + 1)  # read whatever it is, to stay in step
        except (OSError, ValueError):
            return None
        return data[:-1] if header[1] == b"blob" else None  # a folder (tree) is not a file

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        with contextlib.suppress(subprocess.SubprocessError):
            self.process.wait(timeout=TIMEOUT)


_READERS: dict[tuple[int, Path], _BlobReader | None] = {}


def _blob_reader(top: Path) -> _BlobReader | None:
    """This process's reader for ``top`` (a forked worker starts its own: pipes are never shared)."""
    key = (os.getpid(), top)
    if key not in _READERS:
        try:
            _READERS[key] = _BlobReader(top)
        except OSError:
            _READERS[key] = None
        if len(_READERS) == 1:
            atexit.register(_close_readers)
    return _READERS[key]


def _close_readers() -> None:
    for (pid, _top), reader in list(_READERS.items()):
        if reader is not None and pid == os.getpid():
            reader.close()
    _READERS.clear()


def merge_base(top: Path, base: str, head: str) -> str:
    """Where ``head`` left ``base`` (what a pull request's diff starts from); ``base`` itself when unrelated."""
    result = run_git(["merge-base", "--end-of-options", base, head], top)
    return result.stdout.strip() if result is not None and result.returncode == 0 and result.stdout.strip() else base


@dataclass(frozen=True, slots=True)
class FileChange:
    status: str  # "added", "changed", "renamed", "removed"
    old: str | None  # path at the base revision
    new: str | None  # path at the head revision


_STATUS = {"A": "added", "M": "changed", "R": "renamed", "D": "removed", "C": "added", "T": "changed"}


def changed_files(top: Path, base: str, head: str, folder: str) -> list[FileChange]:
    """The files under ``folder`` that differ between two commits, renames detected."""
    result = run_git(["diff", "-M", "--name-status", "-z", "--no-color", "--end-of-options", base, head, "--", folder], top)
    if result is None or result.returncode != 0:
        raise GitError(f"Git kunne ikke sammenligne '{base}' og '{head}'.")
    parts = result.stdout.split("\0")
    changes: list[FileChange] = []
    index = 0
    while index < len(parts) and parts[index]:
        code = parts[index][:1]
        status = _STATUS.get(code, "changed")
        if code in ("R", "C"):
            old, new = parts[index + 1], parts[index + 2]
            index += 3
            changes.append(FileChange(status, old if code == "R" else None, new))
            continue
        path = parts[index + 1]
        index += 2
        changes.append(FileChange(status, None if status == "added" else path, None if status == "removed" else path))
    return changes


def tree_files(top: Path, commit: str, folder: str, suffixes: tuple[str, ...] = (".yaml", ".yml")) -> dict[str, bytes]:
    """Every regular file under ``folder`` at ``commit`` with one of ``suffixes``, read in one batch.

    Symbolic links (mode 120000) and submodules are not files of the catalogue and are skipped.
    """
    listing = run_git(["ls-tree", "-r", "-z", "--end-of-options", commit, "--", folder], top)
    if listing is None or listing.returncode != 0:
        return {}
    wanted: list[tuple[str, str]] = []
    for item in listing.stdout.split("\0"):
        meta, _, path = item.partition("\t")
        fields = meta.split()
        if len(fields) == 3 and fields[0] in ("100644", "100755") and fields[1] == "blob" and path.endswith(suffixes):
            wanted.append((path, fields[2]))
    if not wanted:
        return {}
    try:
        batch = subprocess.run(["git", "cat-file", "--batch"], cwd=top, capture_output=True, timeout=TIMEOUT,
                               input="".join(f"{sha}\n" for _, sha in wanted).encode())
    except (OSError, subprocess.SubprocessError):
        return {}
    return dict(zip((p for p, _ in wanted), _split_batch(batch.stdout)))


def _split_batch(data: bytes) -> list[bytes]:
    blobs, position = [], 0
    while position < len(data):
        end = data.index(b"\n", position)
        header = data[position:end].split()
        size = int(header[2]) if len(header) == 3 else 0
        blobs.append(data[end + 1:end + 1 + size])
        position = end + 1 + size + 1
    return blobs
