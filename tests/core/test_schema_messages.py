"""Schema errors as a Danish municipal employee reads them: field label and key, position, a concrete fix."""

from __future__ import annotations

import pytest

from tests.support.catalogue import BASE, BASE_LINES, OPERATION, catalogue_of, check_text, only, rules_of

NEXT = BASE_LINES + 1  # the line written right after BASE


def test_a_valid_file_has_no_findings(tmp_path):
    assert check_text(tmp_path, BASE) == []


@pytest.mark.parametrize("line, expected, suggestion", [
    ("titel: Journalisering", "titel", "'title' (Titel)"),
    ("resume: Kort tekst", "resume", "'short_description' (Resumé)"),
    ("resumé: Kort tekst", "resumé", "'short_description' (Resumé)"),
    ("Anvendt teknologi: [uipath]", "Anvendt teknologi", "'technologies' (Anvendt teknologi)"),
    ("leverandør: KMD", "leverandør", "'vendor' (Leverandør)"),
    ("runPeriod: daily", "runPeriod", "'run_period' (Skedulering)"),
    ("timeSpendOccurancesPerEmployee: 1200", "timeSpendOccurancesPerEmployee",
     "'time_spend_occurrences' (Antal gange processen foretages årligt)"),
])
def test_an_unknown_key_suggests_the_key_the_user_meant(tmp_path, line, expected, suggestion):
    finding = only(check_text(tmp_path, BASE + line + "\n"), "AP101")
    assert finding.message == f"Feltet '{expected}' findes ikke i procesbeskrivelsen."
    assert finding.hint.startswith(f"Mente du {suggestion}?")
    assert (finding.line, finding.column) == (NEXT, 1)


def test_a_misspelt_required_key_is_reported_once_as_unknown_not_also_as_missing(tmp_path):
    findings = check_text(tmp_path, BASE.replace("title:", "titel:"))
    assert rules_of(findings) == ["AP101"]


def test_an_unknown_key_in_a_nested_field_names_its_parent_and_points_at_the_key(tmp_path):
    text = BASE + "links:\n  - url: https://www.aarhus.dk\n    titel: Forside\n"
    finding = only(check_text(tmp_path, text), "AP101")
    assert finding.message == "Feltet 'titel' findes ikke under Links (nr. 1) (links[1])."
    assert finding.hint.startswith("Mente du 'title' (Titel)?")
    assert (finding.line, finding.column) == (NEXT + 2, 5)


def test_an_unknown_nested_key_without_a_close_match_lists_the_allowed_keys(tmp_path):
    finding = only(check_text(tmp_path, BASE + "  afdeling: Jobcentret\n"), "AP101")
    assert "under Kontaktperson (contact)" in finding.message
    assert "name (Navn), email (E-mail), phone (Telefon), role (Rolle)" in finding.hint


def test_an_unknown_enum_value_lists_the_allowed_values_with_danish_labels(tmp_path):
    finding = only(check_text(tmp_path, BASE.replace("phase: idea", "phase: drift")), "AP104")
    assert finding.message == "'drift' er ikke en gyldig værdi for Fase (phase)."
    assert finding.hint.startswith("Mente du 'operation' (I drift)?")
    assert "idea (Idé)" in finding.hint and "decommissioned (Taget ud af drift)" in finding.hint
    assert (finding.line, finding.column) == (4, 8)


@pytest.mark.parametrize("written, meant", [
    ("I drift", "operation"), ("Foranalyse", "preanalysis"), ("Operation", "operation"),
])
def test_a_danish_label_or_other_case_as_enum_value_suggests_the_key(tmp_path, written, meant):
    finding = only(check_text(tmp_path, BASE.replace("phase: idea", f"phase: {written}")), "AP104")
    assert finding.hint.startswith(f"Mente du '{meant}'")


def test_an_enum_value_in_a_list_is_reported_at_the_item(tmp_path):
    finding = only(check_text(tmp_path, BASE + "domains: [social, beskæftigelse]\n"), "AP104")
    assert finding.message == "'beskæftigelse' er ikke en gyldig værdi for Fagområder (nr. 2) (domains[2])."
    assert finding.hint.startswith("Mente du 'employment' (Beskæftigelse)?")
    assert (finding.line, finding.column) == (NEXT, 19)


@pytest.mark.parametrize("value, fixed", [
    ("7,5", "7.5"), ("'7,5'", "7.5"), ("1.200,5", "1200.5"),
])
def test_a_decimal_comma_gets_a_clear_message_and_the_number_written_right(tmp_path, value, fixed):
    finding = only(check_text(tmp_path, BASE + f"time_spend_per_occurrence: {value}\n"), "AP108")
    assert "Tidsforbrug pr. proces i minutter (time_spend_per_occurrence)" in finding.message
    assert "komma som decimaltegn" in finding.message
    assert finding.hint.endswith(f"time_spend_per_occurrence: {fixed}")
    assert (finding.line, finding.column) == (NEXT, 28)


