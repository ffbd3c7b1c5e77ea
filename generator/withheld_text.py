"""Recognising text that names something an audience may not see (see ``generator.audience``)."""

from __future__ import annotations

import re
from typing import Any, Iterable

from generator.checks.location import ascii_folded

_SLUG_WORD = re.compile(r"[a-z0-9]+")

# Terms shorter than this are too common to recognise in free text (an org unit called "IT").
MIN_TERM_LENGTH = 3
# A word of a withheld title this long that no published text uses is recognised on its own.
MIN_DISTINCTIVE_WORD = 5


class Withheld:
    """Recognises text that names something an audience may not see.

    The terms are the ids, slugs and titles of every process left out of the build and the
    values of every field blanked for the audience (names of owners and co-editors, ESDH
    references, org units, private links and attachments). A term that the audience can see
    elsewhere anyway (the same person is a public contact) is not withheld.

    Text and terms are compared as sequences of words, folded the way slugs are (lower case,
    æ/ø/å as ae/oe/aa, punctuation ignored), so "Ansøgning om boligstøtte",
    "ansoegning-om-boligstoette" and "aarhus/ansoegning-om-boligstoette" all name the same
    process. The words sit in a trie, so a check costs the length of the text, not the number
    of terms (a catalogue of 10,000 processes has tens of thousands of terms).

    The terms themselves are never exposed: outputs can only ask :meth:`mentions`.
    """

    _END = ""

    def __init__(self, terms: Iterable[str] = ()):
        self._trie: dict[str, Any] = {}
        self._count = 0
        for term in terms:
            words = words_of(str(term))
            if sum(len(w) for w in words) < MIN_TERM_LENGTH:
                continue
            node = self._trie
            for word in words:
                node = node.setdefault(word, {})
            if self._END not in node:
                node[self._END] = True
                self._count += 1
        self._seen: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return self._count > 0

    def __repr__(self) -> str:  # never print the terms
        return f"Withheld({self._count} terms)"

    def mentions(self, text: str | None) -> bool:
        if not text or not self:
            return False
        if text not in self._seen:
            self._seen[text] = self._search(words_of(text))
        return self._seen[text]

    def _search(self, words: list[str]) -> bool:
        for start in range(len(words)):
            node = self._trie
            for word in words[start:]:
                node = node.get(word)  # type: ignore[assignment]
                if node is None:
                    break
                if self._END in node:
                    return True
        return False


def words_of(text: str) -> list[str]:
    """'Tilføj aarhus/Ansøgning-om' -> ['tilfoej', 'aarhus', 'ansoegning', 'om']: the parts of its slug."""
    words = _SLUG_WORD.findall(ascii_folded(text))  # the parts of ``slugify(text)``
    if (not words or words == ["proces"]) and "proces" not in text.casefold():
        return []  # slugify's stand-in for text without letters or digits (or 'proces' spelt otherwise)
    return words or ["proces"]


def distinctive_words(withheld_titles: Iterable[str], vocabulary: frozenset[str]) -> set[str]:
    """The words of withheld titles that no published text uses ('lønrobot' of 'Hemmelig lønrobot')."""
    return {word for title in withheld_titles for word in words_of(title)
            if len(word) >= MIN_DISTINCTIVE_WORD and word not in vocabulary}
