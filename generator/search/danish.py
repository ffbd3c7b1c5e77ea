"""Danish text for the search: spelling folding, tokens, stop words and the lunr ``stemmer-da`` stemmer.

The same steps run in the browser (``site_templates/assets/search/search-core.js``), so a word typed
into the search field becomes exactly the term the index holds:

1. **fold**: Unicode NFC, lower case, then ``å -> aa``, ``æ -> ae``, ``ø -> oe`` (and a few other
   letters), then accents are dropped (``idé -> ide``). The old spellings ``Aabenraa`` and
   ``boligstoette`` therefore meet ``Åbenrå`` and ``boligstøtte``. Folding maps one letter to one or
   two letters, so the folding of a prefix is a prefix of the folding: prefix search keeps working.
2. **tokens**: runs of ``a-z`` and ``0-9``; tokens shorter than two letters and stop words go.
3. **stem**: lunr.py's registered ``stemmer-da`` (the Snowball Danish stemmer); the browser uses
   lunr-languages' ``stemmer-da``, the same algorithm (``tests/search`` compares the two).

Codes (KLE, FORM, KLA, slugs, process ids) are never split or stemmed: see :func:`code_token`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Callable, Iterable

from generator.search.stopwords_da import STOP_WORDS_DA

STEMMER_LABEL = "stemmer-da"
MIN_TOKEN_LENGTH = 2

# Letters folded before accents are stripped (å would otherwise lose its ring and become a).
LETTER_FOLDS: dict[str, str] = {
    "å": "aa", "æ": "ae", "ø": "oe", "ä": "ae", "ö": "oe", "ß": "ss", "ð": "d", "þ": "th", "ł": "l",
    "œ": "oe", "đ": "d", "ı": "i",
}
_FOLD_TABLE = str.maketrans(LETTER_FOLDS)
_COMBINING = re.compile("[\u0300-\u036f]")
_TOKEN = re.compile("[a-z0-9]+")
_CODE_EDGE = re.compile(r"^[^0-9a-z]+|[^0-9a-z]+$")


class SearchBuildError(RuntimeError):
    """The search index cannot be built as required (the message is Danish, for the build log)."""


def fold(text: str) -> str:
    """Lower case with Danish letters spelt out and accents removed: ``Åbenrå`` -> ``aabenraa``."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD_TABLE)
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


STOP_WORDS: frozenset[str] = frozenset(fold(word) for word in STOP_WORDS_DA)


def tokens(text: str) -> list[str]:
    """The searchable words of a text, folded, without stop words and one-letter words."""
    return [t for t in _TOKEN.findall(fold(text)) if len(t) >= MIN_TOKEN_LENGTH and t not in STOP_WORDS]


def code_token(code: str) -> str:
    """A code as the ``codes`` field holds it: folded but unsplit and unstemmed, without punctuation around it."""
    return _CODE_EDGE.sub("", fold(code.strip()))


@functools.lru_cache(maxsize=1)
def danish_stemmer() -> Callable:
    """lunr.py's registered ``stemmer-da`` pipeline function; the build stops if it is missing.

    Importing ``lunr.languages`` registers the Snowball stemmers from NLTK. Only the stemmer is used:
    NLTK's stop-word corpus (which ``lunr(languages="da")`` downloads) is never asked for.
    """
    from lunr.pipeline import Pipeline

    missing = (f"Søgeindekset kan ikke bygges: den danske ordstammer '{STEMMER_LABEL}' findes ikke. "
               "Installer lunr med sprogstøtte: pip install 'lunr[languages]'.")
    try:
        import lunr.languages  # noqa: F401  (registers stemmer-da when NLTK is installed)
    except ImportError as error:
        raise SearchBuildError(f"{missing} ({error})") from error
    stemmer = Pipeline.registered_functions.get(STEMMER_LABEL)
    if stemmer is None:
        raise SearchBuildError(missing)
    return stemmer


@functools.lru_cache(maxsize=None)
def stem(term: str) -> str:
    """The Danish stem of one folded token, through lunr.py's ``stemmer-da``."""
    from lunr.token import Token

    return str(danish_stemmer()(Token(term)))


def text_terms(texts: Iterable[str | None]) -> list[str]:
    """Stemmed terms of several texts, in order (repeats kept: they are term frequencies)."""
    return [stem(t) for text in texts if text for t in tokens(text)]


def sort_key(title: str) -> tuple[str, str]:
    """Danish alphabetical order: æ, ø, å after z, and ``aa`` as å (Aabenraa under Å)."""
    lowered = unicodedata.normalize("NFC", title).lower().replace("aa", "å")
    key = lowered.translate(str.maketrans({"æ": "{", "ä": "{", "ø": "|", "ö": "|", "å": "}"}))
    return (key, title)
