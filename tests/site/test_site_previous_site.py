"""An incremental build links the previous site's unchanged pages instead of writing them again
(generator/site/previous_site.py), and its site still equals a clean build byte for byte: after a
changed, an added and a removed process, and when a file of the previous site was damaged. The old
site is removed by a separate process (generator/files.py swap_directory)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.files import swap_directory
from tests.site.test_site_pages_parity import assert_same_site, build, project  # noqa: F401 - the fixture
from tests.support.catalogue import write_process
from tests.support.git_repo import commit

CHANGED = "processes/aarhus/loen-og-ferie.yaml"
CHANGED_PAGE = "processer/aarhus/loen-og-ferie/index.html"
REMOVED = "processes/aalborg/nedlukning-af-brugeradgange-ved-fratraedelse.yaml"
REMOVED_PAGE = "processer/aalborg/nedlukning-af-brugeradgange-ved-fratraedelse/index.html"
ADDED_PAGE = "processer/aarhus/ny-proces/index.html"
UNCHANGED_PAGE = "processer/aarhus/rykkere-for-foraeldrebetaling/index.html"
KEPT_PAGE = "processer/aalborg/robotter-i-hr-og-loen/index.html"


def _inode(path: Path) -> int:
    return os.lstat(path).st_ino


def test_after_a_changed_an_added_and_a_removed_process_the_site_equals_a_clean_build(project):
    build(project, "site", "--incremental")
    site = project / "site"
    before = _inode(site / CHANGED_PAGE)
    changed = project / CHANGED
    changed.write_text(changed.read_text(encoding="utf-8").replace("Kort resumé.", "Et nyt resumé."),
                       encoding="utf-8")
    write_process(project / "processes", "ny-proces", title="En helt ny proces")
    (project / REMOVED).unlink()
    commit(project, "Ændret, ny og fjernet proces", "2026-11-03T12:00:00+01:00")

    again = build(project, "site", "--incremental")

    assert REMOVED_PAGE not in again
    assert "En helt ny proces".encode() in again[ADDED_PAGE]
    assert "Et nyt resumé.".encode() in again[CHANGED_PAGE]
    assert _inode(site / CHANGED_PAGE) != before
    assert_same_site(again, build(project, "site-clean"))


def test_a_damaged_file_of_the_previous_site_is_not_reused(project, tmp_path):
    first = build(project, "site", "--incremental")
    site = project / "site"
    kept = _inode(site / KEPT_PAGE)
    truncated, linked = site / UNCHANGED_PAGE, site / CHANGED_PAGE
    with open(truncated, "r+b") as handle:  # cut off in place: the same inode, another size
        handle.truncate(100)
    outside = tmp_path / "udenfor.html"
    outside.write_bytes(first[CHANGED_PAGE])  # the right content, but through a link
    linked.unlink()
    linked.symlink_to(outside)

    again = build(project, "site", "--incremental")

    assert _inode(site / KEPT_PAGE) == kept  # an intact page is linked, not written again
    assert again[UNCHANGED_PAGE] == first[UNCHANGED_PAGE]
    assert not (site / CHANGED_PAGE).is_symlink()
    assert outside.read_bytes() == first[CHANGED_PAGE]
    assert_same_site(again, build(project, "site-clean"))


def test_a_page_of_the_previous_site_edited_in_place_is_written_again(project):
    first = build(project, "site", "--incremental")
    page = project / "site" / UNCHANGED_PAGE
    size = page.stat().st_size
    with open(page, "r+b") as handle:  # the same size and inode, another modification time
        handle.write(b"X" * 10)
    assert page.stat().st_size == size

    again = build(project, "site", "--incremental")

    assert again[UNCHANGED_PAGE] == first[UNCHANGED_PAGE]


def test_the_old_folder_is_removed_by_a_separate_process_after_the_swap(tmp_path):
    target, staging = tmp_path / "site", tmp_path / ".site.new-1-x"
    (target / "a").mkdir(parents=True)
    (target / "a" / "gammel.html").write_text("gammel", encoding="utf-8")
    staging.mkdir()
    (staging / "ny.html").write_text("ny", encoding="utf-8")

    remover = swap_directory(staging, target, remove_old="background")

    assert remover is not None
    assert [p.name for p in target.iterdir()] == ["ny.html"]
    assert remover.wait(timeout=60) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_swap_leaves_the_old_folder_in_its_place(tmp_path):
    target = tmp_path / "site"
    target.mkdir()
    (target / "gammel.html").write_text("gammel", encoding="utf-8")
    missing = tmp_path / ".site.new-1-x"  # never made: the swap fails

    with pytest.raises(FileNotFoundError):
        swap_directory(missing, target, remove_old="background")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert (target / "gammel.html").read_text(encoding="utf-8") == "gammel"


def test_a_changed_code_renews_the_reference_list_and_browse_index_bodies(project):
    """The bodies of the reference lists and browse indexes come from the page cache while their
    counts are unchanged; a process that leaves a KLE subject changes both."""
    first = build(project, "site", "--incremental")
    path = project / "processes" / "aarhus" / "rykkere-for-foraeldrebetaling.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kle: 28.77.04\n", "kle: 28.77.08\n"), encoding="utf-8")
    commit(project, "Nyt KLE-nummer", "2026-11-03T12:00:00+01:00")

    again = build(project, "site", "--incremental")

    assert again["lister/kle/index.html"] != first["lister/kle/index.html"]
    assert again["kle/index.html"] != first["kle/index.html"]
    assert_same_site(again, build(project, "site-clean"))
