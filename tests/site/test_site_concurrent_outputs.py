"""The outputs (exports, feed, schema, search files) are written by a forked process while mkdocs writes
the pages. A failure there stops the build in Danish and leaves the previous site and no half-written
folder; the site equals a build that writes the outputs after the pages (test_site_pages_parity.py
compares a build on two cores, which writes them alongside, with one on one core, which does not)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.site.concurrent_outputs import merge_folder
from tests.conftest import ROOT, copy_project, run_cli

# Runs ``autoproces build`` with ``pipeline.write_outputs`` replaced by FAILURE (the forked process
# inherits the replacement, as it inherits the publication).
BUILD_WITH_FAILING_OUTPUTS = textwrap.dedent("""
    import os, sys
    from generator import pipeline

    def failing(publication, out_dir, previous=None, incremental=False, parts=()):
        (out_dir / "api").mkdir()
        (out_dir / "api" / "halvt.json").write_text("{")
        {failure}

    pipeline.write_outputs = failing
    from generator.cli import main
    sys.exit(main(["build", "--site-dir", "site", *sys.argv[1:]]))
""")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path) -> Path:
    project = copy_project(tmp_path)
    result = run_cli("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def build_failing(project: Path, failure: str, *args: str) -> subprocess.CompletedProcess[str]:
    script = BUILD_WITH_FAILING_OUTPUTS.replace("{failure}", failure)
    return subprocess.run([sys.executable, "-c", script, *args], cwd=project, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "AUTOPROCES_WORKERS": "2"},
                          timeout=600)


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


@pytest.mark.parametrize("failure, message", [
    ("raise pipeline.BuildError('Søgeindekset kunne ikke bygges: dansk ordstamme mangler.')",
     "Søgeindekset kunne ikke bygges: dansk ordstamme mangler.\n"
     "Websitet blev ikke bygget. Det tidligere website er uændret.\n"),
    ("os._exit(9)",
     "Websitet blev ikke bygget på grund af en uventet fejl: Eksporterne og søgefilerne blev ikke skrevet: "
     "processen, der skrev dem, stoppede uventet (kode 9). Byg igen; sker det igen, så byg med "
     "AUTOPROCES_WORKERS=1 og meld fejlen.\n"),
    ("1 / 0",
     "Websitet blev ikke bygget på grund af en uventet fejl: ZeroDivisionError: division by zero\n"),
], ids=["catalogue-error", "killed", "unexpected"])
def test_failing_outputs_stop_the_build_in_danish_and_keep_the_previous_site(built, failure, message):
    before = snapshot(built / "site")
    result = build_failing(built, failure)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(built / "site") == before
    assert leftovers(built) == []


def test_the_outputs_replace_page_files_of_the_same_name_and_join_their_folders(tmp_path):
    outputs, site = tmp_path / "outputs", tmp_path / "site"
    for path, text in {"outputs/api/processes.json": "[]", "outputs/api/p/a.json": "{}", "outputs/feed.xml": "ny",
                       "outputs/search/index.json": "{}", "outputs/schema": "skema", "site/api/index.html": "side",
                       "site/feed.xml": "gammel", "site/search/gammel.txt": "fra siderne",
                       "site/schema/x.html": "side"}.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    merge_folder(outputs, site)
    assert snapshot(site) == {"api/index.html": b"side", "api/p/a.json": b"{}", "api/processes.json": b"[]",
                              "feed.xml": b"ny", "schema": b"skema", "search/gammel.txt": b"fra siderne",
                              "search/index.json": b"{}"}
    assert sorted(p.name for p in outputs.rglob("*") if p.is_file()) == []


# A build (full or incremental, the flags in argv): ``write_outputs`` is recorded per call (its parts,
# its process) and the search part's process dies after its exports sibling has written its files.
BUILD_WITH_DYING_SEARCH = textwrap.dedent("""
    import os, sys
    from generator import pipeline

    original = pipeline.write_outputs

    def recorded(publication, out_dir, previous=None, incremental=False, parts=pipeline.OUTPUT_PARTS):
        with open("calls.txt", "a") as f:
            f.write(f"{os.getpid() != PARENT} {','.join(parts)}\\n")
        if parts == ("search",) and os.environ.get("DIE"):
            os._exit(9)
        original(publication, out_dir, previous=previous, incremental=incremental, parts=parts)

    PARENT = os.getpid()
    pipeline.write_outputs = recorded
    from generator.cli import main
    sys.exit(main(["build", "--site-dir", "site", *sys.argv[1:]]))
