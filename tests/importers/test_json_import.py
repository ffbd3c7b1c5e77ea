"""``autoproces import os2autoproces --json``: recorded API pages to process files that pass the check."""

from __future__ import annotations

import json
import shutil

from generator.loading import load_document
from generator.model import Process

from tests.conftest import ROOT, run_cli

from .conftest import API_PAGES, run_check, run_import, snapshot

PAGES = [str(p) for p in API_PAGES]
JOURNAL = "processes/aarhus/journalisering-af-laegeerklaeringer-i-sygedagpengesager.yaml"
UMBRELLA = "processes/odense/faelles-paraply-post-fra-digital-post.yaml"
SORTING = "processes/odense/sortering-af-indgaaende-post.yaml"
PRIVATE_UMBRELLA = "privat/aarhus/automatisering-i-ydelsesservice.yaml"
PRIVATE_CHILD = "privat/aarhus/kontrol-af-samtidige-ydelser.yaml"


def data(project, relative):
    return load_document(project / relative).data


def test_public_processes_are_written_and_pass_the_check(project):
    code, out, err = run_import("--json", *PAGES)
    assert (code, err) == (1, "")  # record 1303 has no title: an error for that record, the rest is written
    written = sorted(p.relative_to(project).as_posix() for p in (project / "processes").rglob("*.yaml"))
    assert written == [JOURNAL, UMBRELLA, SORTING]
    assert f"Skrevet (nye filer): 3\n" in out
    assert "  - id 1303 (" + PAGES[1] + ", side 2, post 3): Posten har ingen titel og kan ikke importeres\n" in out
    code, checked = run_check("processes")
    assert code == 0, checked
    assert "3 filer kontrolleret: 0 fejl" in checked
    result = run_cli("check", "processes", cwd=project)  # the installed command, as a user runs it
    assert result.returncode == 0 and "3 filer kontrolleret: 0 fejl" in result.stdout


def test_imported_files_start_with_the_schema_line_of_autoproces_new(project):
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")  # the published address comes from here
    run_import("--json", *PAGES)
    text = (project / JOURNAL).read_text(encoding="utf-8")
    assert text.splitlines()[:2] == [
        "# yaml-language-server: $schema=https://autoproces.github.io/autoproces/schema/process.schema.json",
        "# Procesbeskrivelse i det fælles katalog. Felterne er beskrevet i schema/process.schema.json."]
    code, checked = run_check(JOURNAL)
    assert code == 0 and "1 fil kontrolleret: 0 fejl" in checked, checked
    code, out, _ = run_import("--json", *PAGES)  # a second import of the same data changes nothing
    assert "Uændret: 3\n" in out and (project / JOURNAL).read_text(encoding="utf-8") == text


def test_every_field_of_a_process_in_operation_is_mapped(project):
    run_import("--json", *PAGES)
    doc = data(project, JOURNAL)
    assert doc["os2autoproces_id"] == 1201
    assert (doc["phase"], doc["status"], doc["visibility"]) == ("operation", "inprogress", "public")
    assert doc["domains"] == ["employment", "administration"]
    assert (doc["kle"], doc["form"]) == ("15.17.06", "14.40.10.10")
    assert doc["contact"] == {"name": "Mette Kjær Andersen", "email": "mette.andersen@aarhus.dk"}
    assert "owner" not in doc and "reporter" not in doc and "users" not in doc  # people dropped by default
    assert doc["org_units"] == ["Jobcenter Aarhus", "Sygedagpengeafdelingen"]
    assert doc["search_words"] == ["lægeerklæring", "sygemelding", "robot"]
    assert doc["created"] == "2021-03-02"
    assert doc["put_into_operation"] == "2023-09-01"         # 2023-08-31T22:00Z is 1 September in Denmark
    assert doc["legal_clause_last_verified"] == "2025-02-01"
    assert len(doc["legal_clause"]) > 700 and doc["legal_clause"].endswith("partshøring og begrundelse.")
    assert doc["it_systems"] == ["kmd-momentum", "digital-post", "jobcentrets-postrobot-ukendt-system-testdata"]
    assert doc["services"] == ["kmd-momentum", "momentum-snitflade-til-dokumenter-ukendt-snitflade-testdata"]
    assert doc["technologies"] == ["uipath"] and doc["run_period"] == "daily"
    assert (doc["time_spend_occurrences"], doc["time_spend_per_occurrence"]) == (9000, 4.5)
    assert (doc["time_spend_percentage_digital"], doc["expected_development_time"]) == (85, 160.5)
    assert (doc["targets_citizens"], doc["targets_companies"]) == (True, False)
    assert doc["level_of_speed"] == "unknown" and doc["evaluated_level_of_roi"] == "not_set"
    assert doc["rating"] == 3 and doc["rating_comment"] == "Gevinsten er **realiseret**; fejlraten er under 2 %."
    assert doc["links"] == [{"url": "https://www.aarhus.dk/digitalisering"},
                            {"url": "https://intranet.aarhus.dk/robotter/laegeerklaeringer",
                             "visibility": "municipality"}]
    assert doc["code_repository_url"] == "https://github.com/aarhus-kommune/robot-laegeerklaeringer"
    assert doc["internal_notes"] == "Licens til robotten fornyes hvert år i september."
    assert doc["umbrellas"] == ["odense/faelles-paraply-post-fra-digital-post"]
    assert "time_spend_computed_total" not in doc
    # the yearly hours freed are computed with decimals, not copied from OS2autoproces's truncated 573
    assert Process.model_validate(doc).expected_hours_freed_per_year == 573.75


