"""Codes and slugs checked against small fixture lists (AP4xx), so the rules do not depend on the real lists."""

from __future__ import annotations

import pytest

from tests.support.catalogue import BASE, FIXTURE_LISTS, NO_LISTS, check_text, only, rules_of

NEXT = BASE.count("\n") + 1


def check(tmp_path, extra: str = "", *, text: str = BASE, relative: str = "processes/aarhus/proces.yaml"):
    return check_text(tmp_path, text + extra, lists=FIXTURE_LISTS, relative=relative)


def test_known_codes_and_slugs_pass(tmp_path):
    text = BASE.replace("phase: idea", "phase: development")
    extra = ("kle: 32.18.04\nform: 26.25.10\nkla: 10.88.11\nit_systems: [kmd-nexus, digital-post]\n"
             "services: [kmd-momentum]\ntechnologies: [uipath, ocr]\nrun_period: daily\n")
    assert check(tmp_path, extra, text=text) == []


def test_an_unknown_kle_number_suggests_the_nearest_with_titles(tmp_path):
    finding = only(check(tmp_path, "kle: 32.18.05\n"), "AP401")
    assert finding.message == "KLE-nummeret '32.18.05' findes ikke i KL Emnesystematik."
    assert finding.hint == ("Mente du '32.18.00' (Ydelser efter serviceloven i almindelighed), '32.18.04' "
                            "(Hjælpemidler) eller '32.18' (Ydelser efter serviceloven)?")
    assert (finding.line, finding.column) == (NEXT, 6)


def test_a_retired_kle_number_warns(tmp_path):
    finding = only(check(tmp_path, "kle: 00.10.00\n"), "AP402")
    assert finding.severity == "warning"
    assert finding.message == "KLE-nummeret '00.10.00' (Gammelt emne) er udgået."


def test_a_moved_kle_number_names_its_replacement(tmp_path):
    finding = only(check(tmp_path, "kle: 32.19.00\n"), "AP402")
    assert finding.message == "KLE-nummeret '32.19.00' (Flyttet emne) er flyttet."
    assert finding.hint == "Brug i stedet '32.18.04' (Hjælpemidler)."


def test_a_kle_group_instead_of_a_subject_warns_with_an_example_subject(tmp_path):
    finding = only(check(tmp_path, "kle: 32.18\n"), "AP409")
    assert finding.message == ("KLE-nummeret '32.18' (Ydelser efter serviceloven) er en gruppe; processen bør knyttes "
                               "til et emne (NN.NN.NN).")
    assert "32.18.00" in finding.hint


def test_a_form_code_outside_the_kle_crosswalk_warns_and_lists_the_codes_that_fit(tmp_path):
    finding = only(check(tmp_path, "kle: 32.18.00\nform: 26.15.10\n"), "AP404")
    assert finding.severity == "warning"
    assert finding.message == ("FORM-koden '26.15.10' hører ikke til KLE-emnet 32.18.00 ifølge krydsreferencen "
                               "mellem KLE og FORM.")
    assert finding.hint == "FORM-koder til KLE 32.18.00: '26.25.08' (Hjælpemidler og forbrugsgoder)."
    assert finding.line == NEXT + 1
    assert "AP404" not in rules_of(check(tmp_path, "kle: 32.18.00\nform: 26.25.08\n"))


def test_a_subject_without_crosswalk_entries_accepts_any_known_form(tmp_path):
    assert "AP404" not in rules_of(check(tmp_path, "kle: 27.24.03\nform: 26.25.08\n"))


def test_unknown_and_retired_form_codes(tmp_path):
    unknown = only(check(tmp_path, "kle: 32.18.00\nform: 26.25.09\n"), "AP403")
    assert unknown.message == "FORM-koden '26.25.09' findes ikke i FORM." and "Mente du" in unknown.hint
    retired = only(check(tmp_path, "kle: 32.18.00\nform: 26.25.99\n"), "AP412")
    assert retired.hint == "Brug i stedet '26.25.10' (Boligindretning)."


def test_a_form_code_without_kle_warns(tmp_path):
    finding = only(check(tmp_path, "form: 26.25.08\n"), "AP410")
    assert finding.severity == "warning" and finding.line == NEXT


def test_an_unknown_kla_number(tmp_path):
    finding = only(check(tmp_path, "kla: 10.88.12\n"), "AP411")
    assert "'10.88.11'" in finding.hint


def test_an_unknown_it_system_suggests_the_nearest_and_how_to_add_a_local_one(tmp_path):
    finding = only(check(tmp_path, "it_systems: [digital-post, kmd-nexsus]\n"), "AP405")
    assert finding.message == "IT-systemet 'kmd-nexsus' findes ikke i systemlisten."
    assert finding.hint.startswith("Mente du 'kmd-nexus' (KMD Nexus)")
    assert "taxonomies/sources/curated/it_systems.yaml" in finding.hint
    assert (finding.line, finding.column) == (NEXT, 28)


def test_an_unknown_service_is_checked_against_the_same_list(tmp_path):
    text = BASE.replace("phase: idea", "phase: development") + "technologies: [uipath]\nrun_period: daily\n"
    assert only(check(tmp_path, "services: [kmd-momentun]\n", text=text), "AP405").line == text.count("\n") + 1


def test_a_retired_it_system_warns(tmp_path):
    finding = only(check(tmp_path, "it_systems: [gammelt-esdh]\n"), "AP406")
    assert finding.message == "IT-systemet 'gammelt-esdh' (Gammelt ESDH) er markeret som udfaset i KITOS."


def test_an_unknown_technology(tmp_path):
    text = BASE.replace("phase: idea", "phase: development") + "run_period: daily\n"
    finding = only(check(tmp_path, "technologies: [ui-path]\n", text=text), "AP407")
    assert finding.message == "Teknologien 'ui-path' findes ikke i teknologilisten."
    assert finding.hint.startswith("Mente du 'uipath' (UiPath)")


def test_an_unknown_municipality(tmp_path):
    text = BASE.replace("municipality: aarhus", "municipality: aarhuus")
    finding = only(check(tmp_path, text=text, relative="processes/aarhuus/proces.yaml"), "AP408")
    assert finding.message == "Organisationen 'aarhuus' findes ikke i listen over organisationer."
    assert finding.hint.startswith("Mente du 'aarhus' (Aarhus Kommune)")
    assert (finding.line, finding.column) == (3, 15)


@pytest.mark.parametrize("extra", ["kle: 99.99.99\n", "form: 99.99\n", "it_systems: [ukendt-system]\n",
                                   "kla: 99.99.99\n"])
def test_lists_that_are_not_available_are_not_checked(tmp_path, extra):
    assert not [f for f in check_text(tmp_path, BASE + extra, lists=NO_LISTS) if f.rule.startswith("AP4")
                and f.rule != "AP410"]