def test_a_number_with_a_thousands_separator_where_a_whole_number_belongs(tmp_path):
    finding = only(check_text(tmp_path, BASE + "time_spend_occurrences: 1.200\n"), "AP103")
    assert "men er tallet 1.200" in finding.message  # as written, not 1.2
    assert "tusindtalsadskiller" in finding.hint and finding.hint.endswith("time_spend_occurrences: 1200")


@pytest.mark.parametrize("value, actual, hint_end", [
    ("mange", "teksten 'mange'", "time_spend_occurrences: 1200. Forudsætninger kan stå i time_spend_comment."),
    ('"1200"', "teksten '1200'", "Fjern anførselstegnene, så værdien er et tal: time_spend_occurrences: 1200"),
    ("ca. 1200 sager", "teksten 'ca. 1200 sager'", "time_spend_occurrences: 1200"),
    ("[1200]", "en liste", None),
])
def test_text_where_a_number_belongs_is_a_type_error_with_advice(tmp_path, value, actual, hint_end):
    finding = only(check_text(tmp_path, BASE + f"time_spend_occurrences: {value}\n"), "AP103")
    assert finding.message == (f"Feltet Antal gange processen foretages årligt (time_spend_occurrences) skal være "
                               f"et helt tal, men er {actual}.")
    if hint_end:
        assert finding.hint.endswith(hint_end)
    assert (finding.line, finding.column) == (NEXT, 25)


def test_a_percentage_with_a_percent_sign(tmp_path):
    finding = only(check_text(tmp_path, BASE + "time_spend_percentage_digital: 33%\n"), "AP103")
    assert finding.hint.endswith("time_spend_percentage_digital: 33")


@pytest.mark.parametrize("line, message_part, hint", [
    ("targets_citizens: ja", "skal være true eller false, men er teksten 'ja'",
     "Skriv 'targets_citizens: true' for ja eller 'targets_citizens: false' for nej."),
    ("domains: social", "skal være en liste, men er teksten 'social'", "Skriv værdien som en liste: domains: [social]"),
    ("owner: Lars Holm", "skal være en samling felter, men er teksten 'Lars Holm'",
     "Skriv felterne (name, email, phone, role) på hver sin linje, indrykket under owner:."),
    ("long_description: [a, b]", "skal være tekst, men er en liste",
     "Skriv en enkelt tekst på samme linje som feltnavnet."),
])
def test_wrong_types_name_what_was_expected_and_what_was_found(tmp_path, line, message_part, hint):
    finding = only(check_text(tmp_path, BASE + line + "\n"), "AP103")
    assert message_part in finding.message
    assert finding.hint == hint
    assert finding.line == NEXT


def test_numbers_in_text_fields_are_read_as_the_text_written(tmp_path):
    text = BASE + "kle: 27.10\nkl_id: 2024\nsearch_words: [2024, 1.50]\n"
    assert check_text(tmp_path, text) == []
    process = catalogue_of(tmp_path).entries[0].process
    assert process.kle == "27.10" and process.kl_id == "2024" and process.search_words == ["2024", "1.50"]


@pytest.mark.parametrize("written, reason, hint", [
    ("15-03-2024", "datoer skrives med året først (ÅÅÅÅ-MM-DD)", "Skriv: put_into_operation: 2024-03-15"),
    ("15.03.2024", "datoer skrives med året først (ÅÅÅÅ-MM-DD)", "Skriv: put_into_operation: 2024-03-15"),
    ("15/3/2024", "datoer skrives med året først (ÅÅÅÅ-MM-DD)", "Skriv: put_into_operation: 2024-03-15"),
    ("2024-13-01", "måned 13 findes ikke (måneden står i midten: ÅÅÅÅ-MM-DD)",
     "Skriv datoen som ÅÅÅÅ-MM-DD, fx put_into_operation: 2024-03-15"),
    ("2024-02-30", "dag 30 findes ikke i måned 2", "Skriv datoen som ÅÅÅÅ-MM-DD, fx put_into_operation: 2024-03-15"),
    ("2024-3-5", "måned og dag skal skrives med to cifre (ÅÅÅÅ-MM-DD)", "Skriv: put_into_operation: 2024-03-05"),
    ("2024-03-15 10:00", "feltet skal kun indeholde en dato, ikke et klokkeslæt", "Skriv kun datoen: put_into_operation: 2024-03-15"),
    ("20240315", "år, måned og dag skal adskilles med bindestreg (ÅÅÅÅ-MM-DD)", "Skriv: put_into_operation: 2024-03-15"),
    ("0", "datoer skrives som ÅÅÅÅ-MM-DD", "Skriv datoen som ÅÅÅÅ-MM-DD, fx put_into_operation: 2024-03-15"),
    ("marts 2024", "datoer skrives som ÅÅÅÅ-MM-DD", "Skriv datoen som ÅÅÅÅ-MM-DD, fx put_into_operation: 2024-03-15"),
])
def test_dates_in_wrong_formats_get_a_reason_the_correct_date_and_the_position(tmp_path, written, reason, hint):
    text = OPERATION.replace("put_into_operation: 2024-03-01", f"put_into_operation: {written}")
    finding = only(check_text(tmp_path, text), "AP107")
    assert finding.message == (f"'{written}' er ikke en gyldig dato i feltet Løsning sat i drift (put_into_operation): "
                               f"{reason}.")
    assert finding.hint == hint
    assert (finding.line, finding.column) == (OPERATION.count("\n"), 21)


