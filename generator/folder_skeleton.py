"""The folders of the previous site kept, empty, for the next build.

A site of 10,000 processes has 14,000 page folders; making them again costs a build one ``mkdir`` each
(40 µs on a quiet disk, 500 µs on a busy one: a folder is a new inode and a new block), and removing the
old site's folders costs the machine as much again. So when a build has replaced its site, the separate
low-priority process that used to remove the old folder (``generator.files.swap_directory``) removes only
its *files* and keeps its folders: when every file is gone, the folder is renamed ``.<site>.skeleton``,
and a record of every folder's identity (inode and modification time) is written beside it
(``.<site>.skeleton.json``).

The next build claims the skeleton (renames it, so no other build can), checks that every folder is still
a real folder with the recorded identity (a file or folder added anywhere changes its folder's
modification time) and uses none of it otherwise. After mkdocs has emptied the staging folder, the
folders that will hold pages are moved into it (:meth:`Skeleton.move_into`) instead of being made, and
once everything is written, each of those folders that is still empty is removed (:meth:`Skeleton.prune`):
the new site holds exactly what the build wrote, never a file of the old one.

Only the standard library: the remover runs this file as a script (``python -I -S folder_skeleton.py``),
reading the old folder's path from its standard input.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import sys

VERSION = "autoproces-site-skeleton-1"
_OLD = re.compile(r"^\.(?P<site>.+)\.old-\d+$")

Folder = tuple[str, int, int]  # path relative to the skeleton ("" for itself), st_ino, st_mtime_ns


def skeleton_paths(target: str) -> tuple[str, str]:
    """The skeleton folder of the site folder ``target`` and its record."""
    parent, name = os.path.split(os.path.abspath(target))
    folder = os.path.join(parent, f".{name}.skeleton")
    return folder, folder + ".json"


def emptied(folder: str) -> list[str] | None:
    """Remove every entry of ``folder`` that is not a real folder (symbolic links are removed, never
    followed); the folders left, relative, parents first; None when something could not be removed."""
    folders, pending = [""], [""]
    while pending:
        relative = pending.pop()
        try:
            with os.scandir(os.path.join(folder, relative)) as entries:
                for entry in entries:
                    path = os.path.join(relative, entry.name)
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(path)
                        pending.append(path)
                    else:
                        os.unlink(entry.path)
        except OSError:
            return None
    return folders


def identities(folder: str, folders: list[str]) -> list[Folder] | None:
    """Each folder's identity; None when one is not a real folder."""
    found = []
    for relative in folders:
        try:
            st = os.lstat(os.path.join(folder, relative))
        except OSError:
            return None
        if not stat.S_ISDIR(st.st_mode):
            return None
        found.append((relative, st.st_ino, st.st_mtime_ns))
    return found


def make_skeleton(old: str) -> bool:
    """Turn the replaced site folder ``old`` (``.<site>.old-<pid>``) into its site's skeleton; it is
    removed whole when that cannot be done. True when a skeleton was left."""
    match = _OLD.match(os.path.basename(old))
    folders = emptied(old) if match else None
    if match is None or folders is None:
        shutil.rmtree(old, ignore_errors=True)
        return False
    skeleton, record = skeleton_paths(os.path.join(os.path.dirname(old), match["site"]))
    try:
        os.unlink(record)
    except OSError:
        pass
    shutil.rmtree(skeleton, ignore_errors=True)
    try:
        os.rename(old, skeleton)
    except OSError:
        shutil.rmtree(old, ignore_errors=True)
        return False
    found = identities(skeleton, folders)
    if found is None:
        shutil.rmtree(skeleton, ignore_errors=True)
        return False
    # ``.<site>.skeleton.json.<pid>.tmp``: a name the project's .gitignore ignores (``.*.tmp``), so a
    # ``git add -A`` while the remover runs neither commits it nor fails when it is renamed away.
    temporary = f"{record}.{os.getpid()}.tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as stream:
            json.dump({"version": VERSION, "folders": found}, stream, separators=(",", ":"))
        os.replace(temporary, record)
    except OSError:
        shutil.rmtree(skeleton, ignore_errors=True)
        return False
    return True


class Skeleton:
    """A claimed skeleton (named like a staging folder of this process, so it is removed as stale if the
    build dies) and its folders."""

    def __init__(self, folder: str, folders: list[str]):
        self.folder = folder
        self.folders = folders
        self.moved: list[str] = []
        self._staging: str | None = None

    @classmethod
    def take(cls, target: str) -> "Skeleton | None":
        """The skeleton of site folder ``target``, claimed and checked; None when there is none to use
        (an unusable one is removed)."""
        skeleton, record = skeleton_paths(target)
        try:
            with open(record, "rb") as stream:
                data = json.load(stream)
        except (OSError, ValueError):
            return None  # none, or still being made
        claimed = os.path.join(os.path.dirname(skeleton),
                               f".{os.path.basename(os.path.abspath(target))}.new-{os.getpid()}-skeleton")
        try:
            os.unlink(record)
            os.rename(skeleton, claimed)
        except OSError:
            return None
        recorded = _recorded(data)
        if recorded is None or identities(claimed, [relative for relative, _i, _m in recorded]) != recorded:
            shutil.rmtree(claimed, ignore_errors=True)
            return None
        return cls(claimed, [relative for relative, _i, _m in recorded])

    def move_into(self, staging: str, tops: set[str]) -> None:
        """Move the skeleton's top folders named in ``tops`` into ``staging`` where it has none yet."""
        for name in sorted(tops):
            if not name or "/" in name or name in (".", ".."):
                continue
            source, there = os.path.join(self.folder, name), os.path.join(staging, name)
            if os.path.lexists(there) or not os.path.isdir(source) or os.path.islink(source):
                continue
            try:
                os.rename(source, there)
            except OSError:
                continue
            self.moved.append(name)
        self._staging = staging

    def prune(self) -> None:
        """Remove the moved folders that are still empty (deepest first), and the rest of the skeleton."""
        moved = set(self.moved) if self._staging is not None else set()
        below = [relative for relative in self.folders if relative and relative.split(os.sep, 1)[0] in moved]
        for relative in sorted(below, key=lambda path: path.count(os.sep), reverse=True):
            try:
                os.rmdir(os.path.join(self._staging or "", relative))
            except OSError:
                pass  # it holds what the build wrote
        self.moved = []
        self.discard()

    def discard(self) -> None:
        """Remove what is left of the skeleton (folders only)."""
        shutil.rmtree(self.folder, ignore_errors=True)


def _recorded(data) -> list[Folder] | None:
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("folders"), list):
        return None
    recorded = []
    for row in data["folders"]:
        if not (isinstance(row, list) and len(row) == 3 and isinstance(row[0], str)
                and isinstance(row[1], int) and isinstance(row[2], int)):
            return None
        relative = row[0]
        if relative.startswith("/") or ".." in relative.split(os.sep):
            return None
        recorded.append((relative, row[1], row[2]))
    return recorded if recorded and recorded[0][0] == "" else None


def _main() -> None:
    """The remover's work: the old site's path on standard input, at low priority."""
    path = sys.stdin.buffer.readline().rstrip(b"\n")
    os.nice(10)
    if path:
        make_skeleton(os.fsdecode(path))


if __name__ == "__main__":
    _main()
