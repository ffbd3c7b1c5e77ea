"""The index cache of incremental builds: the postings of the previous build, updated for the changed documents.

``autoproces build --incremental`` (and ``serve``) keeps, in ``.autoproces-cache/search-index.bin``,
what each index was made from (``index.IndexState``: per field the postings of each term, the (term
frequency, field length) pairs and every document's field lengths), the key of each document in
number order and the vocabulary of compound splitting. The next build:

- keys every document (a SHA-256 of its id, texts and codes): a document whose key it finds is the same
  document, one it does not find is new, a key it no longer finds is a removed (or changed) document;
- removes the postings of the removed documents, renumbers the others (documents are numbered in title
  order, and the order of the unchanged ones does not change), and adds the postings of the new ones;
- uses the result only when the vocabulary (the stems of every text, which are exactly the terms of
  the stem fields) is the cached one: a compound word splits against the vocabulary, so a changed
  vocabulary can change the parts of unchanged documents, and the build then counts every document
  (through the token cache). Scores are then computed from the updated postings, as in a clean build
  (the number of documents, the average field lengths and the document frequencies are those of all
  documents), so the files are the same bytes.

The file is never trusted (``generator.verified_cache``): its first line holds the format and an
HMAC-SHA256 of the rest made with the user's own key (so a file committed to the repository or restored
from elsewhere never verifies), the rest names the version of the code. A file that is missing, a link
or below one, too large, cut short, of another format or version, with a wrong signature, or whose
postings do not fit its documents, pairs or fields is ignored as a whole; the build then counts every document and writes the file anew
(atomically, never through a link).
"""

from __future__ import annotations

import json
import sys
from array import array
from itertools import accumulate, chain
from pathlib import Path
from typing import Callable, Sequence

from generator.search.compounds import Splitter
from generator.search.documents import SearchDocument
from generator.search.index import INDEXES, POSTING, STEMS, FieldSources, IndexSpec, IndexState, add_document, index_state
from generator.search.terms import GROUPS, group_texts, texts_digest
from generator.search.token_cache import code_version, counted_and_split
from generator.verified_cache import read_verified_bytes, user_key, write_verified

FORMAT = 2  # 2: signed with the user's key
FILE_NAME = "search-index.bin"
MAX_CACHE_BYTES = 1_500_000_000
_INT = "q"  # 8-byte integers, little-endian in the file


def index_states(documents: Sequence[SearchDocument], token_cache: Path | None,
                 keys: list[str] | None = None) -> tuple[list[IndexState], frozenset[str]]:
    """The state of each of ``INDEXES`` and the vocabulary of compound splitting: from the index cache
    beside ``token_cache`` when it holds, else from every document's counted words (through the token
    cache); the index cache is then kept for the next build. Without ``token_cache``, no cache is used.
    ``keys``: each document's :func:`document_key`, when the caller has them."""
    from generator.search import index

    cache = IndexCache(token_cache.with_name(FILE_NAME), INDEXES) if token_cache is not None else None
    if cache is not None and keys is None:
        keys = [document_key(doc) for doc in documents]
    keys = keys if keys is not None else []
    found = cache.updated(documents, keys, index.splitter_for_vocabulary) if cache is not None else None
    if found is None:
        words, splitter = counted_and_split(documents, token_cache)
        states = [index_state(spec, documents, splitter, words) for spec in INDEXES]
    else:
        states, splitter = found
    if cache is not None:
        cache.write(keys, splitter.known_stems, states)
    return states, splitter.known_stems


def document_key(doc: SearchDocument) -> str:
    """What a document's postings are made from (not its number: that follows from the others)."""
    return texts_digest(doc.id, *group_texts(doc), doc.codes)


def usable(specs: Sequence[IndexSpec]) -> bool:
    """The cache holds for indexes made by :class:`FieldSources` whose stem fields cover every group of
    texts (so their terms are the vocabulary of compound splitting)."""
    if not all(isinstance(spec.extract, FieldSources) for spec in specs):
        return False
    covered = {g for spec in specs for _, kind, groups in spec.extract.fields if kind == STEMS for g in groups}
    return covered == set(GROUPS)


