"""An incremental build makes the exports of changed processes only, and gives the bytes of a clean build.

The fragments of each process (its JSON text, CSV line and sheet row) are kept by the key of its inputs
in ``.autoproces-cache/exports/`` beside the output folder; a damaged, cut off, stale or missing cache,
and a changed previous output, are never used: the result is the clean build's, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from generator.exports import write_exports
from generator.exports import fragments as cache
from generator.exports.unchanged import export_files
from tests.site.site_helpers import SITE_LISTS, process_yaml
from tests.support import catalogue as factory

TEXTS = {
    "aarhus/a": process_yaml("Første proces", extra="long_description: \"Tekst med & og <b> og  mellemrum\"\n"),
    "aarhus/b": process_yaml("=HYPERLINK(\"x\")", extra="time_spend_occurrences: 1200\ntime_spend_per_occurrence: 7.5\n"),
    "odense/c": process_yaml("Tredje proces", municipality="odense", extra="created: 2025-03-04\n"),
}


def _publication(tmp_path: Path, texts: dict[str, str], **settings):
    folder = tmp_path / "processes" / hashlib.sha256(repr(sorted(texts.items())).encode()).hexdigest()[:8]
    return factory.publication(factory.published(texts, taxonomies=SITE_LISTS, folder=folder), **settings)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(tmp_path: Path, texts: dict[str, str], previous: Path | None, name: str, **settings) -> Path:
    """A build into a new folder beside ``previous`` (as ``build`` writes into a staging folder)."""
    out = tmp_path / name
    write_exports(_publication(tmp_path, texts, **settings), out, previous)
    return out


def _clean(tmp_path: Path, texts: dict[str, str], **settings) -> dict[str, bytes]:
    return _files(_build(tmp_path / "clean", texts, None, "out", **settings))


def _changed(texts: dict[str, str]) -> dict[str, str]:
    return {**texts, "aarhus/a": texts["aarhus/a"].replace("Første proces", "Ny titel")}


def _fragments_file(tmp_path: Path) -> Path:
    path = cache.cache_file(tmp_path / "site")
    assert path is not None and path.is_file()
    return path


def test_the_build_after_one_changed_process_is_the_clean_build_and_remakes_only_that_process(tmp_path, monkeypatch):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    assert len(cache.read_fragments(_fragments_file(tmp_path))) == 3
    made = []
    real = cache.ExportItem.fragment

    def counted(item, kind, make):
        if kind not in item.fragments:
            made.append((item.record.id, kind))
        return real(item, kind, make)

    monkeypatch.setattr(cache.ExportItem, "fragment", counted)
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    assert made == [("aarhus/a", "json"), ("aarhus/a", "csv"), ("aarhus/a", "xlsx")]
    assert _files(second) == _clean(tmp_path, _changed(TEXTS))


def test_a_fragment_from_the_cache_is_what_the_next_build_writes(tmp_path):
    """The cache is used: an entry whose checksum matches its content is taken as it is."""
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    path = _fragments_file(tmp_path)
    entries = cache.read_fragments(path)
    key = next(k for k, (fragments, _) in entries.items() if b"odense/c" in fragments["json"])
    fragments = entries[key][0]
    fragments["csv"] = fragments["csv"].replace(b"Tredje proces", b"Fra mellemlageret")
    _write_entries(path, {**entries, key: (fragments, b"")})
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    assert b"Fra mellemlageret" in (second / "api" / "processes.csv").read_bytes()


def _write_entries(path: Path, entries: dict) -> None:
    class Item:
        def __init__(self, key, fragments, checksum):
            self.key, self.fragments, self.checksum = key, fragments, checksum

    cache.write_fragments(path, [Item(key, fragments, checksum) for key, (fragments, checksum) in entries.items()])


def _damage_one_entry(path: Path) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(b"Tredje proces")
    data[at] = ord("X")
    path.write_bytes(bytes(data))


def _cut_off(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-10])


def _foreign(path: Path) -> None:
    path.write_bytes(b"not a cache\n" + path.read_bytes())


@pytest.mark.parametrize("spoil", [_damage_one_entry, _cut_off, _foreign, Path.unlink])
def test_a_damaged_cut_off_foreign_or_missing_cache_gives_the_clean_build(tmp_path, spoil):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    spoil(_fragments_file(tmp_path))
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    assert _files(second) == _clean(tmp_path, _changed(TEXTS))
    assert b"Xredje" not in (second / "api" / "processes.csv").read_bytes()


def test_a_damaged_entry_is_remade_and_the_others_are_still_used(tmp_path):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    _damage_one_entry(_fragments_file(tmp_path))
    assert len(cache.read_fragments(_fragments_file(tmp_path))) == 2
    _build(tmp_path, _changed(TEXTS), site, "second")
    assert len(cache.read_fragments(_fragments_file(tmp_path))) == 3


def test_other_settings_make_every_fragment_anew(tmp_path):
    """A stale cache: the same processes under another hourly rate and site address."""
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    settings = {"hourly_rate": 500.0, "site_url": "https://eksempel.dk/katalog/"}
    second = _build(tmp_path, TEXTS, site, "second", **settings)
    assert _files(second) == _clean(tmp_path, TEXTS, **settings)
    assert b"https://eksempel.dk/katalog/processer/aarhus/a/" in (second / "api" / "processes.csv").read_bytes()


def test_a_changed_previous_export_is_not_linked_into_the_next_build(tmp_path):
    """The same inputs reuse the previous files only when they are the files that build wrote."""
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    record = site / "api" / "processes" / "aarhus" / "a.json"
    tampered = record.read_bytes().replace(b"F\xc3\xb8rste proces", b"Noget andet")
    record.unlink()
    record.write_bytes(tampered)
    second = _build(tmp_path, TEXTS, site, "second")
    assert _files(second) == _clean(tmp_path, TEXTS)
    assert not any(os.path.samefile(site / name, second / name) for name in ("api/processes/aarhus/a.json",))


def test_the_same_inputs_link_the_verified_previous_exports(tmp_path):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    second = _build(tmp_path, TEXTS, site, "second")
    names = export_files(_publication(tmp_path, TEXTS))
    assert all(os.path.samefile(site / name, second / name) for name in names)
    assert _files(second) == _clean(tmp_path, TEXTS)


def test_a_link_in_the_cache_folder_means_no_cache(tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / ".autoproces-cache").symlink_to(tmp_path / "elsewhere")
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    assert cache.cache_file(site) is None
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert _files(_build(tmp_path, _changed(TEXTS), site, "second")) == _clean(tmp_path, _changed(TEXTS))


def test_the_record_files_of_unchanged_processes_are_linked_from_the_previous_build(tmp_path):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    assert _files(second) == _clean(tmp_path, _changed(TEXTS))
    linked = {name: os.path.samefile(site / "api/processes" / name, second / "api/processes" / name)
              for name in ("aarhus/a.json", "aarhus/b.json", "odense/c.json")}
    assert linked == {"aarhus/a.json": False, "aarhus/b.json": True, "odense/c.json": True}


def test_a_record_file_edited_in_the_previous_build_is_written_again(tmp_path):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    record = site / "api" / "processes" / "odense" / "c.json"
    record.write_bytes(record.read_bytes().replace(b"Tredje proces", b"Forfalsket"))  # same inode, other bytes
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    assert _files(second) == _clean(tmp_path, _changed(TEXTS))
    assert not os.path.samefile(record, second / "api" / "processes" / "odense" / "c.json")
    assert os.path.samefile(site / "api/processes/aarhus/b.json", second / "api/processes/aarhus/b.json")
