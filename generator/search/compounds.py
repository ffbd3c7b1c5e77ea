"""Danish compound words: split a word into parts that the index's own vocabulary knows.

A reader types ``pensionsberegning`` while the text says "beregning af pension". The same split runs
at build time (here) and in the browser (``splitCompound`` in ``search-text.js``); the tests compare
the two on a Danish test set and on every word of the example catalogue.

The rules, in this order:

1. Only a folded token of at least ``2 * MIN_PART`` letters is split, into 2 to ``MAX_PARTS`` parts.
2. Every part has at least ``MIN_PART`` letters, is not a stop word, and its Danish stem has at
   least ``MIN_PART`` letters and is in the vocabulary (the stems of every text word the index holds). A part may be followed by one linking
   letter, ``s`` or ``e`` (``pension-s-beregning``, ``børn-e-have``), never at the end of the word.
   Stop words as parts are what keep ``forældre`` (for + ældre), ``omsorg`` (om + sorg) and
   ``underretning`` (under + retning) whole.
3. Of all splits the one with the fewest parts wins, then the one with the fewest linking letters;
   among equals the one found first, trying the longest first part first and the links in the order
   none, ``s``, ``e``.

In the index, every text word that splits adds the stems of its parts to the field ``dele`` (low
weight), so ``indsamling`` also finds a text about ``affaldsindsamling``. In a query, a word that
splits matches the documents that hold every part; documents that hold the word itself rank above
them.
"""

from __future__ import annotations

import functools
from typing import Callable, Iterable

from generator.search.danish import STOP_WORDS, stem, text_stems, text_tokens

MIN_PART = 3
MAX_PARTS = 4
LINKS = ("", "s", "e")
PARTS_FIELD = "dele"
MAX_CARRIED_CHANGES = 500  # more added or removed stems than this: a rebuild splits every word again
# The Danish Snowball stemmer only takes letters off the end of a word (at most 8 + 1 + 2 + 4 + 1 + 1 in
# its four steps, fewer than this), so a part can only be known when one of its prefixes this close to
# its length is a known stem. Finding those prefixes first (walking the set of every prefix of a known
# stem, which stops at the first letter no stem continues with) saves most calls of the stemmer; it
# never changes the answer (the browser, which splits only the few words of a query, does not need it).
MAX_STEM_CUT = 20


def vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """The stems of every word of the texts (stop words and one-letter words left out)."""
    return frozenset(s for text in texts if text for s in text_stems(text))


def split_compound(word: str, known: Callable[[str], bool], part_ok: dict[str, bool] | None = None,
                   prefixes: frozenset[str] | set[str] | None = None,
                   tails: dict[str, tuple[tuple[str, ...], int] | None] | None = None) -> tuple[str, ...] | None:
    """The parts of a folded ``word`` (without linking letters), or None when it does not split.

    ``known(stemmed_part)`` tells whether a stem is in the vocabulary; ``part_ok`` may carry the answers
    for parts across calls with the same ``known``, and ``tails`` the best splits of the ends of words
    (an end's best split depends on nothing but its letters, and compounds share their ends);
    ``prefixes``, every prefix of every known stem, only makes it faster.
    """
    size = len(word)
    if size < 2 * MIN_PART:
        return None
    part_ok = {} if part_ok is None else part_ok

    def usable(part: str) -> bool:
        if part not in part_ok:
            part_stem = stem(part)
            part_ok[part] = part not in STOP_WORDS and len(part_stem) >= MIN_PART and known(part_stem)
        return part_ok[part]

    # best[i]: (parts, links) of the best split of word[i:], or None; best[size] is the empty split.
    # Computed only for the positions a part can end at (most words need a few of them).
    best: dict[int, tuple[tuple[str, ...], int] | None] = {size: ((), 0)}

    def best_at(start: int) -> tuple[tuple[str, ...], int] | None:
        if start not in best:
            end_of_word = word[start:] if start and tails is not None else None
            if end_of_word is not None and end_of_word in tails:  # type: ignore[operator]
                best[start] = tails[end_of_word]  # type: ignore[index]
                return best[start]
            last_end = size if start else size - MIN_PART
            ends = _candidate_ends(word, start, last_end, known, prefixes) if size - start >= MIN_PART else []
            best[start] = _best_from(word, start, ends, best_at, usable) if ends else None
            if end_of_word is not None:
                tails[end_of_word] = best[start]  # type: ignore[index]
        return best[start]

    found = best_at(0)
    return found[0] if found and len(found[0]) >= 2 else None


