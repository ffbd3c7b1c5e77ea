"""Split an index by the first letters of its terms, so a query downloads only the parts it needs.

A *key* is a term prefix (``""``, ``"b"``, ``"bo"`` ...). A term belongs to the longest key that is a
prefix of it. Keys start at ``""`` (everything) and are split one letter deeper while their part of
the index is larger than ``max_key_bytes``; the keys are then packed, in alphabetical order, into
files of about ``file_bytes``. The browser finds a term's file the same way (``search-core.js``):

- an exact term: the file of the longest key that is a prefix of it;
- a prefix ``p``: that file, plus the files of every longer key that starts with ``p``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Mapping

MAX_KEY_LENGTH = 4


def partition(weights: Mapping[str, int], *, max_key_bytes: int, file_bytes: int) -> dict[str, int]:
    """Map keys to file numbers. ``weights`` estimates each term's bytes in the index."""
    keys: dict[str, int] = {}
    _split(sorted(weights.items()), "", max_key_bytes, keys)
    files: dict[str, int] = {}
    number, size = 0, 0
    for key in sorted(keys):
        if size and size + keys[key] > file_bytes:
            number, size = number + 1, 0
        files[key] = number
        size += keys[key]
    return files


def _split(terms: list[tuple[str, int]], key: str, limit: int, keys: dict[str, int]) -> None:
    total = sum(w for _, w in terms)
    if total <= limit or len(key) >= MAX_KEY_LENGTH:
        keys[key] = total
        return
    own = sum(w for t, w in terms if t == key)
    if own or not key:
        keys[key] = own
    children: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for term, weight in terms:
        if term != key:
            children[term[: len(key) + 1]].append((term, weight))
    for child, child_terms in sorted(children.items()):
        _split(child_terms, child, limit, keys)


def key_of(term: str, keys: Mapping[str, int]) -> str | None:
    """The longest key that is a prefix of ``term`` (None when no key is)."""
    for length in range(len(term), -1, -1):
        if term[:length] in keys:
            return term[:length]
    return None
