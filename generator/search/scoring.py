"""lunr's score of a posting: its builder's BM25 (``K1``, ``B``), times the field's boost, in thousandths.

``index.py`` scores every posting of a packed file through one :class:`Scorer` per index, which works
each score out once per field, document frequency and (term frequency, field length) pair.
"""

from __future__ import annotations

import math

K1 = 1.2
B = 0.75


class Scorer:
    """lunr's score of each posting, computed once per field, document frequency and (term
    frequency, field length)."""

    def __init__(self, pairs: list[tuple[int, int]], count: int, averages: list[float], boosts: list[int]):
        self.pairs = pairs
        self.count = count
        self.averages = averages
        self.boosts = boosts
        self._scores: dict[tuple[int, int], dict[int, int]] = {}
        self._parts: dict[int, tuple[list[float], list[float]]] = {}

    def scores(self, f: int, df: int) -> dict[int, int]:
        """Thousandths by pair number for field ``f`` and ``df`` documents (filled as asked)."""
        found = self._scores.get((f, df))
        if found is None:
            idf = math.log(1 + abs((self.count - df + 0.5) / (df + 0.5)))
            found = self._scores[(f, df)] = Scores(idf, self._terms(f), self.boosts[f])
        return found

    def _terms(self, f: int) -> tuple[list[float], list[float]]:
        """The numerator and denominator of each pair's BM25 in field ``f`` ."""
        found = self._parts.get(f)
        if found is None:
            average = self.averages[f]
            if not average:  # no document has a term in the field: no score is asked
                return [], []
            found = self._parts[f] = ([(K1 + 1) * tf for tf, _ in self.pairs],
                                      [K1 * (1 - B + B * (length / average)) + tf for tf, length in self.pairs])
        return found


class Scores(dict):
    """The scores of one field and document frequency by pair number: lunr's score of a posting (its
    builder's BM25, ``idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average)) + tf)``, the same
    operations in the same order, the two halves computed once per field and pair), times the boost,
    rounded to 3 decimals as lunr stores it, in thousandths."""

    def __init__(self, idf: float, terms: tuple[list[float], list[float]], boost: int):
        super().__init__()
        self.idf, (self.numerators, self.denominators), self.boost = idf, terms, boost

    def __missing__(self, pair: int) -> int:
        score = self.idf * self.numerators[pair] / self.denominators[pair]
        score *= self.boost
        score = self[pair] = round(round(score, 3) * 1000)
        return score
