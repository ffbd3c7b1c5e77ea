"""``autoproces check`` at scale: the process pool gives the serial output byte for byte, and a check of
a few files with the facts cache gives exactly the findings of a full check, whatever state the cache is in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.catalogue import BASE, real_lists
from tests.support.git_repo import commit, init_repo
from tests.support.workers import record_checking_processes
from generator.checks import batch, cache
from generator.checks.selection import Selection, check_selection
from generator.cli import main

CORPUS = ROOT / "tests" / "corpus" / "processes"
TAXONOMIES = str(ROOT / "taxonomies")
UMBRELLA = "processes/aarhus/support-egen-paraply.yaml"
# Files whose findings depend on other files: a duplicate id, umbrellas, a copy's source.
REQUESTED = [
    "processes/aarhus/dobbelt.yaml",
    "processes/aarhus/ap302-pass-egen-paraply.yaml",
    "processes/aarhus/ap302-fail-almindelig-proces-som-paraply.yaml",
    "processes/aarhus/ap301-fail-ukendt-paraply.yaml",
    "processes/aarhus/ap307-fail-ukendt-kilde.yaml",
]


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """The whole rule corpus plus two files with the same id, committed to a real git repository."""
    shutil.copytree(CORPUS, tmp_path / "processes")
    (tmp_path / "processes" / "aarhus" / "dobbelt.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "processes" / "aarhus" / "dobbelt.yml").write_text(BASE, encoding="utf-8")
    init_repo(tmp_path)
    commit(tmp_path, "katalog", "2026-11-02T10:00:00+01:00")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_output(capsys, *args: str) -> tuple[int, str]:
    code = main(["--taxonomies", TAXONOMIES, "check", *args])
    return code, capsys.readouterr().out


def test_the_pool_prints_byte_for_byte_what_a_serial_check_prints(catalogue, capsys, monkeypatch):
    monkeypatch.setattr(batch, "usable_cores", lambda: 1)
    serial = [check_output(capsys, "--no-cache", "--format", form) for form in ("text", "json")]

    checking_processes = record_checking_processes(monkeypatch, catalogue / "workers")
    monkeypatch.setattr(batch, "usable_cores", lambda: 2)
    monkeypatch.setattr(batch, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(batch, "CHUNK_FILES", 7)
    parallel = [check_output(capsys, "--no-cache", "--format", form) for form in ("text", "json")]

    assert parallel == serial
    pids = checking_processes()
    assert pids and os.getpid() not in pids  # the files were checked in other processes
    code, text = serial[0]
    assert code == 1 and "AP015" in text and "AP302" in text and "AP005" in text
    assert text.splitlines()[-1].startswith(f"{len(list((catalogue / 'processes').rglob('*.y*ml')))} filer kontrolleret")


def selection(files, cache_file=None, versions=None) -> Selection:
    return Selection([Path(f) for f in files], Path("processes"), cache_file=cache_file,
                     versions=versions if versions is not None else {"code": "c", "taxonomies": "t"})


def full_findings_of(files):
    """What a check of the whole catalogue, without a cache, reports for ``files``."""
    everything = check_selection(selection(["processes"]), real_lists()).findings
    return [f for f in everything if f.file in files]


def cached_check(files, versions=None):
    return check_selection(selection(files, cache.cache_file(Path("processes")), versions), real_lists())


def test_a_check_of_changed_files_with_a_warm_cache_reports_what_a_full_check_reports(catalogue):
    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    cold = cached_check(["processes"])
    assert cold.read_in_full == total and cache.cache_file(Path("processes")).is_file()

    warm = cached_check(REQUESTED)
    assert warm.read_in_full == len(REQUESTED)  # every other file came from the cache
    assert warm.checked == len(REQUESTED)
    assert warm.findings == full_findings_of(REQUESTED)
    rules = {(f.file, f.rule) for f in warm.findings}
    assert ("processes/aarhus/dobbelt.yaml", "AP015") in rules  # the other file was not checked, only placed
    assert ("processes/aarhus/ap302-fail-almindelig-proces-som-paraply.yaml", "AP302") in rules
    duplicate = next(f for f in warm.findings if f.rule == "AP015")
    assert "processes/aarhus/dobbelt.yml" in duplicate.message


def test_the_command_reports_the_same_for_changed_files_with_and_without_the_cache(catalogue, capsys):
    assert check_output(capsys, "--format", "json")[0] == 1  # warms the cache
    assert (catalogue / ".autoproces-cache" / "check-facts.json").is_file()
    assert (catalogue / ".autoproces-cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    with_cache = check_output(capsys, "--format", "json", *REQUESTED)
    without = check_output(capsys, "--format", "json", "--no-cache", *REQUESTED)
    assert with_cache == without
    everything = json.loads(check_output(capsys, "--format", "json", "--no-cache")[1])
    assert json.loads(with_cache[1]) == [f for f in everything if f["file"] in REQUESTED]


def test_a_changed_unrequested_file_is_read_again_and_changes_the_findings(catalogue):
    cached_check(["processes"])
    umbrella = catalogue / UMBRELLA
    umbrella.write_text(umbrella.read_text(encoding="utf-8").replace("type: parent", "type: child"), encoding="utf-8")
    stale = cached_check(REQUESTED)
    assert stale.read_in_full == len(REQUESTED) + 1  # the requested files and the changed umbrella
    assert stale.findings == full_findings_of(REQUESTED)
    assert any(f.rule == "AP302" and f.file == "processes/aarhus/ap302-pass-egen-paraply.yaml" for f in stale.findings)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "tampered", "link"])
def test_a_cache_that_cannot_be_trusted_is_rebuilt_and_the_findings_stay_right(catalogue, damage, tmp_path_factory):
    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    cached_check(["processes"])
    path = cache.cache_file(Path("processes"))
    original = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00\xff garbage \x9c" * 50)
    elif damage == "truncated":
        path.write_bytes(original[: len(original) // 2])
    elif damage == "tampered":  # valid JSON, one fact changed, the old checksum kept
        header, body = original.split(b"\n", 1)
        data = json.loads(body)
        umbrella_key = batch.digest((catalogue / UMBRELLA).read_bytes())
        assert data["facts"][umbrella_key] == [True, "parent", "aarhus"]
        data["facts"][umbrella_key] = [True, "child", "aarhus"]
        path.write_bytes(header + b"\n" + json.dumps(data).encode("ascii"))
    else:  # the cache folder replaced by a link to somewhere else: never read or written through
        elsewhere = tmp_path_factory.mktemp("elsewhere")
        shutil.copy2(path, elsewhere / path.name)
        shutil.rmtree(path.parent)
        path.parent.symlink_to(elsewhere, target_is_directory=True)

    rebuilt = cached_check(REQUESTED)
    assert rebuilt.read_in_full == total
    assert rebuilt.findings == full_findings_of(REQUESTED)
    assert not any(f.rule == "AP302" and "pass" in f.file for f in rebuilt.findings)
    again = cached_check(REQUESTED)
    if damage == "link":
        assert again.read_in_full == total and (path.parent / path.name).read_bytes() == original
    else:
        assert again.read_in_full == len(REQUESTED)  # the rewritten cache is trusted again


@pytest.mark.parametrize("changed", ["code", "taxonomies"])
def test_a_cache_from_other_code_or_other_lists_is_not_used(catalogue, changed):
    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    versions = {"code": "c", "taxonomies": "t"}
    cached_check(["processes"], versions)
    assert cached_check(REQUESTED, versions).read_in_full == len(REQUESTED)
    other = {**versions, changed: "other"}
    rebuilt = cached_check(REQUESTED, other)
    assert rebuilt.read_in_full == total
    assert rebuilt.findings == full_findings_of(REQUESTED)


def test_the_versions_change_with_the_lists_and_the_code(tmp_path):
    lists = tmp_path / "taxonomies"
    shutil.copytree(ROOT / "taxonomies", lists, ignore=shutil.ignore_patterns("sources"))
    before = cache.taxonomy_version(lists)
    assert cache.taxonomy_version(lists) == before
    kla = lists / "kla.json"
    kla.write_bytes(kla.read_bytes() + b"\n")
    assert cache.taxonomy_version(lists) != before
    assert len(cache.code_version()) == 64 and cache.code_version() == cache.code_version()


def test_a_check_imports_none_of_the_other_commands(tmp_path):
    (tmp_path / "processes" / "aarhus").mkdir(parents=True)
    (tmp_path / "processes" / "aarhus" / "proces.yaml").write_text(BASE, encoding="utf-8")
    probe = ("import sys; from generator.cli import main; code = main(['--taxonomies', sys.argv[1], 'check', "
             "'processes/aarhus/proces.yaml']); print(sorted(m for m in sys.modules if m.startswith('generator.')))")
    result = subprocess.run([sys.executable, "-c", probe, TAXONOMIES], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 fil kontrolleret: 0 fejl, 0 advarsler.\n")
    modules = result.stdout.splitlines()[-1]
    for heavy in ("generator.taxonomies.refresh", "generator.importers.command", "generator.sharing.commands",
                  "generator.authoring.commands", "generator.search", "generator.exports"):
        assert f"'{heavy}" not in modules, heavy
    listing = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert all(name in listing.stdout for name in ("check", "copy", "pr-report", "import", "taxonomies", "new"))
