"""The rows cache of incremental builds: each process's stored row, facet values and document key kept by its
content key give the bytes of a clean build, an edit makes the document of the edited process only, a
changed reference list makes every row again, and a damaged, foreign or linked file is not trusted."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from generator.search import rows
from generator.taxonomies import load_taxonomies
from generator.verified_cache import checksum, user_key
from tests.search.helpers import ROOT, cached_search_data, clean_search_data, synthetic, with_process


@pytest.fixture(scope="module")
def lists_dir(tmp_path_factory) -> Path:
    """A copy of the project's reference lists, which a test may change."""
    folder = tmp_path_factory.mktemp("lists") / "taxonomies"
    shutil.copytree(ROOT / "taxonomies", folder)
    return folder


@pytest.fixture(scope="module")
def catalogue(lists_dir):
    return synthetic().synthetic_published(60, seed=21, taxonomies=load_taxonomies(lists_dir))



@pytest.fixture(scope="module")
def clean(catalogue):
    return clean_search_data(catalogue)


@pytest.fixture
def made(monkeypatch):
    """The ids of the processes whose search documents were made."""
    ids: list[str] = []
    real = rows.make_document
    monkeypatch.setattr(rows, "make_document", lambda number, record, publication: ids.append(record.id)
                        or real(number, record, publication))
    return ids




def _rows_file(tokens: Path) -> Path:
    return tokens.with_name(rows.FILE_NAME)


def test_unchanged_processes_are_taken_from_the_cache_and_give_the_clean_bytes(catalogue, clean, made, tmp_path):
    tokens = tmp_path / ".autoproces-cache" / "search-tokens.json"
    assert cached_search_data(catalogue, tokens) == clean
    assert len(made) == 60  # a first build makes every document
    written = _rows_file(tokens).stat().st_mtime_ns
    made.clear()
    assert cached_search_data(catalogue, tokens) == clean
    assert made == []  # every row from the cache, and the index from its own
    assert _rows_file(tokens).stat().st_mtime_ns == written  # nothing changed: not written again

    title = catalogue.processes[7].process.title  # its first word once more: no new word, so the index cache holds
    edited = with_process(catalogue, 7, title=f"{title} {title.split()[0]}",
                           time_spend_occurrences=(catalogue.processes[7].process.time_spend_occurrences or 0) + 9)
    expected = clean_search_data(edited)
    made.clear()
    assert cached_search_data(edited, tokens) == expected
    assert made == [catalogue.processes[7].id]  # only the edited process's document was made

    first = edited.processes[0]
    added = replace(edited, processes=[*edited.processes, replace(first, id=first.id + "-kopi")])
    expected = clean_search_data(added)
    made.clear()
    assert cached_search_data(added, tokens) == expected
    assert made == [first.id + "-kopi"]  # the same model under another id is another row
    removed = replace(added, processes=added.processes[1:])
    expected = clean_search_data(removed)
    made.clear()
    assert cached_search_data(removed, tokens) == expected
    assert made == []


