"""Writing the cache: atomic file writes and the deterministic list and manifest formats.

A list file is ``{"list": ..., "items": [...]}`` with one item per line, sorted by code (the format
``lookup`` reads). Every byte depends only on the items, so a rebuild from the same sources is
byte-identical and a refresh shows as a line diff.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

ITEM_SEPARATORS = (",", ":")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same directory and ``os.replace``.

    A reader sees either the old file or the new one, never a half-written file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def dump_items(list_name: str, items: Iterable[Mapping[str, object]]) -> bytes:
    """The bytes of ``<list>.json``: one compact, key-sorted JSON object per line, sorted by code."""
    lines = [
        json.dumps(item, ensure_ascii=False, sort_keys=True, separators=ITEM_SEPARATORS)
        for item in sorted(items, key=lambda item: str(item["code"]))
    ]
    head = '{"list":' + json.dumps(list_name, ensure_ascii=False) + ',"items":[\n'
    body = ",\n".join(lines) + "\n" if lines else ""
    return (head + body + "]}\n").encode()


def dump_manifest(manifest: Mapping[str, object]) -> bytes:
    return (json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
