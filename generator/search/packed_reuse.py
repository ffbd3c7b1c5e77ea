"""Reusing the previous build's packed index files when no document's searchable text has changed.

The index families (``kort``, ``fuld``) and the vocabulary (``ord``) are made from nothing but the
documents' keys in number order (``index_cache.document_key``: id, texts and codes) and the search
code. An edit that changes no searchable text (a figure, a date, a contact) leaves every one of those
files the same bytes, yet packing them again costs most of an incremental build's search time (reading
the index cache and scoring every posting).

So an incremental build keeps, beside the token cache, a record (``search-packed.json``) of the files
those families gave: the inputs they were made from (a SHA-256 of the code version and the keys) and
each file's name and SHA-256. The next incremental build with the same inputs takes the files from the
previous site (the folder it replaces) instead of packing them: it hard-links each one that is still the
very file the record noted (``LinkedFiles``: a regular file with the same device, inode, size and
modification time; nothing is read), and when one is not, it reads them all instead, each one only when
it is a regular file, reached through no symbolic link, whose bytes have the recorded SHA-256; a single
file that does not fit means no reuse, and the families are packed as in a clean build. The record is signed with the
user's key (``generator.verified_cache``), like the index cache: a record restored or committed from
elsewhere never verifies. The files written are the same bytes either way (tested).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Sequence

from generator.linked_files import Identity, link_if_same
from generator.search.token_cache import code_version
from generator.verified_cache import is_linked, read_verified, user_key, write_verified

FILE_NAME = "search-packed.json"
FORMAT = 1
MAX_RECORD_BYTES = 50_000_000
MAX_FILE_BYTES = 200_000_000  # one index file; far larger than any the packing makes


class Family:
    """One family's files as packed: the manifest's first terms (None for a family without them), the
    file names and each file's SHA-256, and for an index how many files each group holds (``index.py``);
    ``data`` holds the bytes once read from the previous site."""

    def __init__(self, firsts: list[str] | None, names: list[str], digests: list[str],
                 data: list[bytes] | None = None, groups: list[int] | None = None) -> None:
        self.firsts, self.names, self.digests, self.data, self.groups = firsts, names, digests, data, groups

    def family_hash(self) -> str:
        """The hash in the family's names: of its files' SHA-256 digests (``output._add_family``)."""
        return hashlib.sha256(b"".join(bytes.fromhex(d) for d in self.digests)).hexdigest()[:10]

    def as_json(self) -> dict[str, object]:
        found: dict[str, object] = {"firsts": self.firsts, "names": self.names, "sha256": self.digests}
        if self.groups is not None:
            found["groups"] = self.groups
        return found


class PackedRecord:
    """The record of one project (``path``) for documents keyed ``keys``: read the previous families,
    or keep the ones this build packed."""

    def __init__(self, path: Path, keys: Sequence[str], root: Path | None = None) -> None:
        self.path = path
        self.root = root if root is not None else path.parent.parent
        digest = hashlib.sha256(f"{FORMAT}\0{code_version()}\0{len(keys)}\0".encode())
        for key in keys:
            digest.update(key.encode("ascii") + b"\0")
        self.inputs = digest.hexdigest()
        self.key = user_key()
        self._record: dict | None = None
        self._read = False

    def _body(self) -> dict | None:
        """The verified record, read once; None when there is none to trust."""
        if not self._read:
            self._read = True
            found = read_verified(self.path, fmt=FORMAT, max_bytes=MAX_RECORD_BYTES, root=self.root, key=self.key) \
                if self.key is not None else None
            self._record = found if isinstance(found, dict) else None
        return self._record

    def families(self, data_dir: Path, site_root: Path, families: Sequence[str]) -> dict[str, Family] | None:
        """Each of ``families`` as recorded (names, SHA-256, first terms; no bytes read) for the previous
        site's ``data_dir`` (at ``site_root``); None unless the record was made from the same inputs."""
        record = self._body()
        if record is None or record.get("inputs") != self.inputs:
            return None
        entries = record.get("families")
        if not isinstance(entries, dict) or sorted(entries) != sorted(families):
            return None
        if is_linked(data_dir, site_root):
            return None
        found = {prefix: _family(entries[prefix]) for prefix in families}
        return None if any(family is None for family in found.values()) else found  # type: ignore[return-value]

    def previous(self, data_dir: Path, site_root: Path, families: Sequence[str]) -> dict[str, Family] | None:
        """:meth:`families` with their bytes, read from ``data_dir``; None unless every file holds."""
        found = self.families(data_dir, site_root, families)
        return read_families(found, data_dir) if found is not None else None

    def linked_files(self, data_dir: Path, site_root: Path) -> "LinkedFiles":
        """The previous build's data files by SHA-256 (from the record, whatever its inputs), to be linked."""
        record = self._body()
        entries = record.get("files") if record is not None else None
        files: dict[str, tuple[str, Identity]] = {}
        if isinstance(entries, list) and not is_linked(data_dir, site_root):
            for entry in entries:
                if isinstance(entry, list) and len(entry) == 6 and type(entry[0]) is str and type(entry[1]) is str \
                        and _plain_name(entry[0]) and all(type(n) is int for n in entry[2:]):
                    files[entry[1]] = (entry[0], tuple(entry[2:]))  # type: ignore[assignment]
        return LinkedFiles(os.fspath(data_dir), files)

    def keep(self, families: dict[str, Family], files: list[list[object]] | None = None) -> None:
        """Record the index families of this build and the identity of every data file it wrote (a record
        that cannot be written only costs time)."""
        if self.key is None:
            return
        body = json.dumps({"inputs": self.inputs, "families": {p: f.as_json() for p, f in families.items()},
                           "files": files or []}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        write_verified(self.path, body, fmt=FORMAT, root=self.root, key=self.key, sync=False,
                       writer="autoproces build")


class LinkedFiles:
    """The previous build's data files by SHA-256, with the identity each had when written (device, inode,
    size, modification time, ``generator.linked_files``): a file of this build with the same bytes is
    hard-linked from there when the previous file is still that very file, which saves creating it (on
    ext4 a link costs a fraction of a new file). ``made`` collects what this build's files are, for the
    next build's record."""

    def __init__(self, folder: str, files: dict[str, tuple[str, Identity]]) -> None:
        self.folder, self.files = folder, files
        self.made: list[list[object]] = []

    def link(self, digest: str, target: str) -> Identity | None:
        entry = self.files.get(digest)
        if entry is None:
            return None
        return link_if_same(os.path.join(self.folder, entry[0]), entry[1], target)

    def note(self, name: str, digest: str, made: Identity) -> None:
        self.made.append([name, digest, *made])


def read_families(found: dict[str, Family], data_dir: Path) -> dict[str, Family] | None:
    """``found`` with each file's bytes from ``data_dir``; None when a file is not the one recorded."""
    for family in found.values():
        family.data = [_read_file(data_dir, name, digest) for name, digest in zip(family.names, family.digests)]
        if any(data is None for data in family.data):
            return None
    return found


def _family(entry: object) -> Family | None:
    if not isinstance(entry, dict):
        return None
    firsts, names, digests = entry.get("firsts"), entry.get("names"), entry.get("sha256")
    if not (_strings(names) and _strings(digests) and len(names) == len(digests) and names
            and (firsts is None or (_strings(firsts) and len(firsts) == len(names)))):
        return None
    if not all(_plain_name(name) for name in names) or not all(_sha256_hex(d) for d in digests):
        return None
    groups = entry.get("groups")
    if groups is not None and not (isinstance(groups, list) and all(type(g) is int and g > 0 for g in groups)
                                   and sum(groups) == len(names)):
        return None
    return Family(firsts, names, digests, groups=groups)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(type(v) is str for v in value)


def _sha256_hex(digest: str) -> bool:
    return len(digest) == 64 and all(c in "0123456789abcdef" for c in digest)


def _plain_name(name: str) -> bool:
    """A file name of the data folder (``kort-000-0123456789.json``), never a path."""
    return name.endswith(".json") and name.isascii() and "/" not in name and "\\" not in name \
        and not name.startswith(".") and "\0" not in name


def _read_file(folder: Path, name: str, digest: str) -> bytes | None:
    """The bytes of ``folder/name`` when it is a regular file (opened without following a link) whose
    SHA-256 is ``digest``; else None."""
    try:
        handle = os.open(folder / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        found = os.fstat(handle)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_FILE_BYTES:
            return None
        with os.fdopen(handle, "rb", closefd=False) as source:
            data = source.read(found.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(handle)
    return data if len(data) == found.st_size and hashlib.sha256(data).hexdigest() == digest else None
