"""KLE's keywords (stikord) of a process's KLE subject are a low-weighted search field: a reader finds a
process by the official synonyms of its subject, and a process's own words rank first."""

from __future__ import annotations

from tests.support.catalogue import lists_from

import json

from generator.taxonomies import load_taxonomies
from generator.search.danish import fold, stem, text_terms, tokens
from generator.search.documents import search_documents
from generator.search.index import short_texts
from tests.search.helpers import ROOT, TAXONOMIES, build_data, process, published, run_node

KEYWORDS = [
    {"code": "27.24.10", "title": "Hjemmesygepleje", "status": "active", "replaced_by": [],
     "keywords": [["sårpleje", 5], ["medicindosering", 5]]},
    {"code": "32.18.00", "title": "Sygedagpenge i almindelighed", "status": "active", "replaced_by": [],
     "keywords": [["raskmelding", 1000]]},
]


def _catalogue():
    lists = lists_from({**TAXONOMIES, "kle_keywords": KEYWORDS})
    return published({
        "aarhus/sygepleje": process(title="Planlægning af hjemmesygepleje", kle="27.24.10",
                                    short_description="Ruterne lægges automatisk."),
        "aarhus/dosering": process(title="Robot til apoteket", short_description="Kort.",
                                   long_description="Medicindosering kontrolleres af en robot."),
        "aarhus/sygedagpenge": process(title="Opfølgning på sygedagpenge", kle="32.18.00",
                                       short_description="Breve sendes automatisk."),
    }, lists)


def _ask(data, *queries: str) -> dict[str, list[str]]:
    answers = run_node({"data": str(data), "queries": [{"q": q} for q in queries]})
    return {a["q"]: a["ids"] for a in answers}  # type: ignore[index]


def test_a_keyword_of_the_subject_finds_the_process(tmp_path):
    answers = _ask(build_data(_catalogue(), tmp_path), "sårpleje", "raskmelding", "saarpleje")
    assert answers == {"sårpleje": ["aarhus/sygepleje"], "raskmelding": ["aarhus/sygedagpenge"],
                       "saarpleje": ["aarhus/sygepleje"]}


def test_a_process_with_the_word_in_its_own_text_ranks_above_one_with_it_as_a_keyword(tmp_path):
    assert _ask(build_data(_catalogue(), tmp_path), "medicindosering")["medicindosering"] == [
        "aarhus/dosering", "aarhus/sygepleje"]


def test_the_keyword_list_is_built_from_os2kle_with_provenance():
    directory = ROOT / "taxonomies"
    manifest = json.loads((directory / "kle_keywords.manifest.json").read_text(encoding="utf-8"))
    assert [s["file"] for s in manifest["sources"]] == ["sources/kle/os2kle/OS2KLE.txt"]
    assert manifest["count"] == 2373 and manifest["keyword_count"] > 30_000
    lists = load_taxonomies(directory)
    term = lists["kle_keywords"].get("00.01.10")
    assert term.title == "Opgaver der dækker flere hovedgrupper"
    assert term.get("keywords")[:2] == [["Børnepolitik", 10], ["Ældrepolitik", 10]]  # highest weight first


def test_the_example_site_finds_a_process_by_a_keyword_of_its_subject(tmp_path):
    """With the real list: a keyword that no process's own text holds finds every process of that subject."""
    from generator.audience import Audience, publish
    from generator.pipeline import load_catalogue

    catalogue = publish(load_catalogue([ROOT / "processes"], load_taxonomies(ROOT / "taxonomies")),
                        Audience("public"))
    documents = search_documents(catalogue)
    own = {t for d in documents for t in text_terms([*short_texts(d), *d.long_texts])}
    word, code = next((w, d.id) for d in documents for keyword in d.subject_keywords
                      for w in tokens(keyword) if len(w) >= 8 and stem(w) not in own
                      and not any(t.startswith(w) for t in own))
    kle = catalogue.by_id[code].process.kle
    expected = sorted(p.id for p in catalogue if p.process.kle == kle)
    found = _ask(build_data(catalogue, tmp_path), word)[word]
    assert sorted(found) == expected, (word, fold(word))
