"""What the search page does between keystrokes, in Debian's chromium at 1366 px and 390 px: it says
"Søger …" until every index has answered, Back and Forward walk through searches, the example queries
find something, and every result shows the facts a reader scans for."""

from __future__ import annotations

import re

import pytest

from generator.search.danish import stem, text_terms, tokens
from generator.search.documents import search_documents
from generator.search.index import short_texts
from generator.search.page import example_queries
from tests.site.test_search_browser import _count, _ready, _result_links, _search

pytestmark = pytest.mark.browser


def _open(page, url: str) -> None:
    page.goto(url)
    page.focus("#ap-search-q")
    _ready(page)


def _full_text_only_word(published) -> tuple[str, set[str]]:
    """A word that only the full-text index holds, and the processes whose long texts hold it."""
    documents = search_documents(published)
    short = {t for d in documents for t in text_terms(short_texts(d))}
    candidates: dict[str, str] = {}
    for d in documents:
        for word in tokens(" ".join(d.long_texts)):
            if len(word) >= 8 and stem(word) not in short and not any(s.startswith(word) for s in short):
                candidates.setdefault(word, d.id)
    word = sorted(candidates)[0]
    return word, {d.id for d in documents if stem(word) in text_terms(d.long_texts)}


def test_no_count_and_no_empty_result_before_the_full_text_has_answered(sized_page, site_url, example_published):
    page = sized_page
    word, expected = _full_text_only_word(example_published)
    held = []
    page.route(re.compile(r".*/soeg/data/fuld-.*\.json"), lambda route: held.append(route))
    _open(page, f"{site_url}soeg/")
    page.fill("#ap-search-q", word)
    page.wait_for_function("document.querySelector('#ap-search-status').textContent === 'Søger …'")
    page.wait_for_timeout(800)  # the short index has long answered: nothing may be shown from it alone
    assert held, "the full-text index was requested"
    assert page.text_content("#ap-search-status") == "Søger …"
    assert page.get_attribute("#ap-search", "data-state") == "busy"
    assert page.locator(".ap-result--empty").count() == 0
    for route in held:
        route.continue_()
    page.unroute(re.compile(r".*/soeg/data/fuld-.*\.json"))
    _ready(page)
    assert _count(page) == len(expected) >= 1
    assert {link.rsplit("/processer/", 1)[1].rstrip("/") for link in _result_links(page)} == expected


def test_back_and_forward_walk_through_the_searches(sized_page, site_url, example_published):
    page = sized_page
    first, second, _ = example_queries(example_published)
    _open(page, f"{site_url}soeg/")
    everything = _count(page)
    _search(page, first)
    first_results = _result_links(page)
    phase = page.locator('#ap-facet-fase input[type="checkbox"]').first
    if page.width_name == "phone":
        page.locator("#ap-search-filters summary").click()
    phase.check()
    _ready(page)
    narrowed = page.url
    _search(page, second)
    assert "q=" in page.url and first not in page.url

    page.go_back()
    _ready(page)
    assert page.url == narrowed and page.input_value("#ap-search-q") == first
    assert page.locator('#ap-facet-fase input[type="checkbox"]:checked').count() == 1
    page.go_back()
    _ready(page)
    assert page.input_value("#ap-search-q") == first
    assert page.locator('#ap-facet-fase input[type="checkbox"]:checked').count() == 0
    assert _result_links(page) == first_results
    page.go_back()
    _ready(page)
    assert page.input_value("#ap-search-q") == "" and _count(page) == everything
    page.go_forward()
    _ready(page)
    assert page.input_value("#ap-search-q") == first and _result_links(page) == first_results


def test_the_example_queries_find_processes_in_the_built_catalogue(sized_page, site_url, example_published):
    page = sized_page
    page.goto(f"{site_url}soeg/")
    examples = page.locator("#ap-search-hint a.ap-search__example")
    texts = examples.all_inner_texts()
    assert texts == example_queries(example_published) and len(texts) == 3
    for text in texts:
        page.goto(f"{site_url}soeg/")
        page.locator("#ap-search-hint a.ap-search__example", has_text=text).click()
        _ready(page)
        assert page.input_value("#ap-search-q") == text
        assert _count(page) >= 1, text


@pytest.mark.parametrize("sort", ["relevans", "titel", "timer", "opdateret"])
def test_every_result_shows_organisation_phase_and_hours_whatever_the_sort(sized_page, site_url,
                                                                           example_published, sort):
    page = sized_page
    by_id = example_published.by_id
    names = example_published.taxonomies["municipalities"]
    _open(page, f"{site_url}soeg/?q={example_queries(example_published)[1]}&sort={sort}")
    results = page.locator(".ap-result:not(.ap-result--empty)")
    assert results.count() >= 1
    for index in range(results.count()):
        result = results.nth(index)
        pid = result.locator(".ap-result__title a").get_attribute("href").split("processer/")[1].rstrip("/")
        process = by_id[pid].process
        facts = result.locator(".ap-result__fact")
        text = {f.split(": ", 1)[0]: f.split(": ", 1)[1] for f in facts.all_inner_texts()}
        assert text["Organisation"] == names.title(process.municipality)
        assert text["Fase"] == process.phase.label
        freed = process.expected_hours_freed_per_year
        expected = "ikke opgjort" if freed is None else f"{round(freed):,}".replace(",", ".")
        assert text["Frigjorte timer om året"] == expected
        others = [v.municipality for v in process.validations if v.municipality != process.municipality]
        assert text.get("Valideret af") == (", ".join(names.title(m) for m in others) if others else None)
