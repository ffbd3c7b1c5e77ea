"""The search's token cache: a build through it gives the bytes of a build without it, after a change too,
and a cache that is stale, cut short, corrupted, edited or a link is not trusted but rebuilt."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.search import index, index_cache, token_cache
from generator.search.compounds import MIN_PART, split_compound
from generator.search.danish import stem, tokens
from generator.search.documents import search_documents
from generator.search.index import splitter_for
from generator.search.output import build_search_data
from generator.search.terms import GROUPS
from generator.verified_cache import checksum, user_key
from tests.search.helpers import synthetic

PROCESS_URL = "../processer/{id}/"


@pytest.fixture(scope="module")
def catalogue():
    return synthetic().synthetic_published(60, seed=21)


@pytest.fixture(scope="module")
def clean(catalogue):
    """The files of a build without the cache (nor the answers of an earlier build in this process)."""
    index._last_splitter.clear()
    return build_search_data(catalogue, lambda item: None, PROCESS_URL)


@pytest.fixture
def counted(monkeypatch):
    """How many groups of texts (six per document) had their tokens counted anew."""
    calls = []
    real = token_cache.token_counts
    monkeypatch.setattr(token_cache, "token_counts", lambda texts: calls.append(1) or real(texts))
    return calls


def _build(catalogue, path: Path) -> dict[str, bytes]:
    index._last_splitter.clear()  # a new process: only the cache file carries anything over
    path.with_name(index_cache.FILE_NAME).unlink(missing_ok=True)  # the index cache would spare the token cache
    return build_search_data(catalogue, lambda item: None, PROCESS_URL, token_cache=path)


def _newly_splitting(catalogue) -> tuple[str, str, str]:
    """A word of the catalogue that does not split, and two words that make it split once a text holds them."""
    documents = search_documents(catalogue)
    splitter = splitter_for(documents)
    known = splitter.known_stems
    for word in sorted({t for doc in documents for text in doc.long_texts for t in tokens(text)}):
        if len(word) < 10 or splitter.part_stems(word):
            continue
        for k in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:k], word[k:]
            if tokens(f"{head} {tail}") == [head, tail]:
                if split_compound(word, (known | {stem(head), stem(tail)}).__contains__) == (head, tail):
                    return word, head, tail
    raise AssertionError("no word of the catalogue can be made to split")


def _changed(catalogue):
    """The first process with new words, among them two that make a word of another process split."""
    _, head, tail = _newly_splitting(catalogue)
    first = catalogue.processes[0]
    process = first.process.model_copy(update={
        "title": "Pensionsberegning og affaldsindsamling i skolen",
        "long_description": f"Sagsbehandlingen af boligstøtteansøgninger samles: {head} og {tail}."})
    return replace(catalogue, processes=[replace(first, process=process), *catalogue.processes[1:]])


def test_a_build_through_the_cache_gives_the_files_of_a_build_without_it(catalogue, clean, counted, tmp_path):
    path = tmp_path / ".autoproces-cache" / "search-tokens.json"
    assert _build(catalogue, path) == clean
    assert len(counted) == len(GROUPS) * len(catalogue.processes)
    assert token_cache.TokenCache(path).trusted
    assert (path.parent / ".gitignore").read_text().endswith("*\n")
    counted.clear()
    before = path.stat().st_mtime_ns
    assert _build(catalogue, path) == clean
    assert counted == []  # every document's words came from the cache
    assert path.stat().st_mtime_ns == before  # nothing changed, nothing written


def test_after_a_changed_process_the_cached_build_equals_a_clean_build(catalogue, clean, counted, tmp_path):
    path = tmp_path / "search-tokens.json"
    _build(catalogue, path)
    changed = _changed(catalogue)
    counted.clear()
    cached = _build(changed, path)
    assert len(counted) == len(GROUPS)  # only the changed process was counted again
    index._last_splitter.clear()
    assert cached == build_search_data(changed, lambda item: None, PROCESS_URL)
    assert cached != clean
    word, head, tail = _newly_splitting(catalogue)  # a word of another process now splits
    assert splitter_for(search_documents(changed)).part_stems(word) == (stem(head), stem(tail))
    counted.clear()
    assert _build(catalogue, path) == clean  # and back: the cache now holds the changed process
    assert len(counted) == len(GROUPS)


def _rewritten(body: dict, key: bytes | None = None) -> bytes:
    """The body written back with a valid signature (the user's key, as the build signs), or hashed with ``key``."""
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    mac = checksum(data, user_key()) if key is None else hmac.new(key, data, hashlib.sha256).hexdigest()
    return json.dumps({"format": token_cache.FORMAT, "checksum": mac}).encode() + b"\n" + data


def _edited_and_rehashed(raw: bytes) -> bytes:
    """An entry changed and the file hashed again, as anyone who can write the folder can do."""
    body = _body(raw)
    next(iter(body["documents"].values()))[0][1] += 1
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return json.dumps({"format": token_cache.FORMAT, "checksum": hashlib.sha256(data).hexdigest()}).encode() + b"\n" + data


def _body(raw: bytes) -> dict:
    return json.loads(raw.partition(b"\n")[2])


def _zero_count(raw: bytes) -> bytes:
    body = _body(raw)
    entry = next(iter(body["documents"].values()))
    entry[0][1] = 0
    return _rewritten(body)


def _number_out_of_range(raw: bytes) -> bytes:
    body = _body(raw)
    next(iter(body["documents"].values()))[4][0] = len(body["words"])
    return _rewritten(body)


def _edited_keeping_the_checksum(raw: bytes) -> bytes:
    header, _, rest = raw.partition(b"\n")
    return header + b"\n" + rest.replace(b'"words":["', b'"words":["x', 1)


CORRUPTIONS = {
    "cut short": lambda raw: raw[: len(raw) // 2],
    "empty": lambda raw: b"",
    "one byte changed": lambda raw: raw[:-10] + bytes([raw[-10] ^ 1]) + raw[-9:],
    "edited, old checksum": _edited_keeping_the_checksum,
    "edited, hashed again without the key": _edited_and_rehashed,
    "signed with another user's key": lambda raw: _rewritten(_body(raw), b"k" * 32),
    "not JSON": lambda raw: b"\x00\xff" * 100,
    "another code version": lambda raw: _rewritten({**_body(raw), "version": "0" * 64}),
    "a count of 0": _zero_count,
    "a word number out of range": _number_out_of_range,
    "an entry of another shape": lambda raw: _rewritten({**_body(raw), "documents": {"k": [[1, 2]]}}),
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=list(CORRUPTIONS))
def test_a_broken_or_stale_cache_is_rebuilt_never_trusted(catalogue, clean, counted, tmp_path, corrupt):
    path = tmp_path / "search-tokens.json"
    _build(catalogue, path)
    path.write_bytes(corrupt(path.read_bytes()))
    assert not token_cache.TokenCache(path).trusted
    counted.clear()
    assert _build(catalogue, path) == clean
    assert len(counted) == len(GROUPS) * len(catalogue.processes)  # nothing was taken from it
    assert token_cache.TokenCache(path).trusted  # and it was written anew


def test_a_cache_that_is_a_link_is_neither_read_nor_written_through(catalogue, clean, counted, tmp_path):
    real = tmp_path / "elsewhere.json"
    _build(catalogue, real)
    before = real.read_bytes()
    folder = tmp_path / "project" / ".autoproces-cache"
    folder.mkdir(parents=True)
    os.symlink(real, folder / "search-tokens.json")
    counted.clear()
    assert _build(_changed(catalogue), folder / "search-tokens.json") != clean
    assert len(counted) == len(GROUPS) * len(catalogue.processes)
    assert real.read_bytes() == before and (folder / "search-tokens.json").is_symlink()


def test_a_cache_folder_that_is_a_link_is_not_used(catalogue, clean, counted, tmp_path):
    target = tmp_path / "target"
    target.mkdir()
    project = tmp_path / "project"
    project.mkdir()
    os.symlink(target, project / ".autoproces-cache")
    path = token_cache.cache_file(project)
    assert _build(catalogue, path) == clean
    counted.clear()
    assert _build(catalogue, path) == clean
    assert len(counted) == len(GROUPS) * len(catalogue.processes)
    assert list(target.iterdir()) == []


def test_the_digest_of_texts_tells_apart_texts_that_join_to_the_same_characters():
    from generator.search.terms import texts_digest

    assert texts_digest(("ab", "c"), ()) != texts_digest(("a", "bc"), ())
    assert texts_digest(("a",), ("b",)) != texts_digest(("a", "b"), ())
    assert texts_digest("x\n1\na", ()) != texts_digest(("x", "a"), ())
    assert texts_digest(("æble",), ()) == texts_digest(("æble",), ())
    assert len(texts_digest(("æble",))) == 32
