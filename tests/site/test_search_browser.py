"""The catalogue search in Debian's chromium, on the real built example site (``autoproces build``)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import markdown
import pytest

from generator.search import search_page_markdown, write_search_files
from generator.search.danish import fold, stem
from generator.search.facets import url_value
from tests.support.catalogue import process, published
from tests.support.server import serve_directory

pytestmark = pytest.mark.browser

SEARCH_FILES = ("/assets/search/", "/soeg/data/")


def _ready(page):
    page.wait_for_selector('#ap-search[data-state="ready"]', timeout=20_000)


def _search(page, text: str) -> None:
    page.fill("#ap-search-q", text)
    _ready(page)


def _count(page) -> int:
    status = page.text_content("#ap-search-status") or ""
    if status.startswith("Ingen"):
        return 0
    match = re.match(r"([\d.]+) proces(?:ser)? fundet", status)
    assert match, status
    return int(match.group(1).replace(".", ""))


def _result_links(page) -> list[str]:
    return [urlsplit(h).path for h in page.eval_on_selector_all(".ap-result__title a", "els => els.map(e => e.href)")]


def _all_results(page) -> list[str]:
    """Every result, page after page."""
    found = _result_links(page)
    while page.locator(".ap-pager a", has_text="Næste").count():
        page.locator(".ap-pager a", has_text="Næste").click()
        _ready(page)
        found += _result_links(page)
    return found


def _open(page, url: str) -> None:
    page.goto(url)
    page.focus("#ap-search-q")
    _ready(page)


def test_nothing_search_related_is_requested_before_the_field_is_focused(page, site_url):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(urlsplit(r.url).path))
    page.goto(f"{site_url}soeg/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    early = [r for r in requests if r.startswith(SEARCH_FILES) or "search" in r or "lunr" in r]
    assert early == [], f"requested before focus: {early}"  # Material's search index and worker neither
    page.focus("#ap-search-q")
    _ready(page)
    later = [r for r in requests if r.startswith(SEARCH_FILES)]
    assert any(r.endswith("/search-bundle.js") for r in later)  # every script, lunr.da's stemmer too
    assert any(r.endswith("/manifest.json") for r in later)


def test_an_inflected_danish_word_finds_the_process(page, site_url, example_published):
    # A title word in the plural ("lægeerklæringer") searched in the singular ("lægeerklæring").
    candidates = [(pp, word) for pp in example_published for word in re.findall(r"\w+", pp.process.title)
                  if len(word) >= 8 and word.endswith("er") and stem(fold(word)) == stem(fold(word[:-2]))]
    assert candidates, "the example catalogue has a plural title word"
    pp, word = candidates[0]
    _open(page, f"{site_url}soeg/")
    _search(page, word[:-2] + " ")
    assert f"/processer/{pp.id}/" in _all_results(page)


def test_a_kle_number_finds_its_processes(page, site_url, example_published):
    pp = next(p for p in example_published if p.process.kle and p.process.kle.count(".") == 2)
    group = pp.process.kle.rsplit(".", 1)[0]
    codes = lambda p: [c for c in (p.process.kle, p.process.form, p.process.kla) if c]  # noqa: E731
    expected = {f"/processer/{p.id}/" for p in example_published if any(c.startswith(group) for c in codes(p))}
    _open(page, f"{site_url}soeg/")
    _search(page, pp.process.kle)
    assert f"/processer/{pp.id}/" in _result_links(page)
    _search(page, group)
    assert set(_all_results(page)) == expected
    assert _count(page) == len(expected)


def test_aa_and_aa_spellings_find_the_same_processes(page, site_url, example_published):
    assert any(p.municipality == "aarhus" for p in example_published)
    _open(page, f"{site_url}soeg/")
    _search(page, "Århus")
    with_ring = sorted(_all_results(page))
    _search(page, "Aarhus")
    with_aa = sorted(_all_results(page))
    assert with_ring == with_aa
    assert {f"/processer/{p.id}/" for p in example_published if p.municipality == "aarhus"} <= set(with_aa)


def _check(page, facet: str, code: str) -> None:
    page.check(f'#ap-facet-{facet} input[value="{code}"]')
    _ready(page)


def _label_count(page, facet: str, code: str) -> int:
    box = page.locator(f'#ap-facet-{facet} input[value="{code}"]')
    label = page.locator(f'label[for="{box.get_attribute("id")}"] .ap-facet__count').inner_text()
    return int(label.strip("()").replace(".", ""))


def test_facets_narrow_and_widen_with_correct_counts(page, site_url, example_published):
    phases: dict[str, int] = {}
    for p in example_published:
        phases[url_value(p.process.phase)] = phases.get(url_value(p.process.phase), 0) + 1
    first, second = sorted(phases, key=phases.get, reverse=True)[:2]
    _open(page, f"{site_url}soeg/")
    assert _count(page) == len(example_published)
    assert _label_count(page, "fase", first) == phases[first]

    _check(page, "fase", first)
    assert _count(page) == phases[first]
    _check(page, "fase", second)  # OR within a facet widens
    assert _count(page) == phases[first] + phases[second]

    chosen = [p for p in example_published if url_value(p.process.phase) in (first, second)]
    municipality = chosen[0].municipality
    _check(page, "kommune", municipality)  # AND across facets narrows
    expected = [p for p in chosen if p.municipality == municipality]
    assert _count(page) == len(expected)
    assert set(_all_results(page)) == {f"/processer/{p.id}/" for p in expected}
    # the phase facet still counts what each phase would add within the municipality
    in_municipality = [p for p in example_published if p.municipality == municipality]
    assert _label_count(page, "fase", first) == sum(url_value(p.process.phase) == first for p in in_municipality)

    page.uncheck(f'#ap-facet-fase input[value="{second}"]')
    _ready(page)
    assert _count(page) == sum(url_value(p.process.phase) == first for p in in_municipality)


def test_a_shared_address_restores_the_same_search(page, browser, site_url, example_published):
    _open(page, f"{site_url}soeg/")
    _search(page, "robot")
    phase = next(url_value(p.process.phase) for p in example_published)
    _check(page, "fase", phase)
    page.select_option("#ap-search-sort", "titel")
    _ready(page)
    shared = page.url
    assert "q=robot" in shared and f"fase={phase}" in shared and "sort=titel" in shared
    results, count = _result_links(page), _count(page)

    other = browser.new_context(locale="da-DK").new_page()
    requests: list[str] = []
    other.on("request", lambda r: requests.append(urlsplit(r.url).path))
    other.goto(shared)  # no focus: a search in the address starts the search by itself
    _ready(other)
    assert other.input_value("#ap-search-q") == "robot"
    assert other.is_checked(f'#ap-facet-fase input[value="{phase}"]')
    assert other.input_value("#ap-search-sort") == "titel"
    assert _result_links(other) == results and _count(other) == count
    other.context.close()


# Records, in the page, each fetch of a search data file and each change of the address.
EVENT_LOG = """() => {
  window.__events = [];
  const fetchFile = window.fetch;
  window.fetch = function (url) { window.__events.push('fetch ' + url); return fetchFile.apply(this, arguments); };
  for (const name of ['pushState', 'replaceState']) {
    const change = history[name].bind(history);
    history[name] = function () { window.__events.push(name); return change.apply(null, arguments); };
  }
}"""


def test_the_pause_after_a_keystroke_already_downloads_the_words_index_files(page, site_url):
    """The search of a keystroke starts after a pause (its address changes then); its word's index
    files are requested before, during the pause, and the results are those of the word."""
    _open(page, f"{site_url}soeg/")
    page.evaluate(EVENT_LOG)
    page.type("#ap-search-q", "robot")
    _ready(page)
    events = page.evaluate("window.__events")
    first_change = next(i for i, e in enumerate(events) if e in ("pushState", "replaceState"))
    before = [e for e in events[:first_change] if "/kort-" in e or "/fuld-" in e]
    assert before, events
    assert page.evaluate("location.search") == "?q=robot"
    assert _count(page) > 0


def test_the_result_count_is_announced_politely(page, site_url):
    _open(page, f"{site_url}soeg/")
    _search(page, "journalisering")
    status = page.locator("#ap-search-status")
    assert status.get_attribute("aria-live") == "polite"
    assert re.fullmatch(r"(\d+ processer|1 proces) fundet", status.inner_text())


def test_the_search_works_under_a_sub_path_and_links_to_process_pages(page, sub_path_url, example_published):
    _open(page, f"{sub_path_url}soeg/")
    pp = example_published.processes[0]
    _search(page, pp.id)
    link = page.locator(".ap-result__title a").first
    assert urlsplit(link.get_attribute("href")).path.endswith(f"../processer/{pp.id}/")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/sub/path/processer/{pp.id}/")


def test_the_filters_and_pages_work_with_the_keyboard(page, site_url):
    _open(page, f"{site_url}soeg/")
    first_box = page.locator('#ap-facet-fase input[type="checkbox"]').first
    first_box.focus()
    page.keyboard.press("Space")
    _ready(page)
    assert page.locator('#ap-facet-fase input[type="checkbox"]').first.is_checked()
    assert page.evaluate("document.activeElement.type") == "checkbox", "focus stays on the filter"


def test_hostile_titles_are_shown_as_text(page, tmp_path):
    hostile = '<img src=x onerror="window.__xss=1">'
    catalogue = published({"aarhus/farlig": process(title=hostile, short_description='<script>window.__xss=2</script>')})
    body = markdown.markdown(search_page_markdown(catalogue), extensions=["md_in_html"])
    (tmp_path / "soeg").mkdir()
    (tmp_path / "soeg" / "index.html").write_text(
        f'<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Søg</title></head><body>{body}</body></html>',
        encoding="utf-8")
    write_search_files(catalogue, tmp_path, last_changed=lambda item: None)
    with serve_directory(tmp_path) as url:
        _open(page, f"{url}soeg/")
        _search(page, "img")
        assert page.locator(".ap-result__title a").inner_text() == hostile
        assert page.locator(".ap-result img").count() == 0
        assert page.evaluate("window.__xss") is None


def test_results_and_filters_have_no_serious_accessibility_violations(page, site_url):
    from tests.site.test_site_accessibility import _serious

    _open(page, f"{site_url}soeg/?q=journalisering")
    page.locator("#ap-facet-kle .ap-facet__toggle").first.click()
    page.locator("#ap-facet-fase input").first.check()
    _ready(page)
    assert _serious(page) == []
