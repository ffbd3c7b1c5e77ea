"""The prebuilt lunr indexes: built with lunr.py, split by term prefix, packed for the browser.

Two indexes are built, each split into files by term prefix (``generator.search.shards``):

- ``kort`` (short): title, résumé, search words, names of codes, and the codes themselves. A reader
  downloads only the files of the words typed before the first results appear.
- ``fuld`` (full text): the long public text fields.

Both have a low-weighted field ``dele``: the parts of the compound words of their texts
(``compounds.py``). The full-text index also holds ``stikord``, KLE's keywords of the process's KLE
subject, with the lowest weight, so a reader finds a process by the official synonyms of its subject.

Terms are folded and stemmed once in Python (``danish.py``) with lunr.py's ``stemmer-da`` and fed
to lunr.py as token lists; the *search* pipeline of every index is ``stemmer-da``, so lunr.js stems
query words exactly as the index was stemmed. The ``codes`` field holds unstemmed codes (KLE
``27.24.00``, FORM, KLA, slugs, the process id) that the Danish pipeline would otherwise destroy.

Every part is scored as if the whole index were one: each file's builder is told the real number of
documents and the real field lengths, so a term's scores do not depend on how the index was split.

The packed form (``pack``) is lunr.py's serialized index with doc refs as numbers, term indexes as
positions in the sorted term list, and scores (already rounded to 3 decimals by lunr.py) as
thousandths; ``search-core.js`` turns it back into the serialized index and calls ``lunr.Index.load``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, Sequence

from lunr.builder import Builder
from lunr.field_ref import FieldRef

from generator.search.compounds import PARTS_FIELD, Splitter, vocabulary
from generator.search.danish import STEMMER_LABEL, SearchBuildError, code_token, danish_stemmer, text_terms
from generator.search.documents import SearchDocument
from generator.search.shards import key_of, partition

REQUIRED_PIPELINE = [STEMMER_LABEL]
CODES = "codes"
KEYWORDS_FIELD = "stikord"


@dataclass(frozen=True)
class IndexSpec:
    name: str
    fields: tuple[tuple[str, int], ...]  # (field, boost)
    extract: Callable[[SearchDocument, Splitter], dict[str, list[str]]]
    max_key_bytes: int
    file_bytes: int

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


# Boosts: a process's own words first; parts of its compounds (``dele``) and KLE's keywords of its
# subject (``stikord``) count least.
SHORT = IndexSpec("kort", (("title", 10), ("resume", 4), ("keywords", 6), ("labels", 2), (PARTS_FIELD, 1),
                           (CODES, 5)),
                  _short_terms, max_key_bytes=40_000, file_bytes=80_000)
FULL = IndexSpec("fuld", (("text", 3), (PARTS_FIELD, 1), (KEYWORDS_FIELD, 1)), _long_terms,
                 max_key_bytes=80_000, file_bytes=160_000)
INDEXES = (SHORT, FULL)


@dataclass
class BuiltIndex:
    spec: IndexSpec
    keys: dict[str, int]  # term prefix -> file number
    files: list[dict[str, object]]  # packed lunr indexes


class _PartBuilder(Builder):
    """A lunr.py Builder for one file of a split index, scored with the whole index's statistics."""

    def __init__(self, document_count: int, average_lengths: dict[str, float]):
        super().__init__()
        self._whole_count = document_count
        self._averages = average_lengths

    def add_terms(self, ref: str, terms: dict[str, list[str]], lengths: dict[str, int]) -> None:
        self.add({"id": ref, **terms})
        for name, length in lengths.items():
            self.field_lengths[str(FieldRef(ref, name))] = length

    def build(self):
        self.document_count = self._whole_count
        return super().build()

    def _calculate_average_field_lengths(self) -> None:
        self.average_field_length = dict(self._averages)


def splitter_for(documents: Sequence[SearchDocument]) -> Splitter:
    """Compound splitting against the vocabulary of every text the indexes hold."""
    return Splitter(vocabulary(t for doc in documents
                               for t in (*short_texts(doc), *doc.long_texts, *doc.subject_keywords)))


