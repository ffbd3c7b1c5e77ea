"""Where each process's bytes are in the previous build's exports, so the next build copies them.

After a build that names its previous folder (``build --incremental``, ``serve``, ``export``), the
streamed exports (``generator.exports.stream``) note their *layout* in one file,
``.autoproces-cache/exports/<folder>`` beside the output folder: for every process, by the key of its
inputs (``generator.exports.unchanged.process_keys``), where its text is in ``processes.json`` and its
line in ``processes.csv`` (place and length) and the size and SHA-256 of its record file; for every
compressed piece of rows of ``processes.xlsx`` (``generator.exports.xlsx_package``) its place, length,
size and CRC-32; and the size and SHA-256 of each of the three files.

The next build into that folder copies the bytes of every process whose key is in the layout from the
previous files (:class:`Spliced`; ranges that follow each other there are copied in one go), and makes
only the others. A layout is a cache file of ``generator.verified_cache`` (signed with the user's key,
never read through a link) and is used only when it verifies, every range lies in its file and each of
the three previous files is, byte for byte, the file it describes (read and hashed again on every
build); otherwise nothing is taken from it and every process is made anew. The cache is never a source
of truth: losing it only costs time.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Mapping

from generator import urls
from generator.checks.confidentiality.symlinks import first_link
from generator.verified_cache import FOLDER, read_verified_bytes, user_key, write_verified

FORMAT = 1
SOURCES = (urls.API_JSON, urls.API_CSV, urls.API_XLSX)
MAX_BYTES = 1_000_000_000
_RECORD = struct.Struct("<32sQIQII32s")  # key, JSON place and length, CSV place and length, record file size, SHA-256
_PIECE = struct.Struct("<32sQIII")  # the piece's id, place, compressed length, size, CRC-32
_READ = 1 << 20  # bytes read at a time


@dataclass(frozen=True)
class Placed:
    """One process in the previous files: its JSON text and CSV line (place, length), its record file (size, SHA-256)."""

    json: tuple[int, int]
    csv: tuple[int, int]
    record_file: tuple[int, str]


@dataclass(frozen=True)
class Piece:
    """A compressed piece of sheet rows in the previous workbook."""

    at: int
    length: int
    size: int
    crc: int


@dataclass
class Layout:
    """The previous build's layout, its three files open to copy from (until :meth:`close`)."""

    records: dict[bytes, Placed]
    pieces: dict[bytes, Piece]
    sources: dict[str, int]  # file name -> descriptor

    def read(self, name: str, at: int, length: int) -> bytes:
        data = os.pread(self.sources[name], length, at)
        if len(data) != length:
            raise OSError(f"{name} is shorter than its layout")
        return data

    def close(self) -> None:
        for fd in self.sources.values():
            os.close(fd)
        self.sources = {}


