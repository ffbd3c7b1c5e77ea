"""The change history of every process file, from git, in one batched call per repository.

``git log --follow`` takes one file, so a build of 10,000 processes would spawn 10,000 git
processes. Instead one ``git log --name-status -M`` over the process folders lists every commit
with the files it touched; renames are followed here, newest commit first, the way ``--follow``
does. Outside a git repository (or without git) there is simply no history.

:func:`load_history` reads everything git says. Before any output sees it, the pipeline passes it
through :func:`generator.history_filter.redact`, which keeps only the published files and replaces
every commit message that names something withheld from the build's audience.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from generator.audience import PublishedProcess

RECORD, UNIT = "\x1e", "\x1f"
LOG_FORMAT = f"{RECORD}%H{UNIT}%cI{UNIT}%s"


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that touched a process file."""

    commit: str
    when: dt.datetime
    subject: str

    @property
    def date(self) -> dt.date:
        return self.when.date()

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass
class GitHistory:
    """Changes per process file (resolved absolute path), newest first."""

    changes: dict[Path, list[Change]] = field(default_factory=dict)
    _keys: dict[Path, Path] = field(default_factory=dict, repr=False)  # path as given -> resolved key

    def _changes(self, process: PublishedProcess) -> list[Change]:
        key = self._keys.get(process.path)
        if key is None:
            key = self._keys[process.path] = history_key(process.path)
        return self.changes.get(key, [])

    def history_for(self, process: PublishedProcess) -> list[Change]:
        """The commits that touched this process's file, newest first."""
        return list(self._changes(process))

    def first_date(self, process: PublishedProcess) -> dt.date | None:
        """Date of the first commit of the file (when the process entered the catalogue)."""
        changes = self._changes(process)
        return changes[-1].date if changes else None

    def last_changed(self, process: PublishedProcess) -> dt.datetime | None:
        changes = self._changes(process)
        return changes[0].when if changes else None

    def last_date(self, process: PublishedProcess) -> dt.date | None:
        when = self.last_changed(process)
        return when.date() if when else None


def history_key(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _git(args: list[str], cwd: Path, timeout: float = 300) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8",
                                errors="replace", timeout=timeout)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def _toplevel(directory: Path) -> Path | None:
    out = _git(["rev-parse", "--show-toplevel"], directory, timeout=30)
    return Path(out.strip()) if out and out.strip() else None


def load_history(roots: Iterable[Path], files: Iterable[Path]) -> GitHistory:
    """History of ``files`` (process files under ``roots``), one ``git log`` per repository.

    The result is raw: outputs get it only through :func:`generator.history_filter.redact`.
    """
    history = GitHistory()
    by_top: dict[Path, tuple[list[Path], list[Path]]] = {}
    wanted = [history_key(f) for f in files]
    for root in roots:
        if not root.is_dir():
            continue
        top = _toplevel(root)
        if top is None:
            continue
        top = history_key(top)
        roots_of_top, files_of_top = by_top.setdefault(top, ([], []))
        roots_of_top.append(history_key(root))
    for top, (top_roots, top_files) in by_top.items():
        top_files.extend(f for f in wanted if _is_under(f, top))
        history.changes.update(_history_of_repository(top, top_roots, top_files))
    return history


def _is_under(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False


def _history_of_repository(top: Path, roots: list[Path], files: list[Path]) -> dict[Path, list[Change]]:
    pathspecs = sorted({r.relative_to(top).as_posix() or "." for r in roots})
    out = _git(["-c", "core.quotepath=off", "log", f"--format={LOG_FORMAT}", "--name-status", "-M",
                "--no-color", "--", *pathspecs], top)
    if not out:
        return {}
    current = {f.relative_to(top).as_posix(): f for f in files}
    return parse_log(out, current)


def parse_log(output: str, current: dict[str, Path]) -> dict[Path, list[Change]]:
    """Attribute the commits of ``git log --name-status -M`` (newest first) to today's files.

    ``current`` maps a file's path relative to the repository to its key. Walking back in time,
    a rename ``old -> new`` makes ``old`` an earlier name of the same file; an addition ends the
    file's past (an older file of the same name is another file).
    """
    alias: dict[str, Path] = dict(current)
    found: dict[Path, list[Change]] = defaultdict(list)
    for record in output.split(RECORD):
        if not record.strip():
            continue
        header, _, body = record.partition("\n")
        parts = header.split(UNIT, 2)
        if len(parts) != 3:
            continue
        commit, when_text, subject = parts
        try:
            when = dt.datetime.fromisoformat(when_text)
        except ValueError:
            continue
        change = Change(commit=commit, when=when, subject=subject.strip())
        touched: list[Path] = []
        for line in body.splitlines():
            fields = line.split("\t")
            if len(fields) < 2:
                continue
            status = fields[0]
            if status.startswith(("R", "C")) and len(fields) >= 3:
                old, new = fields[1], fields[2]
                key = alias.get(new)
                if key is not None:
                    touched.append(key)
                    if status.startswith("R"):
                        alias.pop(new, None)
                        alias[old] = key
                continue
            path = fields[1]
            key = alias.get(path)
            if key is None:
                continue
            touched.append(key)
            if status.startswith("A"):
                alias.pop(path, None)
        for key in dict.fromkeys(touched):
            found[key].append(change)
    return dict(found)
