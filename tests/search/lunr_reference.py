"""lunr.py as the reference of the search index: the same documents built with lunr.py's own Builder,
and the packed form turned back into lunr's serialized index (the Python twin of ``unpack`` in
``search_node.js``). Only the tests use this; the generator writes the index directly."""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

from lunr.builder import Builder
from lunr.field_ref import FieldRef

from generator.search.documents import SearchDocument
from generator.search.index import IndexSpec, build_index, splitter_for
from generator.search.shards import FileFinder


class PartBuilder(Builder):
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


def lunr_py_files(spec: IndexSpec, documents: Sequence[SearchDocument]) -> list[dict]:
    """The serialized lunr.py index of each file of ``spec`` over ``documents``, split by the same keys
    as the generator's index (the terms come from the generator's own extraction)."""
    splitter = splitter_for(documents)
    finder = FileFinder(build_index(spec, documents, splitter).firsts)
    field_names = [f for f, _ in spec.fields]
    per_doc = [spec.extract(doc, splitter) for doc in documents]
    lengths = [{f: len(terms.get(f, [])) for f in field_names} for terms in per_doc]
    count = len(documents)
    averages = {f: sum(length[f] for length in lengths) / count for f in field_names}
    file_count = len(finder._keys)
    parts: list[list] = [[] for _ in range(file_count)]
    for doc, terms, length in zip(documents, per_doc, lengths):
        split: dict[int, dict[str, list[str]]] = {}
        for name in field_names:
            for term in terms.get(name, []):
                split.setdefault(finder.file_of(term), {f: [] for f in field_names})[name].append(term)
        for number, part in split.items():
            parts[number].append((str(doc.number), part, length))
    serialized = []
    from generator.search.danish import STEMMER_LABEL
    from lunr.pipeline import Pipeline

    import lunr.languages  # noqa: F401  (registers lunr.py's stemmer-da)

    for number in range(file_count):
        builder = PartBuilder(count, averages)
        builder.ref("id")
        for name, boost in spec.fields:
            builder.field(name, boost=boost)
        builder.search_pipeline.add(Pipeline.registered_functions[STEMMER_LABEL])
        for ref, part, length in parts[number]:
            builder.add_terms(ref, part, length)
        serialized.append(builder.build().serialize())
    return serialized


def pack(serialized: dict) -> dict[str, object]:
    """lunr.py's serialized index in the packed form the generator writes (``generator/search/index.py``)."""
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
    """The serialized lunr index of a packed file (the twin of ``unpack`` in ``search_node.js``)."""
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