class IndexCache:
    """The cache file of one project: read once, asked for the updated states, written after the build."""

    def __init__(self, path: Path, specs: Sequence[IndexSpec], root: Path | None = None):
        self.path, self.specs = path, tuple(specs)
        self.root = root if root is not None else path.parent.parent
        self.version = code_version()
        self.keys: list[str] = []
        self.vocabulary: frozenset[str] = frozenset()
        self.states: list[IndexState] = []
        self.key = user_key()  # signed: whoever can write the folder cannot make it trusted
        self.trusted = usable(self.specs) and self.key is not None and self._read()

    def _read(self) -> bool:
        body = read_verified_bytes(self.path, fmt=FORMAT, max_bytes=MAX_CACHE_BYTES, root=self.root, key=self.key) \
            if self.key is not None else None
        if body is None:
            return False
        try:
            meta_bytes, _, blob = body.partition(b"\n")
            meta = json.loads(meta_bytes)
            numbers = array(_INT)
            numbers.frombytes(blob)
        except (ValueError, RecursionError):
            return False
        if sys.byteorder != "little":
            numbers.byteswap()
        if not isinstance(meta, dict) or meta.get("version") != self.version:
            return False
        keys, vocabulary, indexes = meta.get("keys"), meta.get("vocabulary"), meta.get("indexes")
        if not (_strings(keys) and _strings(vocabulary) and isinstance(indexes, list)
                and len(indexes) == len(self.specs) and len(set(keys)) == len(keys)):
            return False
        states, at = [], 0
        for spec, entry in zip(self.specs, indexes):
            found = _state(spec, entry, numbers, at, len(keys))
            if found is None:
                return False
            state, at = found
            states.append(state)
        if at != len(numbers):
            return False
        self.keys, self.vocabulary, self.states = keys, frozenset(vocabulary), states
        return True

    def updated(self, documents: Sequence[SearchDocument], keys: list[str],
                splitter_for: Callable[[frozenset[str]], Splitter]) -> tuple[list[IndexState], Splitter] | None:
        """The states of every index for ``documents`` (keyed ``keys``) and the splitter of their
        vocabulary, from the cached ones; None when the cache cannot give them (a changed vocabulary)."""
        if not self.trusted:
            return None
        if keys == self.keys:
            return self.states, splitter_for(self.vocabulary)
        mapping, new = _renumbering(self.keys, keys)
        if mapping is None:
            return None
        states = [_renumbered(state, mapping, len(documents)) for state in self.states]
        added = [documents[n] for n in new]
        vocabulary = _vocabulary(self.specs, states, added)
        if vocabulary != self.vocabulary:
            return None
        splitter = splitter_for(vocabulary)
        for spec, state in zip(self.specs, states):
            names = [f for f, _ in spec.fields]
            additions = []
            for doc in added:
                terms = spec.extract(doc, splitter)
                additions.append((doc.number, [_tally(terms.get(name, ())) for name in names]))
            _add_all(state, additions)
        return states, splitter

    def write(self, keys: list[str], vocabulary: frozenset[str], states: list[IndexState]) -> None:
        """Keep this build's states (before they are packed); nothing when they are the cached ones."""
        if not usable(self.specs) or (self.trusted and states is self.states):
            return
        blob = array(_INT)
        indexes = []
        for state in states:
            fields = []
            for f, field_postings in enumerate(state.postings):
                blob.fromlist(state.lengths[f].tolist())
                terms = list(field_postings)
                blob.fromlist(list(chain.from_iterable(field_postings.values())))
                fields.append({"terms": terms, "counts": [len(field_postings[t]) // 2 for t in terms]})
            indexes.append({"pairs": [n for pair in state.pairs for n in pair], "fields": fields})
        if sys.byteorder != "little":
            blob.byteswap()
        meta = json.dumps({"version": self.version, "keys": keys, "vocabulary": sorted(vocabulary),
                           "indexes": indexes}, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        body = meta + b"\n" + blob.tobytes()
        if self.key is not None:
            write_verified(self.path, body, fmt=FORMAT, root=self.root, key=self.key, sync=False,
                           writer="autoproces build")


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(type(v) is str for v in value)


def _ints(value: object) -> bool:
    return isinstance(value, list) and all(type(v) is int for v in value)


def _state(spec: IndexSpec, entry: object, numbers: array, at: int, count: int) -> tuple[IndexState, int] | None:
    """One index's state from its entry and the integers from ``at``; None when they do not fit."""
    if not (isinstance(entry, dict) and _ints(entry.get("pairs")) and isinstance(entry.get("fields"), list)
            and len(entry["fields"]) == len(spec.fields)):
        return None
    flat = entry["pairs"]
    if len(flat) % 2 or any(tf < 1 or length < tf for tf, length in zip(flat[0::2], flat[1::2])):
        return None
    pairs = {(tf, length): n for n, (tf, length) in enumerate(zip(flat[0::2], flat[1::2]))}
    if len(pairs) != len(flat) // 2:
        return None
    postings, lengths = [], []
    for field in entry["fields"]:
        if not (isinstance(field, dict) and _strings(field.get("terms")) and isinstance(field.get("counts"), list)
                and len(field["terms"]) == len(field["counts"]) == len(set(field["terms"]))):
            return None
        try:
            counts = array(_INT, field["counts"])  # postings per term
        except (TypeError, OverflowError):
            return None
        field_lengths = numbers[at:at + count]
        at += count
        total = 2 * sum(counts)
        values = numbers[at:at + total]
        at += total
        if len(field_lengths) != count or len(values) != total or (counts and min(counts) < 1):
            return None
        if (field_lengths and min(field_lengths) < 0) or values and not (
                min(values[0::2]) >= 0 and max(values[0::2]) < count
                and min(values[1::2]) >= 0 and max(values[1::2]) < len(pairs)):
            return None
        flat = array(POSTING, values)
        ends = list(accumulate(2 * n for n in counts))
        postings.append(dict(zip(field["terms"], map(flat.__getitem__, map(slice, [0, *ends[:-1]], ends)))))
        lengths.append(array("l", field_lengths))
    return IndexState(postings, pairs, lengths, count), at


def _renumbering(before: list[str], keys: list[str]) -> tuple[array | None, list[int]]:
    """The new number of each cached document (-1: removed or changed) and the numbers of the new
    documents; (None, []) when the unchanged documents are not in the same order."""
    where = {key: n for n, key in enumerate(before)}
    mapping = array("l", [-1]) * len(before)
    new = []
    last = -1
    for number, key in enumerate(keys):
        old = where.get(key)
        if old is None:
            new.append(number)
            continue
        if old <= last:
            return None, []
        last = old
        mapping[old] = number
    return mapping, new


def _renumbered(state: IndexState, mapping: array, count: int) -> IndexState:
    """The cached state without the removed documents, the others under their new numbers."""
    same = all(old == new for old, new in enumerate(mapping) if new >= 0) and len(mapping) == count
    gone = {old for old, new in enumerate(mapping) if new < 0}
    postings = []
    for field_postings in state.postings:
        kept = {}
        for term, entry in field_postings.items():
            numbers = entry[0::2]
            if same and gone.isdisjoint(numbers):
                kept[term] = entry
                continue
            renumbered = [mapping[n] for n in numbers]
            flat = array(POSTING, [v for n, p in zip(renumbered, entry[1::2]) if n >= 0 for v in (n, p)])
            if flat:
                kept[term] = flat
        postings.append(kept)
    lengths = []
    for field_lengths in state.lengths:
        moved = array("l", [0]) * count
        for old, new in enumerate(mapping):
            if new >= 0:
                moved[new] = field_lengths[old]
        lengths.append(moved)
    return IndexState(postings, dict(state.pairs), lengths, count)


def _vocabulary(specs: Sequence[IndexSpec], states: list[IndexState], added: list[SearchDocument]) -> frozenset[str]:
    """The stems of every text: the terms of the stem fields of the unchanged documents and those of the new."""
    from generator.search.danish import text_terms

    found: set[str] = set()
    for spec, state in zip(specs, states):
        names = [f for f, _ in spec.fields]
        for field, kind, _ in spec.extract.fields:  # type: ignore[union-attr]
            if kind == STEMS:
                found.update(state.postings[names.index(field)])
    for doc in added:
        for texts in group_texts(doc):
            found.update(text_terms(texts))
    return frozenset(found)


def _tally(terms) -> dict[str, int]:
    counts: dict[str, int] = {}
    for term in terms:
        counts[term] = counts.get(term, 0) + 1
    return counts


def _add_all(state: IndexState, additions: list[tuple[int, list[dict[str, int]]]]) -> None:
    """Add the new documents' postings, keeping each term's postings in doc order."""
    touched: list[set[str]] = [set() for _ in state.postings]
    for number, terms in sorted(additions, key=lambda pair: pair[0]):
        for f, counts in enumerate(terms):
            touched[f].update(counts)
        add_document(state, number, terms)
    for f, terms in enumerate(touched):
        field_postings = state.postings[f]
        for term in terms:
            entry = field_postings[term]
            numbers = entry[0::2].tolist()
            if numbers != sorted(numbers):
                ordered = sorted(zip(numbers, entry[1::2]))
                field_postings[term] = array(POSTING, [v for pair in ordered for v in pair])
