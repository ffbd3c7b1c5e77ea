"""publish(): what each audience may see, decided once for every output."""

from __future__ import annotations

from tests.support.catalogue import lists_from

from pathlib import Path

import pytest

from generator.audience import CONFIDENTIAL_FIELDS, Audience, audience_problem, publish
from generator.model import PROCESS_FIELDS
from generator.pipeline import check_for_audience

from tests.support.catalogue import load, publication, publish_folder, rules_of, write_process

SECRET_FIELDS = {
    "owner": {"name": "Lars Holm", "email": "lars.holm@aarhus.dk"},
    "reporter": {"name": "Birgitte Nørgaard", "email": "bn@aarhus.dk"},
    "users": [{"name": "Karsten Vang"}],
    "org_units": ["Sygedagpengeafdelingen"],
    "esdh_reference": "23/104512",
    "internal_notes": "Licensen til robotten fornyes hvert år i september.",
    "phase": "preanalysis",
    "links": [
        {"url": "https://www.aarhus.dk/digitalisering", "title": "Offentlig side"},
        {"url": "https://intranet.aarhus.dk/robot", "title": "Intranet", "visibility": "municipality"},
    ],
}


@pytest.fixture
def processes(tmp_path: Path) -> Path:
    root = tmp_path / "processes"
    write_process(root, "offentlig", title="Offentlig proces", **SECRET_FIELDS)
    write_process(root, "intern", title="Intern proces", visibility="municipality", **SECRET_FIELDS)
    write_process(root, "kladde", title="Kladde", visibility="personal")
    write_process(root, "odense-intern", "odense", title="Odenses interne proces", visibility="municipality")
    write_process(root, "odense-offentlig", "odense", title="Odenses offentlige proces", **SECRET_FIELDS | {
        "owner": {"name": "Ole Odense"}})
    return root


def ids(pub) -> set[str]:
    return {p.id for p in pub}


def test_the_confidential_fields_come_from_the_model_metadata():
    assert set(CONFIDENTIAL_FIELDS) == {"owner", "reporter", "users", "org_units", "esdh_reference",
                                        "internal_notes"}
    assert all(PROCESS_FIELDS[k].confidential for k in CONFIDENTIAL_FIELDS)


def test_public_build_has_only_public_processes(processes):
    assert ids(publish_folder(processes)) == {"aarhus/offentlig", "odense/odense-offentlig"}


def test_public_build_blanks_every_confidential_field_and_private_link(processes):
    process = publish_folder(processes).by_id["aarhus/offentlig"].process
    for key in CONFIDENTIAL_FIELDS:
        assert getattr(process, key) in (None, []), key
    assert [link.title for link in process.links] == ["Offentlig side"]


def test_municipality_build_adds_own_private_processes_with_every_field(processes):
    pub = publish_folder(processes, "aarhus")
    assert ids(pub) == {"aarhus/offentlig", "aarhus/intern", "odense/odense-offentlig"}
    own = pub.by_id["aarhus/intern"]
    assert own.own and own.process.owner.name == "Lars Holm"
    assert own.process.internal_notes.startswith("Licensen")
    assert [link.title for link in own.process.links] == ["Offentlig side", "Intranet"]


def test_municipality_build_shows_other_municipalities_as_the_public_sees_them(processes):
    other = publish_folder(processes, "aarhus").by_id["odense/odense-offentlig"]
    assert not other.own
    assert other.process.owner is None and other.process.org_units == [] and other.process.esdh_reference is None
    assert [link.title for link in other.process.links] == ["Offentlig side"]


@pytest.mark.parametrize("audience", ["public", "aarhus", "odense"])
def test_personal_drafts_are_never_published(processes, audience):
    assert "aarhus/kladde" not in ids(publish_folder(processes, audience))


def test_a_functional_mailbox_replaces_the_contacts_own_address(tmp_path):
    root = tmp_path / "processes"
    contact = {"name": "Mette Andersen", "email": "mette.andersen@aarhus.dk", "phone": "87 13 40 00"}
    write_process(root, "med-postkasse", contact=contact, other_contact_email="digitalisering@aarhus.dk")
    write_process(root, "uden-postkasse", contact=contact)
    public = publish_folder(root)
    shown = public.by_id["aarhus/med-postkasse"].process
    assert shown.contact.name == "Mette Andersen" and shown.contact.email is None and shown.contact.phone is None
    assert shown.other_contact_email == "digitalisering@aarhus.dk"
    assert public.by_id["aarhus/uden-postkasse"].process.contact.email == "mette.andersen@aarhus.dk"
    assert publish_folder(root, "aarhus").by_id["aarhus/med-postkasse"].process.contact.email == "mette.andersen@aarhus.dk"


