"""The process page as a reader sees it: sections in order, resolved names, safe text, and only
what the build's audience may see."""

from __future__ import annotations

import re

import pytest

from generator.model import SECTIONS
from generator.formatting import date_da, number_da
from generator.site.pages_process import render_process
from generator.site.templates import make_environment
from tests.site.site_helpers import SITE_LISTS, process_yaml
from tests.support import catalogue as factory
from tests.conftest import ROOT

ENV = make_environment(ROOT / "site_templates")

FULL = """\
kle: 32.18.00
form: 14.40.10
it_systems: [kmd-nexus]
time_spend_occurrences: 1200
time_spend_per_occurrence: 7.5
time_spend_percentage_digital: 50
expected_development_time: 300
long_description: |
  **Vigtigt**: <script>alert('x')</script><img src=x onerror=alert(1)> [link](javascript:alert(1))
internal_notes: Licensen fornyes i september.
"""


def page_of(published, process_id, **kwargs):
    ctx = factory.publication(published, **kwargs)
    return render_process(ENV, ctx, published.by_id[process_id])


def h2s(html: str) -> list[str]:
    return re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)


def test_sections_follow_os2autoproces_order_and_empty_ones_are_left_out(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/p": process_yaml(extra=FULL)})
    rendered = page_of(published, "aarhus/p")
    assert h2s(rendered.html) == [SECTIONS["general"], SECTIONS["challenges"], SECTIONS["time"]]
    assert [title for _, title in rendered.toc] == h2s(rendered.html)


def test_codes_are_shown_with_their_titles_and_linked_to_browse_pages(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/p": process_yaml(extra=FULL)})
    html = page_of(published, "aarhus/p").html
    assert '<a href="../../../kle/32.18.00/">32.18.00 Sygedagpenge i almindelighed</a>' in html
    assert '<a href="../../../form/14.40.10/">14.40.10</a>' in html  # a FORM code without title: code only
    assert '<a href="../../../it-systemer/kmd-nexus/">KMD Nexus</a> <span class="ap-note">(KMD A/S)</span>' in html
    assert '<a href="../../../organisationer/aarhus/">Aarhus Kommune</a>' in html


def test_computed_figures_in_danish_number_format(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/p": process_yaml(extra=FULL)})
    html = page_of(published, "aarhus/p", hourly_rate=450).html
    assert "150 timer" in html  # 1200 × 7,5 min / 60
    assert "75 timer" in html  # × 50 %
    assert "33.750 kr." in html  # 75 h × 450 kr.
    assert "4 år" in html  # 300 h development / 75 h a year


def test_markdown_is_sanitized_and_plain_fields_are_escaped(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/p": process_yaml(
        title="'[klik](javascript:alert(1)) <b>fed</b>'", extra=FULL)})
    html = page_of(published, "aarhus/p").html
    assert "<strong>Vigtigt</strong>" in html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html.replace(
        "[klik](javascript:alert(1))", "")
    assert "href=\"javascript" not in html
    assert "&lt;b&gt;fed&lt;/b&gt;" in html


@pytest.mark.parametrize("audience,shown", [("public", False), ("aarhus", True), ("odense", False)])
def test_internal_notes_only_in_the_owners_private_build(tmp_path, audience, shown):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/p": process_yaml(extra=FULL)}, audience=audience)
    html = page_of(published, "aarhus/p").html
    assert ("Licensen fornyes i september." in html) is shown
    assert (SECTIONS["internal"] in html) is shown


def test_check_warnings_are_shown_to_the_owners_editors_only(tmp_path):
    # A personal-looking contact e-mail on a public process is a warning (AP502), not an error.
    text = process_yaml().replace("other_contact_email: digitalisering@aarhus.dk\n", "").replace(
        "  name: Anne Andersen\n", "  name: Anne Andersen\n  email: anne.andersen@aarhus.dk\n")
    public = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "a" / "processes", processes={"aarhus/p": text})
    assert public.by_id["aarhus/p"].findings, "the example must carry a warning"
    assert "Til redaktøren" not in page_of(public, "aarhus/p").html
    private = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "b" / "processes", processes={"aarhus/p": text}, audience="aarhus")
    html = page_of(private, "aarhus/p").html
    assert "Til redaktøren" in html and "Privat udgave" in html


def test_relations_link_only_to_processes_in_the_build(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={
        "aarhus/original": process_yaml(title="Originalen"),
        "odense/kopi": process_yaml(municipality="odense", title="Kopien", extra="derived_from: aarhus/original\n"),
        "odense/skjult": process_yaml(municipality="odense", title="Skjult kopi", visibility="municipality",
                                      extra="derived_from: aarhus/original\n"),
        "aarhus/paraply": process_yaml(title="Paraplyen", extra="type: parent\n"),
        "aarhus/barn": process_yaml(title="Barnet", extra="umbrellas: [aarhus/paraply]\n"),
    })
    original = page_of(published, "aarhus/original").html
    assert '<a href="../../odense/kopi/">Kopien</a>' in original
    assert "Skjult kopi" not in original
    assert '<a href="../../aarhus/original/">Originalen</a>' in page_of(published, "odense/kopi").html
    assert '<a href="../barn/">Barnet</a>' in page_of(published, "aarhus/paraply").html
    assert '<a href="../paraply/">Paraplyen</a>' in page_of(published, "aarhus/barn").html


def test_edit_link_points_to_the_source_file(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/p": process_yaml()})
    html = page_of(published, "aarhus/p", edit_url="https://github.com/org/repo/edit/main/",
                   project_dir=tmp_path).html
    assert 'href="https://github.com/org/repo/edit/main/processes/aarhus/p.yaml"' in html


def test_danish_formatting():
    assert number_da(1234.5) == "1.234,5"
    assert number_da(1234567.891) == "1.234.567,89"
    assert number_da(675.0) == "675"
    assert number_da(0.0) == "0"
    assert number_da(258187.5, 0) == "258.188"
    import datetime as dt
    assert date_da(dt.date(2023, 9, 1)) == "1. september 2023"
