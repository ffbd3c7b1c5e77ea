"""The curated IT-system and technology lists."""

from __future__ import annotations

import pytest

from generator.taxonomies import load_taxonomies
from generator.taxonomies.curated import it_system_items, technology_items
from generator.taxonomies.errors import TaxonomyError


def test_curated_it_systems(built):
    systems = load_taxonomies(built)["it_systems"]
    assert 35 <= len(systems) <= 45
    nexus = systems.get("kmd-nexus")
    assert (nexus.title, nexus.get("vendor"), nexus.get("kitos_uuid"), nexus.get("local")) == \
        ("KMD Nexus", "KMD A/S", None, False)
    for slug in ("sbsys", "acadre", "fasit", "kmd-momentum", "kmd-opus-okonomi", "prisme", "cura", "dubu", "aula",
                 "digital-post", "serviceplatformen", "os2forms", "f2", "workzone",
                 "ky-faelleskommunal-ydelsessystem", "kombit-sapa"):
        assert slug in systems, slug
    assert all(t.active for t in systems)


def test_curated_technologies(built):
    technologies = load_taxonomies(built)["technologies"]
    assert 18 <= len(technologies) <= 25
    assert technologies.get("uipath").get("category") == "rpa"
    assert technologies.get("azure-openai").get("category_title") == "Kunstig intelligens"


@pytest.mark.parametrize("document, message", [
    ({"systems": {"KMD Nexus": {"name": "KMD Nexus"}}}, "ikke et gyldigt kortnavn"),
    ({"systems": {"x": {"vendor": "KMD"}}}, "'name' mangler"),
    ({"systems": {"x": {"name": "X", "kitos_uuid": "123"}}}, "ikke en UUID"),
    ({"systems": {"x": {"name": "X", "local": "ja"}}}, "'local'"),
    ({"systems": {"x": {"name": "X", "status": "gammel"}}}, "'status'"),
    ({}, "'systems' mangler"),
])
def test_it_system_mistakes_are_reported(document, message):
    with pytest.raises(TaxonomyError, match=message):
        it_system_items(document, "it_systems.yaml")


def test_technology_with_unknown_category_is_reported():
    with pytest.raises(TaxonomyError, match="ukendt kategori 'robot'"):
        technology_items({"categories": {"rpa": "RPA"}, "technologies": {"x": {"name": "X", "category": "robot"}}},
                         "technologies.yaml")
