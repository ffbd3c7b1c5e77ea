"""Reusing the previous build's exports when nothing they are made from has changed.

An incremental build (``autoproces build`` or ``export`` into a folder that holds the previous build)
writes into a fresh staging folder. Each published process has a key (:func:`process_keys`): a
SHA-256 over everything its exports read: the code of the generator (and the versions of Python and
of every installed package), the build's settings, its filtered process, link, resolved names and
redacted commits. :func:`inputs_digest`, over every key in id order, is stored in
:data:`DIGEST_FILE`. When the previous build's digest is the same, its JSON, CSV, XLSX, feed and
record files are linked (or copied) into the new folder instead of being made again. When it is not,
the exports are written anew, the bytes of every process whose key is the same copied from the
previous build's files (``generator.exports.layout``) and new ones made for the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import stat
import sys
from pathlib import Path
from typing import Mapping

from generator import urls
from generator.code_digest import installed_packages, source_hash
from generator.files import write_bytes_atomic
from generator.publication import Publication

DIGEST_FILE = "api/inputs.sha256"
VERSION = "autoproces-exports-3"  # changes when what a key covers changes
_PIECE = 1 << 20  # bytes read at a time when an output is hashed


def _code_digest() -> bytes:
    """The generator's code and every installed package's version (Markdown, the cleaner, ...)."""
    packages = list(installed_packages())
    return hashlib.sha256(f"{VERSION}\0{sys.version}\0{packages!r}\0{source_hash()}".encode()).digest()


def process_keys(ctx: Publication) -> dict[str, bytes]:
    """Each published process's inputs key (a SHA-256), by id in id order.

    The key covers the code, the build's settings and everything the record's exports read: the
    filtered process, its link, its resolved names and its redacted commits.
    """
    common = hashlib.sha256(_code_digest())
    settings = [ctx.published.audience.name, ctx.hourly_rate, ctx.site_name, ctx.site_url, ctx.published_url,
                ctx.use_directory_urls]
    common.update(json.dumps(settings, ensure_ascii=False).encode())
    keys = {}
    for pp in sorted(ctx.published, key=lambda p: p.id):
        record = ctx.record(pp)
        digest = common.copy()
        digest.update(b"\0" + pp.id.encode() + b"\0" + pp.key.encode())  # the process as published
        digest.update(repr((record.url, record.changes, record.references, record.validators,
                            record.adopted_by)).encode())
        keys[pp.id] = digest.digest()
    return keys


def inputs_digest(ctx: Publication, keys: dict[str, bytes] | None = None) -> str:
    """What the streamed exports are made from, as one hexadecimal SHA-256 (of every process's key)."""
    digest = hashlib.sha256(b"%d\0" % len(ctx.published))
    for process_id, key in (keys if keys is not None else process_keys(ctx)).items():
        digest.update(process_id.encode() + b"\0" + key)
    return digest.hexdigest()


def export_files(ctx: Publication) -> list[str]:
    """The files the streamed exports write, relative to the output folder."""
    records = [f"{urls.API_PROCESS_DIR}/{pp.id}.json" for pp in sorted(ctx.published, key=lambda p: p.id)]
    return [urls.API_JSON, urls.API_CSV, urls.API_XLSX, urls.FEED, *records]


def outputs_digest(folder: Path, files: list[str], written: Mapping[str, tuple[int, str]] | None = None) -> str | None:
    """A SHA-256 over the names, sizes and SHA-256s of ``files`` in ``folder``; None when one is not a
    regular file.

    ``written``: the size and SHA-256 of files just written from bytes in hand (the ten thousand record
    files), which are not read back. Every other file is read in pieces (``processes.json`` is about
    270 MB at 50,000 processes)."""
    digest = hashlib.sha256()
    for name in files:
        known = written.get(name) if written is not None else None
        found = known if known is not None else file_digest(folder / name)
        if found is None:
            return None
        digest.update(f"{name}\0{found[0]}\0{found[1]}\n".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> tuple[int, str] | None:
    """The size and SHA-256 of a regular file (not a link); None when it is not one or changes while read."""
    try:
        if not _regular(path):
            return None
        digest = hashlib.sha256()
        with path.open("rb") as source:
            size = os.fstat(source.fileno()).st_size
            read = 0
            for piece in iter(lambda: source.read(_PIECE), b""):
                digest.update(piece)
                read += len(piece)
        return (size, digest.hexdigest()) if read == size else None
    except OSError:
        return None


def record_outputs(ctx: Publication, out_dir: Path, digest: str, record: Path | None,
                   written: Mapping[str, tuple[int, str]] | None = None) -> None:
    """Note, beside the fragments, which outputs the inputs ``digest`` gave (a failure only costs time);
    ``written``: the files whose bytes the exports hashed as they wrote them (``outputs_digest``)."""
    if record is None:
        return
    found = outputs_digest(out_dir, export_files(ctx), written)
    if found is None:
        return
    try:
        write_bytes_atomic(record, f"{digest} {found}\n".encode("ascii"), sync=False)
    except OSError:
        pass


def reuse_previous(ctx: Publication, previous: Path, out_dir: Path, digest: str, record: Path | None = None) -> bool:
    """Link the previous build's exports into ``out_dir`` when its digest is ``digest`` and its files are
    the ones that digest gave (``record``, written by :func:`record_outputs`); False when not.

    The files are checked after they are linked, so what is checked is what the new folder holds; a
    changed, missing or linked file means no reuse (the exports are then written anew over them).
    """
    if record is None or _same_folder(previous, out_dir) or _read_digest(previous) != digest:
        return False
    try:
        noted = record.read_text(encoding="ascii").split() if _regular(record) else []
    except (OSError, UnicodeDecodeError):
        return False
    files = export_files(ctx)
    if noted[:1] != [digest] or len(noted) != 2 or not all(_regular(previous / name) for name in files):
        return False
    for name in files:
        _link_or_copy(previous / name, out_dir / name)
    return outputs_digest(out_dir, files) == noted[1]


def _read_digest(folder: Path) -> str | None:
    path = folder / DIGEST_FILE
    if not _regular(path):
        return None
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)  # never a link someone put in the old folder
    except OSError:
        return False


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and os.path.samefile(one, other)
    except OSError:
        return False


def _link_or_copy(source: Path, target: Path) -> None:
    """``target`` made the same file as ``source`` in one step (a hard link, or a copy on another disk)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(8)}.tmp")
    try:
        os.link(source, temporary)
    except OSError:
        write_bytes_atomic(target, source.read_bytes())
        return
    try:
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