def test_rich_text_becomes_markdown(project):
    run_import("--json", *PAGES)
    doc = data(project, JOURNAL)
    assert doc["long_description"] == (
        "Jobcentret modtager hvert år **tusindvis** af lægeerklæringer (LÆ 285) & statusattester.\n\n"
        "I dag gør sagsbehandleren følgende:\n\n"
        "- åbner erklæringen\n- finder sagen i *KMD Momentum*\n- journaliserer dokumentet  \n    og giver besked til teamet"
        "\n\nSe [borger.dk om sygedagpenge](https://www.borger.dk/arbejde-dagpenge-ferie/Sygedagpenge).")
    assert doc["solution_requests"] == "1. Læs CPR-nummer og erklæringstype i metadata\n2. Journalisér på den åbne sag"
    assert doc["organizational_implementation_notes"] == (
        "Sagsbehandlerne får en daglig liste over erklæringer, robotten ikke kunne placere.")  # plain stays plain


def test_not_decided_is_kept_apart_from_dont_know_from_the_assessment_phase_on(project):
    run_import("--json", *PAGES)
    sorting = data(project, SORTING)  # pre-analysis: NOT_SET is an answer ("Ikke forholdt sig")
    assert sorting["level_of_change"] == "unknown" and sorting["level_of_uniformity"] == "not_set"
    assert sorting["level_of_quality"] == "high"
    assert "run_period" not in sorting  # NOT_CHOSEN_YET is no choice
    assert Process.model_validate(sorting).expected_hours_freed_per_year == 1.42  # OS2autoproces: 1


def test_umbrellas_keep_only_umbrella_fields_and_children_name_them(project):
    run_import("--json", *PAGES)
    umbrella = data(project, UMBRELLA)
    assert umbrella["type"] == "global_parent" and umbrella["municipality"] == "odense"
    assert "umbrellas" not in umbrella and "run_period" not in umbrella
    assert data(project, SORTING)["umbrellas"] == ["odense/faelles-paraply-post-fra-digital-post"]


def test_non_public_processes_go_only_to_the_overlay_with_their_own_umbrella(project):
    code, out, _ = run_import("--json", *PAGES, "--municipality", "aarhus", "--overlay", "privat")
    assert code == 0
    assert sorted(p.relative_to(project).as_posix() for p in (project / "privat").rglob("*.yaml")) == [
        PRIVATE_UMBRELLA, PRIVATE_CHILD]
    assert sorted(p.relative_to(project).as_posix() for p in (project / "processes").rglob("*.yaml")) == [JOURNAL]
    child = data(project, PRIVATE_CHILD)
    assert child["visibility"] == "municipality" and child["umbrellas"] == ["aarhus/automatisering-i-ydelsesservice"]
    assert child["kle"] == "00.10.08"  # moved code kept, and flagged:
    assert ("  - id 1203 «Kontrol af samtidige ydelser», KLE (kle) '00.10.08': KLE-nummeret '00.10.08' er flyttet; "
            "det er bevaret. Brug i stedet '15.40.00' (Integration og udlændinge i almindelighed)\n") in out
    assert child["contact"] == {"name": "Aarhus Kommune"}  # the inactive contact is replaced, with a warning
    assert ("Kontaktperson (contact) 'Jens Bak': Kontaktpersonen 'Jens Bak' er ikke længere aktiv i OS2autoproces; "
            "organisationen er sat som kontakt. Angiv en ny kontaktperson\n") in out
    # the public child lost its shared umbrella: that umbrella belongs to Odense and was not imported
    assert "umbrellas" not in data(project, JOURNAL)
    assert ("Paraplyprocesser (umbrellas) '1100': Paraplyprocessen med OS2autoproces-id 1100 er ikke importeret; "
            "relationen er udeladt.") in out
    code, checked = run_check("--overlay", "privat", "processes", "privat")
    assert code == 0, checked


