"""The pages filled into the theme's shell outside mkdocs (generator/site/bulk.py) are the pages mkdocs
itself renders, byte for byte; a build on two cores equals a build on one; an incremental build
equals a clean build, also after a change, a corrupted cache entry or a changed template."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.site.page_cache import CACHE_FOLDER
from generator.site.pages_reference import PAGES as LIST_PAGES
from generator.urls import BROWSE_FAMILIES
from tests.conftest import ROOT, copy_project, run_cli
from tests.support.catalogue import write_process
from tests.support.git_repo import commit, init_repo

# One fixed build date for every build of a test, so dates in the sitemap and its gzip header match.
FIXED_DATE = {"SOURCE_DATE_EPOCH": "1796083200"}
UMBRELLA = "processes/aalborg/robotter-i-hr-og-loen.yaml"
BEFORE_VALIDATIONS = "2026-11-02T12:00:00+01:00"  # a later first commit would make the examples' validations AP312
CHILD_PAGE = "processer/aalborg/indberetning-af-arbejdsskader/index.html"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(project: Path, site: str, *extra: str, **env: str) -> dict[str, bytes]:
    result = run_cli("build", "--site-dir", site, *extra, cwd=project, env={**FIXED_DATE, **env})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return snapshot(project / site)


def assert_same_site(left: dict[str, bytes], right: dict[str, bytes]) -> None:
    assert sorted(left) == sorted(right)
    differing = [name for name in left if left[name] != right[name]]
    assert differing == []


@pytest.fixture
def project(tmp_path) -> Path:
    """The example catalogue in a git repository of its own, plus a title with characters HTML escapes."""
    project = copy_project(tmp_path)
    path = project / "processes" / "aarhus" / "loen-og-ferie.yaml"
    path.write_text('title: \'Løn & ferie: "særlige" <regler>\'\nshort_description: Kort resumé.\nmunicipality: aarhus\n'
                    "phase: idea\nstatus: inprogress\nvisibility: public\ncontact:\n  name: Anne Andersen\n",
                    encoding="utf-8")
    # As in the real repository: the site folders and the caches are not committed (``git add -A`` in a later
    # commit must not see an old site that a background process is removing).
    shutil.copy2(ROOT / ".gitignore", project / ".gitignore")
    init_repo(project)
    commit(project, "Eksempelkataloget", BEFORE_VALIDATIONS)
    return project


def _configure(project: Path, variant: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    if variant == "site-url-and-file-urls":
        text = text.replace("use_directory_urls: true", "use_directory_urls: false")
        text = text.replace("docs_dir: docs", "docs_dir: docs\nsite_url: https://katalog.example.org/sti/")
    config.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("variant", ["default", "site-url-and-file-urls", "private-build"])
def test_pages_filled_into_the_shell_equal_the_pages_mkdocs_renders_itself(project, variant):
    _configure(project, variant)
    audience = []
    if variant == "private-build":  # the audience's own private process, with its warnings and internal notes
        write_process(project.parent / "privat", "intern-proces", visibility="municipality",
                      internal_notes="Kun for Aarhus.")
        audience = ["--audience", "aarhus", "--overlay", "../privat"]
    by_mkdocs = build(project, "site-mkdocs", *audience, AUTOPROCES_PAGE_RENDERER="mkdocs")
    filled = build(project, "site-shell", *audience, AUTOPROCES_PAGE_RENDERER="shell")
    if variant == "private-build":
        assert b"Kun for Aarhus." in filled["processer/aarhus/intern-proces/index.html"]
    assert "<title>Løn &amp; ferie: &#34;særlige&#34; &lt;regler&gt; - ".encode() in \
        filled["processer/aarhus/loen-og-ferie/index.html"]
    assert len([n for n in filled if n.startswith("processer/") and n.endswith(".html")]) == \
        (42 if variant == "private-build" else 41)
    if variant == "site-url-and-file-urls":
        assert b"https://katalog.example.org/sti/processer/aarhus/loen-og-ferie/index.html" in filled["sitemap.xml"]
    assert not [n for n, data in filled.items() if b"apshellx" in data]
    assert_same_site(by_mkdocs, filled)


def test_a_build_on_two_cores_equals_a_build_on_one(project):
    serial = build(project, "site-serial", AUTOPROCES_WORKERS="1")
    parallel = build(project, "site-parallel", AUTOPROCES_WORKERS="2")
    assert_same_site(serial, parallel)


def _entries(project: Path) -> dict[str, bytes]:
    """The entries of the page cache (the exports keep their fragments beside it, in ``exports/``)."""
    return {p.name: p.read_bytes() for p in (project / CACHE_FOLDER / "pages").rglob("*") if p.is_file()}


def test_an_incremental_build_after_a_change_equals_a_clean_build(project):
    first = build(project, "site", "--incremental")
    assert_same_site(first, build(project, "site-clean"))
    cached = _entries(project)
    assert len(cached) == 41 + len([n for n in first if n.count("/") == 2 and n.endswith("/index.html")
                                    and n.split("/")[0] in ("kle", "form", "organisationer", "it-systemer",
                                                            "teknologier", "faser")]) - 2 \
        + len(LIST_PAGES) + len(BROWSE_FAMILIES)  # less the two samples; the bodies of the lists and indexes
    umbrella = project / UMBRELLA
    umbrella.write_text(umbrella.read_text(encoding="utf-8").replace("title: Robotter i HR og Løn",
                                                                     "title: Robotter i personaleadministrationen"),
                        encoding="utf-8")
    commit(project, "Ny titel på paraplyen", "2026-11-03T12:00:00+01:00")
    again = build(project, "site", "--incremental")
    assert b"Robotter i personaleadministrationen" in again[CHILD_PAGE]
    renewed = set(_entries(project)) - set(cached)
    assert 2 <= len(renewed) <= 30  # the umbrella, its children and its browse pages; not all 41 processes
    assert_same_site(again, build(project, "site-clean"))


def test_an_incremental_build_after_a_change_that_only_another_file_makes_equals_a_clean_build(project):
    """The child's file stays the same, but its umbrella is no longer published: its page loses the link."""
    first = build(project, "site", "--incremental")
    assert b"Robotter i HR og L" in first[CHILD_PAGE]
    umbrella = project / UMBRELLA
    umbrella.write_text(umbrella.read_text(encoding="utf-8").replace("visibility: public", "visibility: municipality"),
                        encoding="utf-8")
    again = build(project, "site", "--incremental")
    assert "processer/aalborg/robotter-i-hr-og-loen/index.html" not in again
    assert b"Robotter i HR og L" not in again[CHILD_PAGE]
    assert_same_site(again, build(project, "site-clean"))


