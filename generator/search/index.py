"""The prebuilt lunr indexes: scored as lunr builds them, split by term prefix, packed for the browser.

Two indexes are built, each split into files by term prefix (``generator.search.shards``):

- ``kort`` (short): title, résumé, search words, names of codes, and the codes themselves. A reader
  downloads only the files of the words typed before the first results appear.
- ``fuld`` (full text): the long public text fields.

Both have a low-weighted field ``dele``: the parts of the compound words of their texts
(``compounds.py``). The full-text index also holds ``stikord``, KLE's keywords of the process's KLE
subject, with the lowest weight, so a reader finds a process by the official synonyms of its subject.

Terms are folded and stemmed once in Python (``danish.py``, the Snowball Danish stemmer in C); the
*search* pipeline of every index is ``stemmer-da``, the same algorithm in lunr-languages, so a query
word becomes the term the index holds. The ``codes`` field holds unstemmed codes (KLE ``27.24.00``,
FORM, KLA, slugs, the process id) that stemming would otherwise destroy.

The index is written directly, without lunr.py's builder (which runs its pipeline per token in
Python): each posting gets the score lunr's builder gives it, BM25 with ``K1`` and ``B``, lunr's idf
(``log(1 + |(N - df + 0.5) / (df + 0.5)|)``, where ``df`` counts a document once per field that
holds the term), times the field's boost, rounded to 3 decimals. ``tests/search/test_search_parity.py``
builds the same documents with lunr.py and compares the files, and compares lunr.js's answers.

Every part is scored as if the whole index were one: with the real number of documents and the
real average field lengths, so a term's scores do not depend on how the index was split.

The packed form is lunr's serialized index with doc refs as numbers, term indexes as positions in
the sorted term list, and scores as thousandths: per term ``[field, n, doc gap, score, ...]``;
the browser scores queries on it directly (``scoreClause`` in ``search-score.js``); the tests turn it
back into the serialized index and call ``lunr.Index.load``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence

from generator.search.compounds import PARTS_FIELD, Splitter, vocabulary
from generator.search.danish import STEMMER_LABEL, code_token, text_terms
from generator.search.documents import SearchDocument
from generator.search.shards import FileFinder, first_terms, sorted_terms

LUNR_VERSION = "2.3.9"  # the lunr.js the site vendors (assets/search/vendor)
K1 = 1.2
B = 0.75
REQUIRED_PIPELINE = [STEMMER_LABEL]
CODES = "codes"
KEYWORDS_FIELD = "stikord"


@dataclass(frozen=True)
class IndexSpec:
    name: str
    fields: tuple[tuple[str, int], ...]  # (field, boost)
    extract: Callable[[SearchDocument, Splitter], dict[str, list[str]]]
    file_bytes: int  # about this many bytes per file

    @property
    def text_fields(self) -> list[str]:
        return [f for f, _ in self.fields if f != CODES]


def short_texts(doc: SearchDocument) -> list[str]:
    """The texts of the short index (their words are also the vocabulary of compound splitting)."""
    return [doc.title, doc.resume, *doc.keywords, *doc.labels]


def _short_terms(doc: SearchDocument, splitter: Splitter) -> dict[str, list[str]]:
    return {
        "title": text_terms([doc.title]),
        "resume": text_terms([doc.resume]),
        "keywords": text_terms(doc.keywords),
        "labels": text_terms(doc.labels),
        PARTS_FIELD: splitter.parts_of_texts([doc.title, doc.resume, *doc.keywords]),
        CODES: [code_token(c) for c in doc.codes],
    }


def _long_terms(doc: SearchDocument, splitter: Splitter) -> dict[str, list[str]]:
    return {"text": text_terms(doc.long_texts), PARTS_FIELD: splitter.parts_of_texts(doc.long_texts),
            KEYWORDS_FIELD: text_terms(doc.subject_keywords)}


# Raw bytes per file: a query needs a few files of each index before its first results, so they are
# small (about 8 and 10 kB gzip); a term larger than this is a file of its own.
SHORT_FILE_BYTES = 24_000
FULL_FILE_BYTES = 30_000

# Boosts: a process's own words first; parts of its compounds (``dele``) and KLE's keywords of its
# subject (``stikord``) count least.
SHORT = IndexSpec("kort", (("title", 10), ("resume", 4), ("keywords", 6), ("labels", 2), (PARTS_FIELD, 1),
                           (CODES, 5)),
                  _short_terms, file_bytes=SHORT_FILE_BYTES)
FULL = IndexSpec("fuld", (("text", 3), (PARTS_FIELD, 1), (KEYWORDS_FIELD, 1)), _long_terms,
                 file_bytes=FULL_FILE_BYTES)
INDEXES = (SHORT, FULL)


@dataclass
class BuiltIndex:
    spec: IndexSpec
    firsts: list[str]  # the first term of each file (``shards.py``)
    files: list[dict[str, object]]  # packed lunr indexes


_last_splitter: list[Splitter] = []  # the previous build's, so a rebuild in the same process reuses its answers


def splitter_for(documents: Sequence[SearchDocument]) -> Splitter:
    """Compound splitting against the vocabulary of every text the indexes hold."""
    known = vocabulary(t for doc in documents for t in (*short_texts(doc), *doc.long_texts, *doc.subject_keywords))
    splitter = _last_splitter[0].for_vocabulary(known) if _last_splitter else Splitter(known)
    _last_splitter[:] = [splitter]
    return splitter


def build_index(spec: IndexSpec, documents: Sequence[SearchDocument], splitter: Splitter | None = None) -> BuiltIndex:
    """Build one index over all documents, split by term prefix and packed."""
    splitter = splitter or splitter_for(documents)
    field_names = [f for f, _ in spec.fields]
    # postings[term][field] = [(doc number, term frequency, field length), ...] in document order
    postings: dict[str, list[list[tuple[int, int, int]]]] = {}
    totals = [0] * len(field_names)
    for doc in sorted(documents, key=lambda d: d.number):
        terms = spec.extract(doc, splitter)
        for f, name in enumerate(field_names):
            field_terms = terms.get(name, ())
            length = len(field_terms)
            totals[f] += length
            counts: dict[str, int] = {}
            for term in field_terms:
                counts[term] = counts.get(term, 0) + 1
            for term, tf in counts.items():
                entry = postings.get(term)
                if entry is None:
                    entry = postings[term] = [[] for _ in field_names]
                entry[f].append((doc.number, tf, length))
    count = len(documents)
    averages = [total / count if count else 0.0 for total in totals]
    firsts = first_terms(_weights(postings, count), file_bytes=spec.file_bytes)
    finder = FileFinder(firsts)
    by_file: dict[int, list[str]] = defaultdict(list)
    for term in sorted_terms(postings):
        by_file[finder.file_of(term)].append(term)
    boosts = [boost for _, boost in spec.fields]
    files = [_packed(by_file[number], postings, count, averages, boosts, field_names)
             for number in range(len(firsts))]
    return BuiltIndex(spec=spec, firsts=firsts, files=files)


def _packed(terms: list[str], postings: dict[str, list[list[tuple[int, int, int]]]], count: int,
            averages: list[float], boosts: list[int], field_names: list[str]) -> dict[str, object]:
    """One file: its terms (sorted) and their scored postings."""
    packed_postings = []
    for term in terms:
        fields = postings[term]
        df = sum(len(docs) for docs in fields)
        idf = math.log(1 + abs((count - df + 0.5) / (df + 0.5)))
        flat: list[int] = []
        for f, docs in enumerate(fields):
            if not docs:
                continue
            flat += [f, len(docs)]
            previous = 0
            for number, tf, length in docs:
                flat += [number - previous, _thousandths(idf, tf, length, averages[f], boosts[f])]
                previous = number
        packed_postings.append(flat)
    return {"lunr": LUNR_VERSION, "fields": field_names, "pipeline": REQUIRED_PIPELINE,
            "terms": terms, "postings": packed_postings}


def _thousandths(idf: float, tf: int, length: int, average: float, boost: int) -> int:
    """lunr's score of one posting (its builder's BM25, same operations in the same order), rounded to
    3 decimals as lunr stores it, in thousandths."""
    score = idf * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / average)) + tf)
    score *= boost
    return round(round(score, 3) * 1000)


def _weights(postings: dict[str, list[list[tuple[int, int, int]]]], count: int) -> dict[str, int]:
    """Estimated bytes of each term in a packed file: its postings (doc gap, score) and the term."""
    weights: dict[str, int] = {}
    for term, fields in postings.items():
        weight = len(term.encode("utf-8")) + 6
        for docs in fields:
            if docs:
                df = len(docs)
                weight += df * (len(str(max(1, count // df))) + 6) + 6
        weights[term] = weight
    return weights
