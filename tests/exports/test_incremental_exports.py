"""An incremental build makes the exports of changed processes only, and gives the bytes of a clean build.

Where each process's bytes are in the previous build's exports (its JSON text, CSV line, record file
and the compressed pieces of sheet rows) is kept by the key of its inputs in ``.autoproces-cache/exports/``
beside the output folder; a damaged, cut off, stale or missing layout, and a changed previous output,
are never used: the result is the clean build's, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from generator.exports import write_exports
from generator.exports import layout as cache
from generator.exports.stream import ExportItem
from generator.exports.spreadsheets import MAX_PIECE_ROWS
from generator.exports.unchanged import export_files, file_digest
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


def _layout_file(tmp_path: Path) -> Path:
    path = cache.cache_file(tmp_path / "site")
    assert path is not None and path.is_file()
    return path


def _layout(tmp_path: Path) -> cache.Layout:
    layout = cache.read_layout(_layout_file(tmp_path), tmp_path / "site")
    assert layout is not None
    layout.close()
    return layout


def _counting(monkeypatch) -> list[tuple[str, str]]:
    """The fragments made from here on, (process id, kind) in order."""
    made = []
    real = ExportItem.fragment

    def counted(item, kind, make):
        if kind not in item.fragments:
            made.append((item.record.id, kind))
        return real(item, kind, make)

    monkeypatch.setattr(ExportItem, "fragment", counted)
    return made


def test_the_build_after_one_changed_process_is_the_clean_build_and_remakes_only_that_process(tmp_path, monkeypatch):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    assert len(_layout(tmp_path).records) == 3
    made = _counting(monkeypatch)
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    # The three rows are one piece of the sheet, compressed again with the changed row in it.
    assert made == [("aarhus/a", "json"), ("aarhus/a", "csv"), ("aarhus/a", "xlsx"), ("aarhus/b", "xlsx"),
                    ("odense/c", "xlsx")]
    assert _files(second) == _clean(tmp_path, _changed(TEXTS))


def _many(count: int) -> dict[str, str]:
    return {f"aarhus/p{n:04d}": process_yaml(f"Proces nummer {n}") for n in range(count)}


def test_in_a_larger_catalogue_only_the_sheet_rows_of_the_changed_piece_are_made_again(tmp_path, monkeypatch):
    texts = _many(400)
    site = _build(tmp_path, texts, tmp_path / "site", "site")
    assert len(_layout(tmp_path).pieces) > 2
    changed = {**texts, "aarhus/p0200": texts["aarhus/p0200"].replace("Proces nummer 200", "Ny titel")}
    made = _counting(monkeypatch)
    second = _build(tmp_path, changed, site, "second")
    rows = [process_id for process_id, kind in made if kind == "xlsx"]
    assert [m for m in made if m[1] != "xlsx"] == [("aarhus/p0200", "json"), ("aarhus/p0200", "csv")]
    assert "aarhus/p0200" in rows and 0 < len(rows) <= MAX_PIECE_ROWS
    assert _files(second) == _clean(tmp_path, changed)


def test_a_new_process_moves_the_rows_after_it_and_gives_the_clean_build(tmp_path):
    texts = _many(300)
    site = _build(tmp_path, texts, tmp_path / "site", "site")
    more = {**texts, "aarhus/p0150a": process_yaml("En ny proces")}
    second = _build(tmp_path, more, site, "second")
    assert _files(second) == _clean(tmp_path / "more", more)
    shutil.rmtree(site)
    second.rename(site)  # as a build swaps its staging folder in
    fewer = {k: v for k, v in texts.items() if k != "aarhus/p0010"}
    assert len(_layout(tmp_path).records) == 301
    third = _build(tmp_path, fewer, site, "third")
    assert _files(third) == _clean(tmp_path / "fewer", fewer)


def _rewrite_layout(tmp_path: Path, site: Path, layout: cache.Layout) -> None:
    """The layout written again for the files of ``site`` as they are now (a cache that agrees with them)."""
    files = {name: file_digest(site / name) for name in cache.SOURCES}
    cache.write_layout(_layout_file(tmp_path), files, list(layout.records.items()), list(layout.pieces.items()))


def test_the_bytes_of_the_previous_file_are_what_the_next_build_writes(tmp_path):
    """The layout is used: a previous file that is the one its layout describes is copied from."""
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    path, layout = site / "api" / "processes.csv", _layout(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"Tredje proces", b"Fra lageret!!"))  # the same length
    _rewrite_layout(tmp_path, site, layout)
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    assert b"Fra lageret!!" in (second / "api" / "processes.csv").read_bytes()


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _cut_off(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-10])


def _foreign(path: Path) -> None:
    path.write_bytes(b"not a cache\n" + path.read_bytes())


@pytest.mark.parametrize("spoil", [_damage, _cut_off, _foreign, Path.unlink])
def test_a_damaged_cut_off_foreign_or_missing_layout_gives_the_clean_build(tmp_path, spoil, monkeypatch):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    spoil(_layout_file(tmp_path))
    assert not _layout_file_exists(tmp_path) or cache.read_layout(_layout_file(tmp_path), site) is None
    made = _counting(monkeypatch)
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    assert sorted(kind for _, kind in made) == ["csv"] * 3 + ["json"] * 3 + ["xlsx"] * 3
    assert _files(second) == _clean(tmp_path, _changed(TEXTS))


def _layout_file_exists(tmp_path: Path) -> bool:
    path = cache.cache_file(tmp_path / "site")
    return path is not None and path.exists()


@pytest.mark.parametrize("name", ["processes.json", "processes.csv", "processes.xlsx"])
def test_a_previous_export_changed_after_its_build_is_not_copied_from(tmp_path, name):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    path = site / "api" / name
    _damage(path)
    assert cache.read_layout(_layout_file(tmp_path), site) is None
    second = _build(tmp_path, _changed(TEXTS), site, "second")
    assert _files(second) == _clean(tmp_path, _changed(TEXTS))


def test_a_layout_whose_ranges_leave_the_file_is_not_used(tmp_path):
    site = _build(tmp_path, TEXTS, tmp_path / "site", "site")
    layout = _layout(tmp_path)
    key, placed = next(iter(layout.records.items()))
    files = {name: file_digest(site / name) for name in cache.SOURCES}
    wrong = cache.Placed((placed.json[0], files["api/processes.json"][0]), placed.csv, placed.record_file)
    cache.write_layout(_layout_file(tmp_path), files, [(key, wrong)], [])
    assert cache.read_layout(_layout_file(tmp_path), site) is None


def test_other_settings_make_every_process_anew(tmp_path):
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
