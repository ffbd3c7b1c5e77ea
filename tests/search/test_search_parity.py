"""The index the generator writes directly is lunr's own: the same files as lunr.py's Builder on the same
documents, and the same answers from lunr.js as from lunr.py."""

from __future__ import annotations

import json

import pytest
from lunr.index import Index
from lunr.query import Query

from generator.search.documents import search_documents
from generator.search.index import FULL, INDEXES, SHORT, IndexSpec, build_index
from tests.search.helpers import query_catalogue, run_node, synthetic
from tests.search.lunr_reference import lunr_py_files, pack, unpack
from tests.search.test_search_compounds import TEXTS


@pytest.fixture(scope="module")
def documents():
    return search_documents(synthetic().synthetic_published(400, seed=3))


@pytest.mark.parametrize("spec", INDEXES, ids=lambda s: s.name)
def test_the_written_files_are_those_lunr_py_builds(spec, documents):
    written = build_index(spec, documents).files
    reference = [pack(serialized) for serialized in lunr_py_files(spec, documents)]
    assert len(written) > 1
    assert written == reference  # terms, postings and every score to lunr's rounding


def test_the_small_catalogues_give_lunr_py_files_too():
    from tests.search.helpers import process, published

    for catalogue in (query_catalogue(), published({pid: process(title=t, short_description=r)
                                                    for pid, (t, r) in TEXTS.items()})):
        docs = search_documents(catalogue)
        for spec in INDEXES:
            assert build_index(spec, docs).files == [pack(s) for s in lunr_py_files(spec, docs)]


QUERY_TERMS = ["borg", "ansoegning", "sag", "journaliser", "kontanthjaelp", "refusion", "bolig", "27.24", "kmd"]


def _python_answers(serialized: dict, queries: list[dict]) -> list[list[list]]:
    index = Index.load(serialized)
    answers = []
    for q in queries:
        query = index.create_query().term(q["term"], use_pipeline=False, fields=q["fields"],
                                          wildcard=Query.WILDCARD_TRAILING if q["prefix"] else Query.WILDCARD_NONE)
        answers.append([[r["ref"], r["score"]] for r in index.query(query)])
    return answers


@pytest.mark.parametrize("spec", [SHORT, FULL], ids=lambda s: s.name)
def test_lunr_js_answers_as_lunr_py_on_the_written_files(spec: IndexSpec, documents, tmp_path):
    written = build_index(spec, documents).files
    reference = lunr_py_files(spec, documents)
    fields = [f for f, _ in spec.fields]
    queries = [{"term": t, "fields": [f], "prefix": prefix} for t in QUERY_TERMS for f in fields
               for prefix in (False, True)]
    queries += [{"term": t, "fields": fields, "prefix": True} for t in QUERY_TERMS]
    paths = []
    for number, packed in enumerate(written):
        path = tmp_path / f"{spec.name}-{number}.json"
        path.write_text(json.dumps(packed), encoding="utf-8")
        paths.append(str(path))
    browser = run_node({"lunr": {"files": paths, "queries": queries}})
    found = 0
    for serialized, js_answers in zip(reference, browser):
        for py, js in zip(_python_answers(serialized, queries), js_answers):
            # the same documents with the same scores (documents with equal scores may come in either order)
            assert dict(js) == pytest.approx(dict(py), rel=1e-9, abs=1e-12)
            assert [score for _, score in js] == pytest.approx([score for _, score in py], rel=1e-9, abs=1e-12)
            found += len(py)
    assert found > 1000


def test_the_packed_form_is_lossless(documents):
    """Unpacking a written file gives lunr.py's serialized index (terms, postings and scores)."""
    for serialized in lunr_py_files(FULL, documents)[:2]:
        again = unpack(pack(serialized))
        assert [t for t, _ in again["invertedIndex"]] == [t for t, _ in serialized["invertedIndex"]]
        assert _by_term(again) == _by_term(serialized)


def _by_term(serialized: dict) -> dict[str, dict[str, float]]:
    """field/ref -> {term: score} (term indexes differ: lunr.py numbers terms as it meets them)."""
    term_of = {posting["_index"]: term for term, posting in serialized["invertedIndex"]}
    return {ref: {term_of[i]: score for i, score in zip(v[::2], v[1::2])}
            for ref, v in serialized["fieldVectors"] if v}  # lunr.py also lists the empty vectors


PARITY_QUERIES = ["borgere", "ansøgninger om boligstøtte", "sagsbehandling", "kontanth", "journalisering af fakturaer",
                  "refusion", "27.24", "kmd", "bo", "sy", "pensionsberegning", "aarhus"]


@pytest.fixture(scope="module")
def parity_data(tmp_path_factory):
    from tests.search.helpers import build_data

    return build_data(synthetic().synthetic_published(400, seed=3), tmp_path_factory.mktemp("parity"))


def test_the_engine_scores_queries_as_lunr_js(parity_data, query_data):
    """The browser's engine scores the packed files itself; lunr.js (Index.load and query on the same
    files) gives the same documents, the same order and the same scores."""
    for data in (parity_data, query_data):
        request = {"data": str(data), "queries": [{"q": q} for q in PARITY_QUERIES], "allIds": False}
        own = run_node(request)
        lunr_js = run_node({**request, "engine": "lunr"})
        matched = 0
        for mine, theirs in zip(own, lunr_js):
            assert mine["count"] == theirs["count"], mine["q"]
            assert dict(map(tuple, mine["scores"])) == pytest.approx(dict(map(tuple, theirs["scores"])), rel=1e-12)
            assert mine["firstPage"] == theirs["firstPage"], mine["q"]
            matched += mine["count"]
        assert matched > (500 if data == parity_data else 5)


@pytest.mark.parametrize("sort", ["relevans", "titel", "opdateret", "timer"])
def test_a_page_selects_the_same_first_documents_as_sorting_every_match(parity_data, sort):
    """A page takes its documents from the matches without sorting all of them (Engine.order); they are
    the first documents of the full sort, in its order, for every sort and any number of documents."""
    ends = [1, 7, 20, 40, 400]
    queries = [{"q": q, "sort": sort} for q in ("borgere", "sagsbehandling", "kontanth", "bo", "")]
    queries.append({"q": "", "sort": sort, "selection": {"fase": ["i-drift"]}})
    answers = run_node({"data": str(parity_data), "queries": queries, "allIds": False, "firsts": ends})
    checked = 0
    for answer in answers:
        assert answer["count"] == len(answer["order"])
        for end, first in zip(ends, answer["firsts"]):
            assert first == answer["order"][:end], (answer["q"], sort, end)
            checked += len(first)
    assert checked > 1500
