"""The check's cache: the facts the cross-file rules read from each file, by the hash of its bytes.

``autoproces check FILE...`` must judge a changed file against every other file (duplicate ids,
umbrellas, copies), but it needs only ``relations.Facts`` of the others. They are kept in
``.autoproces-cache/check-facts.json`` beside the processes folder, keyed by a hash of the file's
bytes: a file that changed has another key and is checked in full.

Which bytes a file holds is known without reading it when its stat signature (size, modification and
change time in nanoseconds, inode, device: what git's index keeps) is the one the cache recorded with
its hash; any other signature and the file is read and hashed again. A file is only recorded when its
modification and change times are older than a time stamp taken from the file system before the run
read any file (git's "racily clean" rule, made strict): a file written during the run, or in the same
clock tick as the run began, is read again next time. A change that keeps size and modification time
(``touch -d``) still moves the change time, which no user can set; a fresh clone or a copy has other
inodes and change times, so its files are read again.

The cache file itself is never trusted: its first line holds the format and a checksum of the rest
(an HMAC with the user's own key, ``verified_cache.user_key``, when there is one: the stat signatures
are used only from a cache signed with it), and the rest names the code and the reference lists it was
made with; a file that is missing, cut short, not JSON, of another format, code or list version, or
whose checksum does not match, or that holds one entry of the wrong shape, is ignored and written anew.
It is written atomically and never through a symbolic link.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks.relations import Facts
from generator.code_digest import source_hash, tree_hash
from generator.verified_cache import FOLDER, is_linked, read_verified_bytes, write_verified

FORMAT = 2
FILE_NAME = "check-facts.json"
SIGNATURES_NAME = "check-signatures.json"
MAX_CACHE_BYTES = 64_000_000


def cache_file(processes: Path) -> Path:
    """Where the cache of a catalogue lives: beside its processes folder."""
    return Path(os.path.abspath(processes)).parent / FOLDER / FILE_NAME


def code_version() -> str:
    """A hash of the generator's own source: a cache made by other code is not used."""
    return source_hash()


def taxonomy_version(taxonomies: Path) -> str:
    """A hash of the reference lists (the files directly in the taxonomies folder)."""
    try:
        files = sorted(p for p in taxonomies.iterdir() if p.is_file() and not p.is_symlink())
        return tree_hash(files, taxonomies)
    except OSError:
        return "unreadable"


def signature(status: os.stat_result) -> str:
    """A file's stat signature: size, modification and change time (ns), inode and device."""
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}:{status.st_dev}"


@dataclass
class Known:
    """What a cache holds: facts by content hash, and (signed caches only) a file's hash by its stat signature."""

    facts: dict[str, Facts] = field(default_factory=dict)
    hashes: dict[str, tuple[str, str]] = field(default_factory=dict)  # absolute path: (hash, signature)


# Both files: a line of JSON with the versions, then a line for each entry, its fields separated by tabs.
# The facts: hash, 1 or 0 (passed the schema), type and municipality ("" for none). The signatures: hash,
# stat signature and absolute path.
_HASH_LENGTH = 40


def signatures_file(path: Path) -> Path:
    """Where the stat signatures are kept: beside the facts, in a file of their own signed with the user's key
    (a restored CI cache keeps its facts, which are safe by content, whoever signed it)."""
    return path.with_name(SIGNATURES_NAME)


def _lines(path: Path, versions: dict[str, str], key: bytes | None) -> list[str] | None:
    body = read_verified_bytes(path, fmt=FORMAT, max_bytes=MAX_CACHE_BYTES, key=key)
    if body is None:
        return None
    header, _, rest = body.decode("utf-8", "surrogateescape").partition("\n")
    try:
        stored = json.loads(header)
    except (ValueError, RecursionError):
        return None
    if not isinstance(stored, dict) or any(stored.get(k) != v for k, v in versions.items()):
        return None
    return rest.split("\n") if rest else []


def read_cache(path: Path, versions: dict[str, str], key: bytes | None = None) -> Known:
    """What the cache holds, or nothing when the file is missing or cannot be trusted; the stat signatures
    only when there is a ``key`` and their file is signed with it."""
    known = Known()
    made: dict[tuple[str, str, str], Facts] = {}  # the few distinct facts, each made once
    for line in _lines(path, versions, None) or ():
        fields = line.split("\t")
        if len(fields) != 4 or len(fields[0]) != _HASH_LENGTH or fields[1] not in ("0", "1"):
            return Known()  # one broken entry and the whole file is suspect
        digest, valid, kind, municipality = fields
        facts = made.get((valid, kind, municipality))
        if facts is None:
            facts = made[valid, kind, municipality] = Facts(valid == "1", kind or None, municipality or None)
        known.facts[digest] = facts
    if key is None or not known.facts:
        return known
    for line in _lines(signatures_file(path), versions, key) or ():
        fields = line.split("\t", 2)
        if len(fields) != 3 or fields[0] not in known.facts or not fields[1] or not fields[2]:
            known.hashes.clear()
            break
        known.hashes[fields[2]] = (fields[0], fields[1])
    return known


def _plain(text: str | None) -> bool:
    return text is None or (text != "" and "\t" not in text and "\n" not in text)


def _kept(facts: Facts) -> bool:
    """True for facts a line can hold (a municipality with a tab in it cannot; its file is checked in full)."""
    return _plain(facts.type) and _plain(facts.municipality)


def write_cache(path: Path, versions: dict[str, str], known: Known, key: bytes | None = None,
                previous: Known | None = None) -> None:
    """Write what changed since ``previous``, atomically (the stat signatures only with a ``key``); a cache that
    cannot be written is simply not there next time. Facts a line cannot hold are left out (checked in full)."""
    header = json.dumps(versions, ensure_ascii=True, sort_keys=True)
    if previous is None or known.facts != previous.facts:
        lines = [header] + [f"{digest}\t{int(f.valid)}\t{f.type or ''}\t{f.municipality or ''}"
                            for digest, f in known.facts.items() if _kept(f)]
        write_verified(path, "\n".join(lines).encode("utf-8", "surrogateescape"), fmt=FORMAT,
                       writer="autoproces check")
    if key is not None and (previous is None or known.hashes != previous.hashes):
        lines = [header] + [f"{digest}\t{stat_signature}\t{located}" for located, (digest, stat_signature)
                            in known.hashes.items() if "\n" not in located and _kept(known.facts[digest])]
        write_verified(signatures_file(path), "\n".join(lines).encode("utf-8", "surrogateescape"), fmt=FORMAT,
                       key=key, writer="autoproces check")


def file_system_time(folder: Path) -> int | None:
    """The file system's clock now (ns), read from a file made and removed in ``folder``; None when it cannot
    be. A file whose modification or change time is not older than this may change unseen in the same tick."""
    try:
        if is_linked(folder):
            return None
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".stamp.{os.getpid()}-{os.urandom(4).hex()}.tmp"
        handle = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        try:
            status = os.fstat(handle)
        finally:
            os.close(handle)
            os.unlink(probe)
    except OSError:
        return None
    return max(status.st_mtime_ns, status.st_ctime_ns)
