"""``autoproces pr-report`` between two revisions of a real git repository with real commits."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT, run_cli
from tests.support.catalogue import BASE
from tests.core.test_one_pass import TEN_MISTAKES
from tests.support.git_repo import commit, git, init_repo

SECRET = "HEMMELIG-KANARIE"
DEVELOPMENT = BASE.replace("phase: idea", "phase: development") + "technologies: [uipath]\nrun_period: daily\n"
CHANGED = DEVELOPMENT.replace("phase: development", "phase: operation").replace(
    "Digitaliseringsenheden", "Anne Jensen") + (
    "put_into_operation: 2024-09-01\nit_systems: [kmd-nexus]\n"
    f"owner:\n  name: {SECRET} Hansen\ninternal_notes: Robotten fejler om torsdagen {SECRET}.\n")
ODENSE = BASE.replace("aarhus", "odense") + "it_systems: [kmd-nexus]\n"
REPO_URL = "https://github.com/kommune/katalog"


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = init_repo(tmp_path_factory.mktemp("pr") / "katalog")
    shutil.copytree(ROOT / "taxonomies", repo / "taxonomies", ignore=shutil.ignore_patterns("sources"))
    commit(repo, "Katalog", "2024-01-10T10:00:00+01:00", {
        "processes/aarhus/journalisering.yaml": DEVELOPMENT + f"owner:\n  name: Første ejer\n",
        "processes/aarhus/gammelt-navn.yaml": BASE.replace("Journalisering af lægeerklæringer", "Udsendelse af breve"),
        "processes/odense/fjernes.yaml": BASE.replace("aarhus", "odense").replace(
            "Journalisering af lægeerklæringer", "Scanning af post"),
        "processes/odense/uaendret.yaml": ODENSE,
    })
    git(repo, "checkout", "-q", "-b", "forslag")
    commit(repo, "Ny proces og ændringer", "2024-09-02T10:00:00+02:00", {
        "processes/aarhus/ny-proces.yaml": TEN_MISTAKES,
        "processes/aarhus/journalisering.yaml": CHANGED,
        "processes/odense/fjernes.yaml": None,
    })
    git(repo, "mv", "processes/aarhus/gammelt-navn.yaml", "processes/aarhus/nyt-navn.yaml")
    commit(repo, "Omdøb", "2024-09-03T10:00:00+02:00")
    git(repo, "checkout", "-q", "main")
    return repo


def report(repo, *args: str) -> str:
    result = run_cli("pr-report", "--base", "main", "--head", "forslag", "--repo-url", REPO_URL, *args, cwd=repo)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_cards_and_a_danish_field_diff_for_added_changed_renamed_and_removed_processes(repo):
    text = report(repo)
    assert text.startswith("<!-- autoproces-pr-report -->\n## Ændringer i kataloget\n")
    assert "**4 processer**: 1 ny, 1 ændret, 1 omdøbt, 1 fjernet." in text
    assert "### Ny proces: aarhus/ny-proces\n" in text  # the new file is not valid, so no title is trusted
    assert "### Ændret proces: Journalisering af lægeerklæringer\n" in text
    assert "### Omdøbt proces: Udsendelse af breve\n" in text and "(før `aarhus/gammelt-navn`)" in text
    assert "### Fjernet proces: Scanning af post\n" in text
    for row in ("| Organisation | Aarhus Kommune |", "| Fase | I drift |", "| IT-systemer | KMD Nexus |",
                "| Anvendt teknologi | UiPath |", "| Synlighed | Synlig for alle |"):
        assert row in text
    for line in ("- Fase (`phase`): Udvikling → I drift", "- Kontaktperson (`contact`): ændret",
                 "- Faglig kontaktperson (`owner`): ændret", "- Interne noter (`internal_notes`): tilføjet",
                 "- Nuværende systemer (`it_systems`): tilføjet KMD Nexus",
                 "- Løsning sat i drift (`put_into_operation`): tilføjet (2024-09-01)"):
        assert line in text, line


def test_every_finding_of_the_changed_files_with_line_links_past_githubs_ten_annotations(repo):
    text = report(repo)
    head = git(repo, "rev-parse", "forslag").strip()
    section = text.split("## Fund i de ændrede filer\n", 1)[1].split("## Betydning for kataloget", 1)[0]
    assert f"### [processes/aarhus/ny-proces.yaml]({REPO_URL}/blob/{head}/processes/aarhus/ny-proces.yaml): 11 fejl, 0 advarsler" in section
    links = [line for line in section.splitlines() if line.startswith("- [linje ")]
    assert len(links) == 11
    assert links[0].startswith(f"- [linje 1]({REPO_URL}/blob/{head}/processes/aarhus/ny-proces.yaml#L1): fejl **AP101** Ukendt felt: "
                            "Feltet 'titel' findes ikke i procesbeskrivelsen.")
    assert f"#L13): fejl **AP405** Ukendt IT-system: IT-systemet 'kmd-nexsus' findes ikke i systemlisten." in section
    assert "journalisering.yaml" not in section  # the changed process is valid


def test_what_the_change_does_to_the_catalogue(repo):
    impact = report(repo).split("## Betydning for kataloget\n", 1)[1]
    assert "- 2 processer bruger nu KMD Nexus (før 1)." in impact
    assert "- Kataloget har nu 3 offentlige processer (før 4)." in impact
    assert "- 1 proces er nu i fasen I drift (før 0)." in impact


def test_no_value_of_a_non_public_field_in_either_format(repo):
    text = report(repo)
    assert SECRET not in text and "Robotten fejler" not in text
    assert SECRET not in report(repo, "--format", "json")
    assert "Første ejer" not in report(repo)


def test_json_has_the_same_report(repo):
    data = json.loads(report(repo, "--format", "json"))
    assert data["counts"] == {"errors": 11, "warnings": 0, "processes": 4}
    assert sorted(c["status"] for c in data["changes"]) == ["added", "changed", "removed", "renamed"]
    changed = next(c for c in data["changes"] if c["status"] == "changed")
    phase = next(d for d in changed["diff"] if d["key"] == "phase")
    assert (phase["label"], phase["old"], phase["new"]) == ("Fase", "Udvikling", "I drift")
    owner = next(d for d in changed["diff"] if d["key"] == "owner")
    assert (owner["change"], owner["old"], owner["new"]) == ("ændret", None, None)


def test_the_checked_out_head_and_bad_revisions(repo):
    git(repo, "checkout", "-q", "forslag")
    try:
        result = run_cli("pr-report", "--base", "main", cwd=repo)
        assert result.returncode == 0 and "- [linje" not in result.stdout and "- linje 13: fejl **AP405**" in result.stdout
    finally:
        git(repo, "checkout", "-q", "main")
    bad = run_cli("pr-report", "--base", "findes-ikke", cwd=repo)
    assert bad.returncode == 2 and "Git kender ikke revisionen 'findes-ikke'" in bad.stderr
    hostile = run_cli("pr-report", "--base", "--output=/tmp/x", cwd=repo)
    assert hostile.returncode == 2 and "Traceback" not in hostile.stderr
    assert not git(repo, "worktree", "list").count("\n") > 1  # the temporary worktree is gone


def test_a_finding_inside_a_field_that_is_not_public_is_reported_without_its_text(tmp_path):
    from generator.pipeline import load_catalogue
    from generator.sharing.report import _public_finding
    from generator.sharing.versions import parse
    from tests.support.catalogue import real_lists, write

    text = BASE + f"owner:\n  name: Ejer\n  email: {SECRET}.example\n"
    path = write(tmp_path, "processes/aarhus/proces.yaml", text)
    finding = next(f for e in load_catalogue([tmp_path / "processes"], real_lists()) for f in e.findings)
    assert finding.rule == "AP111" and SECRET in finding.message
    shown = _public_finding(finding, "processes/aarhus/proces.yaml", parse("processes/aarhus/proces.yaml", path.read_bytes()))
    assert (shown.rule, shown.line, shown.file) == ("AP111", 12, "processes/aarhus/proces.yaml")
    assert shown.message == "Feltet Faglig kontaktperson (owner) har et problem; se linjen i filen." and shown.hint == ""