def test_an_incremental_build_after_a_changed_text_equals_a_clean_build(project):
    first = build(project, "site", "--incremental")
    child = project / "processes" / "aalborg" / "indberetning-af-arbejdsskader.yaml"
    text = child.read_text(encoding="utf-8")
    assert "Det er dobbeltarbejde," in text
    child.write_text(text.replace("Det er dobbeltarbejde,", "Det er tredobbelt arbejde,"), encoding="utf-8")
    again = build(project, "site", "--incremental")
    assert b"tredobbelt" not in first[CHILD_PAGE] and b"Det er tredobbelt arbejde," in again[CHILD_PAGE]
    assert_same_site(again, build(project, "site-clean"))


def test_an_incremental_build_after_a_changed_figure_reuses_the_index_files_and_equals_a_clean_build(project):
    """No searchable text changed: the index files are the previous site's (hard links: the same inodes,
    kept alive by the new site after the old one is removed), and the site is the clean build's."""
    first = build(project, "site", "--incremental")
    index_files = sorted((project / "site" / "soeg" / "data").glob("fuld-*.json"))
    inodes = {p.name: p.stat().st_ino for p in index_files}
    assert len(inodes) >= 1
    changed = project / "processes" / "aalborg" / "refusion-af-sygedagpenge-fra-nemrefusion.yaml"
    text = changed.read_text(encoding="utf-8")
    assert "time_spend_occurrences: 5200\n" in text
    changed.write_text(text.replace("time_spend_occurrences: 5200\n", "time_spend_occurrences: 4321\n"), encoding="utf-8")
    again = build(project, "site", "--incremental")
    assert {name: (project / "site" / "soeg" / "data" / name).stat().st_ino for name in inodes} == inodes
    record_file = "api/processes/aalborg/refusion-af-sygedagpenge-fra-nemrefusion.json"
    assert b'"time_spend_occurrences": 4321' in again[record_file] and first[record_file] != again[record_file]
    assert_same_site(again, build(project, "site-clean"))


def test_a_corrupted_cache_entry_is_rendered_again(project):
    build(project, "site", "--incremental")
    entry = next(p for p in (project / CACHE_FOLDER).rglob("*") if p.is_file() and b"ap-factcard" in p.read_bytes())
    entry.write_bytes(entry.read_bytes().replace(b"ap-factcard", b"ap-forfalsket", 1))
    shutil.rmtree(project / "site")  # no previous site to link the page from: the cache is read
    again = build(project, "site", "--incremental")
    assert not [name for name, data in again.items() if b"ap-forfalsket" in data]
    assert b"ap-forfalsket" not in entry.read_bytes()
    assert_same_site(again, build(project, "site-clean"))


def test_a_changed_template_makes_every_cached_page_stale(project):
    build(project, "site", "--incremental")
    before = set(_entries(project))
    template = project / "site_templates" / "process.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n<p>Ny linje i skabelonen</p>\n", encoding="utf-8")
    again = build(project, "site", "--incremental")
    assert b"Ny linje i skabelonen" in again[CHILD_PAGE]
    assert not before & set(_entries(project))  # every key changed, the old entries are removed
    assert_same_site(again, build(project, "site-clean"))
