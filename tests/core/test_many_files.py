"""The writer of the many small record files (``generator.files.ManyFiles``)."""

from __future__ import annotations

import os
import stat

from generator.files import ManyFiles


def test_each_file_is_written_when_given_readable_and_without_temporaries(tmp_path):
    old = os.umask(0o077)
    try:
        writer = ManyFiles()
        writer.write(tmp_path / "api/processes/aarhus/a.json", b"{}\n")
        assert (tmp_path / "api/processes/aarhus/a.json").read_bytes() == b"{}\n"  # before the next is given
        writer.write(str(tmp_path / "api/processes/odense/b.json"), b'{"id": "odense/b"}\n')
    finally:
        os.umask(old)
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert files == ["api/processes/aarhus/a.json", "api/processes/odense/b.json"]
    for name in files:
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644


def test_a_link_at_the_target_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    (tmp_path / "api").mkdir()
    (tmp_path / "api/a.json").symlink_to(outside)
    ManyFiles().write(tmp_path / "api/a.json", b"new\n")
    assert outside.read_bytes() == b"keep"
    assert not (tmp_path / "api/a.json").is_symlink()
    assert (tmp_path / "api/a.json").read_bytes() == b"new\n"


def test_in_a_staging_folder_each_file_is_created_at_its_name_without_a_rename(tmp_path, monkeypatch):
    renamed = []
    real = os.replace
    monkeypatch.setattr(os, "replace", lambda *args: renamed.append(args) or real(*args))
    old = os.umask(0o077)
    try:
        ManyFiles(staging=True).write(tmp_path / "api/processes/aarhus/a.json", b"{}\n")
    finally:
        os.umask(old)
    assert (tmp_path / "api/processes/aarhus/a.json").read_bytes() == b"{}\n"
    assert stat.S_IMODE((tmp_path / "api/processes/aarhus/a.json").stat().st_mode) == 0o644
    assert renamed == []
    assert sorted(p.name for p in (tmp_path / "api/processes/aarhus").iterdir()) == ["a.json"]


def test_in_a_staging_folder_an_existing_name_or_link_is_replaced_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    (tmp_path / "api").mkdir()
    (tmp_path / "api/a.json").symlink_to(outside)
    (tmp_path / "api/b.json").write_bytes(b"a page of the same name")
    writer = ManyFiles(staging=True)
    writer.write(tmp_path / "api/a.json", b"new\n")
    writer.write(tmp_path / "api/b.json", b"export\n")
    assert outside.read_bytes() == b"keep"
    assert not (tmp_path / "api/a.json").is_symlink()
    assert (tmp_path / "api/a.json").read_bytes() == b"new\n"
    assert (tmp_path / "api/b.json").read_bytes() == b"export\n"
    assert sorted(p.name for p in (tmp_path / "api").iterdir()) == ["a.json", "b.json"]
