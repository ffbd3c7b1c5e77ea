"""FORM: the 2018 code list, the curated titles and the crosswalk with KLE in both directions."""

from __future__ import annotations

import json

import pytest

from generator.taxonomies import load_taxonomies
from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.form import parse_form_hierarchy, parse_form_kle

from .conftest import RECORDED


@pytest.fixture(scope="module")
def taxonomies(built):
    return load_taxonomies(built)


def test_all_3080_codes_at_four_levels(taxonomies):
    form = taxonomies["form"]
    assert len(form) == 3080
    levels = [sum(1 for t in form if t.get("level") == level) for level in (1, 2, 3, 4)]
    assert levels == [34, 124, 550, 2372]
    for term in form:
        parent = term.get("parent")
        assert (parent is None) == (term.get("level") == 1)
        assert parent is None or (parent in form and term.code.startswith(parent + "."))


def test_only_publicly_known_titles(taxonomies):
    form = taxonomies["form"]
    titled = {t.code: t.title for t in form if t.title is not None}
    assert len(titled) == 36
    assert all(t.title for t in form if t.get("level") == 1)   # the 34 service areas
    assert titled["26"] == "Social service og omsorg"
    assert titled["65.50.05.05"] == "Sagshåndtering"
    assert form.get("26.15.50").title is None                  # no invented text


def test_crosswalk_is_consistent_in_both_directions(taxonomies):
    kle, form = taxonomies["kle"], taxonomies["form"]
    pairs_from_kle = {(f, t.code) for t in kle for f in t.get("forms")}
    pairs_from_form = {(t.code, k) for t in form for k in t.get("kle")}
    unknown = {k for _, k in pairs_from_form if k not in kle}
    assert unknown == {"32.03.42", "32.03.46"}          # in the crosswalk, in no KLE source
    assert pairs_from_kle == {(f, k) for f, k in pairs_from_form if k not in unknown}
    assert len(pairs_from_form) == 2300
    assert taxonomies.forms_for_kle("83.01.00") == {"63.05.05", "63.05.05.10", "63.05.10", "63.05.10.05", "63.05.10.10"}
    assert set(kle.get("00").get("forms")) == {"05", "06", "65", "67"}     # main groups map to service areas
    assert form.get("26.15.50").get("kle") == ["27.30.00"]  # cell "27.30.00 Anbringelsessteder, ..."


def test_form_manifest_reports_the_unknown_kle_codes(built):
    manifest = json.loads((built / "form.manifest.json").read_bytes())
    assert manifest["count_by_level"] == {"1": 34, "2": 124, "3": 550, "4": 2372}
    assert manifest["crosswalk_unknown_kle"] == ["32.03.42", "32.03.46"]


def test_crosswalk_csv_quirks_are_parsed():
    data = ('FORMNummer;KLE nummer\r\r\n02;Ikke med i KLE\r\r\n05;"00;84"\r\r\n05.05;"00.01.00\r\n00.03.02"\r\r\n'
            '05.05.05;"27.30.00 Anbringelsessteder, godkendelse"\r\r\n').encode("cp1252")
    snapshot, pairs = parse_form_kle(data, "FORM_KLE", "2018-07-11")
    assert list(snapshot.entries) == ["02", "05", "05.05", "05.05.05"]
    assert pairs == {("05", "00"), ("05", "84"), ("05.05", "00.01.00"), ("05.05", "00.03.02"), ("05.05.05", "27.30.00")}


def test_crosswalk_csv_refuses_garbage():
    with pytest.raises(TaxonomyError, match="række 2"):
        parse_form_kle("FORMNummer;KLE nummer\r\r\n02;hvad\r\r\n".encode("cp1252"), "FORM_KLE", "2018-07-11")


def test_form_online_hierarchy_parser():
    snapshot, pairs = parse_form_hierarchy((RECORDED / "form-online" / "opgavenoegle.xml").read_bytes(),
                                           "FORM-Online", release=None)
    assert snapshot.release == "2024-05-01"                       # newest date in the data
    assert sorted(snapshot.entries) == ["02", "02.05", "02.05.05", "02.05.05.05", "02.05.05.10",
                                        "65", "65.50", "65.50.05", "65.50.05.05"]
    assert snapshot.entries["02.05.05"].title == "Aftaler vedrørende De Forenede Nationer (FN)"
    assert snapshot.entries["02.05.05.10"].status == "retired"
    assert snapshot.entries["02"].uuid == "0b5a7c52-2f7e-4f0e-9a3c-3c1d5f0e2a01"
    assert pairs == {("02.05.05", "00.03.02"), ("65.50.05", "85.02.01")}
