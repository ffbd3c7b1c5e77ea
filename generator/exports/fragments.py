"""The exports' fragments of the previous build, by process key, so an incremental build makes only new ones.

A fragment is what one export writes for one process (``generator.exports.stream``): the record's
JSON text, its CSV line and its sheet row. After each build the fragments of every process are kept
in one file, ``.autoproces-cache/exports/<folder>`` beside the output folder, keyed by the process's
inputs key (``generator.exports.unchanged.process_keys``); the next build into that folder uses the
fragments of every process whose key it finds, and makes the others.

The file is :data:`MAGIC`, then one entry per process: its key (32 bytes), the SHA-256 (32 bytes) of
the key, the lengths and the fragments, the three lengths (4 bytes each, little-endian) and the three
fragments in UTF-8. An entry whose hash does not match (a changed, cut off or damaged file) is not
used: that process's fragments are made again, and a file that does not start with :data:`MAGIC` or
does not end where its last entry ends is not used at all. The cache is never a source of truth:
losing it only costs time.
"""

from __future__ import annotations

import hashlib
import struct
from contextlib import ExitStack
from pathlib import Path
from typing import Callable, Iterable

from generator.checks.confidentiality.symlinks import first_link
from generator.exports.stream import ExportItem, Fragments
from generator.files import atomic_output, write_bytes_atomic

MAGIC = b"autoproces-export-fragments-1\n"
KINDS = ("json", "csv", "xlsx")
CACHE_FOLDER = ".autoproces-cache"
MAX_BYTES = 4_000_000_000
_LENGTHS = struct.Struct("<III")
_HEAD = 32 + 32 + _LENGTHS.size


def cache_file(output: Path) -> Path | None:
    """Where the fragments of the builds into ``output`` are kept; None when a link is on the way."""
    output = Path(output).absolute()
    name = hashlib.sha256(output.name.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    path = output.parent / CACHE_FOLDER / "exports" / name
    return None if first_link(path, output.parent) is not None else path


def read_fragments(path: Path | None) -> dict[bytes, tuple[Fragments, bytes]]:
    """Every intact entry of the cache by key, with its checksum; nothing when the file is missing,
    foreign or cut off."""
    if path is None:
        return {}
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_BYTES:
            return {}
        data = path.read_bytes()
    except OSError:
        return {}
    if not data.startswith(MAGIC):
        return {}
    found: dict[bytes, tuple[Fragments, bytes]] = {}
    at = len(MAGIC)
    while at < len(data):
        entry = _entry(data, at)
        if entry is None:
            return {}  # cut off: where the next entry starts is not known
        at, key, checksum, fragments = entry
        if fragments is not None:
            found[key] = (fragments, checksum)
    return found


def _checksum(key: bytes, lengths: bytes, texts: list[bytes]) -> bytes:
    digest = hashlib.sha256(key)
    digest.update(lengths)
    for text in texts:
        digest.update(text)
    return digest.digest()


def _entry(data: bytes, at: int) -> tuple[int, bytes, bytes, Fragments | None] | None:
    """The entry at ``at``: where the next starts, its key and checksum, its fragments (None when the
    checksum is wrong)."""
    if at + _HEAD > len(data):
        return None
    key, checksum, lengths = data[at:at + 32], data[at + 32:at + 64], data[at + 64:at + _HEAD]
    texts, start = [], at + _HEAD
    for length in _LENGTHS.unpack(lengths):
        texts.append(data[start:start + length])
        start += length
    if start > len(data):
        return None
    if _checksum(key, lengths, texts) != checksum:
        return start, key, checksum, None
    return start, key, checksum, dict(zip(KINDS, texts))


def entry_bytes(item: ExportItem) -> bytes:
    """The entry of an item in the file; empty when it has no key or not every fragment."""
    if len(item.key) != 32 or any(kind not in item.fragments for kind in KINDS):
        return b""
    texts = [item.fragments[kind] for kind in KINDS]
    lengths = _LENGTHS.pack(*(len(text) for text in texts))
    return b"".join([item.key, item.checksum or _checksum(item.key, lengths, texts), lengths, *texts])


def open_fragments(stack: ExitStack, path: Path | None) -> Callable[[ExportItem], None] | None:
    """A function that keeps each item's fragments as it passes, in a file put in place when ``stack``
    closes without an error (``generator.files.atomic_output``); None when there is nowhere to keep them.

    Written as the items pass, so the build never holds every fragment. A failure to write only costs
    time: the file then ends early, which the next build reads as no cache (or as fewer entries).
    """
    if path is None or first_link(path, path.parent.parent.parent) is not None:
        return None
    try:
        out = stack.enter_context(atomic_output(path, sync=False))
        out.write(MAGIC)
        _ignored_by_git(path.parent.parent)
    except OSError:
        return None
    failed = []

    def keep(item: ExportItem) -> None:
        if not failed:
            try:
                out.write(entry_bytes(item))
            except OSError as error:
                failed.append(error)

    return keep


def _ignored_by_git(folder: Path) -> None:
    ignore = folder / ".gitignore"
    if not ignore.exists() and not ignore.is_symlink():
        write_bytes_atomic(ignore, b"# written by autoproces: the cache is never committed\n*\n")


def write_fragments(path: Path, items: Iterable[ExportItem]) -> None:
    """The file of these items' fragments, at once (as :func:`open_fragments` writes it item by item)."""
    with ExitStack() as stack:
        keep = open_fragments(stack, path)
        assert keep is not None, "the cache folder holds no link"
        for item in items:
            keep(item)
