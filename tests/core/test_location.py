"""Where a process file lives: processes/<municipality>/<slug>.yaml, and the folder names the municipality."""

from __future__ import annotations

import pytest

from tests.support.catalogue import BASE, catalogue_of, check_text, only, rules_of, write


def test_the_declared_municipality_must_match_the_folder(tmp_path):
    finding = only(check_text(tmp_path, BASE.replace("municipality: aarhus", "municipality: odense")), "AP014")
    assert finding.message == "Feltet Organisation (municipality) er 'odense', men filen ligger i mappen 'aarhus'."
    assert finding.hint == "Skriv 'municipality: aarhus', eller flyt filen til mappen processes/odense/."
    assert (finding.line, finding.column) == (3, 15)


@pytest.mark.parametrize("relative, problem", [
    ("andet/proces.yaml", "den ligger ikke i en mappe ved navn processes"),
    ("processes/proces.yaml", "den ligger direkte i processes/ og ikke i en organisationsmappe"),
    ("processes/aarhus/jobcenter/proces.yaml",
     "den ligger i undermappen aarhus/jobcenter/, men procesfiler skal ligge direkte i organisationens mappe"),
    ("processes/Aarhus Kommune/proces.yaml", "mappenavnet 'Aarhus Kommune' er ikke en organisations kortnavn, fx 'aarhus'"),
])
def test_a_file_outside_a_municipality_folder(tmp_path, relative, problem):
    finding = only(check_text(tmp_path, BASE, relative=relative), "AP012")
    assert finding.message == f"Filen ligger forkert: {problem}."
    assert (finding.line, finding.column, finding.key) == (None, None, None)  # the whole file


@pytest.mark.parametrize("name, suggestion", [
    ("Ansøgning om Boligstøtte.yaml", "ansoegning-om-boligstoette.yaml"),
    ("proces_1.yaml", "proces-1.yaml"),
    ("proces.YAML", "proces.yaml"),
])
def test_a_file_name_that_is_no_slug_gets_a_suggested_name(tmp_path, name, suggestion):
    finding = only(check_text(tmp_path, BASE, relative=f"processes/aarhus/{name}"), "AP013")
    assert finding.message == f"Filnavnet '{name}' kan ikke bruges som processens kortnavn."
    assert finding.hint.endswith(f"fx '{suggestion}'.")


def test_yml_is_accepted_as_well(tmp_path):
    assert rules_of(check_text(tmp_path, BASE, relative="processes/aarhus/proces.yml")) == []


def test_a_missing_field_in_a_list_item_says_which_item(tmp_path):
    finding = only(check_text(tmp_path, BASE + "links:\n  - title: Forside\n"), "AP102")
    assert finding.message == "Feltet Links (nr. 1) › Adresse (links[1].url) mangler og skal udfyldes."
    assert finding.hint.startswith("Tilføj linjen 'url: ...' i punkt nr. 1 under 'links:'.")


def test_a_file_with_an_upper_case_suffix_is_found_and_reported_not_skipped(tmp_path):
    write(tmp_path, "processes/aarhus/proces.YAML", BASE)
    entries = catalogue_of(tmp_path).entries
    assert [e.path.name for e in entries] == ["proces.YAML"]
    assert rules_of(entries[0].findings) == ["AP013"]


def test_two_files_with_the_same_id_are_both_reported(tmp_path):
    write(tmp_path, "processes/aarhus/proces.yaml", BASE)
    write(tmp_path, "processes/aarhus/proces.yml", BASE)
    entries = catalogue_of(tmp_path).entries
    messages = sorted(f.message for e in entries for f in e.findings if f.rule == "AP015")
    assert len(messages) == 2
    assert all(m.startswith("Processen har samme id 'aarhus/proces' som ") for m in messages)
    assert [m.rsplit("/", 1)[1] for m in messages] == ["proces.yaml.", "proces.yml."]


def test_a_shared_process_and_an_overlay_copy_with_the_same_id_are_reported(tmp_path):
    write(tmp_path, "processes/aarhus/proces.yaml", BASE)
    write(tmp_path, "privat/aarhus/proces.yaml", BASE)
    catalogue = catalogue_of(tmp_path, overlay_roots=[tmp_path / "privat"])
    assert [rules_of(e.findings).count("AP015") for e in catalogue.entries] == [1, 1]