def test_without_an_overlay_non_public_processes_are_skipped_not_shared(project):
    code, out, _ = run_import("--json", *PAGES)
    assert not list((project / "processes").rglob("kontrol-af-samtidige-ydelser.yaml"))
    assert ("  - id 1203 «Kontrol af samtidige ydelser» (" + PAGES[0] + ", side 1, post 4): Processen er ikke "
            "offentlig ('Synlig i egen organisation') og hører ikke hjemme i det fælles katalog; angiv --overlay "
            "MAPPE for at importere den til jeres private mappe\n") in out
    for path in (project / "processes").rglob("*.yaml"):
        assert load_document(path).data["visibility"] == "public"


def test_people_are_kept_only_on_request(project):
    run_import("--json", *PAGES, "--keep-people")
    doc = data(project, JOURNAL)
    assert doc["owner"] == {"name": "Lars Holm", "email": "lars.holm@aarhus.dk"}
    assert doc["reporter"] == {"name": "Sofie Dahl", "email": "sofie.dahl@aarhus.dk"}
    assert doc["users"] == [{"name": "Sofie Dahl", "email": "sofie.dahl@aarhus.dk"},
                            {"name": "Lars Holm", "email": "lars.holm@aarhus.dk"}]


def test_unknown_systems_are_proposed_in_the_curated_list_and_reported(project):
    before = (project / "taxonomies/sources/curated/it_systems.yaml").read_text(encoding="utf-8")
    _, out, _ = run_import("--json", *PAGES)
    after = (project / "taxonomies/sources/curated/it_systems.yaml").read_text(encoding="utf-8")
    assert after == before + (
        "  jobcentrets-postrobot-ukendt-system-testdata:  # foreslået ved import fra OS2autoproces; "
        "kontrollér navn og leverandør\n"
        '    name: "Jobcentrets postrobot (ukendt system, testdata)"\n    vendor: null\n    local: true\n'
        "  momentum-snitflade-til-dokumenter-ukendt-snitflade-testdata:  # foreslået ved import fra OS2autoproces; "
        "kontrollér navn og leverandør\n"
        '    name: "Momentum-snitflade til dokumenter (ukendt snitflade, testdata)"\n    vendor: null\n')
    cached = {i["code"] for i in json.loads((project / "taxonomies/it_systems.json").read_text())["items"]}
    assert "jobcentrets-postrobot-ukendt-system-testdata" in cached
    assert ("Nye IT-systemer foreslået i taxonomies/sources/curated/it_systems.yaml: 2\n"
            "  - jobcentrets-postrobot-ukendt-system-testdata: «Jobcentrets postrobot (ukendt system, testdata)» "
            "(lokalt system), brugt af id 1201 «Journalisering af lægeerklæringer i sygedagpengesager»\n") in out
    assert ("Nuværende systemer (it_systems) 'KMD Momentum': Systemet står flere gange; det er kun taget med én "
            "gang ('kmd-momentum')\n") in out


def test_a_second_import_of_the_same_data_changes_nothing(project):
    run_import("--json", *PAGES)
    before = snapshot(project)
    code, out, _ = run_import("--json", *PAGES)
    assert code == 1  # still the record without a title
    assert snapshot(project) == before
    assert "Skrevet (nye filer): 0\nOpdateret: 0\nUændret: 3\n" in out
    assert "Nye IT-systemer" not in out  # known now


def test_a_renamed_process_keeps_its_file(project, tmp_path):
    run_import("--json", *PAGES)
    page = json.loads(API_PAGES[0].read_text(encoding="utf-8"))
    page["_embedded"]["processes"][1]["title"] = "Robot journaliserer lægeerklæringer"
    renamed = tmp_path / "renamed.json"
    renamed.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run_import("--json", str(renamed), PAGES[1])
    assert data(project, JOURNAL)["title"] == "Robot journaliserer lægeerklæringer"
    assert not (project / "processes/aarhus/robot-journaliserer-laegeerklaeringer.yaml").exists()
    assert f"Opdateret: 1\n  - {JOURNAL}: id 1201 «Robot journaliserer lægeerklæringer»\n" in out


def test_new_titles_get_unique_slugs_within_the_municipality(project, tmp_path):
    shutil.copytree(project / "processes", tmp_path / "unused", dirs_exist_ok=True)
    (project / "processes/aarhus").mkdir(parents=True)
    (project / "processes/aarhus/journalisering-af-laegeerklaeringer-i-sygedagpengesager.yaml").write_text(
        "title: En anden proces\n", encoding="utf-8")
    run_import("--json", *PAGES)
    doc = data(project, "processes/aarhus/journalisering-af-laegeerklaeringer-i-sygedagpengesager-2.yaml")
    assert doc["os2autoproces_id"] == 1201