def test_overlay_processes_appear_only_in_their_own_municipalitys_build(tmp_path):
    root, overlay = tmp_path / "processes", tmp_path / "privat"
    write_process(root, "offentlig")
    write_process(overlay, "hemmelig", title="Hemmelig proces", visibility="municipality")
    write_process(overlay, "overlay-offentlig", title="Offentlig i overlay")
    assert ids(publish_folder(root, "aarhus", [overlay])) == {"aarhus/offentlig", "aarhus/hemmelig",
                                                         "aarhus/overlay-offentlig"}
    assert ids(publish_folder(root, "public", [overlay])) == {"aarhus/offentlig"}
    assert ids(publish_folder(root, "odense", [overlay])) == {"aarhus/offentlig"}


def test_an_overlay_file_for_another_municipality_is_an_error_and_is_left_out(tmp_path):
    root, overlay = tmp_path / "processes", tmp_path / "privat"
    write_process(root, "offentlig")
    write_process(overlay, "odenses", "odense", visibility="municipality")
    catalogue = load(root, [overlay])
    errors = check_for_audience(catalogue, Audience("aarhus"))
    assert [(f.rule, Path(f.file).name) for f in errors] == [("AP509", "odenses.yaml")]
    pub = publish(catalogue, Audience("aarhus"))
    assert "odense/odenses" not in ids(pub)
    findings = catalogue.by_id["odense/odenses"].findings
    assert [f.rule for f in findings if f.is_error] == ["AP509"]
    assert "'aarhus'" in findings[0].message and "odense" in findings[0].message
    check_for_audience(catalogue, Audience("aarhus"))  # checking again does not repeat the finding
    assert rules_of(catalogue, "odense/odenses").count("AP509") == 1


def test_publishing_does_not_change_the_catalogue(tmp_path):
    root, overlay = tmp_path / "processes", tmp_path / "privat"
    write_process(root, "offentlig")
    write_process(overlay, "odenses", "odense", visibility="municipality")
    catalogue = load(root, [overlay])
    before = [(e.id, list(e.findings), e.process) for e in catalogue.entries]
    publish(catalogue, Audience("aarhus"))
    publish(catalogue, Audience())
    assert [(e.id, list(e.findings), e.process) for e in catalogue.entries] == before


def test_a_public_build_with_an_overlay_reports_every_overlay_file(tmp_path):
    root, overlay = tmp_path / "processes", tmp_path / "privat"
    write_process(overlay, "hemmelig", visibility="municipality")
    catalogue = load(root, [overlay])
    assert [f.rule for f in check_for_audience(catalogue, Audience())] == ["AP509"]
    assert ids(publish(catalogue, Audience())) == set()
    assert "AP509" in rules_of(catalogue, "aarhus/hemmelig")


def test_ownership_needs_both_the_folder_and_the_municipality_field(tmp_path):
    root = tmp_path / "processes"
    # Filed under aarhus/ but claiming to be Odense's: neither municipality's private build shows it.
    write_process(root, "forkert-mappe", "aarhus", municipality="odense", visibility="municipality")
    for audience in ("aarhus", "odense", "public"):
        assert ids(publish_folder(root, audience)) == set()


def test_links_to_processes_the_audience_cannot_see_are_cut(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "privat-paraply", title="Privat paraply", type="parent", visibility="municipality")
    write_process(root, "privat-kilde", "odense", title="Privat kilde", visibility="municipality")
    write_process(root, "offentlig-kilde", "odense", title="Offentlig kilde")
    write_process(root, "barn", umbrellas=["aarhus/privat-paraply"], derived_from="odense/privat-kilde")
    write_process(root, "kopi", derived_from="odense/offentlig-kilde")
    public = publish_folder(root)
    child = public.by_id["aarhus/barn"].process
    assert child.umbrellas == [] and child.derived_from is None
    assert public.by_id["aarhus/kopi"].process.derived_from == "odense/offentlig-kilde"
    shown = publication(public)
    assert "aarhus/privat-paraply" not in shown.by_id and "aarhus/privat-paraply" not in shown.children
    assert [p.id for p in shown.adopters["odense/offentlig-kilde"]] == ["aarhus/kopi"]
    own = publish_folder(root, "aarhus").by_id["aarhus/barn"].process
    assert own.umbrellas == ["aarhus/privat-paraply"] and own.derived_from is None