def _candidate_ends(word: str, start: int, last_end: int, known: Callable[[str], bool],
                    prefixes: frozenset[str] | set[str] | None) -> list[int]:
    """The ends of the parts ``word[start:end]`` that may be known, longest first: those at most
    ``MAX_STEM_CUT`` letters after the end of a known stem ``word[start:k]``."""
    stem_ends = []
    for k in range(start + 1, last_end + 1):
        piece = word[start:k]
        if prefixes is not None and piece not in prefixes:
            break
        if known(piece):
            stem_ends.append(k)
    if not stem_ends:
        return []
    if all(b - a <= MAX_STEM_CUT + 1 for a, b in zip(stem_ends, stem_ends[1:])):  # one run of ends
        return list(range(min(stem_ends[-1] + MAX_STEM_CUT, last_end), max(stem_ends[0], start + MIN_PART) - 1, -1))
    ends: set[int] = set()
    for k in stem_ends:
        ends.update(range(max(k, start + MIN_PART), min(k + MAX_STEM_CUT, last_end) + 1))
    return sorted(ends, reverse=True)


def _best_from(word: str, start: int, ends: list[int], best_at: Callable[[int], object],
               usable: Callable[[str], bool]) -> tuple[tuple[str, ...], int] | None:
    size = len(word)
    # No split of word[start:] has fewer parts than this (one part, or two for the whole word) nor
    # fewer links than none: once found, no later candidate can replace it.
    fewest = 1 if start else 2
    chosen: tuple[tuple[str, ...], int] | None = None
    for end in ends:
        part = word[start:end]
        if not usable(part):
            continue
        for link in LINKS:
            after = end + len(link)
            if link and (after >= size or word[end:after] != link):
                continue
            rest = best_at(after)
            if rest is None or len(rest[0]) + 1 > MAX_PARTS:
                continue
            candidate = ((part, *rest[0]), rest[1] + (1 if link else 0))
            if chosen is None or (len(candidate[0]), candidate[1]) < (len(chosen[0]), chosen[1]):
                chosen = candidate
                if len(chosen[0]) == fewest and not chosen[1]:
                    return chosen
    return chosen


class Splitter:
    """Splits words against one vocabulary, remembering each answer (index builds split many words)."""

    def __init__(self, known_stems: frozenset[str], answers: dict[str, tuple[str, ...]] | None = None):
        """``answers``: part stems of words, found earlier against exactly ``known_stems``."""
        self.known_stems = known_stems
        self._cache: dict[str, tuple[str, ...]] = dict(answers or {})
        self._part_ok: dict[str, bool] = {}
        self._tails: dict[str, tuple[tuple[str, ...], int] | None] = {}

    @functools.cached_property
    def prefixes(self) -> frozenset[str]:
        """Every prefix of every known stem (made when the first word is split)."""
        return frozenset(s[:n] for s in self.known_stems for n in range(1, len(s) + 1))

    @property
    def answers(self) -> dict[str, tuple[str, ...]]:
        """The part stems of every word split so far (empty for a word that does not split)."""
        return self._cache

    def for_vocabulary(self, known_stems: frozenset[str]) -> "Splitter":
        """A splitter for ``known_stems`` that keeps this one's answers where they still hold.

        A word's split depends only on which of its substrings are known stems, so an answer stays
        valid unless a stem that was added or removed occurs in the word (a rebuild after a small
        change keeps nearly all of them; the answers are the same as a new splitter's).
        """
        if known_stems == self.known_stems:
            return self
        changed = known_stems ^ self.known_stems
        fresh = Splitter(known_stems)
        if len(changed) > MAX_CARRIED_CHANGES:
            return fresh
        fresh._cache = {w: p for w, p in self._cache.items() if not any(c in w for c in changed)}
        fresh._part_ok = {p: ok for p, ok in self._part_ok.items() if stem(p) not in changed}
        return fresh

    def part_stems(self, word: str) -> tuple[str, ...]:
        """The stems of the parts of a folded word (empty when it does not split)."""
        if word not in self._cache:
            parts = split_compound(word, self.known_stems.__contains__, self._part_ok, self.prefixes, self._tails)
            self._cache[word] = tuple(stem(p) for p in parts) if parts else ()
        return self._cache[word]

    def parts_of_texts(self, texts: Iterable[str | None]) -> list[str]:
        """The part stems of every compound in the texts (the ``dele`` field of a document)."""
        return [s for text in texts if text for t in text_tokens(text) for s in self.part_stems(t)]