def test_a_changed_reference_list_makes_every_row_again(catalogue, clean, made, tmp_path, lists_dir):
    tokens = tmp_path / "search-tokens.json"
    cached_search_data(catalogue, tokens)
    code = catalogue.processes[0].process.municipality
    changed_dir = tmp_path / "taxonomies"
    shutil.copytree(lists_dir, changed_dir)
    listed = json.loads((changed_dir / "municipalities.json").read_text(encoding="utf-8"))
    for item in listed["items"]:
        if item["code"] == code:
            item["title"] = "Nyt Navn Kommune"
    raw = json.dumps(listed, ensure_ascii=False, indent=2).encode("utf-8")
    (changed_dir / "municipalities.json").write_bytes(raw)
    manifest = json.loads((changed_dir / "municipalities.manifest.json").read_text(encoding="utf-8"))
    manifest["items_sha256"] = hashlib.sha256(raw).hexdigest()  # as ``taxonomies build`` writes it
    (changed_dir / "municipalities.manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    renamed = replace(catalogue, taxonomies=load_taxonomies(changed_dir))
    expected = clean_search_data(renamed)
    made.clear()
    cached = cached_search_data(renamed, tokens)
    assert len(made) == 60
    assert cached == expected and cached != clean
    stored = [json.loads(data) for name, data in cached.items() if name.startswith("dok-")]
    assert any(row[3] == "Nyt Navn Kommune" for chunk in stored for row in chunk)


def _signed(body: bytes) -> bytes:
    """A rows file of this body with a valid signature (the user's key, as the build signs)."""
    head = json.dumps({"format": rows.FORMAT, "checksum": checksum(body, user_key())}).encode()
    return head + b"\n" + body


def _one_row(raw: bytes, change) -> bytes:
    """The file with its first row (the line after the lists) changed and signed again."""
    lines = raw.partition(b"\n")[2].split(b"\n")
    lines[1] = json.dumps(change(json.loads(lines[1])), ensure_ascii=False).encode()
    return _signed(b"\n".join(lines))


def _first_row_twice(raw: bytes) -> bytes:
    lines = raw.partition(b"\n")[2].split(b"\n")
    return _signed(b"\n".join([*lines, lines[1]]))


CORRUPTIONS = {
    "cut short": lambda raw: raw[: len(raw) // 2],
    "one byte changed (wrong checksum)": lambda raw: raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
    "signed without the key": lambda raw: json.dumps({"format": rows.FORMAT, "checksum": hashlib.sha256(
        raw.partition(b"\n")[2]).hexdigest()}).encode() + b"\n" + raw.partition(b"\n")[2],
    "rows of other lists": lambda raw: _signed(b'{"lists":"0"}\n' + raw.partition(b"\n")[2].partition(b"\n")[2]),
    "a facet value that is a number": lambda raw: _one_row(raw, lambda v: [*v[:4], [[1]] + v[4][1:]]),
    "a short document key": lambda raw: _one_row(raw, lambda v: [v[0], v[1], "abc", *v[3:]]),
    "a stored row that is not a list": lambda raw: _one_row(raw, lambda v: [*v[:3], '{"x":1}', v[4]]),
    "a row without its facets": lambda raw: _one_row(raw, lambda v: v[:4]),
    "one process twice": _first_row_twice,
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=list(CORRUPTIONS))
def test_a_broken_rows_file_is_not_used_and_written_anew(catalogue, clean, made, tmp_path, corrupt):
    tokens = tmp_path / "search-tokens.json"
    path = _rows_file(tokens)
    cached_search_data(catalogue, tokens)
    path.write_bytes(corrupt(path.read_bytes()))
    made.clear()
    assert cached_search_data(catalogue, tokens) == clean
    assert len(made) == 60  # every row made again
    made.clear()
    assert cached_search_data(catalogue, tokens) == clean
    assert made == []  # from the file written anew


def test_a_rows_file_that_is_a_link_is_neither_read_nor_written_through(catalogue, clean, made, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cached_search_data(catalogue, elsewhere / "search-tokens.json")
    real = elsewhere / rows.FILE_NAME
    before = real.read_bytes()
    folder = tmp_path / "project" / ".autoproces-cache"
    folder.mkdir(parents=True)
    os.symlink(real, folder / rows.FILE_NAME)
    made.clear()
    assert cached_search_data(catalogue, folder / "search-tokens.json") == clean
    assert len(made) == 60
    assert real.read_bytes() == before and (folder / rows.FILE_NAME).is_symlink()


def test_lists_made_in_memory_keep_no_rows(tmp_path):
    in_memory = synthetic().synthetic_published(5, seed=3, taxonomies=load_taxonomies(ROOT / "taxonomies"))
    in_memory = replace(in_memory, taxonomies=type(in_memory.taxonomies)(
        {name: in_memory.taxonomies[name] for name in ("kle", "municipalities")}))
    tokens = tmp_path / "search-tokens.json"
    assert cached_search_data(in_memory, tokens) == clean_search_data(in_memory)
    assert not _rows_file(tokens).exists()