def cache_file(output: Path) -> Path | None:
    """Where the layout of the builds into ``output`` is kept; None when a link is on the way."""
    output = Path(output).absolute()
    name = hashlib.sha256(output.name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    path = output.parent / FOLDER / "exports" / name
    return None if first_link(path, output.parent) is not None else path


def read_layout(path: Path | None, previous: Path) -> Layout | None:
    """The layout in ``path`` of the files in ``previous``; None when either is missing, foreign, cut off
    or changed."""
    body = read_verified_bytes(path, fmt=FORMAT, max_bytes=MAX_BYTES, root=_root(path), key=user_key(create=False)) \
        if path is not None else None
    if body is None:
        return None
    try:
        head_end = body.index(b"\n")
        head = json.loads(body[:head_end])
        files = {name: (int(head["files"][name][0]), str(head["files"][name][1])) for name in SOURCES}
        count, pieces = int(head["records"]), int(head["pieces"])
    except (ValueError, KeyError, TypeError, IndexError, RecursionError):
        return None
    table = memoryview(body)[head_end + 1:]
    if len(table) != count * _RECORD.size + pieces * _PIECE.size:
        return None
    records = {key: Placed((json_at, json_length), (csv_at, csv_length), (size, digest.hex()))
               for key, json_at, json_length, csv_at, csv_length, size, digest
               in _RECORD.iter_unpack(table[:count * _RECORD.size])}
    found = {key: Piece(at, length, size, crc) for key, at, length, size, crc
             in _PIECE.iter_unpack(table[count * _RECORD.size:])}
    if not _within(records.values(), found.values(), files):
        return None
    sources = _open_sources(previous, files)
    return Layout(records, found, sources) if sources is not None else None


def _within(records, pieces, files: Mapping[str, tuple[int, str]]) -> bool:
    """Every range of the layout lies in its file."""
    json_size, csv_size, xlsx_size = (files[name][0] for name in SOURCES)
    return (all(p.json[0] + p.json[1] <= json_size and p.csv[0] + p.csv[1] <= csv_size for p in records)
            and all(p.at + p.length <= xlsx_size for p in pieces))


def _open_sources(previous: Path, files: Mapping[str, tuple[int, str]]) -> dict[str, int] | None:
    """Each previous file open, when it is a regular file (not a link) of the size and SHA-256 noted."""
    sources: dict[str, int] = {}
    try:
        for name, (size, digest) in files.items():
            fd = os.open(previous / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            sources[name] = fd
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size != size or _digest(fd) != (size, digest):
                raise OSError(name)
    except OSError:
        for fd in sources.values():
            os.close(fd)
        return None
    return sources


def _digest(fd: int) -> tuple[int, str]:
    digest, at = hashlib.sha256(), 0
    while piece := os.pread(fd, _READ, at):
        digest.update(piece)
        at += len(piece)
    return at, digest.hexdigest()


def _root(path: Path) -> Path:
    """The folder that holds the cache folder of ``path`` (``<root>/.autoproces-cache/exports/<name>``)."""
    return path.parent.parent.parent


def write_layout(path: Path, files: Mapping[str, tuple[int, str]], records: list[tuple[bytes, Placed]],
                 pieces: list[tuple[bytes, Piece]]) -> None:
    """The layout file (``generator.verified_cache``: atomically; a failure only costs the next build time)."""
    head = json.dumps({"files": {name: list(files[name]) for name in SOURCES}, "records": len(records),
                       "pieces": len(pieces)}, sort_keys=True).encode()
    parts = [head, b"\n"]
    parts += [_RECORD.pack(key, *p.json, *p.csv, p.record_file[0], bytes.fromhex(p.record_file[1])) for key, p in records]
    parts += [_PIECE.pack(key, p.at, p.length, p.size, p.crc) for key, p in pieces]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    write_verified(path, b"".join(parts), fmt=FORMAT, root=_root(path), key=user_key(), sync=False)


class Spliced:
    """A file written from new bytes and ranges of the previous build's file of the same name.

    A range that follows the one before it in the previous file (with the same joint between them) is
    copied together with it, so unchanged runs of processes cost one copy. :attr:`at` is where the next
    byte goes."""

    def __init__(self, out: BinaryIO, layout: Layout | None, name: str) -> None:
        self.out, self.layout, self.name = out, layout, name
        self.at = 0
        self._start = self._end = -1  # the range waiting to be copied

    def write(self, data: bytes) -> int:
        """New bytes; returns where they start."""
        self._copy_waiting()
        self.out.write(data)
        start, self.at = self.at, self.at + len(data)
        return start

    def copy(self, joint: bytes, at: int, length: int) -> int:
        """``joint``, then ``length`` bytes of the previous file from ``at``; returns where those start here."""
        assert self.layout is not None
        if self._end >= 0 and self._end + len(joint) == at:
            self._end = at + length  # the previous file has this joint between the two
        else:
            self._copy_waiting()
            self.out.write(joint)
            self._start, self._end = at, at + length
        self.at += len(joint)
        start, self.at = self.at, self.at + length
        return start

    def close(self) -> None:
        self._copy_waiting()

    def _copy_waiting(self) -> None:
        if self._end < 0:
            return
        assert self.layout is not None
        at, end = self._start, self._end
        while at < end:
            piece = self.layout.read(self.name, at, min(_READ * 8, end - at))
            self.out.write(piece)
            at += len(piece)
        self._start = self._end = -1
