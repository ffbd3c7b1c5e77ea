"""``autoproces audit`` on a real git repository with old and fresh commits."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import ROOT, run_cli
from tests.support.catalogue import BASE
from tests.support.git_repo import commit, git, init_repo

OPERATION = BASE.replace("phase: idea", "phase: operation") + (
    "technologies: [uipath]\nrun_period: daily\nput_into_operation: 2023-03-01\nlegal_clause: Lov om social service § 112\n")


def odense(text: str, title: str) -> str:
    return text.replace("aarhus", "odense").replace("Journalisering af lægeerklæringer", title)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = init_repo(tmp_path_factory.mktemp("audit") / "katalog")
    shutil.copytree(ROOT / "taxonomies", repo / "taxonomies", ignore=shutil.ignore_patterns("sources"))
    commit(repo, "Gamle processer", "2024-01-10T10:00:00+01:00", {
        "processes/aarhus/gammel.yaml": BASE,
        "processes/aarhus/privat.yaml": BASE.replace("visibility: public", "visibility: municipality").replace(
            "Journalisering af lægeerklæringer", "Hemmelig proces"),
        "processes/aarhus/rettes-senere.yaml": BASE.replace("Journalisering af lægeerklæringer", "Breve"),
    })
    commit(repo, "Nye processer", "2025-05-01T10:00:00+02:00", {
        "processes/aarhus/rettes-senere.yaml": BASE.replace("Journalisering af lægeerklæringer", "Breve til borgere"),
        "processes/odense/kontrolleret-for-laenge-siden.yaml":
            odense(OPERATION, "Hjælpemidler") + "legal_clause_last_verified: 2024-11-30\n",
        "processes/odense/kontrolleret-for-nylig.yaml":
            odense(OPERATION, "Befordring") + "legal_clause_last_verified: 2024-12-01\n",
        "processes/odense/aldrig-kontrolleret.yaml": odense(OPERATION, "Boligstøtte"),
    })
    return repo


def run_audit(repo, *args: str):
    return run_cli("audit", "--today", "2025-06-01", "--repo-url", "https://github.com/kommune/katalog", *args, cwd=repo)


def test_one_markdown_text_per_municipality_with_the_processes_to_look_at(repo):
    result = run_audit(repo)
    assert result.returncode == 0, result.stderr
    url = "https://github.com/kommune/katalog/blob/main/processes"
    assert result.stdout == f"""\
## Gennemgang af processer: Aarhus Kommune

<!-- autoproces-audit:aarhus -->
Automatisk gennemgang af Aarhus Kommunes offentlige processer den 1. juni 2025. Ret processerne i en pull request; listen opdateres hver uge.

### Ikke ændret i 12 måneder

Offentlige processer, hvis fil ikke er ændret i et år. Er kontaktperson, fase, status og tal stadig rigtige? Ret dem, eller bekræft processen med en lille ændring.

- [Journalisering af lægeerklæringer]({url}/aarhus/gammel.yaml): sidst ændret 10. januar 2024

## Gennemgang af processer: Odense Kommune

<!-- autoproces-audit:odense -->
Automatisk gennemgang af Odense Kommunes offentlige processer den 1. juni 2025. Ret processerne i en pull request; listen opdateres hver uge.

### Lovgrundlaget er ikke kontrolleret i 6 måneder

Processer i drift med en lovparagraf, der ikke er kontrolleret siden 1. december 2024. Kontrollér paragraffen, og skriv datoen i `legal_clause_last_verified`.

- [Boligstøtte]({url}/odense/aldrig-kontrolleret.yaml): aldrig kontrolleret
- [Hjælpemidler]({url}/odense/kontrolleret-for-laenge-siden.yaml): sidst kontrolleret 30. november 2024

"""


def test_json_for_the_workflow_has_one_issue_title_and_body_per_municipality(repo):
    data = json.loads(run_audit(repo, "--format", "json").stdout)
    assert data["date"] == "2025-06-01"
    assert [(m["municipality"], m["title"]) for m in data["municipalities"]] == [
        ("aarhus", "Gennemgang af processer: Aarhus Kommune"), ("odense", "Gennemgang af processer: Odense Kommune")]
    assert data["municipalities"][0]["unchanged"] == ["aarhus/gammel"]
    assert data["municipalities"][1]["legal_clause"] == ["odense/aldrig-kontrolleret", "odense/kontrolleret-for-laenge-siden"]
    assert data["municipalities"][1]["body"].startswith("<!-- autoproces-audit:odense -->\n")
    assert "Hemmelig proces" not in json.dumps(data, ensure_ascii=False)


def test_a_year_later_everything_is_old_and_a_shallow_clone_is_refused(repo, tmp_path):
    later = run_cli("audit", "--today", "2026-06-01", "--format", "json", cwd=repo)
    unchanged = json.loads(later.stdout)["municipalities"][0]["unchanged"]
    assert unchanged == ["aarhus/gammel", "aarhus/rettes-senere"]
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    shallow = run_cli("audit", cwd=clone)
    assert shallow.returncode == 2 and "fetch-depth: 0" in shallow.stderr
