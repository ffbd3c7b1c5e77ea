"""The build reads the catalogue through the check's pool (``generator.checks.whole``): the same entries,
findings and publication as the serial reader of the other commands (``pipeline.load_catalogue``), in a
pool of processes or not."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.corpus.generated import GENERATED
from tests.support.catalogue import BASE, publish_catalogue, real_lists, write
from tests.support.workers import record_checking_processes
from generator.checks import batch
from generator.checks.whole import check_catalogue
from generator.pipeline import load_catalogue

CORPUS = ROOT / "tests" / "corpus" / "processes"
AUDIENCES = ("public", "aarhus", "odense")


def entries_of(catalogue):
    """What a build reads of each entry: place, id, process, findings, and the data of a broken file (as
    written out: ``.nan`` is not equal to itself)."""
    return [(str(e.path), e.root, e.overlay, e.is_link, e.folder, e.id, e.process, e.findings,
             repr(e.document.data) if e.process is None else None) for e in catalogue.entries]


def publication_of(catalogue, audience):
    published = publish_catalogue(catalogue, audience)
    return ([(p.id, p.process, str(p.path), p.findings, p.own) for p in published], published.hidden_ids,
            published.shown_values, published.vocabulary, published.withheld._trie)


def assert_same_as_the_serial_reader(processes: Path, overlays: list[Path], workers: int):
    lists = real_lists()
    roots = [processes] if processes.is_dir() else []
    serial = load_catalogue(roots, lists, overlay_roots=overlays)
    pooled = check_catalogue(roots, lists, overlay_roots=overlays, workers=workers)
    assert entries_of(pooled) == entries_of(serial)
    assert pooled.findings == serial.findings
    for audience in AUDIENCES:
        assert publication_of(pooled, audience) == publication_of(serial, audience), audience


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """The rule corpus, two files with one id, private overlays of two municipalities, a linked folder."""
    shutil.copytree(CORPUS, tmp_path / "processes")
    write(tmp_path, "processes/aarhus/dobbelt.yaml", BASE)
    write(tmp_path, "processes/aarhus/dobbelt.yml", BASE)
    private = BASE.replace("visibility: public", "visibility: municipality")
    write(tmp_path, "privat/aarhus/intern.yaml", private + "internal_notes: Kun for Aarhus Kommune.\n")
    write(tmp_path, "privat/odense/fremmed.yaml", private.replace("aarhus", "odense"))
    write(tmp_path, "privat/aarhus/kladde.yaml", BASE.replace("visibility: public", "visibility: personal"))
    os.symlink(tmp_path / "privat" / "odense", tmp_path / "processes" / "linket")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("workers", [1, 2])
def test_the_build_reads_the_corpus_as_the_serial_reader_does(catalogue, monkeypatch, workers):
    monkeypatch.setattr(batch, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(batch, "CHUNK_FILES", 5)
    assert_same_as_the_serial_reader(catalogue / "processes", [catalogue / "privat"], workers)


def test_the_pool_checks_the_files_in_other_processes(catalogue, monkeypatch):
    checking_processes = record_checking_processes(monkeypatch, catalogue / "workers")
    monkeypatch.setattr(batch, "PARALLEL_MIN_FILES", 1)
    pooled = check_catalogue([catalogue / "processes"], real_lists(), workers=2)
    pids = checking_processes()
    assert pids and os.getpid() not in pids
    assert {"AP015", "AP302", "AP005", "AP501", "AP511"} <= {f.rule for f in pooled.findings}


@pytest.mark.parametrize("case", [c for c in GENERATED if c.rule != "AP000"], ids=lambda c: c.id)
def test_the_build_reads_every_generated_case_as_the_serial_reader_does(case, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    case.build(tmp_path)
    monkeypatch.setattr(batch, "PARALLEL_MIN_FILES", 1)
    overlays = [tmp_path / "privat"] if (tmp_path / "privat").is_dir() else []
    assert_same_as_the_serial_reader(tmp_path / "processes", overlays, workers=2)


def test_the_number_of_workers_can_be_set_and_a_wrong_number_is_ignored(monkeypatch):
    monkeypatch.setenv(batch.ENV_WORKERS, "1")
    assert batch.usable_cores() == 1
    monkeypatch.setenv(batch.ENV_WORKERS, "3")
    assert batch.usable_cores() == 3
    for wrong in ("0", "-2", "to", ""):
        monkeypatch.setenv(batch.ENV_WORKERS, wrong)
        assert batch.usable_cores() == len(os.sched_getaffinity(0))
