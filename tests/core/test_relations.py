"""Umbrellas and copies across files (AP3xx), as in OS2autoproces."""

from __future__ import annotations

import pytest

from tests.support.catalogue import BASE, FIXTURE_LISTS, check_text, only, rules_of


def process(municipality: str = "aarhus", *, visibility: str = "public", type_: str | None = None,
            extra: str = "") -> str:
    text = BASE.replace("municipality: aarhus", f"municipality: {municipality}") \
        .replace("@aarhus.dk", f"@{municipality}.dk").replace("visibility: public", f"visibility: {visibility}")
    if type_:
        text += f"type: {type_}\n"
    return text + extra


UMBRELLAS = {
    "processes/odense/faelles-paraply.yaml": process("odense", type_="global_parent"),
    "processes/aarhus/egen-paraply.yaml": process("aarhus", type_="parent", visibility="municipality"),
    "processes/odense/egen-paraply.yaml": process("odense", type_="parent"),
    "processes/aarhus/almindelig-proces.yaml": process("aarhus"),
}


def check(tmp_path, text: str):
    return check_text(tmp_path, text, others=UMBRELLAS, lists=FIXTURE_LISTS)


def test_the_umbrella_files_themselves_are_valid(tmp_path):
    for name in UMBRELLAS:
        findings = check_text(tmp_path, UMBRELLAS[name], relative=name, others=UMBRELLAS, lists=FIXTURE_LISTS)
        assert not [f for f in findings if f.is_error], (name, findings)


def test_a_public_process_may_join_a_shared_umbrella_of_another_municipality(tmp_path):
    assert check(tmp_path, process(extra="umbrellas: [odense/faelles-paraply]\n")) == []


@pytest.mark.parametrize("visibility", ["municipality", "personal"])
def test_processes_under_a_shared_umbrella_must_be_public(tmp_path, visibility):
    finding = only(check(tmp_path, process(visibility=visibility, extra="umbrellas: [odense/faelles-paraply]\n")),
                   "AP305")
    assert finding.message == ("Processen hører under 'odense/faelles-paraply' (Fælles paraply) og skal derfor have "
                               "synligheden 'Synlig for alle' (public).")
    assert finding.hint == "Skriv 'visibility: public'."
    assert finding.line == BASE.count("\n") + 1


def test_an_own_umbrella_takes_only_its_own_municipalitys_processes(tmp_path):
    assert "AP304" not in rules_of(check(tmp_path, process(extra="umbrellas: [aarhus/egen-paraply]\n")))
    finding = only(check(tmp_path, process(extra="umbrellas: [odense/egen-paraply]\n")), "AP304")
    assert finding.message == ("'odense/egen-paraply' er en egen paraply for Odense Kommune; kun organisationens egne "
                               "processer kan høre under den.")


def test_a_personal_draft_cannot_sit_under_an_own_umbrella(tmp_path):
    finding = only(check(tmp_path, process(visibility="personal", extra="umbrellas: [aarhus/egen-paraply]\n")), "AP305")
    assert "mindst 'Synlig i egen organisation' (municipality)" in finding.message


@pytest.mark.parametrize("type_", ["parent", "global_parent"])
def test_an_umbrella_cannot_sit_under_an_umbrella(tmp_path, type_):
    finding = only(check(tmp_path, process(type_=type_, extra="umbrellas: [odense/faelles-paraply]\n")), "AP303")
    assert finding.line == BASE.count("\n") + 2 and finding.column == 1


def test_an_unknown_umbrella_suggests_the_closest_id(tmp_path):
    finding = only(check(tmp_path, process(extra="umbrellas: [odense/falles-paraply]\n")), "AP301")
    assert finding.hint.startswith("Mente du 'odense/faelles-paraply'")


def test_only_umbrellas_are_suggested_for_an_unknown_umbrella(tmp_path):
    finding = only(check(tmp_path, process(extra="umbrellas: [aarhus/almindelig-proce]\n")), "AP301")
    assert "aarhus/almindelig-proces" not in finding.hint


def test_a_plain_process_is_no_umbrella(tmp_path):
    finding = only(check(tmp_path, process(extra="umbrellas: [aarhus/almindelig-proces]\n")), "AP302")
    assert finding.message == "'aarhus/almindelig-proces' er en almindelig proces, ikke en paraplyproces."


def test_an_umbrella_with_process_details_warns_per_field(tmp_path):
    findings = check(tmp_path, process("odense", type_="global_parent", extra="rating: 2\nit_systems: [kmd-nexus]\n"))
    assert sorted(f.message for f in findings if f.rule == "AP306") == [
        "Feltet I hvor høj grad indfriede løsningen de forventede gevinster? (rating) bruges ikke på en paraplyproces.",
        "Feltet Nuværende systemer (it_systems) bruges ikke på en paraplyproces.",
    ]


@pytest.mark.parametrize("type_, visibility, required", [
    ("global_parent", "municipality", "'Synlig for alle' (public)"),
    ("global_parent", "personal", "'Synlig for alle' (public)"),
    ("parent", "personal", "mindst 'Synlig i egen organisation' (municipality)"),
])
def test_an_umbrella_must_be_visible_to_the_processes_under_it(tmp_path, type_, visibility, required):
    finding = only(check(tmp_path, process(type_=type_, visibility=visibility)), "AP308")
    assert required in finding.message and finding.line == 6


def test_a_copy_names_a_known_source(tmp_path):
    assert "AP307" not in rules_of(check(tmp_path, process(extra="derived_from: aarhus/almindelig-proces\n")))
    finding = only(check(tmp_path, process(extra="derived_from: aarhus/almindelig-proess\n")), "AP307")
    assert finding.severity == "warning" and finding.hint == "Mente du 'aarhus/almindelig-proces'?"


def test_an_umbrella_with_errors_of_its_own_does_not_make_its_children_fail(tmp_path):
    others = dict(UMBRELLAS)
    others["processes/odense/faelles-paraply.yaml"] += "phase_typo: x\n"
    findings = check_text(tmp_path, process(extra="umbrellas: [odense/faelles-paraply]\n"), others=others,
                          lists=FIXTURE_LISTS)
    assert findings == []
