"""The build's results cache (``generator.checks.results_cache``): an incremental build takes each unchanged
file's own findings and process from it, gives the same catalogue as a clean check, and never trusts a
cache that is stale, damaged, linked, edited or made with other code, lists or another user's key."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from generator.audience import remembered_texts
from generator.catalogue import find_process_files
from generator.checks import batch, results_cache
from generator.checks.results_cache import FILE_NAME, open_cache
from generator.checks.whole import check_catalogue
from generator.taxonomies import load_taxonomies
from generator.verified_cache import FOLDER
from tests.conftest import ROOT
from tests.core.test_whole_check import AUDIENCES, entries_of, publication_of
from tests.support.catalogue import BASE, BASE_LINES, publish_catalogue, write

CORPUS = ROOT / "tests" / "corpus" / "processes"
NEW_SYSTEM = "  nyt-fagsystem:\n    name: Nyt Fagsystem\n    vendor: null\n"
NOTES = ("owner:\n  name: Karen Hemmelig\n  email: karen@aarhus.dk\n"
         "internal_notes: |\n  Robotten logger ind som svc-robot-17.\n  ok\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The rule corpus, two files with one id, a linked folder and plain processes in a project with its own copy of the reference lists."""
    project = tmp_path / "project"
    shutil.copytree(CORPUS, project / "processes")
    shutil.copytree(ROOT / "taxonomies", project / "taxonomies", ignore=shutil.ignore_patterns("kle", "kitos", "form"))
    write(project, "processes/aarhus/journalisering.yaml", BASE)
    write(project, "processes/aarhus/fagsystem.yaml", BASE + "it_systems: [nyt-fagsystem]\n")
    write(project, "privat/aarhus/intern.yaml", BASE.replace("visibility: public", "visibility: municipality"))
    write(project, "processes/aarhus/dobbelt.yaml", BASE)
    write(project, "processes/aarhus/dobbelt.yml", BASE)
    write(project, "processes/aarhus/noter.yaml", BASE.replace("af lægeerklæringer", "med noter") + NOTES)
    os.symlink(project / "privat" / "aarhus", project / "processes" / "linket")
    monkeypatch.chdir(project)
    monkeypatch.setenv("AUTOPROCES_KEY_DIR", str(tmp_path / "key"))
    return project


@pytest.fixture
def fully_checked(monkeypatch):
    """The paths of the files whose own rules ran (not taken from the cache), per check."""
    runs: list[list[str]] = []
    real = batch.check_sources

    def spy(sources, *args, **kwargs):
        runs.append(sorted(Path(os.path.relpath(s.path)).as_posix() for s in sources))
        return real(sources, *args, **kwargs)

    monkeypatch.setattr(batch, "check_sources", spy)
    return runs


def check(project: Path, *, cache: bool = True):
    lists_dir = project / "taxonomies"
    opened = open_cache(project, lists_dir, remembered_texts) if cache else None
    catalogue = check_catalogue([project / "processes"], load_taxonomies(lists_dir),
                                overlay_roots=[project / "privat"], cache=opened)
    if opened is not None:
        opened.write()
    return catalogue


def assert_same_as_a_clean_check(catalogue, project: Path):
    """The same entries, findings and publications as a check without the cache (made now: publishing
    records the audience's findings in the catalogue)."""
    clean = check(project, cache=False)
    assert entries_of(catalogue) == entries_of(clean)
    assert catalogue.findings == clean.findings
    for audience in AUDIENCES:
        assert publication_of(catalogue, audience) == publication_of(clean, audience), audience


def cache_path(project: Path) -> Path:
    return project / FOLDER / FILE_NAME


def corpus_file_count(project: Path) -> int:
    roots = [project / "processes", project / "privat"]
    return len(find_process_files(roots, roots=roots))


def test_a_second_check_takes_every_cacheable_file_from_the_cache_and_gives_the_same_catalogue(project, fully_checked):
    first = check(project)
    assert len(fully_checked[0]) == corpus_file_count(project)  # the first check with a cache: every file
    assert_same_as_a_clean_check(first, project)
    second = check(project)
    again = fully_checked[-1]
    assert_same_as_a_clean_check(second, project)
    assert "processes/aarhus/journalisering.yaml" not in again and "privat/aarhus/intern.yaml" not in again
    # Only files that cannot be cached are checked again: schema errors, links, attachments.
    assert 0 < len(again) < corpus_file_count(project) // 2
    assert {"AP015", "AP302", "AP405", "AP501", "AP511"} <= {f.rule for f in second.findings}


