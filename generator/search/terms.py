"""The words of each search document, counted: every distinct word is stemmed and split once per build.

A document's texts fall into ``GROUPS`` (its title, résumé, search words, labels, long texts and
KLE's keywords of its subject); each index field holds the stems or the compound parts of some of
them, or the codes (``FieldSources``, in ``index.py``). Counting the folded tokens of each group
once (:func:`document_words`) is all the per-occurrence work; a field's term frequencies and length
then come from the counts and one stem and one split per distinct word (:class:`WordTable`), and
give exactly the terms of the plain definition (one term per occurrence, ``FieldSources.__call__``).

The counts depend on nothing but the document's texts, so the token cache of an incremental build
(``token_cache.py``) keeps them between builds.
"""

from __future__ import annotations

import hashlib
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from generator.search.compounds import Splitter
from generator.search.danish import MIN_TOKEN_LENGTH, STOP_WORDS, TOKEN, fold, stem
from generator.search.documents import SearchDocument

GROUPS = ("title", "resume", "keywords", "labels", "long", "subject")


def group_texts(doc: SearchDocument) -> tuple[Sequence[str], ...]:
    """The texts of each of ``GROUPS`` in a document."""
    return ((doc.title,), (doc.resume,), doc.keywords, doc.labels, doc.long_texts, doc.subject_keywords)


def texts_digest(*parts: str | Sequence[str]) -> str:
    """A short SHA-256 of texts and groups of texts, each part and text prefixed with its length, so no two
    different inputs give the same bytes (the texts may hold any character)."""
    digest = hashlib.sha256()
    for part in parts:
        texts = (part,) if isinstance(part, str) else part
        digest.update(b"%d\n" % len(texts))
        for text in texts:
            data = text.encode("utf-8", "surrogatepass")
            digest.update(b"%d\n" % len(data))
            digest.update(data)
    return digest.hexdigest()[:32]


def token_counts(texts: Iterable[str | None]) -> dict[str, int]:
    """How often each token (``danish.tokens``) occurs in the texts, in order of first occurrence."""
    found: list[str] = []
    for text in texts:
        if text:
            found += TOKEN.findall(fold(text))
    return {t: n for t, n in Counter(found).items() if len(t) >= MIN_TOKEN_LENGTH and t not in STOP_WORDS}


@dataclass(frozen=True)
class DocumentWords:
    """The counted tokens of one document: per group, word numbers (of a :class:`WordTable`) and counts
    interleaved; and its codes."""

    groups: tuple[array, ...]
    codes: tuple[str, ...]


class WordTable:
    """The distinct tokens of a build, numbered, each with its stem and (once the vocabulary is known)
    the stems of its compound parts. ``words``: a numbering to start from (the token cache's)."""

    def __init__(self, words: Sequence[str] = ()) -> None:
        self.words: list[str] = list(words)
        self.numbers: dict[str, int] = {w: n for n, w in enumerate(self.words)}
        self.stems: list[str] = [stem(w) for w in self.words]
        self.parts: list[tuple[str, ...]] = []

    def group(self, counts: dict[str, int]) -> array:
        """The numbers of the words of ``counts`` and their counts, interleaved (new words are added)."""
        numbers = self.numbers
        found = [numbers.get(token) for token in counts]
        if None in found:
            found = [self._add(token) if n is None else n for token, n in zip(counts, found)]
        numbered = array("l", [0]) * (2 * len(found))
        numbered[0::2] = array("l", found)
        numbered[1::2] = array("l", counts.values())
        return numbered

    def _add(self, token: str) -> int:
        number = self.numbers.get(token)
        if number is None:
            number = self.numbers[token] = len(self.words)
            self.words.append(token)
            self.stems.append(stem(token))
        return number

    def document_words(self, doc: SearchDocument) -> DocumentWords:
        return DocumentWords(tuple(self.group(token_counts(texts)) for texts in group_texts(doc)), doc.codes)

    def vocabulary(self, used: Iterable[int] | None = None) -> frozenset[str]:
        """The stems of the words in use (every word when not given): the vocabulary of compound splitting."""
        return frozenset(self.stems) if used is None else frozenset(self.stems[n] for n in used)

    def split_all(self, splitter: Splitter, used: set[int] | None = None) -> None:
        """The part stems of every word in use (empty when it does not split)."""
        part_stems = splitter.part_stems
        self.parts = [part_stems(word) if used is None or n in used else () for n, word in enumerate(self.words)]


def words_in_use(counted: Iterable[DocumentWords]) -> set[int]:
    """The numbers of the words the documents hold."""
    used: set[int] = set()
    for doc_words in counted:
        for numbered in doc_words.groups:
            used.update(numbered[0::2])
    return used