def test_a_required_field_that_is_missing_names_label_and_key(tmp_path):
    finding = only(check_text(tmp_path, BASE.replace("status: inprogress\n", "")), "AP102")
    assert finding.message == "Feltet Status (status) mangler og skal udfyldes."
    assert finding.hint.startswith("Tilføj linjen 'status: ...'.")


def test_a_missing_nested_field_points_at_its_parent(tmp_path):
    finding = only(check_text(tmp_path, BASE.replace("  name: Digitaliseringsenheden\n", "")), "AP102")
    assert finding.message == "Feltet Kontaktperson › Navn (contact.name) mangler og skal udfyldes."
    assert finding.hint.startswith("Tilføj linjen 'name: ...' indrykket under 'contact:'.")
    assert (finding.line, finding.column) == (7, 1)


@pytest.mark.parametrize("line", ["short_description:", 'short_description: ""', "short_description: '   '"])
def test_a_required_field_left_empty_is_reported_as_empty_at_its_line(tmp_path, line):
    text = BASE.replace("short_description: En robot journaliserer lægeerklæringer på den rigtige sag.", line)
    finding = only(check_text(tmp_path, text), "AP113")
    assert finding.message == "Feltet Resumé (short_description) er tomt."
    assert finding.line == 2


def test_an_optional_field_left_empty_is_simply_not_filled_in(tmp_path):
    assert check_text(tmp_path, BASE + "vendor:\nkle:\n") == []


def test_too_long_text_says_how_much_to_cut(tmp_path):
    text = BASE.replace("title: Journalisering af lægeerklæringer", "title: " + "x" * 70)
    finding = only(check_text(tmp_path, text), "AP105")
    assert finding.message == "Feltet Titel (title) er 70 tegn langt; højst 65 tegn er tilladt."
    assert finding.hint == "Forkort teksten med mindst 5 tegn."
    assert check_text(tmp_path, BASE.replace("title: Journalisering af lægeerklæringer", "title: " + "x" * 65)) == []


def test_numbers_outside_their_range(tmp_path):
    finding = only(check_text(tmp_path, BASE + "time_spend_percentage_digital: 120\n"), "AP106")
    assert finding.message == ("Feltet Forventet automatiseringsgrad (%) (time_spend_percentage_digital) er 120, "
                               "men skal være mellem 0 og 100.")


@pytest.mark.parametrize("line, rule, message", [
    ("kle: 27.24.0", "AP109", "'27.24.0' har ikke det rigtige format for KLE (kle)."),
    ("code_repository_url: www.github.com/aarhus", "AP110",
     "'www.github.com/aarhus' er ikke en gyldig webadresse i feltet Link til kildekode (code_repository_url)."),
    ("other_contact_email: digitalisering.aarhus.dk", "AP111",
     "'digitalisering.aarhus.dk' er ikke en gyldig e-mailadresse i feltet Anden kontaktinformation "
     "(other_contact_email)."),
    ("it_systems: [KMD Nexus]", "AP114",
     "'KMD Nexus' er ikke et gyldigt kortnavn i feltet Nuværende systemer (nr. 1) (it_systems[1])."),
    ("umbrellas: [sagsbehandling]", "AP114",
     "'sagsbehandling' er ikke et gyldigt proces-id i feltet Paraplyprocesser (nr. 1) (umbrellas[1])."),
])
def test_code_formats_addresses_and_slugs(tmp_path, line, rule, message):
    finding = only(check_text(tmp_path, BASE + line + "\n"), rule)
    assert finding.message == message and finding.hint


def test_a_link_address_error_is_reported_at_the_nested_value(tmp_path):
    finding = only(check_text(tmp_path, BASE + "links:\n  - title: Forside\n    url: www.aarhus.dk\n"), "AP110")
    assert "Links (nr. 1) › Adresse (links[1].url)" in finding.message
    assert (finding.line, finding.column) == (NEXT + 2, 10)


def test_every_error_of_a_file_is_reported_in_one_run(tmp_path):
    text = BASE.replace("phase: idea", "phase: drift") + "titel: x\ntime_spend_per_occurrence: 7,5\n"
    assert sorted(rules_of(check_text(tmp_path, text))) == ["AP101", "AP104", "AP108"]
