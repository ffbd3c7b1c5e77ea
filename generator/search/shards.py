"""Split a sorted list of terms into files, so a query downloads only the files it needs.

The terms (of an index, or the vocabulary of compound words) are sorted and cut into runs of about
``file_bytes``; a file starts at the shortest prefix of its first term that sorts after the last
term of the file before it (so the manifest stays small). A term too large for one file (a word most
processes use) gets a file of its own, and no file mixes it with more than its neighbours. The
manifest lists the first term of every file; the browser (``search-files.js``) finds:

- an exact term: the last file whose first term is not after it (a binary search);
- a prefix ``p``: that file, and every following file whose first term starts with ``p``.

Terms are compared as UTF-16 code units, as JavaScript compares strings, so the order is the same on
both sides for every text.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Iterable, Mapping


def utf16(term: str) -> bytes:
    """The sort key of a term: its UTF-16 code units (JavaScript's string order)."""
    return term.encode("utf-16-be", "surrogatepass")


def sorted_terms(terms: Iterable[str]) -> list[str]:
    return sorted(terms, key=utf16)


def first_terms(weights: Mapping[str, int], *, file_bytes: int) -> list[str]:
    """The first term of each file, the terms sorted and cut into runs of about ``file_bytes``
    (``weights`` estimates each term's bytes). An empty list of terms is one empty file, ``[""]``."""
    firsts: list[str] = [""]  # the first file starts at the beginning, so every term has a file
    size = 0
    previous: str | None = None
    for term in sorted_terms(weights):
        if previous is not None and size + weights[term] > file_bytes:
            firsts.append(separator(previous, term))
            size = 0
        size += weights[term]
        previous = term
    return firsts


def separator(before: str, term: str) -> str:
    """The shortest prefix of ``term`` that sorts after ``before`` (``before`` sorts before ``term``)."""
    common = 0
    while common < min(len(before), len(term)) and before[common] == term[common]:
        common += 1
    return term[:common + 1]


class FileFinder:
    """Which file holds a term (the twin of ``fileOfTerm`` in ``search-files.js``)."""

    def __init__(self, firsts: list[str]):
        self._keys = [utf16(t) for t in firsts]

    def file_of(self, term: str) -> int:
        return max(0, bisect_right(self._keys, utf16(term)) - 1)
