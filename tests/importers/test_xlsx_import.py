"""``autoproces import os2autoproces --xlsx``: the Excel export read by position, as the real export writes it."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.loading import load_document
from generator.model import Process

from .conftest import run_check, run_import, snapshot
from .export_builder import HEADERS, write_export

JOURNAL = "processes/aarhus/journalisering-af-laegeerklaeringer-i-sygedagpengesager.yaml"
SORTING = "processes/odense/sortering-af-indgaaende-post.yaml"
GRANTS = "processes/aarhus/udbetaling-af-tilskud-til-foreninger.yaml"
PRIVATE = "privat/aarhus/kontrol-af-samtidige-ydelser.yaml"

JOURNAL_ROW = {
    0: 1201.0, 1: "Journalisering af lægeerklæringer i sygedagpengesager",
    2: "En softwarerobot journaliserer lægeerklæringer fra Digital Post på den rigtige sag.", 3: "Drift",
    4: "I gang", 6: "Sofie Dahl", 7: "Lars Holm", 8: "Mette Kjær Andersen", 9: "mette.andersen@aarhus.dk",
    10: "digitalisering@aarhus.dk", 11: "Sofie Dahl\nLars Holm", 12: "Offentlig", 13: "Beskæftigelse,Administration",
    14: "Jobcenter Aarhus,Sygedagpengeafdelingen", 15: "Aarhus Kommune", 16: "Aarhus Kommune, Digitalisering",
    17: "Lov om sygedagpenge § 12 (opfølgning) og § 13 (opfølgningssamtaler) " * 20, 18: "15.17.06",
    21: "Jobcentret modtager hvert år lægeerklæringer.\n\nI dag gør sagsbehandleren følgende:\n* åbner erklæringen"
        "\n\n* journaliserer dokumentet",
    22: "", 23: "Arbejdet er rutinepræget.",
    24: "KMD Momentum,Digital Post,KMD Momentum,Jobcentrets postrobot (ukendt system, testdata)",
    25: "Fælles postkasse i Outlook", 26: dt.datetime(2021, 3, 2), 27: dt.datetime(2024, 5, 14),
    28: 9000.0, 29: 4.5, 30: 85.0, 31: 675.0, 32: 573.0, 33: 12.0, 34: "Ja", 35: "Nej", 36: 160.5,
    37: "Tallene er fra 2023.", 38: "I mindre grad", 39: "Slet ikke", 40: "I høj grad", 41: "I nogen grad",
    42: "I høj grad", 43: "I nogen grad", 44: "Ved ikke",
    45: "Ikke forholdt sig",   # under "frigive tid ...": the value of evaluatedLevelOfRoi
    46: "I høj grad",          # under "kan automatiseres": the value of levelOfRoutineWorkReduction
    47: "Robotten er bygget i UiPath.", 48: "Sagsbehandlerne får en daglig liste.", 49: "UiPath", 50: "Dagligt",
    51: "KMD Momentum,Momentum-snitflade til dokumenter (ukendt snitflade, testdata)",
    52: "Robotten journaliserer før kl. 8.", 53: 3.0, 54: dt.datetime(2025, 2, 1),
    55: "01/09/2023",          # a Danish date text (the file saved again in Danish Excel)
    56: "", 57: "Gevinsten er realiseret.", 58: "",
    59: "https://www.os2autoproces.eu/details/1201\nhttps://github.com/aarhus-kommune/robot-laegeerklaeringer\n"
        "https://www.aarhus.dk/digitalisering",
    60: "procesdiagram.pdf", 61: "Licens til robotten fornyes hvert år i september.",
}
SORTING_ROW = {
    0: 1301.0, 1: "Sortering af indgående post", 2: "Robot sorterer indgående post efter emne.", 3: "Foranalyse",
    4: "Afventer", 5: "Afventer ny aftale med leverandøren.", 8: "Anna Friis", 9: "anna.friis@odense.dk",
    11: "", 12: "Offentlig", 13: "Administration,IT", 14: "", 15: "Odense Kommune", 18: "85.02.02",
    21: "Posten fordeles i dag manuelt.", 22: "", 23: "", 24: "Digital Post", 25: "", 26: dt.datetime(2023, 3, 1),
    28: 37.0, 29: 7.0, 30: 33.0, 31: 4.316666666666666, 32: 1.0, 33: 0.0,
    34: "",                    # targetsCitizens null: an empty text
    # 35 (targetsCompanies) not given: a blank cell
    36: 0.0,                   # the export writes 0 for a missing development time
    38: "Ikke forholdt sig", 39: "Ved ikke", 40: "Ikke forholdt sig", 41: "Ikke forholdt sig",
    42: "Ikke forholdt sig", 43: "I nogen grad", 44: "Ikke forholdt sig",
    45: "Ved ikke",            # evaluatedLevelOfRoi
    46: "I mindre grad",       # levelOfRoutineWorkReduction
    49: "", 50: "", 51: "", 53: 0.0, 54: "", 55: "", 56: "", 59: "https://www.os2autoproces.eu/details/1301", 60: "",
}
GRANTS_ROW = {
    0: 1204.0, 1: "Udbetaling af tilskud til foreninger", 2: "Robot udbetaler godkendte tilskud.",
    3: "Implementering", 4: "I gang", 8: "Mette Kjær Andersen", 9: "mette.andersen@aarhus.dk", 12: "Offentlig",
    13: "Kultur", 15: "Aarhus Kommune", 18: "00.05.10", 24: "KMD Opus Økonomi", 28: 120.0, 29: 2.3333333333,
    30: 90.0, 47: "Bygget med Power Automate.", 48: "Foreningskonsulenterne godkender først.",
    49: "Softwarerobot (RPA), andet produkt,Microsoft Power Automate", 50: "Kvartalsvis",
    51: "KMD Opus Økonomi", 53: 0.0,
}
PRIVATE_ROW = {
    0: 1203.0, 1: "Kontrol af samtidige ydelser", 2: "Robot finder borgere med samtidige ydelser.", 3: "Idé",
    4: "Ikke vurderet", 8: "Jens Bak", 12: "Myndighed", 13: "Social,Økonomi", 15: "Aarhus Kommune",
    18: "00.10.08", 24: "KY – Fælleskommunalt Ydelsessystem", 34: "Ja", 50: "Efter behov",
}
UNTITLED_ROW = {0: 1303.0, 2: "En post uden titel.", 3: "Idé", 4: "Ikke vurderet", 12: "Offentlig",
                15: "Odense Kommune", 8: "Anna Friis"}
ROWS = [JOURNAL_ROW, SORTING_ROW, GRANTS_ROW, PRIVATE_ROW, UNTITLED_ROW]


def data(project, relative):
    return load_document(project / relative).data


@pytest.fixture
def export(project):
    return write_export(project.parent / "processes.xlsx", ROWS)


def test_the_export_gives_files_that_pass_the_check(project, export):
    code, out, err = run_import("--xlsx", str(export))
    assert (code, err) == (1, "")  # the untitled row
    assert sorted(p.relative_to(project).as_posix() for p in (project / "processes").rglob("*.yaml")) == [
        JOURNAL, GRANTS, SORTING]
    assert "  - id 1303 (processes.xlsx, række 6): Posten har ingen titel og kan ikke importeres\n" in out
    code, checked = run_check("processes")
    assert code == 0, checked


def test_cells_are_read_as_the_export_writes_them(project, export):
    run_import("--xlsx", str(export))
    doc = data(project, JOURNAL)
    assert doc["os2autoproces_id"] == 1201 and doc["time_spend_occurrences"] == 9000  # doubles
    assert (doc["phase"], doc["status"], doc["visibility"]) == ("operation", "inprogress", "public")  # BE labels
    assert doc["domains"] == ["employment", "administration"]
    assert doc["org_units"] == ["Jobcenter Aarhus", "Sygedagpengeafdelingen"]
    assert doc["it_systems"] == ["kmd-momentum", "digital-post", "jobcentrets-postrobot-ukendt-system-testdata"]
    assert doc["services"] == ["kmd-momentum", "momentum-snitflade-til-dokumenter-ukendt-snitflade-testdata"]
    assert doc["legal_clause"] == JOURNAL_ROW[17].strip() and len(doc["legal_clause"]) == 1359  # whole, not cut
    assert doc["created"] == "2021-03-02" and doc["legal_clause_last_verified"] == "2025-02-01"
    assert doc["put_into_operation"] == "2023-09-01"  # from the text 01/09/2023
    assert "decommissioned" not in doc and "esdh_reference" not in doc and "solution_requests" not in doc
    assert (doc["targets_citizens"], doc["targets_companies"], doc["expected_development_time"]) == (True, False, 160.5)
    assert doc["long_description"] == ("Jobcentret modtager hvert år lægeerklæringer.\n\nI dag gør sagsbehandleren "
                                       "følgende:\n* åbner erklæringen\n\n* journaliserer dokumentet")
    # the export's own address is dropped; the lost "internal" flag keeps every other link private
    assert doc["links"] == [{"url": "https://github.com/aarhus-kommune/robot-laegeerklaeringer",
                             "visibility": "municipality"},
                            {"url": "https://www.aarhus.dk/digitalisering", "visibility": "municipality"}]
    assert Process.model_validate(doc).expected_hours_freed_per_year == 573.75


def test_the_two_swapped_assessment_columns_are_read_back_by_position(project, export):
    run_import("--xlsx", str(export))
    journal, sorting = data(project, JOURNAL), data(project, SORTING)
    assert (journal["evaluated_level_of_roi"], journal["level_of_routine_work_reduction"]) == ("not_set", "very_high")
    assert (sorting["evaluated_level_of_roi"], sorting["level_of_routine_work_reduction"]) == ("unknown", "low")
    assert sorting["level_of_change"] == "unknown" and sorting["level_of_uniformity"] == "not_set"


def test_two_kinds_of_empty_and_zero_for_missing(project, export):
    run_import("--xlsx", str(export))
    sorting = data(project, SORTING)
    for key in ("targets_citizens", "targets_companies", "expected_development_time", "rating", "run_period",
                "technologies", "org_units", "put_into_operation", "links", "solution_requests"):
        assert key not in sorting, key
    assert sorting["time_spend_employees_doing_process"] == 0  # a real 0 is kept


def test_labels_with_the_separator_and_run_periods_in_the_back_end_labels(project, export):
    run_import("--xlsx", str(export))
    grants = data(project, GRANTS)
    assert grants["technologies"] == ["rpa", "power-automate"]
    assert grants["run_period"] == "quarterly" and grants["time_spend_per_occurrence"] == 2.33
    assert grants["domains"] == ["culture"] and grants["it_systems"] == ["kmd-opus-okonomi"]


def test_a_header_used_twice_is_told_apart_by_position(project):
    headers = list(HEADERS)
    headers[52] = "Beskrivelse"  # the same header as column 22
    export = write_export(project.parent / "processes.xlsx", [JOURNAL_ROW], headers=headers)
    run_import("--xlsx", str(export))
    doc = data(project, JOURNAL)
    assert doc["long_description"].startswith("Jobcentret modtager")
    assert doc["automation_description"] == "Robotten journaliserer før kl. 8."


def test_attachments_and_people_are_reported(project, export):
    _, out, _ = run_import("--xlsx", str(export), "--municipality", "aarhus", "--overlay", "privat")
    assert ("  - id 1201 «Journalisering af lægeerklæringer i sygedagpengesager», Bilag (attachments) "
            "'procesdiagram.pdf': Bilaget findes kun i OS2autoproces; hent filen derfra, læg den i mappen 'bilag' "
            "ved siden af procesfilen, og tilføj den under attachments\n") in out
    assert ("  - id 1203 «Kontrol af samtidige ydelser», Kontaktperson (contact) 'Jens Bak': Kontaktpersonen "
            "'Jens Bak' har ingen e-mailadresse. Tilføj en e-mailadresse\n") in out
    private = data(project, PRIVATE)
    assert private["visibility"] == "municipality" and private["run_period"] == "ondemand"
    assert private["contact"] == {"name": "Jens Bak"}
    assert run_check("--overlay", "privat", "processes", "privat")[0] == 0


def test_a_second_import_of_the_export_changes_nothing(project, export):
    run_import("--xlsx", str(export))
    before = snapshot(project)
    _, out, _ = run_import("--xlsx", str(export))
    assert snapshot(project) == before and "Uændret: 3\n" in out


@pytest.mark.parametrize("change, message", [
    (lambda p: write_export(p, [JOURNAL_ROW], sheet="Ark1"),
     "arket 'Processer' mangler (filen har 'Ark1'); brug eksporten fra OS2autoproces"),
    (lambda p: write_export(p, [JOURNAL_ROW], headers=HEADERS[:61]),
     "arket 'Processer' har 61 kolonner, men eksporten fra OS2autoproces har 62; en kolonne mangler"),
    (lambda p: write_export(p, [JOURNAL_ROW], headers=["Titel"] + HEADERS[1:]),
     "kolonne 1 hedder 'Titel', men skal hedde 'ID'; filen er ikke OS2autoproces' eksport, eller kolonnerne er flyttet"),
    (lambda p: p.write_text("ID;Titel\n1;x\n", encoding="utf-8"),
     "filen kan ikke læses som en Excel-fil (.xlsx)"),
])
def test_a_file_that_is_not_the_export_is_a_clear_error_and_writes_nothing(project, change, message):
    path = project.parent / "processes.xlsx"
    change(path)
    before = snapshot(project)
    code, out, _ = run_import("--xlsx", str(path))
    assert code == 1 and f"  - {path}: {message}\n" in out
    assert snapshot(project) == before


def test_errors_that_only_the_whole_check_finds_are_in_the_report(project):
    row = {**JOURNAL_ROW, 49: "Ukendt robotværktøj (testdata)"}
    export = write_export(project.parent / "processes.xlsx", [row])
    code, out, _ = run_import("--xlsx", str(export))
    assert code == 1
    assert ("Anvendt teknologi (technologies) 'Ukendt robotværktøj (testdata)': Teknologien findes ikke i "
            "teknologilisten og er udeladt; tilføj den i taxonomies/sources/curated/technologies.yaml, hvis den "
            "mangler\n") in out
    assert out.endswith(f"Fejl fundet af autoproces check i de skrevne filer: 1\n  - {JOURNAL}:6:8: AP201: I fasen "
                        "I drift skal feltet Anvendt teknologi (technologies) nævne mindst én teknologi.\n")
