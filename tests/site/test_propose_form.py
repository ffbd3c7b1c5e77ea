"""The form "Foreslå en proces" in Debian's chromium: what it writes passes `autoproces check`, the phase
rules apply as you type, the browser validates against the published schema (vendored Ajv), the GitHub
address is right, "Rediger" fills the form, keyboard only works and axe finds nothing serious."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""
SLUG = "automatisk-opfoelgning-paa-sygedagpenge"
UMBRELLA = "kolding/faelles-automatisering-af-ydelsesomraadet"  # a global umbrella among the examples


def open_form(page, site_url: str, query: str = "") -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}foreslaa/{query}")
    page.wait_for_selector("#ap-form[data-ready='true']", timeout=30_000)
    assert errors == []


def fill_minimal(page) -> None:
    page.fill("#f-title", "Automatisk opfølgning på sygedagpenge")
    page.fill("#f-short-description", "En robot sender breve til borgere på sygedagpenge.")
    page.select_option("#f-municipality", "aarhus")
    page.fill("#f-contact-name", "Anne Jensen")
    page.fill("#f-contact-email", "digitalisering@aarhus.dk")


def check_yaml(tmp_path: Path, municipality: str, slug: str, text: str,
               also: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``autoproces check`` on the YAML the form shows, saved where the form says it belongs (next to the
    example processes ``also`` names, e.g. the umbrella it refers to)."""
    for process_id in also:
        target = tmp_path / "processes" / f"{process_id}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((ROOT / "processes" / f"{process_id}.yaml").read_bytes())
    path = tmp_path / "processes" / municipality / f"{slug}.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "generator", "--taxonomies", str(ROOT / "taxonomies"), "check",
                           f"processes/{municipality}/{slug}.yaml"], cwd=tmp_path, capture_output=True, text=True)


def test_a_minimal_process_gives_a_file_that_passes_the_check_and_githubs_new_file_page(page, site_url, tmp_path):
    open_form(page, site_url)
    assert page.get_attribute("#ap-github", "aria-disabled") == "true"  # empty form: nothing to open yet
    fill_minimal(page)
    assert page.input_value("#f-slug") == SLUG
    assert page.inner_text("#ap-summary").startswith("Alle felter er i orden.")
    text = page.inner_text("#ap-yaml") + "\n"
    assert text.splitlines()[:3] == [
        "# yaml-language-server: $schema=https://autoproces.github.io/autoproces/schema/process.schema.json",
        'title: "Automatisk opfølgning på sygedagpenge"',
        'short_description: "En robot sender breve til borgere på sygedagpenge."']
    result = check_yaml(tmp_path, "aarhus", SLUG, text)
    assert result.returncode == 0 and "1 fil kontrolleret: 0 fejl, 0 advarsler." in result.stdout, result.stdout
    url = urlsplit(page.get_attribute("#ap-github", "href"))
    query = parse_qs(url.query)
    assert (url.scheme, url.netloc, url.path) == ("https", "github.com", "/autoproces/autoproces/new/main")
    assert query["filename"] == [f"processes/aarhus/{SLUG}.yaml"]
    assert query["value"] == [text.rstrip("\n") + "\n"] or query["value"] == [text]
    assert query["message"] == ["Ny proces: Automatisk opfølgning på sygedagpenge (aarhus)"]


def test_a_full_process_in_operation_with_figures_computed_live(page, site_url, tmp_path):
    open_form(page, site_url)
    fill_minimal(page)
    page.select_option("#f-phase", "operation")
    page.fill("#f-kle", "32.30.04")
    assert page.inner_text("#f-kle-title") == "Udbetaling af sygedagpenge"
    page.fill("#f-form", "14.35.15")
    page.check("input[name='domains'][value='employment']")
    page.fill("#f-other-contact-email", "digitalisering@aarhus.dk")
    page.fill("#f-long-description", "Sagsbehandlerne tjekker hver uge 200 sager i hånden.")
    page.fill("#f-it-systems", "nemrefusion")
    page.press("#f-it-systems", "Enter")
    page.fill("#f-it-systems", "KMD Momentum")  # a name from the list works as well as the slug
    page.click("[data-add='it_systems']")
    for technology in ("uipath", "python"):
        page.fill("#f-technologies", technology)
        page.click("[data-add='technologies']")
    page.fill("#f-time-spend-occurrences", "1200")
    page.fill("#f-time-spend-per-occurrence", "7,5")  # Danish decimal comma
    page.fill("#f-time-spend-percentage-digital", "80")
    page.fill("#f-time-spend-employees-doing-process", "3")
    page.fill("#f-expected-development-time", "120")
    assert page.inner_text("#ap-manual-hours") == "150 timer"
    assert page.inner_text("#ap-hours-freed") == "120 timer"
    assert page.inner_text("#ap-yearly-value") == "54.000 kr."  # 120 hours at the configured 450 kr.
    page.select_option("#f-run-period", "weekly")
    page.fill("#f-vendor", "Egen udvikling")
    page.fill("#f-put-into-operation", "2024-03-01")
    # the sections after the first five: general's umbrellas, KLA and legal clause, then assessment, links, notes
    assert page.get_attribute(f"#f-umbrellas-list option[value='{UMBRELLA}']", "value") == UMBRELLA
    page.fill("#f-umbrellas", UMBRELLA)
    page.press("#f-umbrellas", "Enter")
    page.fill("#f-kla", "10.88.11")
    page.fill("#f-legal-clause", "Lov om sygedagpenge § 7")
    assert page.inner_text("#s-assessment legend") == "Faglig vurdering"
    page.select_option("#f-level-of-structured-information", "very_high")
    page.select_option("#f-evaluated-level-of-roi", "high")
    page.fill("#f-links", "https://www.retsinformation.dk/eli/lta/2023/1234")
    page.fill("#f-links-title", "Loven")
    page.click("[data-add='links']")
    assert "Loven: https://www.retsinformation.dk/eli/lta/2023/1234" in page.inner_text("[data-chosen='links']")
    assert "læg dem i mappen bilag" in page.inner_text("[data-field='attachments']")
    assert "(vises ikke offentligt)" in page.inner_text("label[for='f-internal-notes']")
    page.fill("#f-internal-notes", "Aftalt med jobcenterchefen.")
    assert page.inner_text("#ap-summary").startswith("Alle felter er i orden."), page.inner_text("#ap-summary")
    text = page.inner_text("#ap-yaml") + "\n"
    for line in ['kle: "32.30.04"', 'form: "14.35.15"', "domains: [employment]", "it_systems: [nemrefusion, kmd-momentum]",
                 "time_spend_occurrences: 1200", "time_spend_per_occurrence: 7.5", "technologies: [uipath, python]",
                 "run_period: weekly", "put_into_operation: 2024-03-01", f"umbrellas: [{UMBRELLA}]", 'kla: "10.88.11"',
                 'legal_clause: "Lov om sygedagpenge § 7"', "level_of_structured_information: very_high",
                 "evaluated_level_of_roi: high", "links:", '  - url: "https://www.retsinformation.dk/eli/lta/2023/1234"',
                 '    title: "Loven"', 'internal_notes: "Aftalt med jobcenterchefen."']:
        assert line in text.splitlines(), line
    result = check_yaml(tmp_path, "aarhus", SLUG, text, also=(UMBRELLA,))
    assert result.returncode == 0 and "1 fil kontrolleret: 0 fejl, 0 advarsler." in result.stdout, result.stdout


