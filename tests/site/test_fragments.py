"""The HTML pieces the process and browse pages repeat (generator/site/fragments.py): exact markup,
everything escaped, and a browse table's line made once per process and pair of links."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from generator.model import Person
from generator.site import fragments
from generator.site.templates import PageLinks
from generator.site.pages_browse import ProcessTableLines
from generator.site.views import LinkView, ProcessRow, Row, process_rows
from tests.site.site_helpers import SITE_LISTS, process_yaml
from tests.support import catalogue as factory

HOSTILE = '<script>"x" & \'y\'</script>'


def test_a_link_with_and_without_address_and_note():
    assert fragments.link(LinkView("KMD Nexus", "../it-systemer/kmd-nexus/", "KMD A/S")) == \
        '<a href="../it-systemer/kmd-nexus/">KMD Nexus</a> <span class="ap-note">(KMD A/S)</span>'
    assert fragments.link(LinkView("Kun tekst")) == "Kun tekst"
    assert fragments.link(LinkView(HOSTILE, 'x"><script>', HOSTILE)) == (
        '<a href="x&#34;&gt;&lt;script&gt;">&lt;script&gt;&#34;x&#34; &amp; &#39;y&#39;&lt;/script&gt;</a> '
        '<span class="ap-note">(&lt;script&gt;&#34;x&#34; &amp; &#39;y&#39;&lt;/script&gt;)</span>')


def test_a_person_with_every_detail_and_with_a_name_only():
    full = Person(name="Anne & Bo", role="Konsulent", email="anne@example.dk", phone="+45 12 34")
    assert fragments.person(full) == ('<span class="ap-person">Anne &amp; Bo, Konsulent<br>'
                                      '<a href="mailto:anne@example.dk">anne@example.dk</a><br>Tlf. +45 12 34</span>')
    assert fragments.person(Person(name="Bo")) == '<span class="ap-person">Bo</span>'


def test_the_value_of_each_kind_of_row():
    one, two = LinkView("A", "a/"), LinkView("B <b>")
    assert fragments.value(Row("k", "L", "links", [one])) == '<a href="a/">A</a>'
    assert fragments.value(Row("k", "L", "links", [one, two])) == \
        '<ul class="ap-inline-list"><li><a href="a/">A</a></li><li>B &lt;b&gt;</li></ul>'
    assert fragments.value(Row("k", "L", "people", [Person(name="A"), Person(name="B")])) == \
        '<span class="ap-person">A</span><br><span class="ap-person">B</span>'
    assert fragments.value(Row("k", "L", "html", Markup("<p>x</p>"))) == '<div class="ap-text"><p>x</p></div>\n'
    assert fragments.value(Row("k", "L", "multiline", "a\n<b>")) == '<span class="ap-multiline">a\n&lt;b&gt;</span>\n'
    assert fragments.value(Row("k", "L", "list", ["a&b", "c"])) == "a&amp;b, c\n"
    assert fragments.value(Row("k", "L", "text", HOSTILE)) == \
        "&lt;script&gt;&#34;x&#34; &amp; &#39;y&#39;&lt;/script&gt;\n"


def test_a_line_of_a_process_table():
    row = ProcessRow(LinkView("T & t", "../p/"), LinkView("Aarhus Kommune", "../o/"), "Idé", "I gang",
                     dt.date(2026, 11, 2), 1234.5)
    assert fragments.process_row(row) == (
        '<tr><td class="ap-cell-title"><a href="../p/">T &amp; t</a></td><td data-label="Organisation">'
        '<a href="../o/">Aarhus Kommune</a></td><td data-label="Fase">Idé</td><td data-label="Status">I gang</td>'
        '<td data-label="Opdateret"><time datetime="2026-11-02">2026-11-02</time></td>'
        '<td class="ap-num" data-label="Forventet årlig tidsbesparelse (timer)">1.234,5</td></tr>')
    undated = ProcessRow(row.title, row.municipality, "Idé", "I gang", None, None)
    assert '<td data-label="Opdateret"></td><td class="ap-num" data-label="Forventet årlig tidsbesparelse (timer)"></td></tr>' in \
        fragments.process_row(undated)


def test_browse_pages_share_a_process_line_and_differ_where_its_links_differ(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={
        "aarhus/b": process_yaml(title="Beta"), "aarhus/a": process_yaml(title="Ærø"),
        "aarhus/c": process_yaml(title="Alfa")})
    ctx = factory.publication(published)
    tables = ProcessTableLines(ctx)
    kle, own = PageLinks("kle/32/"), PageLinks("organisationer/aarhus/")
    on_kle = tables.lines(kle, published.processes)
    assert [line is again for line, again in zip(on_kle, tables.lines(PageLinks("form/14/"), published.processes))] \
        == [True, True, True]
    on_own_page = tables.lines(own, published.processes)
    assert '<a href="./">Aarhus Kommune</a>' in on_own_page[0]
    assert '<a href="../../organisationer/aarhus/">Aarhus Kommune</a>' in on_kle[0]
    for links, lines in ((kle, on_kle), (own, on_own_page)):  # the lines process_rows would give, in its order
        assert lines == [fragments.process_row(r) for r in process_rows(ctx, links, published.processes)]
    assert ['Alfa' in on_kle[0], 'Beta' in on_kle[1], 'Ærø' in on_kle[2]] == [True, True, True]


def test_a_row_of_a_section_and_of_the_fact_card():
    row = Row("phase", "Fase & <x>", "links", [LinkView("Idé", "../../../faser/idea/")])
    assert fragments.field(row) == ('<div class="ap-field ap-field-links" data-field="phase"><dt>Fase &amp; &lt;x&gt;</dt>'
                                    '<dd><a href="../../../faser/idea/">Idé</a></dd></div>')
    assert fragments.fact(Row("rating", "Vurdering", "text", "Høj (3 af 3)")) == \
        '<div class="ap-fact" data-fact="rating"><dt>Vurdering</dt><dd>Høj (3 af 3)\n</dd></div>'
