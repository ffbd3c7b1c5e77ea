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

What each field holds is one table (``FieldSources``: the stems or the compound parts of some groups
of a document's texts, or its codes). The build counts each document's tokens once and stems and
splits each distinct word once (``terms.py``); the postings of a field are flat lists of doc number
and the number of its (term frequency, field length), and a score is computed once per field,
document frequency and pair. The files are packed one at a time, freeing their postings.

Every part is scored as if the whole index were one: with the real number of documents and the
real average field lengths, so a term's scores do not depend on how the index was split.

The packed form is lunr's serialized index with doc refs as numbers, term indexes as positions in
the sorted term list, and scores as thousandths: per term ``[field, n, doc gap, score, ...]``;
the browser scores queries on it directly (``scoreClause`` in ``search-score.js``); the tests turn it
back into the serialized index and call ``lunr.Index.load``.
"""

from __future__ import annotations

from array import array
import operator
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from generator.search.compounds import PARTS_FIELD, Splitter, vocabulary
from generator.search.danish import STEMMER_LABEL, code_token, forget_texts, text_terms
from generator.search.documents import SearchDocument
from generator.search.scoring import Scorer
from generator.search.shards import first_terms, sorted_terms, utf16
from generator.search.terms import GROUPS, DocumentWords, WordTable, group_texts

LUNR_VERSION = "2.3.9"  # the lunr.js the site vendors (assets/search/vendor)
REQUIRED_PIPELINE = [STEMMER_LABEL]
CODES = "codes"
KEYWORDS_FIELD = "stikord"
STEMS = "stems"  # a field of the stems of the words of some groups of texts (``terms.GROUPS``)
PARTS = "parts"  # a field of the part stems of their compound words


@dataclass(frozen=True)
class FieldSources:
    """What each field of an index holds: (field, ``STEMS`` or ``PARTS``, groups of texts), and the
    codes in ``CODES``.

    Called with a document and a splitter it gives each field's terms by the plain definition, one
    term per occurrence in order (what lunr.py's builder is given in the parity tests);
    :func:`build_index` counts the same terms once per distinct word.
    """

    fields: tuple[tuple[str, str, tuple[str, ...]], ...]

    def __call__(self, doc: SearchDocument, splitter: Splitter) -> dict[str, list[str]]:
        texts = dict(zip(GROUPS, group_texts(doc)))
        terms: dict[str, list[str]] = {}
        for field, kind, groups in self.fields:
            chosen = [t for group in groups for t in texts[group]]
            terms[field] = text_terms(chosen) if kind == STEMS else splitter.parts_of_texts(chosen)
        terms[CODES] = [code_token(c) for c in doc.codes]
        return terms


@dataclass(frozen=True)
class IndexSpec:
    name: str
    fields: tuple[tuple[str, int], ...]  # (field, boost)
    extract: Callable[[SearchDocument, Splitter], dict[str, list[str]]]  # a FieldSources, or any function
    file_bytes: int  # about this many bytes per group of files (a prefix is searched in at most a few groups)
    part_bytes: int | None = None  # each group written as files of about this many bytes (None: one file)

    @property
    def text_fields(self) -> list[str]:
        return [f for f, _ in self.fields if f != CODES]


def short_texts(doc: SearchDocument) -> list[str]:
    """The texts of the short index (their words are also the vocabulary of compound splitting)."""
    return [doc.title, doc.resume, *doc.keywords, *doc.labels]


# Raw bytes per group: a query's last word is also a prefix when its terms lie in at most MAX_PREFIX_GROUPS
# groups (``search-core.js``), scored per group; a group is written as files of about PART_BYTES (a larger
# term is a file of its own), so a word needs only the files of its terms. Results do not depend on it.
SHORT_FILE_BYTES = 24_000
FULL_FILE_BYTES = 30_000
PART_BYTES = 12_000

# Boosts: a process's own words first; parts of its compounds (``dele``) and KLE's keywords of its
# subject (``stikord``) count least.
SHORT = IndexSpec("kort", (("title", 10), ("resume", 4), ("keywords", 6), ("labels", 2), (PARTS_FIELD, 1),
                           (CODES, 5)),
                  FieldSources((("title", STEMS, ("title",)), ("resume", STEMS, ("resume",)),
                                ("keywords", STEMS, ("keywords",)), ("labels", STEMS, ("labels",)),
                                (PARTS_FIELD, PARTS, ("title", "resume", "keywords")))),
                  file_bytes=SHORT_FILE_BYTES, part_bytes=PART_BYTES)
FULL = IndexSpec("fuld", (("text", 3), (PARTS_FIELD, 1), (KEYWORDS_FIELD, 1)),
                 FieldSources((("text", STEMS, ("long",)), (PARTS_FIELD, PARTS, ("long",)),
                               (KEYWORDS_FIELD, STEMS, ("subject",)))),
                 file_bytes=FULL_FILE_BYTES, part_bytes=PART_BYTES)
INDEXES = (SHORT, FULL)


class BuiltIndex:
    """One index, split by term prefix: the first term of each file (``shards.py``), how many files
    each group holds (in order), and the packed files, made one at a time by :meth:`packed_files` (or
    all at once by ``files``)."""

    def __init__(self, spec: IndexSpec, firsts: list[str], pack: Callable[[bool], Iterator[dict[str, object]]],
                 groups: list[int] | None = None):
        self.spec = spec
        self.firsts = firsts
        self.groups = groups if groups is not None else [1] * len(firsts)
        self._pack = pack

    def packed_files(self) -> Iterator[dict[str, object]]:
        """The packed lunr index of each file in turn, once: the postings are freed as they are packed."""
        return self._pack(True)

    @property
    def files(self) -> list[dict[str, object]]:
        return list(self._pack(False))


_last_splitter: list[Splitter] = []  # the previous build's, so a rebuild in the same process reuses its answers


def splitter_for(documents: Sequence[SearchDocument]) -> Splitter:
    """Compound splitting against the vocabulary of every text the indexes hold."""
    return splitter_for_vocabulary(
        vocabulary(t for doc in documents for t in (*short_texts(doc), *doc.long_texts, *doc.subject_keywords)))


def forget_splits() -> None:
    """Forget the splitter kept for the next build of this process, and the stems and tokens of its texts."""
    _last_splitter.clear()
    forget_texts()


def splitter_for_vocabulary(known: frozenset[str]) -> Splitter:
    splitter = _last_splitter[0].for_vocabulary(known) if _last_splitter else Splitter(known)
    _last_splitter[:] = [splitter]
    return splitter


def counted_words(documents: Sequence[SearchDocument]) -> tuple[WordTable, list[DocumentWords]]:
    """The counted words of every document (in the order given) and their table."""
    table = WordTable()
    return table, [table.document_words(doc) for doc in documents]


# postings[f][term]: doc number and the number of its (term frequency, field length), interleaved, as
# 4-byte integers (an array takes half the memory of a list of them: at 50,000 processes, about 100 MB)
POSTING = "i"
Postings = list[dict[str, array]]


@dataclass
class IndexState:
    """What an index is made from, before it is scored and packed: per field the postings of each term
    (doc number and the number of its (term frequency, field length), interleaved, in doc order), the
    pairs by number, and each document's field lengths (``index_cache.py`` keeps it between builds)."""

    postings: Postings
    pairs: dict[tuple[int, int], int]
    lengths: list[array]  # lengths[f][doc number]
    count: int


def build_index(spec: IndexSpec, documents: Sequence[SearchDocument], splitter: Splitter | None = None,
                words: tuple[WordTable, list[DocumentWords]] | None = None) -> BuiltIndex:
    """Build one index over all documents, split by term prefix and packed.

    ``words``: the documents' counted words (:func:`counted_words`, in the order of ``documents``)
    when the caller has them; the table's words must be split with ``splitter`` (``WordTable.split_all``).
    """
    return index_from_state(spec, index_state(spec, documents, splitter, words))


def index_state(spec: IndexSpec, documents: Sequence[SearchDocument], splitter: Splitter | None = None,
                words: tuple[WordTable, list[DocumentWords]] | None = None) -> IndexState:
    """The postings, pairs and field lengths of one index over all documents."""
    state = IndexState([{} for _ in spec.fields], {}, [array("l", [0]) * len(documents) for _ in spec.fields],
                       len(documents))
    for number, terms in _document_terms(spec, documents, splitter, words):
        add_document(state, number, terms)
    return state


def add_document(state: IndexState, number: int, terms: list[dict[str, int]]) -> None:
    """Add one document's term frequencies of each field (after every document of a lower number)."""
    pairs = state.pairs
    for f, counts in enumerate(terms):
        length = sum(counts.values())
        state.lengths[f][number] = length
        field_postings = state.postings[f]
        for term, tf in counts.items():
            pair = pairs.setdefault((tf, length), len(pairs))
            entry = field_postings.get(term)
            if entry is None:
                field_postings[term] = array(POSTING, (number, pair))
            else:
                entry.append(number)
                entry.append(pair)


def index_from_state(spec: IndexSpec, state: IndexState) -> BuiltIndex:
    """Score, split and pack an index (the files free the state's postings as they are packed)."""
    field_names = [f for f, _ in spec.fields]
    postings, count = state.postings, state.count
    terms = sorted_terms({t for field_postings in postings for t in field_postings})
    weights = _weights(terms, postings, count)
    firsts, groups = _cut_groups(terms, weights, first_terms(weights, file_bytes=spec.file_bytes), spec.part_bytes)
    scorer = scorer_of(spec, state)

    def pack(free: bool) -> Iterator[dict[str, object]]:
        for file_terms in _by_file(terms, firsts):
            yield {"lunr": LUNR_VERSION, "fields": field_names, "pipeline": REQUIRED_PIPELINE,
                   "terms": file_terms, "postings": [_packed(t, postings, scorer, free) for t in file_terms]}

    return BuiltIndex(spec, firsts, pack, groups)


def _cut_groups(terms: list[str], weights: dict[str, int], group_firsts: list[str],
                part_bytes: int | None) -> tuple[list[str], list[int]]:
    """The first term of each file and the number of files of each group: every group's terms cut
    into runs of about ``part_bytes`` (its first file starts where the group does)."""
    if part_bytes is None:
        return group_firsts, [1] * len(group_firsts)
    firsts: list[str] = []
    groups: list[int] = []
    for group_first, group_terms in zip(group_firsts, _by_file(terms, group_firsts)):
        cut = first_terms({t: weights[t] for t in group_terms}, file_bytes=part_bytes)
        firsts += [group_first, *cut[1:]]
        groups.append(len(cut))
    return firsts, groups


def scorer_of(spec: IndexSpec, state: IndexState) -> "Scorer":
    """The scores of the postings of an index (thousandths by field, document frequency and pair)."""
    count = state.count
    averages = [sum(lengths) / count if count else 0.0 for lengths in state.lengths]
    return Scorer(list(state.pairs), count, averages, [boost for _, boost in spec.fields])


def _document_terms(spec: IndexSpec, documents: Sequence[SearchDocument], splitter: Splitter | None,
                    words: tuple[WordTable, list[DocumentWords]] | None) -> Iterator[tuple[int, list[dict[str, int]]]]:
    """(document number, term frequencies of each field) of every document, in document order."""
    names = [f for f, _ in spec.fields]
    if not isinstance(spec.extract, FieldSources):  # any other extraction: count its terms
        splitter = splitter or splitter_for(documents)
        for doc in sorted(documents, key=lambda d: d.number):
            terms = spec.extract(doc, splitter)
            yield doc.number, [_tally(terms.get(name, ())) for name in names]
        return
    if words is None:
        words = counted_words(documents)
        words[0].split_all(splitter or splitter_for_vocabulary(words[0].vocabulary()))
    table, counted = words
    sources = {field: (kind, [GROUPS.index(g) for g in groups]) for field, kind, groups in spec.extract.fields}
    for doc, doc_words in sorted(zip(documents, counted), key=lambda pair: pair[0].number):
        terms = []
        for name in names:
            if name == CODES:
                terms.append(_tally(code_token(c) for c in doc_words.codes))
            else:
                kind, groups = sources[name]
                terms.append(_field_counts(table.stems if kind == STEMS else table.parts, doc_words, groups, kind))
        yield doc.number, terms


def _tally(terms) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    return counts


def _field_counts(terms_of: list, doc_words: DocumentWords, groups: list[int], kind: str) -> dict[str, int]:
    """A field's term frequencies from the counted words of its groups (``terms_of``: the stem of each
    word, or its part stems)."""
    counts: dict[str, int] = {}
    get = counts.get
    for g in groups:
        numbered = doc_words.groups[g]
        if kind == STEMS:
            for number, count in zip(numbered[0::2], numbered[1::2]):
                term = terms_of[number]
                counts[term] = get(term, 0) + count
            continue
        for number, count in zip(numbered[0::2], numbered[1::2]):
            for term in terms_of[number]:
                counts[term] = get(term, 0) + count
    return counts


def _by_file(terms: list[str], firsts: list[str]) -> Iterator[list[str]]:
    """The sorted terms cut at the first term of each file."""
    keys = [utf16(first) for first in firsts[1:]]
    start = 0
    for key in keys:
        end = start
        while end < len(terms) and utf16(terms[end]) < key:
            end += 1
        yield terms[start:end]
        start = end
    yield terms[start:]


def _packed(term: str, postings: Postings, scorer: Scorer, free: bool) -> list[int]:
    """A term's packed postings, ``[field, n, doc gap, score, ...]`` (``free``: and forget them)."""
    entries = [(field_postings.pop if free else field_postings.get)(term, None) for field_postings in postings]
    df = sum(len(entry) for entry in entries if entry) // 2
    flat: list[int] = []
    for f, entry in enumerate(entries):
        if not entry:
            continue
        numbers = entry[0::2]
        packed = [0] * len(entry)
        packed[0::2] = map(operator.sub, numbers, [0, *numbers[:-1]])
        packed[1::2] = map(scorer.scores(f, df).__getitem__, entry[1::2])
        flat += (f, len(numbers))
        flat += packed
    return flat


def _weights(terms: list[str], postings: Postings, count: int) -> dict[str, int]:
    """Estimated bytes of each term in a packed file: its postings (doc gap, score) and the term."""
    weights: dict[str, int] = {}
    for term in terms:
        weight = len(term.encode("utf-8")) + 6
        for field_postings in postings:
            entry = field_postings.get(term)
            if entry:
                df = len(entry) // 2
                weight += df * (len(str(max(1, count // df))) + 6) + 6
        weights[term] = weight
    return weights