def test_choosing_a_later_phase_makes_its_fields_required(page, site_url):
    open_form(page, site_url)
    fill_minimal(page)
    assert page.is_hidden("[data-field='technologies'] [data-required-marker]")
    page.select_option("#f-phase", "development")
    assert page.is_visible("[data-field='technologies'] [data-required-marker]")
    assert page.get_attribute("#f-run-period", "aria-required") == "true"
    summary = page.inner_text("#ap-summary")
    assert "Ret 2 felter" in summary and "Anvendt teknologi: skal udfyldes i denne fase eller status" in summary
    assert page.get_attribute("#ap-github", "href") is None
    page.fill("#f-technologies", "uipath")
    page.press("#f-technologies", "Enter")
    page.select_option("#f-run-period", "daily")
    assert page.inner_text("#ap-summary").startswith("Alle felter er i orden.")
    assert page.get_attribute("#ap-github", "href").startswith("https://github.com/")


def test_the_browser_validates_against_the_published_schema(page, site_url):
    open_form(page, site_url)
    fill_minimal(page)
    page.fill("#f-title", "x" * 70)
    assert page.inner_text("#f-title-error") == "Titel må højst være 65 tegn."
    page.fill("#f-title", "Kort titel")
    page.fill("#f-kle", "99.99.99")
    assert page.inner_text("#f-kle-error") == "KLE findes ikke i listen."
    page.fill("#f-kle", "")
    page.fill("#f-time-spend-occurrences", "mange")
    assert page.inner_text("#f-time-spend-occurrences-error").endswith("skal være et helt tal.")
    assert page.get_attribute("#ap-github", "aria-disabled") == "true"


def test_rediger_on_a_process_page_fills_the_form_and_leads_to_githubs_edit_page(page, site_url, example_published):
    pp = next(p for p in example_published if p.process.it_systems and p.process.technologies)
    page.goto(f"{site_url}processer/{pp.id}/")
    page.click("text=Rediger i formularen")
    page.wait_for_selector("#ap-form[data-ready='true']", timeout=30_000)
    assert page.input_value("#f-title") == pp.process.title
    assert page.input_value("#f-slug") == pp.id.split("/")[1]
    chosen = page.inner_text("[data-chosen='technologies']")
    assert all(t in chosen for t in pp.process.technologies)
    assert page.get_attribute("#ap-github", "href") == \
        f"https://github.com/autoproces/autoproces/edit/main/processes/{pp.id}.yaml"
    assert page.is_visible("#ap-edit-note")


def test_the_form_can_be_filled_with_the_keyboard_only(page, site_url):
    open_form(page, site_url)
    page.keyboard.press("Tab")

    def tab_to(element_id: str, limit: int = 80) -> None:
        for _ in range(limit):
            if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
                return
            page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reached #{element_id}")

    tab_to("f-title")
    page.keyboard.type("Robot til tandpleje")
    tab_to("f-short-description")
    page.keyboard.type("Påmindelser om tandpleje sendes automatisk.")
    tab_to("f-municipality")
    page.keyboard.type("Odense")
    tab_to("f-contact-name")
    page.keyboard.type("Ib Hansen")
    page.keyboard.press("Tab")
    page.keyboard.type("robot@odense.dk")
    tab_to("ap-github", 120)
    href = page.evaluate("document.activeElement.getAttribute('href')")
    assert "filename=processes%2Fodense%2Frobot-til-tandpleje.yaml" in href


@pytest.mark.parametrize("path", ["foreslaa/", "lister/it-systemer/"])
def test_no_serious_accessibility_violations_on_the_form_and_the_lists(page, site_url, path):
    page.goto(site_url + path)
    if path == "foreslaa/":
        page.wait_for_selector("#ap-form[data-ready='true']", timeout=30_000)
        fill_minimal(page)
        page.select_option("#f-phase", "development")  # with errors shown
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(RUN_AXE) == []
