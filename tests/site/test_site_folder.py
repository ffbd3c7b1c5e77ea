"""The build's own output folder: never the project's sources or a foreign folder, a Danish message
instead of a traceback when it cannot be written, modes any web server can serve, and no staging
leftovers from an interrupted build."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator.output_folder import MARKER, project_sources, site_folder_problem
from tests.conftest import ROOT, copy_project, run_cli
from tests.support.catalogue import write_process


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".git/" not in p.as_posix()}


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path, processes=False)
    write_process(project / "processes", "en-proces")
    write_process(tmp_path / "privat", "intern", visibility="municipality")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    return project


@pytest.mark.parametrize("site_dir, relation, source", [
    ("processes", "er", "processes"),
    ("processes/aarhus", "ligger inde i", "processes"),
    (".", "indeholder", "processes"),
    ("..", "indeholder", "processes"),
    (".git", "er", ".git"),
    ("taxonomies", "er", "taxonomies"),
    ("docs", "er", "docs"),
    ("site_templates/assets", "ligger inde i", "site_templates"),
    ("../privat", "er", "../privat"),
])
def test_a_site_folder_in_or_around_the_sources_is_refused_and_nothing_changes(project, site_dir, relation, source):
    before = snapshot(project.parent)
    result = run_cli("build", "--audience", "aarhus", "--overlay", "../privat", "--site-dir", site_dir, cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert (f"autoproces build: Mappen '{site_dir}' {relation} projektets kilder (" in output
            and "som en build ville slette" in output), output
    assert source in output.split("projektets kilder (", 1)[1].split(")", 1)[0]
    assert snapshot(project.parent) == before
    assert not [p for p in project.parent.rglob(".*") if ".new-" in p.name or ".old-" in p.name]


def test_the_generator_itself_and_the_configuration_are_sources():
    sources = project_sources(ROOT / "mkdocs.yml")
    assert "projektets kilder" in site_folder_problem(ROOT / "generator", sources)
    assert "ligger inde i projektets kilder" in site_folder_problem(ROOT / "generator" / "site", sources)
    assert "indeholder projektets kilder" in site_folder_problem(ROOT, sources)


def test_mkdocs_build_directly_into_the_catalogue_is_refused_too(project):
    before = snapshot(project / "processes")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "processes"], cwd=project,
                            capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert f"Mappen '{project / 'processes'}' er projektets kilder" in result.stderr + result.stdout
    assert snapshot(project / "processes") == before


def test_a_foreign_folder_is_refused_and_a_folder_from_an_earlier_build_is_replaced(project):
    foreign = project / "hjemme"
    foreign.mkdir()
    (foreign / "dagbog.txt").write_text("mine egne noter", encoding="utf-8")

    refused = run_cli("build", "--site-dir", "hjemme", cwd=project)

    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert ("autoproces build: Mappen 'hjemme' er ikke tom og er ikke skrevet af en tidligere 'autoproces build' "
            f"(filen {MARKER} mangler), så den erstattes ikke.") in refused.stderr
    assert sorted(p.name for p in foreign.iterdir()) == ["dagbog.txt"]

    first = run_cli("build", "--site-dir", "nyt-site", cwd=project)
    assert first.returncode == 0, first.stderr
    assert "autoproces build" in (project / "nyt-site" / MARKER).read_text(encoding="utf-8")
    second = run_cli("build", "--site-dir", "nyt-site", cwd=project)
    assert second.returncode == 0, second.stderr
    assert (project / "nyt-site" / "index.html").is_file()


def test_an_existing_file_is_refused(project):
    (project / "site").write_text("ikke en mappe", encoding="utf-8")
    result = run_cli("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "autoproces build: 'site' er en fil og ikke en mappe." in result.stderr
    assert (project / "site").read_text(encoding="utf-8") == "ikke en mappe"


@pytest.mark.parametrize("site_dir, problem", [
    ("fil.txt/site", "Mappen '{project}/fil.txt' til websitet kan ikke oprettes eller skrives i: en del af stien er "
                     "en fil og ikke en mappe. Vælg en anden mappe med --site-dir."),
    ("fil.txt/under/site", "Mappen '{project}/fil.txt/under' til websitet kan ikke oprettes eller skrives i: en del "
                           "af stien er en fil og ikke en mappe."),
    ("/proc/autoproces-site", "Mappen '/proc' til websitet kan ikke skrives i: mappen findes ikke, eller der kan "
                              "ikke oprettes mapper i den."),
])
def test_a_folder_that_cannot_be_created_gives_a_danish_message_and_exit_1(project, site_dir, problem):
    (project / "fil.txt").write_text("en fil", encoding="utf-8")
    result = run_cli("build", "--site-dir", site_dir, cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert f"autoproces build: {problem.format(project=project)}" in result.stderr


def test_the_site_has_mode_0755_for_folders_and_0644_for_files_whatever_the_umask(project):
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", "site"], cwd=project,
                            capture_output=True, text=True, preexec_fn=lambda: os.umask(0o077))
    assert result.returncode == 0, result.stderr
    site = project / "site"
    modes = {stat.S_IMODE(p.lstat().st_mode) for p in [site, *site.rglob("*")] if p.is_dir()}
    file_modes = {stat.S_IMODE(p.lstat().st_mode) for p in site.rglob("*") if p.is_file()}
    assert modes == {0o755} and file_modes == {0o644}
    assert not [p for p in site.rglob("*") if p.is_symlink()]


def test_staging_folders_of_an_interrupted_build_are_removed_by_the_next_build(project):
    dead = 99_999_999  # no such process
    leftovers = [f".site.new-{dead}-k3j2", f".site.old-{dead}", ".site.new-gammel"]
    for name in leftovers:
        (project / name).mkdir()
        (project / name / "index.html").write_text("halvt website", encoding="utf-8")
    running = project / f".site.new-{os.getpid()}-igang"  # a build that still runs (this test's process)
    running.mkdir()
    other_site = project / f".andet-site.new-{dead}-x"  # belongs to another site folder
    other_site.mkdir()

    result = run_cli("build", "--site-dir", "site", cwd=project)

    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in project.iterdir() if ".new-" in p.name or ".old-" in p.name) == [
        other_site.name, running.name]


def test_staging_folders_and_temporary_files_are_ignored_by_git():
    paths = [".site.new-123-abcd/", ".site.old-123/", ".site-aarhus.new-9-x/", "taxonomies/.kle.json.123-ab12.tmp"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *paths], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.splitlines() == paths


def test_export_out_refuses_the_catalogue_like_the_build(project):
    before = snapshot(project / "processes")
    result = run_cli("export", "--out", "processes", cwd=project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("autoproces export: Mappen 'processes' er projektets kilder (" in result.stderr
            and "Vælg en mappe uden for kilderne med --out" in result.stderr)
    assert snapshot(project / "processes") == before
