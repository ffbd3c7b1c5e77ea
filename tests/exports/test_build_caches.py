"""Which builds keep caches: only ``build --incremental`` (and ``serve``, ``export``) reads and writes the
caches of the outputs (the search's token and index caches, the exports' layout and record), of the pages
and of the compiled templates;
a full build writes none of them. Every incremental build, after a full one, after a changed, an added
and a removed process, gives the bytes of a clean build."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.exports.layout import cache_file as layout_file
from generator.search.index_cache import FILE_NAME as INDEX_FILE
from generator.search.token_cache import cache_file as token_file
from generator.site.page_cache import CACHE_FOLDER
from tests.site.test_site_pages_parity import assert_same_site, build
from tests.support.git_repo import commit, init_repo
from tests.conftest import copy_project

CHANGED = "processes/aarhus/automatisk-journalisering-af-sygedagpengesager.yaml"
ADDED = "processes/aarhus/journalisering-af-tandlaegeerklaeringer.yaml"
REMOVED = "processes/ballerup/afstemning-af-bankkonti.yaml"


@pytest.fixture
def project(tmp_path) -> Path:
    project = copy_project(tmp_path)
    # The built sites are not committed (an old site may still be being removed while a commit runs).
    (project / ".gitignore").write_text("/site*/\n/.site*\n", encoding="utf-8")
    init_repo(project)
    commit(project, "Eksempelkataloget", "2026-11-02T12:00:00+01:00")
    return project


def _caches(project: Path) -> list[str]:
    """The caches of incremental builds that are present in the project."""
    layout = layout_file(project / "site")
    assert layout is not None
    paths = {"search": token_file(project), "index": token_file(project).with_name(INDEX_FILE),
             "layout": layout, "record": layout.with_name(layout.name + ".outputs"),
             "pages": project / CACHE_FOLDER / "pages", "templates": project / CACHE_FOLDER / "templates"}
    return sorted(name for name, path in paths.items() if path.exists())


def _edit(project: Path, message: str, when: str, change) -> None:
    change()
    commit(project, message, when)


def test_a_full_build_keeps_no_cache_and_incremental_builds_equal_clean_builds(project):
    full = build(project, "site")
    assert _caches(project) == []
    first = build(project, "site", "--incremental")  # after a full build: nothing to reuse, the same bytes
    assert_same_site(first, full)
    assert _caches(project) == ["index", "layout", "pages", "record", "search", "templates"]

    changed = project / CHANGED
    _edit(project, "Ny titel", "2026-11-03T12:00:00+01:00", lambda: changed.write_text(
        changed.read_text(encoding="utf-8").replace(
            "title: Automatisk journalisering af lægeerklæringer i sygedagpengesager",
            "title: Journalisering af erklæringer fra lægen i sygedagpengesager"), encoding="utf-8"))
    again = build(project, "site", "--incremental")
    assert any("Journalisering af erklæringer fra lægen".encode() in data for name, data in again.items() if name.startswith("soeg/data/dok-"))
    assert_same_site(again, build(project, "site-clean"))

    added = project / ADDED
    _edit(project, "Ny proces", "2026-11-04T12:00:00+01:00", lambda: added.write_text(
        "title: Journalisering af tandlægeerklæringer\nshort_description: Tandlægeerklæringer journaliseres på sagen.\n"
        "municipality: aarhus\nphase: idea\nstatus: inprogress\nvisibility: public\ncontact:\n  name: Anne Andersen\n"
        "long_description: |\n  Tandlægeerklæringer kommer med Digital Post og lægges på borgerens sag.\n",
        encoding="utf-8"))
    again = build(project, "site", "--incremental")
    assert any("tandlægeerklæring".encode() in data for name, data in again.items() if name.startswith("soeg/data/dok-"))
    assert_same_site(again, build(project, "site-clean"))

    _edit(project, "Proces fjernet", "2026-11-05T12:00:00+01:00", (project / REMOVED).unlink)
    again = build(project, "site", "--incremental")
    assert not any(b"afstemning-af-bankkonti" in data for name, data in again.items() if name.startswith("soeg/data/"))
    assert_same_site(again, build(project, "site-clean"))
