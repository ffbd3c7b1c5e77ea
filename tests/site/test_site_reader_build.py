"""The reader's site without a browser: the growth panel's periods, the rules page's placeholders, the
Danish anchor tooltip, the footer's configured contact and repository, and validators in results."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

import markdown

from generator.checks.docs import rules_markdown
from generator.site.pages_dashboard import growth
from generator.search.rows import validators
from tests.conftest import copy_project, run_cli
from tests.support.catalogue import process


def _growth(*dates):
    items = list(range(len(dates)))
    ctx = SimpleNamespace(published=items, first_seen=lambda i: dates[i])
    return growth(ctx)


def test_growth_is_counted_by_quarter_month_or_day_as_the_catalogue_allows():
    d = dt.date
    assert _growth(d(2025, 11, 3), d(2026, 2, 1), d(2026, 2, 9)) == (
        "Kvartal", [("4. kvt. 2025", 1, 1), ("1. kvt. 2026", 2, 3)], 0)
    # one quarter of data: months, with the empty month in between
    assert _growth(d(2026, 1, 5), d(2026, 3, 30), d(2026, 3, 1), None) == (
        "Måned", [("januar 2026", 1, 1), ("februar 2026", 0, 1), ("marts 2026", 2, 3)], 1)
    # one month: days
    assert _growth(d(2026, 3, 2), d(2026, 3, 20)) == (
        "Dato", [("2. marts 2026", 1, 1), ("20. marts 2026", 1, 2)], 0)
    assert _growth(d(2026, 3, 2), d(2026, 3, 2)) == ("Dato", [("2. marts 2026", 2, 2)], 0)
    assert _growth() == ("Kvartal", [], 0)


def test_the_rules_page_keeps_angle_brackets_as_text():
    page = rules_markdown()
    assert "processes/&lt;organisation&gt;/&lt;kortnavn&gt;.yaml" in page
    html = markdown.markdown(page)
    assert "processes/&lt;organisation&gt;/&lt;kortnavn&gt;.yaml" in html and "<organisation>" not in html


def test_heading_anchors_are_titled_in_danish(site_root):
    pages = list(site_root.rglob("*.html"))
    assert [p for p in pages if "Permanent link" in p.read_text(encoding="utf-8")] == []
    rules = (site_root / "regler" / "index.html").read_text(encoding="utf-8")
    assert 'class="headerlink" href="#ap012" title="Direkte link til dette afsnit"' in rules


def test_the_footer_shows_a_configured_contact_and_repository(tmp_path):
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\nextra:\n  generator: false\n" in text
    config.write_text(text.replace("\nextra:\n  generator: false\n", (
        "\nextra:\n  generator: false\n  contact:\n    name: Digitaliseringsenheden\n"
        "    email: katalog@example.dk\n  source_repository: https://github.com/example/katalog\n")),
        encoding="utf-8")
    result = run_cli("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    footer = page[page.index('<div class="md-copyright ap-footer">'):]
    assert re.search(r'Kontakt: <a href="mailto:katalog@example.dk">Digitaliseringsenheden</a>', footer)
    assert '<a href="https://github.com/example/katalog">Kildekode og data</a>' in footer
    assert '<a href="tilgaengelighed/">Tilgængelighedserklæring</a>' in footer


def test_results_name_the_other_validating_organisations_from_the_validations_field():
    names = {"aarhus": "Aarhus Kommune", "odense": "Odense Kommune"}.get
    validated = process(validations=[{"municipality": "odense", "date": "2024-03-01"},
                                     {"municipality": "aarhus", "date": "2024-03-02"},  # its own: not counted
                                     {"municipality": "odense", "date": "2024-05-01"},
                                     {"municipality": "ukendt", "date": "2024-06-01"}])
    assert validators(validated, names) == ["Odense Kommune", "ukendt"]
    assert validators(process(), names) == []
