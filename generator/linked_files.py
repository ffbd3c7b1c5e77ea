"""Files of the previous output folder reused by an incremental build as hard links instead of copies.

A *manifest* records, for every file an earlier build wrote, its path in the output folder, the key of
what it was made from and the identity of the file written (device, inode, size, modification time in
nanoseconds). The next incremental build links the previous folder's file into its staging folder when
the key is the one in the manifest and the file is still that very file: a regular file (``lstat``,
never a symbolic link) with the same identity. A file that was truncated, edited, replaced or turned
into a link has another identity and is written again. The pages (``generator.site.previous_site``)
and the exports' record files (``generator.exports.api_json``) use it.

Linking never changes the previous folder: it stays complete until the new one is swapped in, and a
failed build leaves it as it was. A manifest that cannot be read is no manifest (nothing is reused).
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from generator.files import write_bytes_atomic

VERSION = "autoproces-site-manifest-1"

Identity = tuple[int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns


def identity(st: os.stat_result) -> Identity:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


class PreviousSite:
    """The previous site folder and its manifest's pages: ``dest path -> (key, identity)``."""

    def __init__(self, folder: Path, pages: dict[str, tuple[str, Identity]]):
        self.folder = os.fspath(folder)
        self.pages = pages

    @classmethod
    def load(cls, manifest: Path, folder: Path) -> "PreviousSite":
        """The manifest of ``folder``; empty when it is missing, damaged or of another folder."""
        pages: dict[str, tuple[str, Identity]] = {}
        try:
            data = json.loads(manifest.read_bytes())
            if isinstance(data, dict) and data.get("version") == VERSION and data.get("site") == os.fspath(folder):
                for dest, key, *ident in data["pages"]:
                    if isinstance(dest, str) and isinstance(key, str) and len(ident) == 4 \
                            and all(isinstance(i, int) for i in ident):
                        pages[dest] = (key, tuple(ident))  # type: ignore[assignment]
        except (OSError, ValueError, TypeError, KeyError):
            pages = {}
        return cls(folder, pages)

    def link(self, dest: str, key: str, target: str) -> Identity | None:
        """Hard-link the previous site's ``dest`` to ``target`` when it is that page; its identity, or None."""
        entry = self.pages.get(dest)
        if entry is None or entry[0] != key or dest.startswith("/") or ".." in dest.split("/"):
            return None
        return link_if_same(os.path.join(self.folder, dest), entry[1], target)


def link_if_same(source: str, noted: Identity, target: str) -> Identity | None:
    """Hard-link ``source`` to ``target`` when it is still the regular file of identity ``noted``; that
    identity, or None (gone, changed, a link, another file system, no permission: written instead)."""
    try:
        found = os.lstat(source)
        if not stat.S_ISREG(found.st_mode) or identity(found) != noted:
            return None
        os.link(source, target, follow_symlinks=False)
    except OSError:
        return None
    return noted


def save_manifest(manifest: Path, folder: Path, pages: list[tuple[str, str, Identity]]) -> None:
    """Record the pages of the site now in ``folder`` (after the swap: the inodes are kept)."""
    rows = [[dest, key, *ident] for dest, key, ident in sorted(pages)]
    data = {"version": VERSION, "site": os.fspath(folder), "pages": rows}
    write_bytes_atomic(manifest, json.dumps(data, separators=(",", ":")).encode(), sync=False)


def forget_manifest(manifest: Path) -> None:
    """A site folder written without a manifest (a full build): nothing of it is linked later."""
    try:
        manifest.unlink()
    except OSError:
        pass


__all__ = ["Identity", "PreviousSite", "forget_manifest", "identity", "link_if_same", "save_manifest"]
