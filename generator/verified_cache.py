"""A cache file in ``.autoproces-cache/`` that is never trusted: one format, checked on every read.

The folder is hostile input: CI restores it from another branch, and a pull request can put
anything in it. So a cache file holds plain data only (JSON; nothing that runs code when read)
and its first line holds the format and a checksum of the rest. :func:`read_verified` gives the
parsed rest only when the file is a regular file with no symbolic link on the way from the project
down to it, not larger than allowed, cut short, unreadable, of another format or with a checksum
that does not match; anything else gives None and the caller builds its answer anew.

A checksum alone only finds damage: whoever can write the file can also compute a new SHA-256.
A cache whose entries are trusted as check results (``generator.checks.results_cache``) is
therefore signed with :func:`user_key`, a random key kept outside the project in the user's
own cache folder, so a cache written anywhere else (another machine, a restored CI cache, a
file committed to the repository) does not verify and is rebuilt.

:func:`write_verified` writes atomically (``generator.files.write_bytes_atomic``), never through
a symbolic link, and keeps a ``.gitignore`` in the folder so the cache is never committed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path
from typing import Any

from generator.checks.confidentiality.symlinks import first_link
from generator.files import write_bytes_atomic

FOLDER = ".autoproces-cache"
KEY_BYTES = 32
ENV_KEY_FOLDER = "AUTOPROCES_KEY_DIR"  # where the signing key is kept (default: the user's cache folder)


def checksum(body: bytes, key: bytes | None = None) -> str:
    """SHA-256 of ``body``, or its HMAC-SHA256 with ``key``."""
    if key is None:
        return hashlib.sha256(body).hexdigest()
    return hmac.new(key, body, hashlib.sha256).hexdigest()


def is_linked(path: Path, root: Path | None = None) -> bool:
    """True when ``path`` or a folder on the way to it (from ``root``, else its parent) is a symbolic link."""
    if root is None:
        return path.is_symlink() or path.parent.is_symlink()
    return first_link(path, root) is not None


def read_verified_bytes(path: Path, *, fmt: int, max_bytes: int, root: Path | None = None,
                        key: bytes | None = None) -> bytes | None:
    """The body of a cache file written by :func:`write_verified`; None when it cannot be trusted."""
    try:
        if is_linked(path, root) or not path.is_file() or path.stat().st_size > max_bytes:
            return None
        header, _, body = path.read_bytes().partition(b"\n")
        head = json.loads(header)
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(head, dict) or head.get("format") != fmt:
        return None
    stored = head.get("checksum")
    if not isinstance(stored, str) or not hmac.compare_digest(stored, checksum(body, key)):
        return None
    return body


def read_verified(path: Path, *, fmt: int, max_bytes: int, root: Path | None = None,
                  key: bytes | None = None) -> Any | None:
    """The parsed (JSON) body of a cache file written by :func:`write_verified`; None when it cannot be trusted."""
    body = read_verified_bytes(path, fmt=fmt, max_bytes=max_bytes, root=root, key=key)
    try:
        return None if body is None else json.loads(body)
    except (ValueError, RecursionError):
        return None


def write_verified(path: Path, body: bytes, *, fmt: int, root: Path | None = None, key: bytes | None = None,
                   sync: bool = True, writer: str = "autoproces") -> bool:
    """Write the cache atomically with its header; False (and nothing written) when it cannot be."""
    header = json.dumps({"format": fmt, "checksum": checksum(body, key)}).encode("ascii")
    try:
        if is_linked(path, root) or is_linked(path.parent, root):
            return False
        write_bytes_atomic(path, header + b"\n" + body, sync=sync)
        ignore = path.parent / ".gitignore"
        if not ignore.exists() and not ignore.is_symlink():
            write_bytes_atomic(ignore, f"# written by {writer}: the cache is never committed\n*\n".encode())
    except OSError:
        return False  # a cache that cannot be written is simply not there next time
    return True


def key_folder() -> Path:
    """Where the signing key lives: ``AUTOPROCES_KEY_DIR``, else ``$XDG_CACHE_HOME/autoproces``, else
    ``~/.cache/autoproces`` (outside every project, so no repository or restored cache holds it)."""
    chosen = os.environ.get(ENV_KEY_FOLDER, "").strip()
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "autoproces"


def user_key(create: bool = True) -> bytes | None:
    """This user's random signing key (made on first use when ``create``, readable only by the user); None
    when there is none or no place to keep one, and then no signed cache is read or written."""
    path = key_folder() / "cache-key"
    try:
        return _read_key(path) or (_new_key(path) if create else None)
    except FileExistsError:  # made by another build just now
        return _read_key_or_none(path)
    except (OSError, RuntimeError):
        return None


def _read_key_or_none(path: Path) -> bytes | None:
    try:
        return _read_key(path)
    except (OSError, RuntimeError):
        return None


def _read_key(path: Path) -> bytes | None:
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file() or path.stat().st_size != KEY_BYTES * 2:
        raise RuntimeError("not a key")
    if os.name == "posix" and (path.stat().st_uid != os.getuid() or path.stat().st_mode & 0o077):
        raise RuntimeError("a key others can read or write is no secret")
    try:
        return bytes.fromhex(path.read_text(encoding="ascii"))
    except ValueError:
        raise RuntimeError("not a key") from None


def _new_key(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = os.urandom(KEY_BYTES)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(handle, "w", encoding="ascii") as out:
        out.write(key.hex())
    return key
