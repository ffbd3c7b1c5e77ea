"""The reader's site in Debian's chromium at 1366 px and 390 px: the facts at the top of a process page,
phones (no sideways scrolling, cards instead of squashed tables, readable charts, the header search),
keyboards (visible focus everywhere), the footer and the Danish texts."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

# One page of every type the site has.
PAGE_TYPES = ["", "processer/{id}/", "gennemse/", "kle/", "kle/{kle}/", "organisationer/{municipality}/",
              "it-systemer/", "teknologier/", "faser/{phase}/", "overblik/", "regler/", "data/", "bidrag/",
              "tilgaengelighed/", "soeg/", "soeg/?q=journalisering", "foreslaa/", "lister/", "lister/kle/",
              "lister/form/", "lister/it-systemer/", "lister/teknologier/", "lister/organisationer/", "404.html"]


def rich_process(published):
    """The process with the most facts for the card (IT-systems, technologies, KLE and figures)."""
    return max(published, key=lambda p: (bool(p.process.it_systems), bool(p.process.technologies),
                                         bool(p.process.kle), p.process.expected_hours_freed_per_year is not None,
                                         p.id))


def page_url(site_url: str, published, path: str) -> str:
    pp = rich_process(published)
    return site_url + path.format(id=pp.id, kle=pp.process.kle.split(".")[0], municipality=pp.process.municipality,
                                  phase=pp.process.phase.value)


def _settle(page) -> None:
    page.wait_for_load_state("networkidle")
    if page.locator("#ap-search[data-loader=on]").count() and "q=" in page.url:
        page.wait_for_selector('#ap-search[data-state="ready"]', timeout=20_000)


@pytest.mark.parametrize("width", [360, 320])
def test_no_page_scrolls_sideways_on_a_narrow_phone(browser, site_url, example_published, width):
    """WCAG 1.4.10 (reflow at 320 CSS px): the page is never wider than the screen."""
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 740})
    page = context.new_page()
    wide = {}
    for path in PAGE_TYPES:
        page.goto(page_url(site_url, example_published, path))
        _settle(page)
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width:
            wide[path] = scroll
    context.close()
    assert wide == {}


def test_tables_of_processes_are_cards_on_a_phone(sized_page, site_url):
    page = sized_page
    page.goto(site_url)
    row = page.locator("table.ap-processes tbody tr").first
    title = row.locator("td").first.bounding_box()
    if page.width_name == "phone":
        # the title takes the card's whole width, the other cells are named by their column
        assert title["width"] > 300, title
        assert row.locator('td[data-label="Organisation"]').evaluate(
            "td => getComputedStyle(td, '::before').content") == '"Organisation: "'
    else:
        assert page.locator("table.ap-processes thead").is_visible()
        assert title["width"] > 200, title


def _focus_is_visible(page) -> dict | None:
    """None when the focused element shows a focus indicator, else what it is."""
    return page.evaluate("""() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const shadow = s.boxShadow && s.boxShadow !== 'none';
      return ring || shadow ? null : {tag: el.tagName, cls: el.className, text: (el.textContent || '').trim().slice(0, 40)};
    }""")


@pytest.mark.parametrize("path", ["", "processer/{id}/", "overblik/", "gennemse/", "soeg/?q=journalisering",
                                  "foreslaa/", "lister/it-systemer/"])
def test_every_focusable_element_shows_focus(sized_page, site_url, example_published, path):
    page = sized_page
    page.goto(page_url(site_url, example_published, path))
    _settle(page)
    seen, hidden = 0, []
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body"):
            break
        seen += 1
        problem = _focus_is_visible(page)
        if problem:
            hidden.append(problem)
    assert seen >= 5
    assert hidden == []


def test_facet_checkboxes_show_keyboard_focus(sized_page, site_url):
    page = sized_page
    page.goto(f"{site_url}soeg/?q=journalisering")
    _settle(page)
    if page.width_name == "phone":
        page.locator("#ap-search-filters summary").click()
    box = page.locator('#ap-facet-fase input[type="checkbox"]').first
    box.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "checkbox"
    assert _focus_is_visible(page) is None
    assert box.evaluate("b => getComputedStyle(b).outlineColor") == "rgb(26, 35, 126)"


def test_the_phone_header_search_puts_the_cursor_in_its_field(sized_page, site_url, example_published):
    page = sized_page
    page.goto(page_url(site_url, example_published, "processer/{id}/"))
    opener = page.locator('.md-header label.md-header__button[for="__search"]')
    if page.width_name == "desktop":
        assert not opener.is_visible()
        return
    opener.click()
    page.wait_for_function("document.activeElement && document.activeElement.name === 'q'")
    assert page.evaluate("document.activeElement.closest('.md-header') !== null")
    page.keyboard.type("journalisering")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r".*/soeg/\?q=journalisering$"))


def test_the_fact_card_is_at_the_top_of_a_process_page(sized_page, site_url, example_published):
    page = sized_page
    pp = rich_process(example_published)
    page.goto(page_url(site_url, example_published, "processer/{id}/"))
    card = page.locator(".ap-factcard")
    facts = card.locator(".ap-fact")
    keys = [facts.nth(i).get_attribute("data-fact") for i in range(facts.count())]
    assert keys == ["municipality", "phase", "status", "expected_hours_freed_per_year", "yearly_value_dkk",
                    "it_systems", "technologies", "kle"]
    names = example_published.taxonomies["municipalities"]
    assert card.locator('[data-fact="municipality"] dd').inner_text() == names.title(pp.process.municipality)
    assert card.locator('[data-fact="phase"] dd').inner_text() == pp.process.phase.label
    assert card.locator('[data-fact="status"] dd').inner_text() == pp.process.status.label
    assert card.locator('[data-fact="kle"] dd').inner_text().startswith(pp.process.kle)
    # before the first section, and on a laptop wholly above the fold
    assert page.evaluate("""() => {
      const card = document.querySelector('.ap-factcard'), first = document.querySelector('article h2[id]:not(#ap-factcard-heading)');
      return !!(card.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    box = card.bounding_box()
    if page.width_name == "desktop":
        assert box["y"] + box["height"] <= 768, box
    else:
        assert box["y"] < 844, box


def test_dashboard_chart_text_is_at_least_12_px_and_cut_labels_keep_their_full_name(sized_page, site_url):
    page = sized_page
    page.goto(f"{site_url}overblik/")
    charts = page.locator("svg.ap-chart:visible")
    assert charts.count() >= 5
    texts = page.evaluate("""() => [...document.querySelectorAll('svg.ap-chart')]
      .filter(svg => svg.getBoundingClientRect().width > 0)
      .flatMap(svg => [...svg.querySelectorAll('text')].map(t => ({
        size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a,
        text: t.textContent, tip: t.parentElement.querySelector('title') ? t.parentElement.querySelector('title').textContent : ''})))""")
    assert texts
    small = [t for t in texts if t["size"] < 12]
    assert small == []
    for t in texts:
        if t["text"].endswith("…"):
            assert t["tip"].startswith(t["text"][:-1]), t
    assert page.locator("table.ap-panel-table").count() == 6


def test_the_growth_panel_means_something_with_one_day_of_data(page, site_url, example_published):
    page.goto(f"{site_url}overblik/")
    panel = page.locator("#vaekst ~ .ap-panel").first
    summary = panel.locator(".ap-growth-summary")
    assert summary.inner_text() == (f"Alle {len(example_published)} processer kom med i kataloget "
                                    f"{panel.locator('tbody th').first.inner_text()}. Grafen over væksten vises, "
                                    "når kataloget har vokset over mere end én dag.")
    assert panel.locator("svg").count() == 0


def test_the_footer_links_to_the_accessibility_statement(sized_page, site_url, example_published):
    page = sized_page
    page.goto(page_url(site_url, example_published, "processer/{id}/"))
    footer = page.locator(".md-footer-meta .ap-footer")
    link = footer.locator("a", has_text="Tilgængelighedserklæring")
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/tilgaengelighed/")
    assert page.locator("article h1").inner_text().rstrip("¶") == "Tilgængelighedserklæring"
    # nothing configured in the example's mkdocs.yml: no contact and no repository link are invented
    assert page.locator(".ap-footer a[href^='mailto:']").count() == 0
    assert page.locator(".ap-footer a", has_text="Kildekode").count() == 0


def test_the_rules_page_shows_every_placeholder(sized_page, site_url):
    page = sized_page
    page.goto(f"{site_url}regler/")
    section = page.locator("#ap012 ~ ul").first
    assert "processes/<organisation>/<kortnavn>.yaml" in section.inner_text()


def test_the_front_page_total_has_no_decimals(page, site_url):
    page.goto(site_url)
    total = page.locator(".ap-keyfigures div", has_text="Forventet frigjort tid").locator("dd").inner_text()
    assert re.fullmatch(r"\d{1,3}(\.\d{3})* timer", total), total