def test_a_process_with_a_cpr_number_is_never_published(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "cpr", long_description="Borgeren 010190-1234 klagede.")
    write_process(root, "cpr-intern", visibility="municipality", internal_notes="Se sag for 0101901234.")
    for audience in ("public", "aarhus"):
        assert ids(publish_folder(root, audience)) == set()


def test_schema_invalid_files_are_never_published(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "ugyldig", phase="drift")
    assert ids(publish_folder(root)) == set()


def test_warnings_that_name_confidential_values_are_not_shown_to_others(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "dubletter", org_units=["Hemmelig Enhed", "Hemmelig Enhed"],
                  search_words=["robot", "robot"])
    public = publish_folder(root).by_id["aarhus/dubletter"]
    assert [f.rule for f in public.findings] == ["AP112"]  # the search words, not the org units
    assert all("Hemmelig" not in f.message + f.hint for f in public.findings)
    own = publish_folder(root, "aarhus").by_id["aarhus/dubletter"]
    assert sorted(f.rule for f in own.findings) == ["AP112", "AP112"]


def test_withheld_recognises_names_of_hidden_processes_and_confidential_values(processes):
    public = publish_folder(processes)
    withheld = public.withheld
    for text in ("Tilføj aarhus/intern", "Ret titel på Intern proces", "intern proces: ny fase",
                 "Odenses interne proces", "odense-intern", "Flyt kladde", "Lars Holm er ny ejer",
                 "Kontakt lars.holm@aarhus.dk", "Sygedagpengeafdelingen overtager", "ESDH 23/104512",
                 "Licensen til robotten fornyes hvert år i september."):
        assert withheld.mentions(text), text
    for text in ("Tilføj aarhus/offentlig", "Ret stavefejl", "Offentlig proces: ny fase", "Ret kontaktperson"):
        assert not withheld.mentions(text), text
    assert "Lars" not in repr(withheld) and "Intern proces" not in repr(public)


def test_the_audiences_own_secrets_are_not_withheld_from_it(processes):
    own = publish_folder(processes, "aarhus").withheld
    assert not own.mentions("Tilføj aarhus/intern")
    assert not own.mentions("Lars Holm er ny ejer")  # aarhus's own owner
    assert own.mentions("Tilføj odense/odense-intern")
    assert own.mentions("Ole Odense")  # odense's owner


def test_a_name_that_is_public_elsewhere_is_not_withheld(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "a", owner={"name": "Anne Jensen"})
    write_process(root, "b", contact={"name": "Anne Jensen", "email": "digitalisering@aarhus.dk"})
    assert not publish_folder(root).withheld.mentions("Anne Jensen har opdateret tallene")


@pytest.mark.parametrize("name, ok", [
    ("public", True), ("aarhus", True), ("koebenhavn", True), ("../etc", False), ("Aarhus", False),
    ("", False), ("aarhus/../x", False),
])
def test_audience_names_are_checked(name, ok):
    problem = audience_problem(name)
    assert (problem is None) == ok
    if problem:
        assert "gyldigt publikum" in problem


def test_an_unknown_municipality_is_not_an_audience():

    lists = lists_from({"municipalities": [{"code": "aarhus", "title": "Aarhus Kommune"}]})
    assert audience_problem("aarhus", lists) is None
    assert "findes ikke" in audience_problem("aarhuus", lists)


def test_a_slug_shared_with_a_public_process_is_withheld_only_with_its_municipality(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "sagsbehandling", "aarhus", title="Aarhus' interne sagsbehandling", visibility="municipality")
    write_process(root, "sagsbehandling", "odense", title="Sagsbehandling i Odense")
    withheld = publish_folder(root).withheld
    assert withheld.mentions("Tilføj aarhus/sagsbehandling")
    assert not withheld.mentions("Ret odense/sagsbehandling")
