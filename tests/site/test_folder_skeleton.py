"""The previous site's folders are kept, empty, and reused by the next build (generator/folder_skeleton.py):
the page folders are moved in instead of made, the site still equals a clean build, the folder of a page
no longer made is gone, and a skeleton that was changed after it was made is not used."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from generator.folder_skeleton import Skeleton, make_skeleton, skeleton_paths
from tests.site.test_site_pages_parity import assert_same_site, build, project  # noqa: F401 - the fixture
from tests.support.git_repo import commit

REMOVED = "processes/aalborg/nedlukning-af-brugeradgange-ved-fratraedelse.yaml"
REMOVED_FOLDER = "processer/aalborg/nedlukning-af-brugeradgange-ved-fratraedelse"
KEPT_FOLDER = "processer/aarhus/rykkere-for-foraeldrebetaling"


def _skeleton_of(project: Path) -> Path:
    """The skeleton the remover leaves after a build that replaced a site, once complete (its record written)."""
    folder, record = (Path(path) for path in skeleton_paths(os.fspath(project / "site")))
    deadline = time.monotonic() + 60
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert record.exists(), "the remover left no skeleton"
    return folder


def _leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if ".new-" in path.name)


def _empty_folders(site: Path) -> list[str]:
    return sorted(os.path.relpath(root, site) for root, folders, files in os.walk(site) if not folders and not files)


def test_the_next_build_moves_the_kept_folders_in_and_still_equals_a_clean_build(project):
    build(project, "site")
    first = build(project, "site")  # it replaced a site: that one's folders are kept
    skeleton = _skeleton_of(project)
    assert [path for path in skeleton.rglob("*") if not path.is_dir()] == []  # folders only, no file
    assert (skeleton / REMOVED_FOLDER).is_dir()
    kept_inode = os.lstat(skeleton / KEPT_FOLDER).st_ino
    (project / REMOVED).unlink()
    commit(project, "Fjernet proces", "2026-11-03T12:00:00+01:00")

    again = build(project, "site")

    site = project / "site"
    assert os.lstat(site / KEPT_FOLDER).st_ino == kept_inode  # moved in, not made again
    assert f"{KEPT_FOLDER}/index.html" in again and f"{KEPT_FOLDER}/index.html" in first
    assert not (site / REMOVED_FOLDER).exists()  # the folder of the page no longer made is gone
    assert _empty_folders(site) == []
    assert _leftovers(project) == []
    assert_same_site(again, build(project, "site-clean"))


def test_a_skeleton_with_a_file_added_after_it_was_made_is_not_used(project):
    build(project, "site")
    build(project, "site")
    skeleton = _skeleton_of(project)
    kept_inode = os.lstat(skeleton / KEPT_FOLDER).st_ino
    (skeleton / KEPT_FOLDER / "plantet.html").write_text("<script>alert(1)</script>", encoding="utf-8")

    again = build(project, "site")

    site = project / "site"
    assert f"{KEPT_FOLDER}/plantet.html" not in again
    assert not (site / KEPT_FOLDER / "plantet.html").exists()
    assert os.lstat(site / KEPT_FOLDER).st_ino != kept_inode
    assert _leftovers(project) == []


def test_making_a_skeleton_removes_files_and_links_but_never_follows_a_link(tmp_path):
    outside = tmp_path / "udenfor"
    outside.mkdir()
    (outside / "vigtig.txt").write_text("bevares", encoding="utf-8")
    old = tmp_path / ".site.old-4242"
    (old / "processer" / "a").mkdir(parents=True)
    (old / "processer" / "a" / "index.html").write_text("side", encoding="utf-8")
    (old / "index.html").write_text("forside", encoding="utf-8")
    (old / "processer" / "link").symlink_to(outside, target_is_directory=True)

    assert make_skeleton(os.fspath(old)) is True

    skeleton, record = (Path(path) for path in skeleton_paths(os.fspath(tmp_path / "site")))
    assert not old.exists()
    assert sorted(os.path.relpath(path, skeleton) for path in skeleton.rglob("*")) == ["processer", "processer/a"]
    assert (outside / "vigtig.txt").read_text(encoding="utf-8") == "bevares"
    rows = json.loads(record.read_text(encoding="utf-8"))["folders"]
    assert [row[0] for row in rows] == ["", "processer", "processer/a"]


def test_a_folder_not_named_as_a_replaced_site_is_removed_whole(tmp_path):
    other = tmp_path / "noget-andet"
    (other / "a").mkdir(parents=True)

    assert make_skeleton(os.fspath(other)) is False

    assert not other.exists()
    assert not Path(skeleton_paths(os.fspath(tmp_path / "noget-andet"))[0]).exists()


def test_a_skeleton_without_its_record_is_left_alone(tmp_path):
    skeleton, record = (Path(path) for path in skeleton_paths(os.fspath(tmp_path / "site")))
    (skeleton / "processer").mkdir(parents=True)  # as while the remover is still making it

    assert Skeleton.take(os.fspath(tmp_path / "site")) is None

    assert (skeleton / "processer").is_dir()
    assert not record.exists()


def test_a_record_naming_a_folder_outside_the_skeleton_is_not_used(tmp_path):
    old = tmp_path / ".site.old-17"
    (old / "processer").mkdir(parents=True)
    assert make_skeleton(os.fspath(old)) is True
    skeleton, record = (Path(path) for path in skeleton_paths(os.fspath(tmp_path / "site")))
    data = json.loads(record.read_text(encoding="utf-8"))
    data["folders"].append(["../udenfor", 1, 1])
    record.write_text(json.dumps(data), encoding="utf-8")

    assert Skeleton.take(os.fspath(tmp_path / "site")) is None

    assert not skeleton.exists()  # claimed and removed
    assert sorted(path.name for path in tmp_path.iterdir()) == []


def test_every_name_the_remover_writes_is_ignored_by_git(tmp_path, monkeypatch):
    """A contributor's ``git add -A`` may run while the remover of the last build works: nothing it writes
    may be committed, or vanish under git (which then fails with status 128)."""
    import shutil
    import subprocess

    from generator import folder_skeleton
    from tests.conftest import ROOT
    from tests.support.git_repo import init_repo

    repo = init_repo(tmp_path / "project")
    shutil.copy2(ROOT / ".gitignore", repo / ".gitignore")
    old = repo / f".site.old-{os.getpid()}"
    (old / "processer" / "a").mkdir(parents=True)
    (old / "processer" / "a" / "index.html").write_text("<p>gammel</p>", encoding="utf-8")
    written: list[str] = []
    real_replace = os.replace
    monkeypatch.setattr(folder_skeleton.os, "replace", lambda src, dst: written.append(src) or real_replace(src, dst))
    assert make_skeleton(os.fspath(old))
    folder, record = skeleton_paths(os.fspath(repo / "site"))
    assert len(written) == 1 and written[0].endswith(".tmp")
    for name in [os.fspath(old) + "/", folder + "/", record, *written]:  # folders, then files
        relative = os.path.relpath(name, repo) + ("/" if name.endswith("/") else "")
        found = subprocess.run(["git", "check-ignore", "-q", "--no-index", relative], cwd=repo)
        assert found.returncode == 0, f"{relative} is not ignored by .gitignore"
