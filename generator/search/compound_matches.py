"""The matches of common compound words, worked out at build time (the ``sam`` files).

In a query, a word that splits (``compounds.py``) matches the documents that hold its stem, each
scored by its own score plus a bonus (the best score of the documents that hold every part), and the
documents that hold every part but not the stem, scored by the sum of the parts' scores
(``_wordTokenScores`` in ``search-core.js``). For that the browser needs the index files of every part,
and the parts of common compounds are common words whose files are the largest of a query
(``kontanthjælp``: ``kontant`` and ``hjælp``). For the common compounds the build computes what the
parts add: the bonus and the few documents that hold every part but not the stem, with their
scores, so the browser needs only the files of the word itself.

A compound here is a stem of the vocabulary (the stems of every text word, which are what a reader
usually types) that the browser would split: at least ``2 * MIN_PART`` letters, its own stem too,
and it splits. It is common when its stem holds at least ``MIN_WORD_POSTINGS`` postings (text fields
of the two indexes together) and its parts at least ``MIN_PART_POSTINGS``, and the documents kept for
it are at most a ``KEPT_SHARE`` of its parts' postings (so its entry is much smaller than the files it
saves; about 120 words of 10,000 synthetic processes). Other words (an inflected form, a prefix while
typing) are matched by their parts' files, as before; the answer is the same either way.

The scores are the browser's own floating-point numbers: a part's score in a document is the sum, in
the order the browser adds them (the indexes in ``INDEX_ORDER``, each index's text fields in order),
of each posting's thousandths divided by 1000; the sum over the parts is added in part order. A kept
score is written as its thousandths when dividing them by 1000 gives exactly that number, else as the
number itself (never a whole number then), so the browser reads it back bit for bit. The entries
are only used for a query on exactly ``INDEX_ORDER`` (``search-core.js``).

A file holds entries ``[word, bonus, [doc gap, ...], [score, ...]]``, sorted by word and split like
the indexes (``shards.py``).
"""

from __future__ import annotations

import json
from typing import Iterator, Sequence

from generator.search.compounds import MIN_PART, Splitter
from generator.search.danish import stem
from generator.search.index import CODES, IndexSpec, IndexState, scorer_of
from generator.search.shards import FileFinder, first_terms, sorted_terms

INDEX_ORDER = ("kort", "fuld")  # the indexes of a word query, in the order the browser adds their scores
MIN_WORD_POSTINGS = 1_000
MIN_PART_POSTINGS = 1_000
KEPT_SHARE = 0.25
FILE_BYTES = 3_000


class _PartScores:
    """The browser's score of a term (exact stem, text fields) in each document, over the indexes."""

    def __init__(self, specs: Sequence[IndexSpec], states: Sequence[IndexState]):
        self._indexes = []
        for spec, state in zip(specs, states):
            text = [f for f, (name, _) in enumerate(spec.fields) if name != CODES]
            self._indexes.append((state.postings, text, scorer_of(spec, state)))
        self._found: dict[str, dict[int, float]] = {}

    def postings(self, term: str) -> int:
        """How many text-field postings the term has in the indexes."""
        return sum(len(postings[f].get(term, ())) // 2 for postings, text, _ in self._indexes for f in text)

    def docs(self, term: str) -> set[int]:
        """The documents with a text-field posting of the term."""
        return {doc for postings, text, _ in self._indexes for f in text for doc in postings[f].get(term, ())[0::2]}

    def scores(self, term: str) -> dict[int, float]:
        found = self._found.get(term)
        if found is None:
            found = self._found[term] = {}
            for postings, text, scorer in self._indexes:
                df = sum(len(field_postings.get(term, ())) for field_postings in postings) // 2
                for f in text:
                    entry = postings[f].get(term)
                    if not entry:
                        continue
                    thousandths = scorer.scores(f, df)
                    for doc, pair in zip(entry[0::2], entry[1::2]):
                        found[doc] = found.get(doc, 0) + thousandths[pair] / 1000
        return found


def compound_entries(specs: Sequence[IndexSpec], states: Sequence[IndexState], splitter: Splitter) -> Iterator[list[object]]:
    """The entry of every common compound, sorted by word (``specs`` in ``INDEX_ORDER``)."""
    if tuple(spec.name for spec in specs) != INDEX_ORDER:
        raise ValueError(f"compound matches need the indexes {INDEX_ORDER}")
    scores = _PartScores(specs, states)
    for word in sorted_terms(splitter.known_stems):
        word_stem = stem(word)
        if len(word) < 2 * MIN_PART or len(word_stem) < 2 * MIN_PART or scores.postings(word_stem) < MIN_WORD_POSTINGS:
            continue
        parts = splitter.part_stems(word)
        if not parts:
            continue
        part_postings = sum(scores.postings(p) for p in parts)
        if part_postings < MIN_PART_POSTINGS:
            continue
        both = set.intersection(*(scores.docs(p) for p in parts))
        exact = scores.docs(word_stem)
        kept = sorted(both - exact)
        if len(kept) > KEPT_SHARE * part_postings:
            continue
        part_scores = [scores.scores(p) for p in parts]
        bonus = 0
        for doc in both:
            total = part_scores[0][doc]
            for more in part_scores[1:]:
                total = total + more[doc]
            if total > bonus:
                bonus = total
        kept_scores = []
        for doc in kept:
            total = part_scores[0][doc]
            for more in part_scores[1:]:
                total = total + more[doc]
            kept_scores.append(_written(total))
        yield [word, bonus, [b - a for a, b in zip([0, *kept], kept)], kept_scores]


def _written(score: float) -> int | float:
    """A score as written: its thousandths when they give it back exactly, else the number."""
    thousandths = round(score * 1000)
    return thousandths if thousandths / 1000 == score else score


def compound_files(entries: Iterator[list[object]]) -> tuple[list[str], list[bytes]]:
    """The entries split into files: (first word of each file, the files' bytes)."""
    by_word = {str(entry[0]): _json_bytes(entry) for entry in entries}
    firsts = first_terms({word: len(data) + 1 for word, data in by_word.items()}, file_bytes=FILE_BYTES)
    finder = FileFinder(firsts)
    parts: list[list[bytes]] = [[] for _ in firsts]
    for word in sorted_terms(by_word):
        parts[finder.file_of(word)].append(by_word[word])
    return firsts, [b"[" + b",".join(part) + b"]" for part in parts]


def _json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")
