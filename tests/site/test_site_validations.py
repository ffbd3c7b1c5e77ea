"""Peer validations from the real ``validations`` field of the example catalogue, in Debian's chromium at
1366 px and 390 px: the process page's fact card, the badge in search results and the search facet
"Valideret af andre kommuner"."""

from __future__ import annotations

import pytest

from tests.site.test_search_browser import _count, _open, _ready, _result_links

pytestmark = pytest.mark.browser

VALIDATED = "aarhus/automatisk-journalisering-af-sygedagpengesager"


def test_the_example_catalogue_has_exactly_one_process_validated_by_two_others(example_published):
    validated = {pp.id: [v.municipality for v in pp.process.validations]
                 for pp in example_published if pp.process.validations}
    assert validated == {VALIDATED: ["odense", "randers"]}


def test_the_fact_card_says_who_validated_the_process_and_when(sized_page, site_url):
    page = sized_page
    page.goto(f"{site_url}processer/{VALIDATED}/")
    fact = page.locator('.ap-factcard [data-fact="validations"]')
    assert fact.locator("dt").inner_text() == "Valideret af 2 kommuner"
    shown = fact.locator("dd li").all_inner_texts()
    assert shown == ["Odense Kommune, 30. november 2026: Samme robot og samme tal som hos os i Jobcenter Odense.",
                     "Randers Kommune, 30. november 2026"]


def test_the_search_result_carries_the_validators_badge(sized_page, site_url):
    page = sized_page
    _open(page, f"{site_url}soeg/?q=sygedagpengesager")
    result = page.locator(".ap-result", has=page.locator(f'.ap-result__title a[href$="processer/{VALIDATED}/"]'))
    assert result.count() == 1
    badge = result.locator(".ap-result__fact--validated")
    assert badge.inner_text() == "Valideret af: Odense Kommune, Randers Kommune"
    others = page.locator(".ap-result:not(.ap-result--empty)").count()
    assert page.locator(".ap-result__fact--validated").count() == 1 < others


def test_the_facet_keeps_only_processes_validated_by_other_municipalities(sized_page, site_url):
    page = sized_page
    _open(page, f"{site_url}soeg/?q=sygedagpenge")
    assert _count(page) > 1
    if page.width_name == "phone":
        page.locator("#ap-search-filters summary").click()
    facet = page.locator("#ap-facet-valideret")
    assert facet.locator("legend").inner_text() == "Valideret af andre kommuner"
    facet.locator('input[type="checkbox"]').first.check()
    _ready(page)
    assert _count(page) == 1
    assert [link.rstrip("/").split("processer/")[1] for link in _result_links(page)] == [VALIDATED]
    assert "valideret=ja" in page.url