def test_dry_run_prints_the_report_and_writes_nothing(project):
    before = snapshot(project)
    code, out, _ = run_import("--json", *PAGES, "--dry-run")
    assert snapshot(project) == before
    assert out.startswith("Import fra OS2autoproces (prøvekørsel: intet er skrevet)\nPoster læst: 7\n"
                          "Ville blive skrevet (nye filer): 3\n")
    assert "Nye IT-systemer foreslået" in out


def test_a_broken_file_is_reported_and_the_other_files_are_imported(project, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"_embedded": {"processes": [', encoding="utf-8")
    not_a_page = tmp_path / "liste.json"
    not_a_page.write_text('[1, 2]', encoding="utf-8")
    code, out, err = run_import("--json", str(broken), str(not_a_page), str(tmp_path / "mangler.json"), PAGES[1])
    assert code == 1 and err == ""
    assert f"  - {broken}: ugyldig JSON i linje 1, kolonne 30 (Expecting value)\n" in out
    assert (f"  - {not_a_page}: filen er ikke en side fra OS2autoproces' API "
            "(/api/processes?projection=extended)\n") in out
    assert f"  - {tmp_path / 'mangler.json'}: filen kan ikke læses (No such file or directory)\n" in out
    assert (project / SORTING).is_file()


def test_overlay_needs_the_municipality_and_an_unknown_municipality_is_a_usage_error(project):
    assert run_import("--json", *PAGES, "--overlay", "privat")[0] == 2
    code, _, err = run_import("--json", *PAGES, "--municipality", "aarhuus")
    assert code == 2 and "organisationen 'aarhuus' findes ikke" in err


def test_a_shared_umbrella_imported_earlier_by_its_owner_keeps_its_children(project):
    run_import("--json", *PAGES, "--municipality", "odense")
    code, out, _ = run_import("--json", *PAGES, "--municipality", "aarhus")
    assert data(project, JOURNAL)["umbrellas"] == ["odense/faelles-paraply-post-fra-digital-post"]
    assert "Paraplyprocesser (umbrellas)" not in out
    assert run_check("processes")[0] == 0


def test_a_process_made_public_moves_from_the_overlay_to_the_shared_folder(project, tmp_path):
    run_import("--json", *PAGES, "--municipality", "aarhus", "--overlay", "privat")
    page = json.loads(API_PAGES[0].read_text(encoding="utf-8"))
    page["_embedded"]["processes"][3]["visibility"] = "PUBLIC"  # record 1203
    public = tmp_path / "offentlig.json"
    public.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run_import("--json", str(public), "--municipality", "aarhus", "--overlay", "privat")
    assert not (project / PRIVATE_CHILD).exists()
    moved = "processes/aarhus/kontrol-af-samtidige-ydelser.yaml"
    assert data(project, moved)["visibility"] == "public"
    assert f"  - {moved} (flyttet fra {PRIVATE_CHILD}): id 1203 «Kontrol af samtidige ydelser»\n" in out
    # a public process cannot name the private umbrella: the relation is dropped, with the reason
    assert "umbrellas" not in data(project, moved)
    assert ("Paraplyen 'aarhus/automatisering-i-ydelsesservice' er ikke offentlig og ligger kun i den private "
            "mappe; en offentlig proces kan ikke henvise til den.") in out


def test_the_import_does_not_write_through_a_symbolic_link(project, tmp_path):
    outside = tmp_path / "udenfor"
    outside.mkdir()
    (project / "processes" / "aarhus").symlink_to(outside, target_is_directory=True)
    code, out, _ = run_import("--json", *PAGES)
    assert code == 1 and list(outside.iterdir()) == []
    assert ("processes/aarhus/journalisering-af-laegeerklaeringer-i-sygedagpengesager.yaml eller dens mappe er et "
            "symbolsk link; importen skriver ikke gennem links.") in out


def test_a_title_longer_than_the_schema_allows_is_shortened_and_reported(project, tmp_path):
    page = json.loads(API_PAGES[1].read_text(encoding="utf-8"))
    long_title = "Sortering af indgående post fra Digital Post, e-Boks og den fysiske postkasse i Borgerservice"
    page["_embedded"]["processes"][0]["title"] = long_title
    path = tmp_path / "lang.json"
    path.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    _, out, _ = run_import("--json", str(path))
    (written,) = [p for p in (project / "processes/odense").glob("sortering-*.yaml")]
    title = load_document(written).data["title"]
    assert title == "Sortering af indgående post fra Digital Post, e-Boks og den…" and len(title) <= 65
    assert (f"Titel (title) '{long_title[:79]}…': Teksten er 93 tegn; højst 65 er tilladt, så den er forkortet til "
            f"'{title}'\n") in out
    assert run_check("processes")[0] == 0
