"""The prebuilt index: Danish stemming or no build, offline, split without changing scores, deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from lunr.index import Index
from lunr.pipeline import Pipeline

from generator.search import danish
from generator.search.danish import SearchBuildError
from generator.search.documents import search_documents
from generator.search.index import FULL, SHORT, IndexSpec, build_index
from generator.search.output import build_search_data
from tests.search.helpers import ROOT, query_catalogue, synthetic
from tests.search.lunr_reference import pack, unpack


def _packed_files(data_dir: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(data_dir.glob("*.json")) if p.name.startswith(("kort", "fuld"))]


def test_every_index_file_uses_danish_stemming(query_data):
    files = _packed_files(query_data)
    assert files
    assert all(f["pipeline"] == ["stemmer-da"] for f in files)
    manifest = json.loads((query_data / "manifest.json").read_text())
    assert manifest["pipeline"] == ["stemmer-da"]


def _forget_stems() -> None:
    danish.danish_stemmer.cache_clear()
    danish.text_stems.cache_clear()
    danish.text_tokens.cache_clear()
    danish._STEMS.clear()


def test_the_build_stops_when_the_danish_stemmer_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "Stemmer", None)  # as without PyStemmer
    _forget_stems()
    try:
        with pytest.raises(SearchBuildError, match="stemmer-da.*PyStemmer"):
            build_search_data(query_catalogue(), lambda item: None, "../processer/{id}/")
    finally:
        _forget_stems()


OFFLINE_BUILD = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network blocked by the test")
class NoNetwork(socket.socket):
    connect = connect_ex = sendto = refuse
socket.socket = NoNetwork
socket.create_connection = refuse
socket.getaddrinfo = refuse
from pathlib import Path
from tests.search.helpers import build_data, query_catalogue
data = build_data(query_catalogue(), Path(sys.argv[1]))
print(len(list(data.glob("kort-*.json"))))
"""


def test_the_index_builds_offline_without_nltk_data(tmp_path):
    nltk_data = tmp_path / "nltk_data"
    nltk_data.mkdir()
    env = {**os.environ, "NLTK_DATA": str(nltk_data), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", OFFLINE_BUILD, str(tmp_path / "site")], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 1
    assert not any(nltk_data.iterdir()), "nothing may be downloaded into NLTK's data folder"
    files = _packed_files(tmp_path / "site" / "soeg" / "data")
    assert files and all(f["pipeline"] == ["stemmer-da"] for f in files)


def test_packing_keeps_the_lunr_index():
    from lunr.builder import Builder

    builder = Builder()
    builder.ref("id")
    builder.field("title", boost=10)
    builder.field("text")
    import lunr.languages  # noqa: F401  (registers lunr.py's stemmer-da)

    builder.search_pipeline.add(Pipeline.registered_functions["stemmer-da"])
    for ref, title, text in [("0", ["borg", "ansoegning"], ["borg"]), ("1", ["bolig"], ["borg", "borg", "stoet"])]:
        builder.add({"id": ref, "title": title, "text": text})
    serialized = builder.build().serialize()
    again = unpack(pack(serialized))
    original = Index.load(serialized)
    restored = Index.load(again)
    for term in ("borg", "bolig", "stoet", "ansoegning"):
        assert _scores(original, term) == pytest.approx(_scores(restored, term))


def _scores(index: Index, term: str) -> dict[str, float]:
    return {r["ref"]: r["score"] for r in index.query(index.create_query().term(term, use_pipeline=False))}


def _split_scores(spec: IndexSpec, documents, terms) -> dict[str, dict[str, float]]:
    built = build_index(spec, documents)
    indexes = [Index.load(unpack(f)) for f in built.files]
    result: dict[str, dict[str, float]] = {}
    for term in terms:
        found: dict[str, float] = {}
        for index in indexes:
            for field in [f for f, _ in spec.fields]:
                query = index.create_query().term(term, use_pipeline=False, fields=[field])
                for r in index.query(query):
                    found[r["ref"]] = found.get(r["ref"], 0) + r["score"]
        result[term] = found
    return result, len(built.files)


def test_splitting_an_index_does_not_change_scores():
    documents = search_documents(synthetic().synthetic_published(300, seed=7))
    terms = ["borg", "ansoegning", "sag", "journalisering", "kontanthjaelp", "refusion"]
    whole, whole_files = _split_scores(IndexSpec("fuld", FULL.fields, FULL.extract, 10**9), documents, terms)
    split, split_files = _split_scores(IndexSpec("fuld", FULL.fields, FULL.extract, 4_000), documents, terms)
    assert whole_files == 1 and split_files > 5
    for term in terms:
        assert whole[term], term
        assert split[term] == pytest.approx(whole[term], abs=1e-9), term


def test_short_index_holds_codes_unstemmed():
    documents = search_documents(query_catalogue())
    built = build_index(SHORT, documents)
    terms = {t for f in built.files for t in f["terms"]}
    assert {"27.24.00", "32.18.05", "26.10.05.20", "10.88.11", "kmd-nexus", "odense/kontrol-af-ydelser"} <= terms


def test_the_same_catalogue_gives_byte_identical_files():
    first = build_search_data(query_catalogue(), lambda item: None, "../processer/{id}/")
    second = build_search_data(query_catalogue(), lambda item: None, "../processer/{id}/")
    assert first == second


def _cold() -> None:
    """Forget every cache of the search build (stems, tokens, the previous build's compound splits)."""
    from generator.search import index

    _forget_stems()
    index._last_splitter.clear()


def test_a_rebuild_with_warm_caches_gives_the_files_of_a_cold_build():
    module = synthetic()
    catalogue = module.synthetic_published(120, seed=11)
    _cold()
    cold = build_search_data(catalogue, lambda item: None, "../processer/{id}/")
    warm = build_search_data(catalogue, lambda item: None, "../processer/{id}/")
    assert warm == cold
    # One process changes (new words in its title): the warm rebuild equals a cold build of the new catalogue.
    from dataclasses import replace

    first = catalogue.processes[0]
    changed_process = first.process.model_copy(update={"title": "Pensionsberegning og affaldsindsamling i skolen"})
    changed = replace(catalogue, processes=[replace(first, process=changed_process), *catalogue.processes[1:]])
    warm_changed = build_search_data(changed, lambda item: None, "../processer/{id}/")
    _cold()
    cold_changed = build_search_data(changed, lambda item: None, "../processer/{id}/")
    assert warm_changed == cold_changed
    assert warm_changed != cold
