"""The real build of the example catalogue: every published process has its page, browse pages,
dashboard and exports exist, and every link inside the site leads somewhere."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.model import Phase
from generator.resolve import code_ancestors


def test_every_published_process_has_a_page(site_root, example_published):
    assert len(example_published) > 0
    for pp in example_published:
        page = site_root / "processer" / pp.id / "index.html"
        assert page.is_file(), pp.id
        assert pp.process.title.split()[0] in page.read_text(encoding="utf-8")
    built = {p.parent.relative_to(site_root / "processer").as_posix()
             for p in (site_root / "processer").glob("*/*/index.html")}
    assert built == {pp.id for pp in example_published}


def test_browse_pages_exist_for_every_group_in_use(site_root, example_published):
    for family in ("kle", "form", "organisationer", "it-systemer", "teknologier", "faser"):
        assert (site_root / family / "index.html").is_file(), family
    for pp in example_published:
        process = pp.process
        assert (site_root / "organisationer" / process.municipality / "index.html").is_file()
        assert (site_root / "faser" / process.phase.value / "index.html").is_file()
        for code in code_ancestors(process.kle) if process.kle else []:
            assert (site_root / "kle" / code / "index.html").is_file(), code
        for slug in [*process.it_systems, *process.services]:
            assert (site_root / "it-systemer" / slug / "index.html").is_file(), slug
        for slug in process.technologies:
            assert (site_root / "teknologier" / slug / "index.html").is_file(), slug


def test_only_non_empty_browse_pages_are_generated(site_root, example_published):
    used = {pp.process.phase.value for pp in example_published}
    for phase in Phase:
        assert (site_root / "faser" / phase.value / "index.html").is_file() == (phase.value in used)


def test_browse_page_lists_its_processes_in_a_table_with_the_agreed_columns(site_root, example_published):
    municipality = example_published.processes[0].process.municipality
    html = (site_root / "organisationer" / municipality / "index.html").read_text(encoding="utf-8")
    headings = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', html)
    assert headings == ["Titel", "Organisation", "Fase", "Status", "Opdateret",
                        "Forventet årlig tidsbesparelse (timer)"]
    own = [pp for pp in example_published if pp.process.municipality == municipality]
    assert html.count('<tr><td class="ap-cell-title">') == len(own)


def test_dashboard_front_page_and_prose_pages_exist(site_root):
    for page in ("index.html", "overblik/index.html", "gennemse/index.html", "bidrag/index.html",
                 "regler/index.html", "data/index.html", "soeg/index.html"):
        assert (site_root / page).is_file(), page
    front = (site_root / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<form[^>]*action="soeg/"', front), "the front page's search box submits to soeg/"
    assert 'name="q"' in front
    rules = (site_root / "regler" / "index.html").read_text(encoding="utf-8")
    assert "AP101" in rules


def test_exports_and_feed_exist(site_root):
    for name in ("api/processes.json", "api/processes.csv", "api/processes.xlsx", "feed.xml",
                 "schema/process.schema.json"):
        assert (site_root / name).is_file(), name


def test_process_and_browse_pages_stay_out_of_materials_search_index(site_root):
    index = json.loads((site_root / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    assert not [loc for loc in locations if loc.startswith(("processer/", "kle/", "organisationer/", "faser/"))]
    assert any(loc.startswith("bidrag/") for loc in locations)


def test_navigation_lists_only_the_top_pages(site_root, example_published):
    html = (site_root / "processer" / example_published.processes[0].id / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[: nav.index('<nav class="md-nav md-nav--secondary')]
    assert "processer/" not in nav
    titles = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    assert titles[:6] == ["Forside", "Søg i kataloget", "Gennemse", "Overblik", "Bidrag", "Valideringsregler"]
    assert len(titles) <= 8


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append(value)


def _local_target(site_root: Path, page: Path, ref: str) -> Path | None:
    if ref.startswith(("#", "mailto:", "tel:", "data:", "javascript:")):
        return None
    page_url = "http://site.invalid/" + page.relative_to(site_root).as_posix()
    url = urljoin(page_url, ref)
    parts = urlsplit(url)
    if parts.netloc != "site.invalid":
        return None
    path = site_root / unquote(parts.path.lstrip("/"))
    return path / "index.html" if parts.path.endswith("/") else path


def test_every_relative_link_and_asset_resolves_to_a_file(site_root):
    missing = []
    pages = sorted(site_root.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        parser = _Refs()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.refs:
            target = _local_target(site_root, page, ref)
            if target is not None and not target.exists():
                missing.append(f"{page.relative_to(site_root)} -> {ref}")
    assert not missing, "\n".join(missing[:20])


def test_an_empty_catalogue_without_lists_still_builds(tmp_path):
    from tests.conftest import copy_project, run_cli

    project = copy_project(tmp_path, processes=False)
    for path in (project / "taxonomies").glob("*.json"):
        path.unlink()
    result = run_cli("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads((project / "site" / "api" / "processes.json").read_text(encoding="utf-8"))["count"] == 0
    assert "Der er endnu ingen processer" in (project / "site" / "kle" / "index.html").read_text(encoding="utf-8")
    assert (project / "site" / "overblik" / "index.html").is_file()
