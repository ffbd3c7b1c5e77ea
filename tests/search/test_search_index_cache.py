"""The index cache of incremental builds: the postings of the previous build updated for changed, added and
removed documents give the bytes of a clean build, and a damaged, stale, foreign or linked cache is not
trusted but rebuilt."""

from __future__ import annotations

import hashlib
import json
import os
from array import array
from dataclasses import replace

import pytest

from generator.search import index_cache
from generator.search.index import INDEXES
from generator.verified_cache import checksum, user_key
from tests.search.helpers import cached_search_data, clean_search_data, synthetic, with_process


@pytest.fixture(scope="module")
def catalogue():
    return synthetic().synthetic_published(60, seed=21)



@pytest.fixture(scope="module")
def clean(catalogue):
    return clean_search_data(catalogue)


@pytest.fixture
def counted(monkeypatch):
    """How many builds counted every document's words (did not take the postings from the index cache)."""
    calls = []
    real = index_cache.counted_and_split
    monkeypatch.setattr(index_cache, "counted_and_split", lambda *args: calls.append(1) or real(*args))
    return calls




def _with_copy(catalogue):
    """A new process: a copy of the first under another id (no new word, so the same vocabulary)."""
    first = catalogue.processes[0]
    copy = replace(first, id=first.id + "-kopi", path=first.path.with_name(first.path.stem + "-kopi.yaml"))
    return replace(catalogue, processes=[*catalogue.processes, copy])


def _title_word_twice(catalogue, number: int = 5):
    """A title with its first word once more: other term frequencies and title lengths, no new word."""
    title = catalogue.processes[number].process.title
    return with_process(catalogue, number, title=f"{title} {title.split()[0]}")


def test_incremental_builds_after_a_change_an_addition_and_a_removal_equal_clean_builds(catalogue, clean, counted,
                                                                                        tmp_path):
    tokens = tmp_path / ".autoproces-cache" / "search-tokens.json"
    assert cached_search_data(catalogue, tokens) == clean
    assert counted == [1] and index_cache.IndexCache(tokens.with_name(index_cache.FILE_NAME), INDEXES).trusted
    before = tokens.with_name(index_cache.FILE_NAME).stat().st_mtime_ns
    assert cached_search_data(catalogue, tokens) == clean
    assert counted == [1]  # from the index cache, and nothing written
    assert tokens.with_name(index_cache.FILE_NAME).stat().st_mtime_ns == before
    steps = [_title_word_twice(catalogue)]
    steps.append(_with_copy(steps[-1]))  # added: every later document gets another number
    # removed (the original, so no word leaves the vocabulary): the later documents move back
    steps.append(replace(steps[-1], processes=steps[-1].processes[1:]))
    for step in steps:
        cached = cached_search_data(step, tokens)
        assert counted == [1]  # the postings came from the cache, updated
        assert cached == clean_search_data(step)
        assert cached != clean
        counted.clear()
        counted.append(1)


def test_a_changed_vocabulary_counts_every_document_and_gives_the_cleancached_search_data(catalogue, clean, counted, tmp_path):
    tokens = tmp_path / "search-tokens.json"
    changed = with_process(catalogue, 0, long_description="Tandlægeerklæringer og pensionsberegning samles.")
    expected = clean_search_data(changed)
    counted.clear()
    cached_search_data(catalogue, tokens)
    assert cached_search_data(changed, tokens) == expected
    assert counted == [1, 1]
    assert cached_search_data(catalogue, tokens) == clean  # and back
    assert counted == [1, 1, 1]


def _body(raw: bytes) -> tuple[dict, bytes]:
    meta, _, blob = raw.partition(b"\n")[2].partition(b"\n")
    return json.loads(meta), blob


def _rewritten(meta: dict, blob: bytes, signed: bool = True) -> bytes:
    """Written back with a valid signature (the user's key, as the build signs), or only hashed again."""
    body = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode() + b"\n" + blob
    mac = checksum(body, user_key()) if signed else hashlib.sha256(body).hexdigest()
    head = json.dumps({"format": index_cache.FORMAT, "checksum": mac}).encode()
    return head + b"\n" + body


def _pair_out_of_range(raw: bytes) -> bytes:
    meta, blob = _body(raw)
    numbers = array("q")
    numbers.frombytes(blob)
    count = len(meta["keys"])
    numbers[count + 1] = len(meta["indexes"][0]["pairs"])  # the first posting's pair of the first field
    return _rewritten(meta, numbers.tobytes())


def _swapped_keys(raw: bytes) -> bytes:
    """Plausible and checksummed, but the documents under each other's keys: stale against the documents."""
    meta, blob = _body(raw)
    meta["keys"][0], meta["keys"][1] = meta["keys"][1], meta["keys"][0]
    return _rewritten(meta, blob)


def _sizes_off(raw: bytes) -> bytes:
    meta, blob = _body(raw)
    meta["indexes"][1]["fields"][0]["counts"][0] += 1
    return _rewritten(meta, blob)


CORRUPTIONS = {
    "cut short": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "one byte changed (wrong checksum)": lambda raw: raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
    "another code version": lambda raw: _rewritten({**_body(raw)[0], "version": "0" * 64}, _body(raw)[1]),
    "hashed again without the key": lambda raw: _rewritten(*_body(raw), signed=False),
    "a pair out of range": _pair_out_of_range,
    "postings that do not fit the sizes": _sizes_off,
    "a vocabulary of another build": lambda raw: _rewritten({**_body(raw)[0], "vocabulary": ["x"]}, _body(raw)[1]),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=list(CORRUPTIONS))
def test_a_broken_cache_is_not_used_and_written_anew(catalogue, clean, counted, tmp_path, corrupt):
    tokens = tmp_path / "search-tokens.json"
    path = tokens.with_name(index_cache.FILE_NAME)
    changed = _title_word_twice(catalogue)
    expected = clean_search_data(changed)
    counted.clear()
    cached_search_data(catalogue, tokens)
    path.write_bytes(corrupt(path.read_bytes()))
    broken = index_cache.IndexCache(path, INDEXES)
    assert not broken.trusted or broken.vocabulary == {"x"}  # refused as a whole, or its vocabulary is not this build's
    assert cached_search_data(changed, tokens) == expected
    assert counted == [1, 1]  # every document counted again
    assert index_cache.IndexCache(path, INDEXES).trusted  # and the file written anew


def test_documents_under_each_others_keys_are_counted_again(catalogue, clean, counted, tmp_path):
    tokens = tmp_path / "search-tokens.json"
    path = tokens.with_name(index_cache.FILE_NAME)
    cached_search_data(catalogue, tokens)
    path.write_bytes(_swapped_keys(path.read_bytes()))
    assert cached_search_data(catalogue, tokens) == clean  # the two documents are out of order: not used
    assert counted == [1, 1]


def test_a_cache_that_is_a_link_is_neither_read_nor_written_through(catalogue, clean, counted, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    cached_search_data(catalogue, elsewhere / "search-tokens.json")
    real = elsewhere / index_cache.FILE_NAME
    before = real.read_bytes()
    folder = tmp_path / "project" / ".autoproces-cache"
    folder.mkdir(parents=True)
    os.symlink(real, folder / index_cache.FILE_NAME)
    changed = _title_word_twice(catalogue)
    expected = clean_search_data(changed)
    counted.clear()
    assert cached_search_data(changed, folder / "search-tokens.json") == expected
    assert counted == [1]
    assert real.read_bytes() == before and (folder / index_cache.FILE_NAME).is_symlink()
