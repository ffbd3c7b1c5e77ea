"""The name match over git history: does a commit's message name anything a revision in history withholds?

It answers exactly what ``Published.withheld_also(terms, titles).mentions(text)`` answers, but for the
few thousand messages of a repository instead of building a word trie of every term of every revision
(tens of thousands at national scale): each term is kept as its folded words (``withheld_text.words_of``)
with its normal form, and a message matches when one of its runs of words is a term whose normal form
the audience does not see anyway, or when one of its words is a distinctive word of a withheld title
(long enough, in no published text, not shown). The published vocabulary is only read when a message
holds such a word. The folded form of a term is found once per revision and kept in the history cache.
"""

from __future__ import annotations

import functools
from typing import Iterable

from generator.audience import Published, _normal
from generator.withheld_text import MIN_DISTINCTIVE_WORD, MIN_TERM_LENGTH, words_of

Term = tuple[str, str]  # (normal form, the folded words joined by spaces)


@functools.lru_cache(maxsize=1 << 18)  # a name, a search word or a title recurs in many revisions
def term(text: str) -> Term | None:
    """A text as the match keeps it, or None when it is too short to be recognised (as ``Withheld`` skips it)."""
    words = words_of(text)
    if not text or sum(len(word) for word in words) < MIN_TERM_LENGTH:
        return None
    return _normal(text), " ".join(words)


def terms(texts: Iterable[str]) -> tuple[Term, ...]:
    return tuple(dict.fromkeys(t for text in texts if (t := term(text)) is not None))


def folded_title(text: str) -> str:
    """The words of a title that could be distinctive (long enough), folded and joined by spaces."""
    return " ".join(word for word in words_of(text) if len(word) >= MIN_DISTINCTIVE_WORD)


class HistoryTerms:
    """Recognises a message that names a term of history; the terms themselves are never exposed."""

    def __init__(self, published: Published, found: Iterable[Term], titles: Iterable[str]):
        self._published = published
        self._shown = published.shown_values
        self._terms: dict[str, set[str]] = {}
        for normal, folded in found:
            self._terms.setdefault(folded, set()).add(normal)
        self._longest = max((folded.count(" ") + 1 for folded in self._terms), default=0)
        self._title_words = {word for title in titles for word in title.split()}
        self._seen: dict[str, bool] = {}

    def __repr__(self) -> str:  # never print the terms
        return f"HistoryTerms({len(self._terms)} terms)"

    def mentions(self, text: str | None) -> bool:
        if not text:
            return False
        if text not in self._seen:
            self._seen[text] = self._search(words_of(text))
        return self._seen[text]

    def _search(self, words: list[str]) -> bool:
        shown = self._shown
        for start in range(len(words)):
            for end in range(start + 1, min(len(words), start + self._longest) + 1):
                normals = self._terms.get(" ".join(words[start:end]))
                if normals and any(normal and normal not in shown for normal in normals):
                    return True
        return any(word in self._title_words and word not in shown and word not in self._published.vocabulary
                   for word in dict.fromkeys(words))
