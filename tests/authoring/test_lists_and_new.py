"""``autoproces lists`` and ``autoproces new`` as a user runs them: real command, scripted stdin and flags."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

SCHEMA_LINE = "# yaml-language-server: $schema=https://autoproces.github.io/autoproces/schema/process.schema.json"


def autoproces(*args: str, cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", "--taxonomies", str(ROOT / "taxonomies"), *args],
                          cwd=cwd, input=stdin, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def project(tmp_path) -> Path:
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "processes").mkdir()
    return tmp_path


def test_lists_kle_finds_subjects_by_words_of_their_title():
    result = run_cli("lists", "kle", "sygedagpenge", "udbetaling")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "32.30.04  Udbetaling af sygedagpenge\n"
    assert result.stderr == "1 af 4693 poster i listen over KLE-emner.\n"


def test_lists_folds_danish_letters_and_shows_vendor():
    result = run_cli("lists", "it-systems", "LOEN")
    assert result.stdout.splitlines() == ["kmd-opus-lon  KMD Opus Løn – leverandør: KMD A/S",
                                          "sd-loen       SD Løn – leverandør: Silkeborg Data"]
    unknown = run_cli("lists", "it-systems", "kommunernes", "pension")
    assert unknown.stdout == "kombit-kp  KP – Kommunernes Pensionssystem – leverandør ukendt, ejer: KOMBIT\n"


@pytest.mark.parametrize("args, line", [
    (("technologies", "python"), "python  Python (Regler og scripts)"),
    (("municipalities", "høje"), "hoeje-taastrup  Høje-Taastrup Kommune"),
    (("form", "26.15.10"), "26.15.10"),
])
def test_lists_of_every_kind(args, line):
    result = run_cli("lists", *args)
    assert result.returncode == 0 and line in result.stdout.splitlines()[0], result.stdout


def test_lists_hides_retired_codes_unless_asked_and_names_the_replacement():
    assert run_cli("lists", "kle", "00.10.00").returncode == 1
    result = run_cli("lists", "kle", "00.10.00", "--all")
    assert result.stdout == "00.10.00  Integration og udlændinge i almindelighed [flyttet, brug 15.40.00]\n"


def test_lists_without_a_match_and_with_a_wrong_list():
    nothing = run_cli("lists", "technologies", "xyz")
    assert (nothing.returncode, nothing.stdout, nothing.stderr) == (1, "", "Ingen teknologier passer til 'xyz'.\n")
    wrong = run_cli("lists", "systemer")
    assert wrong.returncode == 2 and "fejl i kommandoen" in wrong.stderr and "Traceback" not in wrong.stderr


# Answers in the order of the questions: title, résumé, organisation (search "aarhus"), phase 5 (development),
# status (default), visibility (default), KLE search with one hit, FORM skipped, contact, technologies
# (an empty line first: the phase requires one, so the question is asked again), IT-system by search and
# number, end of systems, run period, description.
DEVELOPMENT_ANSWERS = "\n".join([
    "Automatisk opfølgning på sygedagpenge", "Robotten sender breve til borgere på sygedagpenge.", "aarhus",
    "5", "", "", "sygedagpenge opfølgning", "", "Anne Jensen", "digitalisering@aarhus.dk",
    "", "uipath", "", "kmd", "2", "", "daily", "Hver uge tjekkes 200 sager i hånden.", ""])


def test_new_with_scripted_answers_writes_a_file_that_passes_the_check(project):
    result = autoproces("new", cwd=project, stdin=DEVELOPMENT_ANSWERS)
    assert result.returncode == 0, result.stdout + result.stderr
    path = project / "processes" / "aarhus" / "automatisk-opfoelgning-paa-sygedagpenge.yaml"
    assert f"Skrev processes/aarhus/{path.name}." in result.stdout
    assert "  Valgt: 15.17.06  Sygedagpengeopfølgning" in result.stdout
    assert "  Feltet skal udfyldes; søg med et ord fra titlen." in result.stdout  # technology required
    assert "  2) kmd-nexus  KMD Nexus – leverandør: KMD A/S" in result.stdout
    assert path.read_text(encoding="utf-8") == "\n".join([  # as import and copy write files: sections apart
        SCHEMA_LINE,
        "title: Automatisk opfølgning på sygedagpenge",
        "short_description: Robotten sender breve til borgere på sygedagpenge.",
        "municipality: aarhus", "phase: development", "status: inprogress", "visibility: public",
        "kle: 15.17.06", "contact:", "  name: Anne Jensen", "  email: digitalisering@aarhus.dk", "",
        "long_description: Hver uge tjekkes 200 sager i hånden.", "it_systems: [kmd-nexus]", "",
        "technologies: [uipath]", "run_period: daily", ""])
    check = autoproces("check", f"processes/aarhus/{path.name}", cwd=project)
    assert check.returncode == 0 and "1 fil kontrolleret: 0 fejl, 0 advarsler." in check.stdout, check.stdout


def test_new_with_flags_only_for_a_process_in_operation(project):
    args = ["new", "--no-input", "--title", "Robot til NemRefusion", "--short-description", "Refusion søges af en robot.",
            "--municipality", "odense", "--phase", "operation", "--kle", "32.30.04", "--contact-name", "Ib Hansen",
            "--contact-email", "robot@odense.dk", "--technologies", "uipath,python", "--it-systems", "nemrefusion",
            "--run-period", "weekly", "--put-into-operation", "2025-02-01", "--slug", "nemrefusion-robot"]
    result = autoproces(*args, cwd=project)
    assert result.returncode == 0, result.stderr
    path = project / "processes" / "odense" / "nemrefusion-robot.yaml"
    assert path.read_text(encoding="utf-8") == "\n".join([
        SCHEMA_LINE, "title: Robot til NemRefusion", "short_description: Refusion søges af en robot.",
        "municipality: odense", "phase: operation", "status: inprogress", "visibility: public", "kle: 32.30.04",
        "contact:", "  name: Ib Hansen", "  email: robot@odense.dk", "", "it_systems: [nemrefusion]", "",
        "technologies: [uipath, python]", "run_period: weekly", "", "put_into_operation: 2025-02-01", ""])
    assert autoproces("check", "processes/odense/nemrefusion-robot.yaml", cwd=project).returncode == 0
    again = autoproces(*args, cwd=project)
    assert again.returncode == 1 and "processes/odense/nemrefusion-robot.yaml findes allerede" in again.stderr


@pytest.mark.parametrize("change, message", [
    ({"--put-into-operation": None}, "Løsning sat i drift (put_into_operation) mangler: giv den med "
                                     "--put-into-operation."),
    ({"--kle": "32.99.99"}, "--kle: '32.99.99' findes ikke i listen"),
    ({"--technologies": "ui-path"}, "--technologies: 'ui-path' findes ikke i listen (se autoproces lists technologies)"),
    ({"--put-into-operation": "1.2.2025"}, "--put-into-operation: Skriv datoen som ÅÅÅÅ-MM-DD, fx 2024-03-15."),
    ({"--phase": "drift"}, "--phase: 'drift' er ikke en af rapid, idea"),
    ({"--title": "x" * 70}, "--title: teksten er 70 tegn; højst 65 tegn"),
])
def test_new_refuses_a_wrong_flag_and_writes_nothing(project, change, message):
    flags = {"--title": "Robot", "--short-description": "Kort.", "--municipality": "odense", "--phase": "operation",
             "--kle": "32.30.04", "--contact-name": "Ib", "--contact-email": "robot@odense.dk",
             "--technologies": "uipath", "--run-period": "weekly", "--put-into-operation": "2025-02-01"}
    flags.update(change)
    args = [item for key, value in flags.items() if value is not None for item in (key, value)]
    result = autoproces("new", "--no-input", *args, cwd=project)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not list((project / "processes").rglob("*.yaml"))


def test_new_stops_cleanly_when_the_input_ends(project):
    result = autoproces("new", cwd=project, stdin="Kun en titel\n")
    assert result.returncode == 2 and "Der er ikke skrevet nogen fil." in result.stderr
    assert not list((project / "processes").rglob("*.yaml"))
