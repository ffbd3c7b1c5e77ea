"""Facets: the counts the build writes match the catalogue; the browser's engine narrows and widens live."""

from __future__ import annotations

import json

from generator.model import Phase
from generator.search.documents import search_documents
from generator.search.facets import FACET_KEYS, build_facets, counts, url_value
from generator.search.output import family_file
from tests.search.helpers import query_catalogue, run_node


def _facets():
    catalogue = query_catalogue()
    return catalogue, {f.key: f for f in build_facets(catalogue, search_documents(catalogue))}


def test_written_facet_counts_match_the_published_processes():
    catalogue, facets = _facets()
    assert tuple(facets) == FACET_KEYS
    processes = [p.process for p in catalogue]
    assert counts(facets["fase"]) == {url_value(phase): sum(p.phase == phase for p in processes)
                                      for phase in Phase if any(p.phase == phase for p in processes)}
    assert counts(facets["kommune"]) == {"aabenraa": 1, "aarhus": 2, "odense": 2}
    assert counts(facets["omraade"]) == {"social": 1, "beskaeftigelse": 2, "oekonomi": 2, "sundhed": 1}
    assert counts(facets["system"]) == {"kmd-nexus": 2, "digital-post": 1}
    assert counts(facets["teknologi"]) == {"uipath": 2, "power-automate": 2}
    assert counts(facets["koersel"]) == {"dagligt": 2, "maanedligt": 1}
    assert counts(facets["paraply"]) == {"er": 1, "under": 1}
    assert counts(facets["kla"]) == {"ja": 1}
    assert counts(facets["sepmep"]) == {"ja": 1}
    assert counts(facets["form"]) == {"26": 1, "14": 1}  # FORM service areas


def test_kle_is_a_tree_counted_at_every_level():
    _, facets = _facets()
    kle = counts(facets["kle"])
    assert kle["27"] == 2 and kle["27.24"] == 2 and kle["27.24.00"] == 1 and kle["27.24.10"] == 1
    assert kle["32"] == 3 and kle["32.18"] == 3 and kle["32.18.05"] == 1
    labels = dict(facets["kle"].values)
    assert labels["27.24"] == "27.24 Sygepleje"


def test_facet_labels_are_the_models_danish_labels():
    _, facets = _facets()
    assert facets["fase"].label == "Fase"
    assert dict(facets["fase"].values)["i-drift"] == "I drift"
    assert dict(facets["omraade"].values)["oekonomi"] == "Økonomi"
    assert dict(facets["kommune"].values)["aabenraa"] == "Aabenraa Kommune"
    assert [code for code, _ in facets["fase"].values] == ["ide", "foranalyse", "udvikling", "i-drift"]


def test_or_within_a_facet_and_across_facets(ask):
    everything = ask("")
    assert everything["counts"]["fase"] == {"ide": 1, "foranalyse": 1, "udvikling": 1, "i-drift": 2}

    operation = ask("", {"fase": ["i-drift"]})
    assert operation["count"] == 2
    # the phase facet still shows what the other phases would add (counts ignore their own facet)
    assert operation["counts"]["fase"] == everything["counts"]["fase"]
    assert operation["counts"]["kommune"] == {"aabenraa": 1, "odense": 1}

    widened = ask("", {"fase": ["i-drift", "ide"]})
    assert widened["count"] == 3  # OR within a facet widens

    narrowed = ask("", {"fase": ["i-drift", "ide"], "kommune": ["odense"]})
    assert narrowed["ids"] == ["odense/kontrol-af-ydelser"]  # AND across facets narrows
    assert narrowed["counts"]["kommune"] == {"aabenraa": 1, "aarhus": 1, "odense": 1}


def test_facets_combine_with_the_words(ask):
    answer = ask("robot", {"kommune": ["odense"]})
    assert answer["ids"] == ["odense/kontrol-af-ydelser"]
    assert answer["counts"]["kommune"] == {"aabenraa": 1, "aarhus": 1, "odense": 1}


def test_choosing_a_kle_main_group_includes_everything_under_it(ask):
    assert set(ask("", {"kle": ["32"]})["ids"]) == {
        "aarhus/laegeerklaeringer", "odense/faelles-ydelser", "odense/kontrol-af-ydelser"}
    assert ask("", {"kle": ["32.18.05"]})["ids"] == ["odense/kontrol-af-ydelser"]


def test_boolean_facets(ask):
    assert ask("", {"paraply": ["er"]})["ids"] == ["odense/faelles-ydelser"]
    assert ask("", {"paraply": ["under"]})["ids"] == ["odense/kontrol-af-ydelser"]
    assert ask("", {"sepmep": ["ja"]})["ids"] == ask("", {"kla": ["ja"]})["ids"] == ["aabenraa/boligstoette"]


def test_unknown_codes_in_a_shared_address_are_ignored(ask):
    assert ask("", {"fase": ["findes-ikke"]})["count"] == 5


def test_sorting_by_hours_freed_puts_the_largest_first(query_data):
    manifest = json.loads((query_data / "manifest.json").read_text())
    hours_file = family_file("sortering", manifest["sort"]["columns"].index("hours"), manifest["sort"]["hash"])
    assert sorted(h for h in json.loads((query_data / hours_file).read_text()) if h is not None) == [500, 4000]
    answer = run_node({"data": str(query_data), "queries": [{"q": "", "sort": "timer"}]})[0]
    assert answer["ids"][:2] == ["aarhus/hjemmesygepleje", "aabenraa/boligstoette"]
    by_title = run_node({"data": str(query_data), "queries": [{"q": "", "sort": "titel"}]})[0]
    assert by_title["firstPage"][0] == "Behandling af ansøgninger om boligstøtte"


def test_enumeration_values_in_the_address_are_danish_words(ask):
    assert [url_value(phase) for phase in Phase] == [
        "deling-ingen-fase", "ide", "foranalyse", "specifikation", "udvikling", "implementering", "i-drift",
        "taget-ud-af-drift"]
    answer = ask("", {"fase": ["i-drift"], "koersel": ["dagligt"]})
    assert answer["url"] == "?fase=i-drift&koersel=dagligt"
    assert answer["ids"] == ["aabenraa/boligstoette"]
