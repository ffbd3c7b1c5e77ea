"""An incremental build whose documents' searchable texts are unchanged takes the index and vocabulary files
from the previous site instead of packing them (``generator.search.packed_reuse``): the files are the bytes
of a clean build, and a changed text, a changed or linked previous file, or a record signed by another key
means packing as in a clean build."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.search import index, output, packed_reuse
from generator.search.documents import as_publication
from generator.search.output import DATA_DIR, build_search_data, write_all
from tests.search.helpers import synthetic

PROCESS_URL = "../processer/{id}/"


@pytest.fixture(scope="module")
def catalogue():
    return synthetic().synthetic_published(40, seed=8)


_PACKED: list[str] = []


def _clean(catalogue) -> dict[str, bytes]:
    """A clean build's files (what it packs is not counted)."""
    counted = len(_PACKED)
    index._last_splitter.clear()
    files = build_search_data(catalogue, lambda item: None, PROCESS_URL)
    del _PACKED[counted:]
    return files


@pytest.fixture
def packed(monkeypatch):
    """The names of the indexes each incremental build packed (the reused ones are not packed)."""
    _PACKED.clear()
    real = output.index_from_state
    monkeypatch.setattr(output, "index_from_state", lambda spec, state: _PACKED.append(spec.name) or real(spec, state))
    return _PACKED


def _build(catalogue, project: Path, previous: Path | None) -> tuple[Path, dict[str, bytes]]:
    """An incremental build into a fresh folder beside ``previous``: the folder and its search data files."""
    index._last_splitter.clear()
    site = project / f"site-{len(list(project.glob('site-*')))}"
    site.mkdir()
    write_all(as_publication(catalogue), site, lambda item: None, PROCESS_URL,
              token_cache=project / ".autoproces-cache" / "search-tokens.json", previous=previous)
    return site, {p.name: p.read_bytes() for p in (site / DATA_DIR).iterdir()}


def _with_figure(catalogue, number: int, occurrences: int):
    """The same texts, one other figure (no searchable text changes)."""
    item = catalogue.processes[number]
    changed = replace(item, process=item.process.model_copy(update={"time_spend_occurrences": occurrences}))
    return replace(catalogue, processes=[*catalogue.processes[:number], changed, *catalogue.processes[number + 1:]])


def _with_title(catalogue, number: int, title: str):
    item = catalogue.processes[number]
    changed = replace(item, process=item.process.model_copy(update={"title": title}))
    return replace(catalogue, processes=[*catalogue.processes[:number], changed, *catalogue.processes[number + 1:]])


def test_a_figure_change_reuses_the_previous_index_files_and_gives_a_clean_builds_bytes(catalogue, packed, tmp_path):
    first, files = _build(catalogue, tmp_path, None)
    assert files == _clean(catalogue)
    assert packed == ["kort", "fuld"]
    changed = _with_figure(catalogue, 3, 777)
    second, files = _build(changed, tmp_path, first)
    assert packed == ["kort", "fuld"]  # nothing packed the second time
    expected = _clean(changed)
    assert files == expected
    assert any(name.startswith("kort-") for name in files) and any(name.startswith("ord-") for name in files)
    # And from that site to the next, again.
    third, files = _build(_with_figure(changed, 4, 778), tmp_path, second)
    assert packed == ["kort", "fuld"] and files == _clean(_with_figure(changed, 4, 778))


def test_a_changed_text_packs_the_indexes_again(catalogue, packed, tmp_path):
    first, _ = _build(catalogue, tmp_path, None)
    changed = _with_title(catalogue, 2, "Udbetaling af kontanthjælp til borgere")
    _, files = _build(changed, tmp_path, first)
    assert packed == ["kort", "fuld", "kort", "fuld"]
    assert files == _clean(changed)


def _one_index_file(site: Path) -> Path:
    return sorted((site / DATA_DIR).glob("fuld-*.json"))[0]


def test_a_changed_previous_file_is_not_reused(catalogue, packed, tmp_path):
    first, _ = _build(catalogue, tmp_path, None)
    victim = _one_index_file(first)
    data = json.loads(victim.read_bytes())
    data["terms"] = ["hacked"] + data["terms"][1:]
    victim.write_bytes(json.dumps(data).encode())
    changed = _with_figure(catalogue, 3, 779)
    _, files = _build(changed, tmp_path, first)
    assert packed == ["kort", "fuld", "kort", "fuld"]
    assert files == _clean(changed)


def test_a_linked_previous_file_or_folder_is_not_followed(catalogue, packed, tmp_path):
    first, _ = _build(catalogue, tmp_path, None)
    victim = _one_index_file(first)
    elsewhere = tmp_path / "elsewhere.json"
    shutil.copyfile(victim, elsewhere)  # the same bytes, but through a link
    victim.unlink()
    victim.symlink_to(elsewhere)
    _, files = _build(_with_figure(catalogue, 3, 780), tmp_path, first)
    assert packed == ["kort", "fuld", "kort", "fuld"]
    assert files == _clean(_with_figure(catalogue, 3, 780))
    # The data folder itself behind a link: not used either.
    second, _ = _build(catalogue, tmp_path, None)
    moved = tmp_path / "moved-data"
    (second / DATA_DIR).rename(moved)
    (second / DATA_DIR).symlink_to(moved)
    _build(_with_figure(catalogue, 3, 781), tmp_path, second)
    assert packed == ["kort", "fuld"] * 4