""")


@pytest.mark.parametrize("flags", [["--incremental"], []], ids=["incremental", "full"])
def test_a_build_writes_exports_and_search_in_two_processes_and_stops_when_one_dies(built, flags):
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "AUTOPROCES_WORKERS": "2"}
    run = lambda **extra: subprocess.run([sys.executable, "-c", BUILD_WITH_DYING_SEARCH, *flags], cwd=built,  # noqa: E731
                                         capture_output=True, text=True, env={**env, **extra}, timeout=600)
    result = run()
    assert result.returncode == 0, result.stderr
    assert sorted((built / "calls.txt").read_text().splitlines()) == ["True exports", "True search"]
    before = snapshot(built / "site")
    assert "api/processes.json" in before and "soeg/data/manifest.json" in before
    (built / "calls.txt").unlink()
    result = run(DIE="1")
    assert result.returncode == 1
    assert ("Websitet blev ikke bygget på grund af en uventet fejl: Eksporterne og søgefilerne blev ikke skrevet: "
            "processen, der skrev dem, stoppede uventet (kode 9).") in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(built / "site") == before
    assert leftovers(built) == []


def test_a_full_build_of_a_large_catalogue_writes_its_outputs_in_one_process():
    from generator.publication import Publication
    from generator.site.concurrent_outputs import SPLIT_FULL_BUILDS_UP_TO, split_outputs

    small = Publication(published=[None] * SPLIT_FULL_BUILDS_UP_TO)  # only its length is asked
    large = Publication(published=[None] * (SPLIT_FULL_BUILDS_UP_TO + 1))
    assert split_outputs(small, incremental=False) and split_outputs(large, incremental=True)
    assert not split_outputs(large, incremental=False)  # memory beside the page workers limits it


# Runs ``autoproces build`` noting the niceness, above the build process's, of each process that writes
# outputs (by part) and of each page worker.
BUILD_NOTING_PRIORITIES = textwrap.dedent("""
    import os, sys
    from generator import pipeline
    from generator.site import bulk

    PARENT, NICE = os.getpid(), os.nice(0)
    outputs, render_range = pipeline.write_outputs, bulk._render_range

    def note(what):
        with open("priorities.txt", "a") as f:
            f.write(f"{what} {os.nice(0) - NICE}\\n")

    def noted_outputs(publication, out_dir, previous=None, incremental=False, parts=pipeline.OUTPUT_PARTS):
        note(",".join(parts))
        outputs(publication, out_dir, previous=previous, incremental=incremental, parts=parts)

    def noted_pages(job, start, stop):
        if os.getpid() != PARENT:
            note("pages")
        return render_range(job, start, stop)

    pipeline.write_outputs, bulk._render_range = noted_outputs, noted_pages
    from generator.cli import main
    sys.exit(main(["build", "--site-dir", "site", *sys.argv[1:]]))
""")


def test_the_processes_that_are_not_the_builds_last_run_at_a_lower_priority(tmp_path):
    from generator.site.concurrent_outputs import LOWER_BY

    project = copy_project(tmp_path)
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "AUTOPROCES_WORKERS": "2"}

    def priorities(*flags: str) -> list[str]:
        (project / "priorities.txt").unlink(missing_ok=True)
        result = subprocess.run([sys.executable, "-c", BUILD_NOTING_PRIORITIES, *flags], cwd=project,
                                capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, result.stderr
        return sorted(set((project / "priorities.txt").read_text().splitlines()))

    # a full build: the search files' process is the last to finish; the exports and the page workers yield
    assert priorities() == [f"exports {LOWER_BY}", f"pages {LOWER_BY}", "search 0"]
    # the first incremental build has no list of the previous site's pages: it renders them as a full build
    assert priorities("--incremental") == [f"exports {LOWER_BY}", f"pages {LOWER_BY}", "search 0"]
    # the next links its pages in the build process, the last to finish: both outputs yield
    assert priorities("--incremental") == [f"exports {LOWER_BY}", f"search {LOWER_BY}"]
