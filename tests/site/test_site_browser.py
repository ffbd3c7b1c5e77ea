"""The built site in Debian's chromium: pages render, charts draw, nothing 404s under a sub-path."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from generator.model import SECTIONS

pytestmark = pytest.mark.browser


def _watch(page, base_url):
    """Collect failed responses and requests to other hosts while the page loads."""
    problems: list[str] = []
    host = urlsplit(base_url).netloc
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("request", lambda r: problems.append(f"other host: {r.url}")
            if urlsplit(r.url).netloc not in (host, "") and not r.url.startswith("data:") else None)
    page.on("requestfailed", lambda r: problems.append(f"failed {r.url}"))
    return problems


def _process_with_kle(published):
    return next(pp for pp in published if pp.process.kle and published.taxonomies["kle"].title(pp.process.kle))


def test_process_page_shows_its_sections_and_the_kle_title(page, site_url, example_published):
    pp = _process_with_kle(example_published)
    page.goto(f"{site_url}processer/{pp.id}/")
    headings = page.locator("article h2:not(.ap-factcard__heading)").all_inner_texts()
    assert SECTIONS["general"] in headings[0]
    known = [h for h in headings if h.strip() in SECTIONS.values()]
    assert known == sorted(known, key=list(SECTIONS.values()).index), "sections in the order of OS2autoproces"
    title = example_published.taxonomies["kle"].title(pp.process.kle)
    kle = page.locator('[data-field="kle"] a')
    assert kle.inner_text() == f"{pp.process.kle} {title}"
    kle.click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/kle/{pp.process.kle}/")
    assert page.locator("h1").inner_text().startswith(f"KLE {pp.process.kle}")
    assert page.locator(f'table.ap-processes a[href$="{pp.id}/"]').count() == 1


def test_dashboard_draws_its_charts_beside_tables(page, site_url, example_published):
    page.goto(f"{site_url}overblik/")
    charts = page.locator("svg.ap-chart[role=img]:visible")  # the wide layout; the phone one is hidden
    assert charts.count() >= 5
    for index in range(charts.count()):
        chart = charts.nth(index)
        assert chart.locator("title").first.text_content().strip()
        box = chart.bounding_box()
        assert box and box["width"] > 250 and box["height"] > 20, box
        assert chart.locator("rect").count() >= 1
    # every panel has a table; the growth panel of a catalogue from one day has a sentence, not a chart
    assert page.locator("table.ap-panel-table").count() == charts.count() + page.locator(".ap-growth-summary").count()
    phase_table = page.locator("#faser ~ .ap-panel table").first
    total = sum(int(c) for c in phase_table.locator("tbody td").all_inner_texts())
    assert total == len(example_published)


@pytest.mark.parametrize("path", ["", "processer/{id}/", "overblik/", "kle/", "organisationer/{municipality}/",
                                  "soeg/", "data/", "bidrag/", "regler/"])
def test_pages_work_under_a_sub_path_without_a_single_404(page, sub_path_url, example_published, path):
    pp = example_published.processes[0]
    url = sub_path_url + path.format(id=pp.id, municipality=pp.process.municipality)
    problems = _watch(page, sub_path_url)
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.status == 200
    assert page.locator("link[rel=stylesheet]").count() >= 2
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"
    assert not problems, problems


def test_front_page_search_box_leads_to_the_search_page(page, site_url):
    page.goto(site_url)
    page.fill("#ap-front-q", "journalisering")
    page.press("#ap-front-q", "Enter")
    page.wait_for_load_state()
    assert re.search(r"/soeg/\?q=journalisering$", page.url), page.url


def test_header_search_box_submits_to_the_catalogue_search(page, site_url, example_published):
    pp = example_published.processes[0]
    page.goto(f"{site_url}processer/{pp.id}/")
    box = page.locator(".md-header input[name=q]")
    box.fill("sygedagpenge")
    box.press("Enter")
    page.wait_for_load_state()
    assert re.search(r"/soeg/\?q=sygedagpenge$", page.url), page.url
    # Material's own search must not take over the search page's ?q= (it opened its overlay before).
    assert page.evaluate("document.getElementById('__search').checked") is False
