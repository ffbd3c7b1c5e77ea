"""The curated lists are read straight from their source YAML: a new entry counts without a rebuild."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.support.catalogue import BASE, write
from generator.taxonomies import load_taxonomies
from generator.taxonomies.curated_direct import CURATED_DIR, FILES, merge_items, read_curated_file

SYSTEMS = "taxonomies/sources/curated/it_systems.yaml"
TECHNOLOGIES = "taxonomies/sources/curated/technologies.yaml"



def cache_drift(directory: Path) -> list[str]:
    """Where a cached curated list disagrees with its source file, one Danish line per item.

    Entries that are only in the source are not drift: they are read directly, and the next
    ``autoproces taxonomies build`` copies them into the cache. Items from KITOS are not compared.
    """
    problems = []
    for list_name, file_name in FILES.items():
        cache, path = directory / f"{list_name}.json", directory / CURATED_DIR / file_name
        if not cache.is_file() or not path.is_file():
            continue
        source, findings = read_curated_file(path, list_name)
        if source is None or findings:
            problems.append(f"{file_name} har fejl; ret dem først (autoproces check)")
            continue
        by_code = {item["code"]: item for item in source}
        for item in json.loads(cache.read_text(encoding="utf-8"))["items"]:
            if item.get("kitos_uuid"):
                continue
            if item["code"] not in by_code:
                problems.append(f"{list_name}.json: '{item['code']}' står ikke i {file_name}")
            elif by_code[item["code"]] != item:
                problems.append(f"{list_name}.json: '{item['code']}' er ændret i {file_name}; "
                                "kør autoproces taxonomies build")
    return problems


def git(repo: Path, *args: str) -> str:
    env = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """A real git repository with the committed lists (cache and curated sources) and no processes."""
    repo = tmp_path / "katalog"
    (repo / "taxonomies").mkdir(parents=True)
    for path in (ROOT / "taxonomies").glob("*.json"):
        shutil.copy2(path, repo / "taxonomies" / path.name)
    shutil.copytree(ROOT / "taxonomies" / "sources" / "curated", repo / "taxonomies" / "sources" / "curated")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Lister")
    return repo


def test_a_new_it_system_entry_makes_the_process_pass_without_any_other_command(repo):
    write(repo, "processes/aarhus/koe-styring.yaml", BASE + "it_systems: [qmatic]\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Ny proces")
    before = run_cli("check", cwd=repo)
    assert before.returncode == 1, before.stdout
    assert "processes/aarhus/koe-styring.yaml:10:14: error AP405 felt it_systems[1]: IT-systemet 'qmatic' findes ikke" in before.stdout
    # The hint names the file and gives an entry that can be pasted as it is.
    assert f"under 'systems:' i {SYSTEMS}, fx qmatic: {{name: Qmatic, vendor: null, source: null}}" in before.stdout
    with (repo / SYSTEMS).open("a", encoding="utf-8") as fh:
        fh.write("  qmatic: {name: Qmatic, vendor: null, source: null}\n")
    git(repo, "commit", "-qam", "Tilføj Qmatic")
    after = run_cli("check", cwd=repo)
    assert after.returncode == 0 and "1 fil kontrolleret: 0 fejl, 0 advarsler." in after.stdout, after.stdout
    assert b'"qmatic"' not in (repo / "taxonomies" / "it_systems.json").read_bytes()  # no rebuild happened


def test_a_new_technology_entry_counts_at_once(repo):
    write(repo, "processes/aarhus/script.yaml", BASE + "technologies: [power-query]\n")
    before = run_cli("check", cwd=repo)
    assert "error AP407 felt technologies[1]: Teknologien 'power-query' findes ikke" in before.stdout
    assert f"'technologies:' i {TECHNOLOGIES}, fx power-query: {{name: Power query, category: rules}}" in before.stdout
    with (repo / TECHNOLOGIES).open("a", encoding="utf-8") as fh:
        fh.write("  power-query: {name: Power Query, category: rules}\n")
    after = run_cli("check", cwd=repo)
    assert after.returncode == 0, after.stdout


def test_mistakes_in_a_curated_file_are_findings_with_line_and_column(repo):
    write(repo, "processes/aarhus/proces.yaml", BASE + "it_systems: [kmd-nexus]\n")
    with (repo / SYSTEMS).open("a", encoding="utf-8") as fh:
        fh.write("  kmdnexus:\n    name: KMD-Nexus\n    vendor: KMD A/S\n"
                 "  SD Løn:\n    name: SD Løn\n    vendor: null\n"
                 "  qmatic:\n    name: Qmatic\n")
    lines = (repo / SYSTEMS).read_text(encoding="utf-8").count("\n")
    result = run_cli("check", "processes/aarhus/proces.yaml", cwd=repo)
    assert result.returncode == 1
    assert (f"{SYSTEMS}:{lines - 7}:3: error AP415: 'kmdnexus' (KMD-Nexus) i listen over IT-systemer ligner "
            "'kmd-nexus' (KMD Nexus), som allerede står i listen.") in result.stdout
    assert f"{SYSTEMS}:{lines - 4}:3: error AP414: 'SD Løn' er ikke et gyldigt kortnavn" in result.stdout
    assert "fx 'sd-loen'" in result.stdout
    assert (f"{SYSTEMS}:{lines - 1}:3: error AP413: Posten 'qmatic' i listen over IT-systemer mangler feltet "
            "'vendor'.") in result.stdout
    assert "Eksempel: qmatic: {name: Qmatic, vendor: null, source: null}" in result.stdout
    # The process itself is fine: the valid entries of the file are still used.
    assert "proces.yaml" not in result.stdout


def test_a_build_stops_on_a_broken_curated_file(repo):
    from generator.pipeline import load_catalogue

    write(repo, "processes/aarhus/proces.yaml", BASE)
    (repo / SYSTEMS).write_text("systems: []\n", encoding="utf-8")
    taxonomies = load_taxonomies(repo / "taxonomies")
    catalogue = load_catalogue([repo / "processes"], taxonomies)
    assert [(f.rule, f.line) for f in catalogue.findings] == [("AP417", 1)]
    assert "kmd-nexus" in taxonomies["it_systems"]  # the cache is used while the source cannot be


def test_items_refreshed_from_kitos_win_over_the_hand_written_entry():
    cached = [{"code": "kmd-nexus", "title": "KMD Nexus (KITOS)", "kitos_uuid": "0b7e…"},
              {"code": "cura", "title": "Cura", "kitos_uuid": None}]
    curated = [{"code": "kmd-nexus", "title": "KMD Nexus", "kitos_uuid": None},
               {"code": "cura", "title": "Cura 2", "kitos_uuid": None}, {"code": "ny", "title": "Ny"}]
    merged = {item["code"]: item["title"] for item in merge_items(cached, curated)}
    assert merged == {"kmd-nexus": "KMD Nexus (KITOS)", "cura": "Cura 2", "ny": "Ny"}


def test_the_committed_cache_matches_its_curated_sources():
    assert cache_drift(ROOT / "taxonomies") == []


def test_cache_drift_allows_new_entries_but_not_changed_or_removed_ones(repo):
    directory = repo / "taxonomies"
    with (repo / SYSTEMS).open("a", encoding="utf-8") as fh:
        fh.write("  qmatic: {name: Qmatic, vendor: null}\n")
    assert cache_drift(directory) == []
    text = (repo / SYSTEMS).read_text(encoding="utf-8")
    (repo / SYSTEMS).write_text(text.replace("    name: KMD Nexus\n", "    name: KMD Nexus 2\n")
                                .replace("  fasit:\n    name: Fasit\n    vendor: null              "
                                         "# unknown: no public source found\n", ""), encoding="utf-8")
    assert cache_drift(directory) == [
        "it_systems.json: 'fasit' står ikke i it_systems.yaml",
        "it_systems.json: 'kmd-nexus' er ændret i it_systems.yaml; kør autoproces taxonomies build",
    ]


def test_the_real_curated_files_have_no_findings():
    assert load_taxonomies(ROOT / "taxonomies").source_findings == []
