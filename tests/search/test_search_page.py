"""The search page's Markdown: real form controls, relative URLs, raw HTML that survives Markdown."""

from __future__ import annotations

import re

import markdown

from generator.search import SEARCH_PAGE_URI, search_page_markdown
from generator.search.assets import ASSETS_DIR, SCRIPTS, STYLESHEET, bundle, copy_assets
from tests.search.helpers import query_catalogue


def _html() -> str:
    # The extensions of mkdocs.yml that touch raw HTML.
    return markdown.markdown(search_page_markdown(query_catalogue()),
                             extensions=["attr_list", "admonition", "tables", "toc", "md_in_html"])


def test_the_page_lives_at_soeg():
    assert SEARCH_PAGE_URI == "soeg/index.md"


def test_the_form_has_a_labelled_search_field_and_a_live_status():
    html = _html()
    assert re.search(r'<label[^>]*for="ap-search-q"[^>]*>Søg efter processer</label>', html)
    assert re.search(r'<input[^>]*type="search"[^>]*id="ap-search-q"[^>]*name="q"', html)
    assert re.search(r'<p[^>]*role="status"[^>]*aria-live="polite"', html)
    assert "<noscript>" in html


def test_raw_html_and_the_loader_survive_markdown():
    html = _html()
    assert html.count("<script>") == 1 and "</script>" in html
    script = html.split("<script>")[1].split("</script>")[0]
    assert "&lt;" not in script and "<p>" not in script and "addEventListener(\"focus\"" in script
    assert '<p><div' not in html


def test_every_url_is_relative_and_on_this_host():
    page = search_page_markdown(query_catalogue())
    assert "http:" not in page and "https:" not in page and '"//' not in page
    assert 'data-assets="../assets/search/"' in page
    assert 'href="../gennemse/"' in page
    for script in SCRIPTS:
        assert (ASSETS_DIR / script).is_file()
    assert (ASSETS_DIR / STYLESHEET).is_file()


def test_the_page_loads_one_bundle_of_every_script_in_order(tmp_path):
    page = search_page_markdown(query_catalogue())
    assert 'data-scripts="search-bundle.js"' in page
    copy_assets(tmp_path)
    written = (tmp_path / "assets" / "search" / "search-bundle.js").read_bytes()
    assert written == bundle()
    at = [written.index(f"/* {name} */".encode()) for name in SCRIPTS]
    assert at == sorted(at) and len(SCRIPTS) == 14  # lunr's core, its support, Danish, the engine's 7, the page's 4
    assert (ASSETS_DIR / "vendor" / "lunr.min.js").read_bytes().rstrip() not in written  # the reader builds no lunr index
    assert (tmp_path / "assets" / "search" / "vendor" / "LICENSE-lunr.txt").is_file()


def test_the_scripts_put_data_on_the_page_without_innerhtml():
    ours = [name for name in SCRIPTS if not name.startswith("vendor/")]
    assert len(ours) == 12 and "search-core.js" in ours and "search-lunr.js" in ours and "search-ui.js" in ours, ours
    for name in ours:
        source = (ASSETS_DIR / name).read_text(encoding="utf-8")
        assert "innerHTML" not in source and "insertAdjacentHTML" not in source and "document.write" not in source


def test_the_example_queries_come_from_the_catalogue(ask):
    from generator.search.page import example_queries

    catalogue = query_catalogue()
    examples = example_queries(catalogue)
    # the commonest long title word, the organisation with the most processes, the commonest KLE group
    assert examples == ["ansøgninger", "Aarhus", "32.18"]
    html = _html()
    assert '<a class="ap-search__example" href="?q=ans%C3%B8gninger">ansøgninger</a>' in html
    assert '<a class="ap-search__example" href="?q=32.18">32.18</a>' in html
    for query in examples:
        assert ask(query)["count"] >= 1, query


def test_an_empty_catalogue_has_no_examples():
    from tests.search.helpers import published

    page = search_page_markdown(published({}))
    assert "ap-search__example" not in page and "fx " not in page
