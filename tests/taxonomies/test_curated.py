"""The curated IT-system and technology lists."""

from __future__ import annotations

import pytest

from generator.taxonomies import load_taxonomies
from generator.taxonomies.curated import it_system_items, technology_items
from generator.taxonomies.errors import TaxonomyError

# The products municipalities use that issue 11 found missing; every one has a source for its vendor or owner.
NAMED_IN_THE_ISSUE = ["nemrefusion", "bbr", "byg-og-miljoe", "sd-loen", "tabulex-tea", "hjaelpemiddelbasen",
                      "nemhandel", "kombit-kp", "dmr"]


def test_curated_it_systems(built):
    systems = load_taxonomies(built)["it_systems"]
    assert len(systems) == 58
    nexus = systems.get("kmd-nexus")
    assert (nexus.title, nexus.get("vendor"), nexus.get("kitos_uuid"), nexus.get("local")) == \
        ("KMD Nexus", "KMD A/S", None, False)
    assert nexus.get("source") == "https://digitaliseringsforeningen.dk/?p=181"
    for slug in ("sbsys", "acadre", "fasit", "kmd-momentum", "kmd-opus-okonomi", "prisme", "cura", "dubu", "aula",
                 "digital-post", "serviceplatformen", "os2forms", "f2", "workzone",
                 "ky-faelleskommunal-ydelsessystem", "kombit-sapa"):
        assert slug in systems, slug
    assert [t.code for t in systems if not t.active] == ["easy-a"]


def test_the_systems_named_in_the_issue_have_a_source_and_no_guessed_vendor(built):
    systems = load_taxonomies(built)["it_systems"]
    for slug in NAMED_IN_THE_ISSUE:
        term = systems.get(slug)
        assert term is not None and term.active, slug
        assert str(term.get("source")).startswith(("http://", "https://", "Randers-Kommune-Digitalisering/")), slug
        assert term.get("vendor") or term.get("owner"), slug
    assert systems.get("sd-loen").get("vendor") == "Silkeborg Data"
    assert systems.get("tabulex-tea").get("vendor") == "Tabulex"
    # No source names a vendor for these: the entry says unknown (null) rather than a guess.
    assert [systems.get(s).get("vendor") for s in ("nemrefusion", "bbr", "kombit-kp", "dmr", "nemhandel")] == [None] * 5
    assert systems.get("kombit-kp").get("owner") == "KOMBIT"


def test_curated_technologies(built):
    technologies = load_taxonomies(built)["technologies"]
    assert len(technologies) == 22
    assert technologies.get("uipath").get("category") == "rpa"
    assert technologies.get("azure-openai").get("category_title") == "Kunstig intelligens"
    assert (technologies.get("python").title, technologies.get("python").get("category")) == ("Python", "rules")


@pytest.mark.parametrize("document, message", [
    ({"systems": {"KMD Nexus": {"name": "KMD Nexus"}}}, "'KMD Nexus' er ikke et gyldigt kortnavn"),
    ({"systems": {"x": {"vendor": "KMD"}}}, "Posten 'x' i listen over IT-systemer mangler feltet 'name'"),
    ({"systems": {"x": {"name": "X"}}}, "mangler feltet 'vendor'"),
    ({"systems": {"x": {"name": "X", "vendor": None, "kitos_uuid": "123"}}}, "'kitos_uuid' .* er ikke en UUID"),
    ({"systems": {"x": {"name": "X", "vendor": None, "local": "ja"}}}, "'local' .* skal være true eller false"),
    ({"systems": {"x": {"name": "X", "vendor": None, "status": "gammel"}}}, "'status' .* active eller retired"),
    ({}, "tabellen 'systems' mangler"),
])
def test_it_system_mistakes_stop_the_cache_build(document, message):
    with pytest.raises(TaxonomyError, match=message):
        it_system_items(document, "it_systems.yaml")


def test_technology_with_unknown_category_stops_the_cache_build():
    with pytest.raises(TaxonomyError, match="ukendt kategori 'robot'"):
        technology_items({"categories": {"rpa": "RPA"}, "technologies": {"x": {"name": "X", "category": "robot"}}},
                         "technologies.yaml")