def test_a_changed_file_gets_its_new_findings_with_line_and_key_and_the_others_come_from_the_cache(project, fully_checked):
    check(project)
    changed = project / "processes" / "aarhus" / "journalisering.yaml"
    changed.write_text(BASE + "kle: '99.99.99'\n", encoding="utf-8")
    catalogue = check(project)
    assert "processes/aarhus/journalisering.yaml" in fully_checked[-1]
    assert "processes/aarhus/fagsystem.yaml" not in fully_checked[-1]
    found = [f for f in catalogue.findings if f.file == "processes/aarhus/journalisering.yaml"]
    assert [(f.rule, f.line, f.column, f.key) for f in found] == [("AP401", BASE_LINES + 1, 6, "kle")]
    assert found[0].message == "KLE-nummeret '99.99.99' findes ikke i KL Emnesystematik."
    assert_same_as_a_clean_check(catalogue, project)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _wrong_checksum(path: Path) -> None:
    header, _, body = path.read_bytes().partition(b"\n")
    head = json.loads(header)
    head["checksum"] = "0" * 64
    path.write_bytes(json.dumps(head).encode() + b"\n" + body)


def _edited_entry_with_a_new_sha256(path: Path) -> None:
    """What a pull request can do: a finding removed from a valid-looking entry and the checksum made anew."""
    header, _, body = path.read_bytes().partition(b"\n")
    lines = body.split(b"\n")
    for i, line in enumerate(lines[1:], start=1):
        key, _, value = line.partition(b"\t")
        meta, _, process = value.partition(b"\t")
        findings, texts, confidential = json.loads(meta)
        if findings:
            edited = json.dumps([[], texts, confidential], ensure_ascii=False, separators=(",", ":")).encode()
            lines[i] = key + b"\t" + edited + b"\t" + process
            break
    else:  # pragma: no cover - the corpus has warnings in cached files
        raise AssertionError("no cached file with findings")
    body = b"\n".join(lines)
    head = json.loads(header)
    head["checksum"] = hashlib.sha256(body).hexdigest()
    path.write_bytes(json.dumps(head).encode() + b"\n" + body)


DAMAGE = {"truncated": _truncate, "wrong checksum": _wrong_checksum,
          "edited entry with a new SHA-256": _edited_entry_with_a_new_sha256,
          "not JSON": lambda path: path.write_bytes(b"{" * 1000), "empty": lambda path: path.write_bytes(b"")}


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_cache_is_not_trusted_and_is_written_anew(project, fully_checked, damage):
    check(project)
    DAMAGE[damage](cache_path(project))
    catalogue = check(project)
    assert len(fully_checked[-1]) == corpus_file_count(project)  # nothing was taken from the damaged cache
    assert_same_as_a_clean_check(catalogue, project)
    catalogue = check(project)
    assert len(fully_checked[-1]) < corpus_file_count(project) // 2  # the cache written anew is used again
    assert_same_as_a_clean_check(catalogue, project)


def test_a_cache_signed_with_another_users_key_is_not_trusted(project, fully_checked, monkeypatch, tmp_path):
    check(project)
    monkeypatch.setenv("AUTOPROCES_KEY_DIR", str(tmp_path / "another-key"))
    catalogue = check(project)
    assert len(fully_checked[-1]) == corpus_file_count(project)
    assert_same_as_a_clean_check(catalogue, project)


def test_a_cache_made_by_other_code_is_not_trusted(project, fully_checked, monkeypatch):
    real = results_cache.code_version
    monkeypatch.setattr(results_cache, "code_version", lambda: "older code")
    check(project)
    monkeypatch.setattr(results_cache, "code_version", real)
    check(project)
    assert len(fully_checked[-1]) == corpus_file_count(project)


def test_a_linked_cache_is_neither_read_nor_written_through(project, fully_checked, tmp_path):
    check(project)
    elsewhere = tmp_path / "elsewhere.json"
    shutil.move(cache_path(project), elsewhere)
    cache_path(project).symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    catalogue = check(project)
    assert len(fully_checked[-1]) == corpus_file_count(project)
    assert cache_path(project).is_symlink() and elsewhere.read_bytes() == before
    assert_same_as_a_clean_check(catalogue, project)


def test_a_linked_cache_folder_is_not_used(project, fully_checked, tmp_path):
    check(project)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / FOLDER, elsewhere)
    (project / FOLDER).symlink_to(elsewhere)
    check(project)
    assert len(fully_checked[-1]) == corpus_file_count(project)


def test_a_file_changed_behind_the_caches_back_is_checked_again(project, fully_checked):
    """The key is the content: a file with its old size and time but other bytes is not taken from the cache."""
    path = project / "processes" / "aarhus" / "journalisering.yaml"
    check(project)
    before = path.stat()
    path.write_text(BASE.replace("inprogress", "completed!"), encoding="utf-8")  # as many bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    catalogue = check(project)
    assert "processes/aarhus/journalisering.yaml" in fully_checked[-1]
    assert [f.rule for f in catalogue.findings if f.file == "processes/aarhus/journalisering.yaml"] == ["AP104"]
    assert_same_as_a_clean_check(catalogue, project)


