"""The check's cache: the facts the cross-file rules read from each file, by the hash of its bytes.

``autoproces check FILE...`` must judge a changed file against every other file (duplicate ids,
umbrellas, copies), but it needs only ``relations.Facts`` of the others. They are kept in
``.autoproces-cache/check-facts.json`` beside the processes folder, keyed by a hash of the file's
bytes, and every run hashes the bytes of every file again: a file that changed has another key
and is checked in full. The cache file itself is never trusted: its first line holds the format
and a checksum of the rest, and the rest names the code and the reference lists it was made
with; a file that is missing, cut short, not JSON, of another format, code or list version, or
whose checksum does not match is ignored and written anew. It is written atomically and never
through a symbolic link.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from generator.checks.relations import Facts
from generator.verified_cache import FOLDER, read_verified, write_verified

FORMAT = 1
FILE_NAME = "check-facts.json"
MAX_CACHE_BYTES = 64_000_000
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_file(processes: Path) -> Path:
    """Where the cache of a catalogue lives: beside its processes folder."""
    return Path(os.path.abspath(processes)).parent / FOLDER / FILE_NAME


def _tree_hash(files: list[Path], base: Path) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def code_version() -> str:
    """A hash of the generator's own source: a cache made by other code is not used."""
    return _tree_hash(sorted(_PACKAGE.rglob("*.py")), _PACKAGE)


def taxonomy_version(taxonomies: Path) -> str:
    """A hash of the reference lists (the files directly in the taxonomies folder)."""
    try:
        files = sorted(p for p in taxonomies.iterdir() if p.is_file() and not p.is_symlink())
        return _tree_hash(files, taxonomies)
    except OSError:
        return "unreadable"


def _facts(value: Any) -> Facts | None:
    if not (isinstance(value, list) and len(value) == 3 and isinstance(value[0], bool)
            and all(v is None or isinstance(v, str) for v in value[1:])):
        return None
    return Facts(valid=value[0], type=value[1], municipality=value[2])


def read_cache(path: Path, versions: dict[str, str]) -> dict[str, Facts]:
    """The facts by content hash, or nothing when the file is missing or cannot be trusted."""
    data = read_verified(path, fmt=FORMAT, max_bytes=MAX_CACHE_BYTES)
    if not isinstance(data, dict) or any(data.get(k) != v for k, v in versions.items()):
        return {}
    stored = data.get("facts")
    if not isinstance(stored, dict):
        return {}
    found = {}
    for key, value in stored.items():
        facts = _facts(value)
        if facts is None:
            return {}  # one broken entry and the whole file is suspect
        found[key] = facts
    return found


def write_cache(path: Path, versions: dict[str, str], facts: dict[str, Facts]) -> None:
    """Write the cache atomically; a cache that cannot be written is simply not there next time."""
    stored = {key: [f.valid, f.type, f.municipality] for key, f in sorted(facts.items())}
    body = json.dumps({**versions, "facts": stored}, ensure_ascii=True, separators=(",", ":")).encode("ascii")
    write_verified(path, body, fmt=FORMAT, writer="autoproces check")
