"""Municipalities and regions: folder slugs, official names, codes and regions."""

from __future__ import annotations

import re

import pytest

from generator.taxonomies import load_taxonomies
from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.municipalities import municipality_items, read_table
from generator.taxonomies.slugs import slugify, unique_slug


@pytest.fixture(scope="module")
def municipalities(built):
    return load_taxonomies(built)["municipalities"]


def test_98_municipalities_and_5_regions(municipalities):
    kinds = [t.get("kind") for t in municipalities]
    assert kinds.count("municipality") == 98 and kinds.count("region") == 5 and len(kinds) == 103
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t.code) for t in municipalities)
    assert len({t.get("cvr") for t in municipalities}) == 103
    assert len({t.get("municipality_code") for t in municipalities if t.get("kind") == "municipality"}) == 98


@pytest.mark.parametrize("code, title, municipality_code, region", [
    ("koebenhavn", "Københavns Kommune", "0101", "region-hovedstaden"),
    ("aarhus", "Aarhus Kommune", "0751", "region-midtjylland"),
    ("hoeje-taastrup", "Høje-Taastrup Kommune", "0169", "region-hovedstaden"),
    ("bornholm", "Bornholms Regionskommune", "0400", "region-hovedstaden"),
    ("nordfyns", "Nordfyns Kommune", "0480", "region-syddanmark"),
    ("lyngby-taarbaek", "Lyngby-Taarbæk Kommune", "0173", "region-hovedstaden"),
    ("aeroe", "Ærø Kommune", "0492", "region-syddanmark"),
])
def test_slug_and_official_name(municipalities, code, title, municipality_code, region):
    term = municipalities.get(code)
    assert (term.title, term.get("municipality_code"), term.get("region")) == (title, municipality_code, region)


def test_regions(municipalities):
    region = municipalities.get("region-hovedstaden")
    assert region.title == "Region Hovedstaden" and region.get("kind") == "region"
    assert (region.get("cvr"), region.get("region_code"), region.get("municipality_code")) == ("29190623", "1084", None)
    assert municipalities.get("region-sjaelland").title == "Region Sjælland"
    assert sum(1 for t in municipalities if t.get("region") == "region-hovedstaden") == 29


def test_os2autoproces_members_are_flagged(municipalities):
    assert sum(1 for t in municipalities if t.get("os2autoproces_member")) == 47
    assert municipalities.get("region-syddanmark").get("os2autoproces_member") is True


def test_member_that_is_neither_municipality_nor_region_becomes_other():
    regions = [{"regionskode": "1084", "navn": "Region Hovedstaden", "cvr": "29190623"}]
    municipalities = [{"kommunekode": "0101", "navn": "København", "cvr": "64942212", "region": "Region Hovedstaden",
                       "regionskode": "1084"}]
    members = [{"cvr": "12345678", "navn": "KL – Kommunernes Landsforening", "note": ""}]
    items = municipality_items(municipalities, regions, members, {})
    other = [item for item in items if item["kind"] == "other"]
    assert other == [{"code": "kl-kommunernes-landsforening", "title": "KL – Kommunernes Landsforening",
                      "status": "active", "replaced_by": [], "kind": "other", "municipality_code": None,
                      "cvr": "12345678", "region": None, "region_code": None, "os2autoproces_member": True}]
    assert [item["title"] for item in items if item["kind"] == "municipality"] == ["København Kommune"]


def test_tables_are_checked():
    with pytest.raises(TaxonomyError, match="ugyldigt CVR-nummer"):
        read_table("regionskode;navn;cvr\n1084;Region Hovedstaden;2919\n".encode(), "regions.csv",
                   ["regionskode", "navn", "cvr"])
    with pytest.raises(TaxonomyError, match="forventede kolonnerne"):
        read_table(b"a;b\n1;2\n", "regions.csv", ["regionskode", "navn", "cvr"])


def test_slugify():
    assert slugify("Høje-Taastrup") == "hoeje-taastrup"
    assert slugify("Region Sjælland") == "region-sjaelland"
    assert slugify("KY – Fælleskommunalt Ydelsessystem") == "ky-faelleskommunalt-ydelsessystem"
    assert slugify("Café Åbo") == "cafe-aabo"
    taken = {"sbsys"}
    assert unique_slug("sbsys", taken) == "sbsys-2" and unique_slug("sbsys", taken) == "sbsys-3"
