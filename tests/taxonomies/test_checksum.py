"""A cached list is checked against its manifest's checksum when it is loaded, and the temporary
files of an interrupted write are removed by the next build of the lists."""

from __future__ import annotations

import os
import shutil

import pytest

from generator.taxonomies import load_taxonomies
from generator.taxonomies.errors import TaxonomyError
from tests.conftest import run_cli

from .conftest import ROOT, TAXONOMIES


@pytest.fixture
def project(tmp_path):
    shutil.copytree(TAXONOMIES, tmp_path / "taxonomies")
    (tmp_path / "processes" / "aarhus").mkdir(parents=True)
    shutil.copy2(ROOT / "processes" / "aarhus" / next(p.name for p in (ROOT / "processes" / "aarhus").glob("*.yaml")),
                 tmp_path / "processes" / "aarhus")
    return tmp_path


def tamper(path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data
    path.write_bytes(data.replace(old, new, 1))


EXPECTED_KLE = ("autoproces: Referencelisten taxonomies/kle.json passer ikke med kontrolsummen (items_sha256) i "
                "taxonomies/kle.manifest.json: listen er ændret i hånden, kun delvist skrevet eller flettet forkert. "
                "Byg listen 'kle' igen fra kilderne i taxonomies/sources/ med 'autoproces taxonomies build' (eller "
                "hent den gemte udgave igen med 'git checkout -- taxonomies/kle.json taxonomies/kle.manifest.json'), "
                "eller hent den fra kilden med 'autoproces taxonomies refresh --only kle'.\n")


def test_a_list_edited_by_hand_is_refused_with_the_list_to_rebuild_and_how(project):
    tamper(project / "taxonomies" / "kle.json", b'"title":"', b'"title":"X')

    result = run_cli("check", cwd=project)

    assert result.returncode == 1
    assert result.stderr == EXPECTED_KLE
    assert result.stdout == ""


def test_a_list_cut_short_stops_the_build_without_a_traceback(project):
    path = project / "taxonomies" / "municipalities.json"
    path.write_bytes(path.read_bytes()[:-200])
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "site_templates", project / "site_templates")
    shutil.copytree(ROOT / "docs", project / "docs")

    result = run_cli("build", "--site-dir", "site", cwd=project)

    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "Referencelisten " in result.stderr and "taxonomies/municipalities.json passer ikke med kontrolsummen" in result.stderr
    assert "Byg listen 'municipalities' igen" in result.stderr and "refresh" not in result.stderr
    assert not (project / "site").exists()


def test_rebuilding_the_list_makes_it_match_again(project):
    tamper(project / "taxonomies" / "form.json", b'"title":"', b'"title":"X')
    with pytest.raises(TaxonomyError, match="taxonomies/form.json passer ikke"):
        load_taxonomies(project / "taxonomies")
    assert run_cli("taxonomies", "build", cwd=project).returncode == 0
    assert len(load_taxonomies(project / "taxonomies")["form"]) > 3000
    assert run_cli("check", cwd=project).returncode == 0


def test_the_committed_lists_match_their_manifests():
    lists = load_taxonomies(TAXONOMIES)
    assert len(lists["kle"]) > 1000 and len(lists["municipalities"]) == 103


def test_temporary_files_of_an_interrupted_write_are_removed_by_the_next_build(project):
    folder = project / "taxonomies"
    stale = [folder / ".kle.json.99999999-a1b2c3.tmp", folder / ".form.manifest.json.x7y8z9.tmp"]
    for path in stale:
        path.write_bytes(b'{"list":"kle","items":[')
    running = folder / f".kle.json.{os.getpid()}-igang.tmp"  # a write that still runs (this process)
    running.write_bytes(b"")

    assert run_cli("taxonomies", "build", cwd=project).returncode == 0

    assert sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp")) == [running.name]
