"""Danish text for the search: spelling folding, tokens, stop words and the lunr ``stemmer-da`` stemmer.

The same steps run in the browser (``site_templates/assets/search/search-text.js``), so a word typed
into the search field becomes exactly the term the index holds:

1. **fold**: Unicode NFC, lower case, then ``å -> aa``, ``æ -> ae``, ``ø -> oe`` (and a few other
   letters), then accents are dropped (``idé -> ide``). The old spellings ``Aabenraa`` and
   ``boligstoette`` therefore meet ``Åbenrå`` and ``boligstøtte``. Folding maps one letter to one or
   two letters, so the folding of a prefix is a prefix of the folding: prefix search keeps working.
2. **tokens**: runs of ``a-z`` and ``0-9``; tokens shorter than two letters and stop words go.
3. **stem**: the Snowball Danish stemmer in C (PyStemmer); the browser uses lunr-languages'
   ``stemmer-da``, the same algorithm (``tests/search`` compares the two). Tokens with a digit are
   not stemmed on either side.

Codes (KLE, FORM, KLA, slugs, process ids) are never split or stemmed: see :func:`code_token`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterable

from generator.search.stopwords_da import STOP_WORDS_DA

STEMMER_LABEL = "stemmer-da"
TEXT_CACHE_SIZE = 200_000  # distinct texts remembered (a catalogue of 10,000 processes has about 150,000)
MIN_TOKEN_LENGTH = 2

# Letters folded before accents are stripped (å would otherwise lose its ring and become a).
LETTER_FOLDS: dict[str, str] = {
    "å": "aa", "æ": "ae", "ø": "oe", "ä": "ae", "ö": "oe", "ß": "ss", "ð": "d", "þ": "th", "ł": "l",
    "œ": "oe", "đ": "d", "ı": "i",
}
_COMBINING = re.compile("[\u0300-\u036f]")
TOKEN = re.compile("[a-z0-9]+")
_CODE_EDGE = re.compile(r"^[^0-9a-z]+|[^0-9a-z]+$")


class SearchBuildError(RuntimeError):
    """The search index cannot be built as required (the message is Danish, for the build log)."""


def fold(text: str) -> str:
    """Lower case with Danish letters spelt out and accents removed: ``Åbenrå`` -> ``aabenraa``."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFC", text).lower()
    for letter, spelt in LETTER_FOLDS.items():  # str.replace is much faster than str.translate
        if letter in text:
            text = text.replace(letter, spelt)
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


STOP_WORDS: frozenset[str] = frozenset(fold(word) for word in STOP_WORDS_DA)


def tokens(text: str) -> list[str]:
    """The searchable words of a text, folded, without stop words and one-letter words."""
    return [t for t in TOKEN.findall(fold(text)) if len(t) >= MIN_TOKEN_LENGTH and t not in STOP_WORDS]


def code_token(code: str) -> str:
    """A code as the ``codes`` field holds it: folded but unsplit and unstemmed, without punctuation around it."""
    return _CODE_EDGE.sub("", fold(code.strip()))


@functools.lru_cache(maxsize=1)
def danish_stemmer():
    """The Snowball Danish stemmer of PyStemmer (C); the build stops if it is missing."""
    try:
        import Stemmer
    except ImportError as error:
        raise SearchBuildError(
            f"Søgeindekset kan ikke bygges: den danske ordstammer '{STEMMER_LABEL}' findes ikke. "
            f"Installer PyStemmer: pip install PyStemmer. ({error})") from error
    return Stemmer.Stemmer("danish")


# Every distinct word is stemmed once per process (a catalogue has tens of thousands of them).
_STEMS: dict[str, str] = {}
_DIGIT = re.compile("[0-9]")


def stem(term: str) -> str:
    """The Danish stem of one folded token; a token with a digit is kept as it is.

    Snowball's stemmers disagree on digits (lunr-languages treats a digit as a consonant and
    undoubles ``844`` to ``84``, the C stemmer does not), so neither side stems such a token
    (``stem`` in ``search-text.js`` does the same); on words of letters they agree (a test compares
    them on every word of the example and a synthetic catalogue).
    """
    found = _STEMS.get(term)
    if found is None:
        found = term if _DIGIT.search(term) else danish_stemmer().stemWord(term)
        _STEMS[term] = found
    return found


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def text_tokens(text: str) -> tuple[str, ...]:
    """:func:`tokens` of one text, remembered: a rebuild (and a label many processes share) reads the
    same texts again."""
    return tuple(tokens(text))


@functools.lru_cache(maxsize=TEXT_CACHE_SIZE)
def text_stems(text: str) -> tuple[str, ...]:
    """The stems of the tokens of one text, in order, remembered like :func:`text_tokens`."""
    return tuple(stem(t) for t in text_tokens(text))


def forget_texts() -> None:
    """Forget the stems and tokens remembered so far (a build that is the last of its process frees them)."""
    _STEMS.clear()
    text_tokens.cache_clear()
    text_stems.cache_clear()


def text_terms(texts: Iterable[str | None]) -> list[str]:
    """Stemmed terms of several texts, in order (repeats kept: they are term frequencies)."""
    return [s for text in texts if text for s in text_stems(text)]


def sort_key(title: str) -> tuple[str, str]:
    """Danish alphabetical order: æ, ø, å after z, and ``aa`` as å (Aabenraa under Å)."""
    lowered = unicodedata.normalize("NFC", title).lower().replace("aa", "å")
    key = lowered.translate(str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}))
    return (key, title)
