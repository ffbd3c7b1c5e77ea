"""An incremental build reuses the previous build's exports only when their inputs are the same."""

from __future__ import annotations

import os
from pathlib import Path

from generator.exports import write_exports
from generator.exports.unchanged import DIGEST_FILE
from tests.site.site_helpers import SITE_LISTS, process_yaml
from tests.support import catalogue as factory

STREAMED_FILES = ("api/processes.json", "api/processes.csv", "api/processes.xlsx", "feed.xml",
                  "api/processes/aarhus/a.json", "api/processes/odense/b.json")


def _publication(folder: Path, title: str = "Første proces"):
    files = {"aarhus/a": process_yaml(title), "odense/b": process_yaml("Anden proces", municipality="odense")}
    return factory.publication(factory.published(files, taxonomies=SITE_LISTS, folder=folder))


def _linked(one: Path, two: Path) -> list[bool]:
    return [os.path.samefile(one / name, two / name) for name in STREAMED_FILES]


def test_the_same_inputs_reuse_every_export_of_the_previous_build(tmp_path):
    ctx = _publication(tmp_path / "processes")
    write_exports(ctx, tmp_path / "first")
    write_exports(_publication(tmp_path / "processes"), tmp_path / "second", previous=tmp_path / "first")
    assert _linked(tmp_path / "first", tmp_path / "second") == [True] * len(STREAMED_FILES)
    digest = (tmp_path / "first" / DIGEST_FILE).read_text(encoding="ascii")
    assert len(digest) == 65 and (tmp_path / "second" / DIGEST_FILE).read_text(encoding="ascii") == digest
    assert (tmp_path / "second" / "schema" / "process.schema.json").is_file()


def test_one_changed_title_makes_every_export_anew(tmp_path):
    write_exports(_publication(tmp_path / "processes"), tmp_path / "first")
    write_exports(_publication(tmp_path / "processes", "Ny titel"), tmp_path / "second", previous=tmp_path / "first")
    assert _linked(tmp_path / "first", tmp_path / "second") == [False] * len(STREAMED_FILES)
    assert "Ny titel" in (tmp_path / "second" / "api" / "processes.csv").read_text(encoding="utf-8-sig")
    assert (tmp_path / "first" / DIGEST_FILE).read_text() != (tmp_path / "second" / DIGEST_FILE).read_text()


def test_a_previous_build_with_a_link_in_place_of_an_export_is_not_reused(tmp_path):
    write_exports(_publication(tmp_path / "processes"), tmp_path / "first")
    xlsx = tmp_path / "first" / "api" / "processes.xlsx"
    (tmp_path / "elsewhere.xlsx").write_bytes(xlsx.read_bytes())
    xlsx.unlink()
    xlsx.symlink_to(tmp_path / "elsewhere.xlsx")
    write_exports(_publication(tmp_path / "processes"), tmp_path / "second", previous=tmp_path / "first")
    written = tmp_path / "second" / "api" / "processes.xlsx"
    assert not written.is_symlink() and written.read_bytes() == (tmp_path / "elsewhere.xlsx").read_bytes()
    assert _linked(tmp_path / "first", tmp_path / "second")[0] is False


def test_autoproces_export_into_its_previous_folder_reuses_what_did_not_change(tmp_path):
    from tests.conftest import copy_project, run_cli

    project = copy_project(tmp_path)
    inode = {}
    for run in ("first", "again", "changed"):
        if run == "changed":
            path = project / "processes" / "aarhus" / "rykkere-for-foraeldrebetaling.yaml"
            path.write_text(path.read_text(encoding="utf-8").replace("title: ", "title: Ny ", 1), encoding="utf-8")
        result = run_cli("export", "--out", "data", cwd=project)
        assert result.returncode == 0, result.stdout + result.stderr
        inode[run] = [os.stat(project / "data" / name).st_ino for name in STREAMED_FILES[:4]]
    assert inode["again"] == inode["first"]
    assert all(a != b for a, b in zip(inode["changed"], inode["again"]))


def test_the_record_files_are_hashed_as_written_not_read_back(tmp_path, monkeypatch):
    from generator.exports import unchanged

    read_back = []
    real = unchanged.file_digest
    monkeypatch.setattr(unchanged, "file_digest", lambda path: read_back.append(path.name) or real(path))
    write_exports(_publication(tmp_path / "processes"), tmp_path / "first")
    assert sorted(read_back) == ["feed.xml", "processes.csv", "processes.json", "processes.xlsx"]
    read_back.clear()
    # Reusing reads every file it links, the record files too, and finds the digest noted from the bytes written.
    write_exports(_publication(tmp_path / "processes"), tmp_path / "second", previous=tmp_path / "first")
    assert sorted(read_back) == ["a.json", "b.json", "feed.xml", "processes.csv", "processes.json", "processes.xlsx"]
    assert _linked(tmp_path / "first", tmp_path / "second") == [True] * len(STREAMED_FILES)