def test_a_changed_list_makes_the_cached_results_stale(project, fully_checked):
    """A new IT system in the curated list: the cached 'unknown IT system' (AP405) must not survive it."""
    def unknown_system(catalogue):
        return [(f.rule, f.line) for f in catalogue.findings if f.file == "processes/aarhus/fagsystem.yaml"]

    assert unknown_system(check(project)) == [("AP405", BASE_LINES + 1)]
    curated = project / "taxonomies" / "sources" / "curated" / "it_systems.yaml"
    curated.write_text(curated.read_text(encoding="utf-8").replace("systems:\n", "systems:\n" + NEW_SYSTEM, 1),
                       encoding="utf-8")
    catalogue = check(project)
    assert len(fully_checked[-1]) == corpus_file_count(project)
    assert unknown_system(catalogue) == []
    assert_same_as_a_clean_check(catalogue, project)


def test_without_a_place_for_the_key_nothing_is_cached(project, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("AUTOPROCES_KEY_DIR", str(blocker / "key"))
    assert open_cache(project, project / "taxonomies", remembered_texts) is None


def test_the_cache_written_behind_the_build_is_the_file_a_plain_write_makes(project, fully_checked):
    check(project)
    serial = cache_path(project).read_bytes()
    cache_path(project).unlink()
    lists_dir = project / "taxonomies"
    opened = open_cache(project, lists_dir, remembered_texts)
    check_catalogue([project / "processes"], load_taxonomies(lists_dir), overlay_roots=[project / "privat"],
                    cache=opened)
    wait = opened.write_behind()
    wait()
    assert cache_path(project).read_bytes() == serial
    assert [t for t in threading.enumerate() if t.name == "results-cache-writer"] == []  # gone before the build forks


def test_an_error_while_writing_behind_reaches_the_build(project, monkeypatch):
    opened = open_cache(project, project / "taxonomies", remembered_texts)

    def broken():
        raise ValueError("disk on fire")

    monkeypatch.setattr(opened, "write", broken)
    wait = opened.write_behind()
    with pytest.raises(ValueError, match="disk on fire"):
        wait()


def _entry(catalogue, name: str):
    return next(e for e in catalogue.entries if e.path.name == name)


def test_the_cache_remembers_each_processs_confidential_values_and_the_publication_uses_them(project, monkeypatch):
    from generator import audience
    dumped: list[str] = []
    real = audience._confidential_of

    def spy(process):
        dumped.append(process.title)
        return real(process)

    check(project)
    line = next(v for v in open_cache(project, project / "taxonomies", remembered_texts).stored.values()
                if b"svc-robot-17" in v)
    assert json.loads(line.partition(b"\t")[0])[2] == ["Karen Hemmelig", "Karen", "Hemmelig", "karen@aarhus.dk",
                                   "Robotten logger ind som svc-robot-17."]  # a note's lines under 4 characters are not
    monkeypatch.setattr(audience, "_confidential_of", spy)
    cached = check(project)
    assert _entry(cached, "noter.yaml").confidential == tuple(json.loads(line.partition(b"\t")[0])[2])
    withheld = publish_catalogue(cached, "odense").withheld
    assert withheld.mentions("Se: Robotten logger ind som svc-robot-17.") and withheld.mentions("Karen Hemmelig")
    assert "Journalisering med noter" not in dumped  # remembered: not dumped again
    dumped.clear()
    publication_of(check(project, cache=False), "odense")
    assert "Journalisering med noter" in dumped


@pytest.mark.parametrize("confidential", ["null", '"Karen"', '[1]', '[["Karen"]]'])
def test_a_cache_line_whose_confidential_values_are_not_texts_is_not_trusted(project, confidential):
    check(project)
    key, line = next((k, v) for k, v in open_cache(project, project / "taxonomies", remembered_texts).stored.items()
                     if b"svc-robot-17" in v)
    meta, _, dump = line.partition(b"\t")
    findings, shown, _ = json.loads(meta)
    assert results_cache.parsed_line(line)[3][0] == "Karen Hemmelig"
    bad = json.dumps([findings, shown]).encode()[:-1] + b"," + confidential.encode() + b"]\t" + dump
    with pytest.raises(results_cache.Untrusted):
        results_cache.parsed_line(bad)
    with pytest.raises(results_cache.Untrusted):
        results_cache.parsed_line(json.dumps([findings, shown]).encode() + b"\t" + dump)  # no confidential values
    old_format = json.dumps([findings, json.loads(dump), shown, json.loads(meta)[2]], ensure_ascii=False).encode()
    with pytest.raises(results_cache.Untrusted):
        results_cache.parsed_line(old_format)  # a line of format 2: the process inside the list
    with pytest.raises(results_cache.Untrusted):
        results_cache.parsed_line(meta + b"\t" + dump[:-1])  # the process cut short