def test_a_record_signed_by_another_key_is_not_trusted(catalogue, packed, tmp_path, monkeypatch):
    first, _ = _build(catalogue, tmp_path, None)
    record = tmp_path / ".autoproces-cache" / packed_reuse.FILE_NAME
    assert record.is_file()
    monkeypatch.setenv("AUTOPROCES_KEY_DIR", str(tmp_path / "another-users-key"))
    _, files = _build(_with_figure(catalogue, 3, 782), tmp_path, first)
    assert packed == ["kort", "fuld", "kort", "fuld"]
    assert files == _clean(_with_figure(catalogue, 3, 782))


def test_a_record_naming_a_path_outside_the_data_folder_is_refused(catalogue, tmp_path):
    assert packed_reuse._family({"firsts": None, "names": ["../../secret.json"], "sha256": ["0" * 64]}) is None
    assert packed_reuse._family({"firsts": None, "names": [".hidden.json"], "sha256": ["0" * 64]}) is None
    assert packed_reuse._family({"firsts": None, "names": ["kort-000-0123456789.json"], "sha256": ["0" * 64]}) is not None


def _same_file(one: Path, other: Path) -> bool:
    import os

    return os.path.samefile(one, other)


def test_files_with_the_bytes_of_a_previous_file_are_linked_from_it(catalogue, tmp_path):
    first, _ = _build(catalogue, tmp_path, None)
    changed = _with_figure(catalogue, 3, 783)
    second, files = _build(changed, tmp_path, first)
    assert files == _clean(changed)
    before = {p.read_bytes(): p for p in (first / DATA_DIR).iterdir()}
    linked = {p.name: _same_file(p, before[p.read_bytes()]) for p in (second / DATA_DIR).iterdir()
              if p.read_bytes() in before}
    # Every index and vocabulary file, and every document chunk but the changed process's, is the previous file.
    assert [name for name in linked if not linked[name]] == []
    assert sum(name.startswith(("kort-", "fuld-", "ord-")) for name in linked) == \
        sum(name.startswith(("kort-", "fuld-", "ord-")) for name in files)
    chunks = [name for name in files if name.startswith("dok-")]
    assert sum(name.startswith("dok-") for name in linked) == len(chunks) - 1


def test_a_previous_file_edited_in_place_is_not_linked(catalogue, tmp_path):
    first, _ = _build(catalogue, tmp_path, None)
    chunk = sorted((first / DATA_DIR).glob("dok-*.json"))[-1]
    data = chunk.read_bytes()
    chunk.write_bytes(data.replace(b"[", b"[ ", 1))  # the same inode, other bytes and size
    chunk.write_bytes(data)  # and back: the bytes the record names, but not the file it noted
    changed = _with_figure(catalogue, 3, 784)
    second, files = _build(changed, tmp_path, first)
    assert files == _clean(changed)
    again = second / DATA_DIR / chunk.name.replace(chunk.name.split("-")[2], files and
                                                    next(n for n in files if n.startswith("dok-")).split("-")[2])
    assert again.read_bytes() == data and not _same_file(again, chunk)


def test_reused_index_files_that_are_the_very_files_recorded_are_linked_without_being_read(catalogue, packed,
                                                                                            tmp_path, monkeypatch):
    first, _ = _build(catalogue, tmp_path, None)
    reads: list[str] = []
    real = packed_reuse._read_file
    monkeypatch.setattr(packed_reuse, "_read_file", lambda folder, name, digest: reads.append(name) or real(folder, name, digest))
    changed = _with_figure(catalogue, 3, 785)
    second, files = _build(changed, tmp_path, first)
    assert packed == ["kort", "fuld"] and reads == []
    assert files == _clean(changed)
    index_files = sorted(p.name for p in (second / DATA_DIR).glob("*.json") if p.name.startswith(("kort-", "fuld-", "ord-", "sam-")))
    assert len(index_files) >= 4
    assert all(_same_file(second / DATA_DIR / name, first / DATA_DIR / name) for name in index_files)


def test_a_reused_index_file_rewritten_with_its_own_bytes_is_read_and_verified_not_linked(catalogue, packed,
                                                                                          tmp_path, monkeypatch):
    first, _ = _build(catalogue, tmp_path, None)
    victim = _one_index_file(first)
    data = victim.read_bytes()
    victim.write_bytes(data + b" ")
    victim.write_bytes(data)  # the recorded bytes again, but no longer the file the record noted
    reads: list[str] = []
    real = packed_reuse._read_file
    monkeypatch.setattr(packed_reuse, "_read_file", lambda folder, name, digest: reads.append(name) or real(folder, name, digest))
    changed = _with_figure(catalogue, 3, 786)
    second, files = _build(changed, tmp_path, first)
    assert packed == ["kort", "fuld"]  # reused after reading every file and checking its SHA-256
    assert victim.name in reads
    assert files == _clean(changed)
    assert (second / DATA_DIR / victim.name).read_bytes() == data
    assert not _same_file(second / DATA_DIR / victim.name, victim)