def build_index(spec: IndexSpec, documents: Sequence[SearchDocument], splitter: Splitter | None = None) -> BuiltIndex:
    """Build one index over all documents, split by term prefix and packed."""
    splitter = splitter or splitter_for(documents)
    stemmer = danish_stemmer()
    field_names = [f for f, _ in spec.fields]
    per_doc = [spec.extract(doc, splitter) for doc in documents]
    lengths = [{f: len(terms.get(f, [])) for f in field_names} for terms in per_doc]
    count = len(documents)
    averages = {f: (sum(length[f] for length in lengths) / count if count else 0.0) for f in field_names}

    keys = partition(_weights(per_doc, field_names, count), max_key_bytes=spec.max_key_bytes,
                     file_bytes=spec.file_bytes)
    file_count = max(keys.values(), default=0) + 1
    file_cache: dict[str, int] = {}

    def file_of(term: str) -> int:
        if term not in file_cache:
            file_cache[term] = keys[key_of(term, keys)]  # type: ignore[index]
        return file_cache[term]

    # Each document's terms, split by file: (doc ref, {field: [terms]}, real field lengths).
    parts: list[list[tuple[str, dict[str, list[str]], dict[str, int]]]] = [[] for _ in range(file_count)]
    for doc, terms, length in zip(documents, per_doc, lengths):
        split: dict[int, dict[str, list[str]]] = {}
        for name in field_names:
            for term in terms.get(name, []):
                split.setdefault(file_of(term), {f: [] for f in field_names})[name].append(term)
        for number, part in split.items():
            parts[number].append((str(doc.number), part, length))
    per_doc.clear()

    files = []
    for number in range(file_count):
        builder = _PartBuilder(count, averages)
        builder.ref("id")
        for name, boost in spec.fields:
            builder.field(name, boost=boost)
        builder.search_pipeline.add(stemmer)
        for ref, part, length in parts[number]:
            builder.add_terms(ref, part, length)
        parts[number] = []
        files.append(pack(_serialize(builder)))
    return BuiltIndex(spec=spec, keys=keys, files=files)


def _weights(per_doc: list[dict[str, list[str]]], field_names: list[str], count: int) -> dict[str, int]:
    """Estimated bytes of each term in a packed file: its postings (doc gap, score) and the term."""
    frequency: dict[tuple[str, str], int] = defaultdict(int)
    for terms in per_doc:
        for name in field_names:
            for term in set(terms.get(name, [])):
                frequency[(term, name)] += 1
    weights: dict[str, int] = defaultdict(int)
    for (term, _), df in frequency.items():
        gap_digits = len(str(max(1, count // df)))
        weights[term] += df * (gap_digits + 6) + 6
    for term in weights:
        weights[term] += len(term.encode("utf-8")) + 6
    return weights


def _serialize(builder: Builder) -> dict:
    serialized = builder.build().serialize()
    check_pipeline(serialized)
    return serialized


def check_pipeline(serialized: dict) -> None:
    """The build stops unless the index's search pipeline is exactly Danish stemming."""
    if serialized.get("pipeline") != REQUIRED_PIPELINE:
        raise SearchBuildError(
            f"Søgeindekset bruger ikke dansk ordstamme: pipeline er {serialized.get('pipeline')!r}, "
            f"men skal være {REQUIRED_PIPELINE!r}."
        )


def pack(serialized: dict) -> dict[str, object]:
    """lunr.py's serialized index in a compact, lossless form (see the module docstring)."""
    check_pipeline(serialized)
    fields: list[str] = list(serialized["fields"])
    terms = [term for term, _ in serialized["invertedIndex"]]
    position = {posting["_index"]: i for i, (_, posting) in enumerate(serialized["invertedIndex"])}
    scores: dict[tuple[str, str, int], float] = {}
    for field_ref, elements in serialized["fieldVectors"]:
        name, ref = field_ref.split("/", 1)
        for k in range(0, len(elements), 2):
            scores[(name, ref, position[elements[k]])] = elements[k + 1]
    postings: list[list[int]] = []
    for i, (_, posting) in enumerate(serialized["invertedIndex"]):
        flat: list[int] = []
        for f, name in enumerate(fields):
            refs = sorted(posting.get(name, {}), key=int)
            if not refs:
                continue
            flat += [f, len(refs)]
            previous = 0
            for ref in refs:
                number = int(ref)
                flat += [number - previous, round(scores[(name, ref, i)] * 1000)]
                previous = number
        postings.append(flat)
    return {"lunr": serialized["version"], "fields": fields, "pipeline": serialized["pipeline"],
            "terms": terms, "postings": postings}


def unpack(packed: dict) -> dict[str, object]:
    """The serialized lunr index again (the Python twin of ``unpack`` in ``search-core.js``, for tests)."""
    fields = packed["fields"]
    inverted, vectors = [], defaultdict(list)
    for i, (term, flat) in enumerate(zip(packed["terms"], packed["postings"])):
        posting: dict[str, object] = {"_index": i, **{f: {} for f in fields}}
        k = 0
        while k < len(flat):
            name, n = fields[flat[k]], flat[k + 1]
            k += 2
            doc = 0
            for _ in range(n):
                doc += flat[k]
                posting[name][str(doc)] = {}  # type: ignore[index]
                vectors[f"{name}/{doc}"] += [i, flat[k + 1] / 1000]
                k += 2
        inverted.append([term, posting])
    return {"version": packed["lunr"], "fields": fields, "pipeline": packed["pipeline"],
            "invertedIndex": inverted, "fieldVectors": [[ref, v] for ref, v in vectors.items()]}
