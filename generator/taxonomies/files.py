"""Writing the cache: atomic file writes and the deterministic list and manifest formats.

A list file is ``{"list": ..., "items": [...]}`` with one item per line, sorted by code (the format
``lookup`` reads). Every byte depends only on the items, so a rebuild from the same sources is
byte-identical and a refresh shows as a line diff.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Iterable, Mapping

from generator.files import write_bytes_atomic as atomic_write  # noqa: F401  (re-exported for build/refresh)

ITEM_SEPARATORS = (",", ":")


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
