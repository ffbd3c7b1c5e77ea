"""The reference-list pages (lister/): whole lists with titles, states, process counts and an in-page filter."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from tests.support.catalogue import real_lists
from generator.checks.rules import RULES


def rows(site_root, path: str) -> list[str]:
    html = (site_root / path / "index.html").read_text(encoding="utf-8")
    return re.findall(r"<tr data-search=[^>]*>(.*?)</tr>", html, flags=re.S)


def test_the_kle_page_has_every_code_by_main_group_and_group_with_moved_codes_marked(site_root):
    html = (site_root / "lister/kle/index.html").read_text(encoding="utf-8")
    found = rows(site_root, "lister/kle")
    lists = real_lists()
    assert len(found) == len([t for t in lists["kle"] if t.code.count(".") > 0])  # main groups are headings
    assert '<h2 id="l-32">32 Sociale ydelser</h2>' in html or re.search(r'<h2 id="l-32">32 [^<]+</h2>', html)
    assert re.search(r'<h3 id="l-32\.30">32\.30 [^<]+</h3>', html)
    moved = next(r for r in found if "<code>00.10.00</code>" in r)
    assert "Integration og udlændinge i almindelighed [flyttet, brug 15.40.00]" in moved


def test_counts_link_to_the_browse_page_of_the_code(site_root, example_published):
    used = Counter(s for pp in example_published for s in set(pp.process.it_systems) | set(pp.process.services))
    slug, count = used.most_common(1)[0]
    row = next(r for r in rows(site_root, "lister/it-systemer") if f"<code>{slug}</code>" in r)
    assert f'<a href="../../it-systemer/{slug}/">{count}</a>' in row
    unused = next(r for r in rows(site_root, "lister/it-systemer") if "<code>kombit-kp</code>" in r)
    assert "KP – Kommunernes Pensionssystem – leverandør ukendt, ejer: KOMBIT" in unused
    assert unused.endswith('<td class="ap-num">0</td>')


@pytest.mark.parametrize("path, list_name", [("lister/it-systemer", "it_systems"), ("lister/teknologier", "technologies"),
                                             ("lister/organisationer", "municipalities")])
def test_flat_lists_are_complete(site_root, path, list_name):
    assert len(rows(site_root, path)) == len(real_lists()[list_name])


def test_the_form_list_shows_titles_only_where_they_exist(site_root):
    found = rows(site_root, "lister/form")
    assert len(found) == len([t for t in real_lists()["form"] if t.code.count(".") > 0])
    assert any("<code>65.50.05.05</code></td><td>Sagshåndtering</td>" in r for r in found)
    assert any("(ingen titel i kilden)" in r for r in found)


def test_the_lists_are_linked_from_the_form_and_the_checks_hints(site_root):
    form = (site_root / "foreslaa/index.html").read_text(encoding="utf-8")
    for href in ("../lister/kle/", "../lister/form/", "../lister/it-systemer/", "../lister/teknologier/",
                 "../lister/organisationer/"):
        assert f'<a href="{href}">Se hele listen</a>' in form, href
    for rule, path in (("AP405", "lister/it-systemer/"), ("AP407", "lister/teknologier/")):
        assert f"({path})" in RULES[rule].hint and (site_root / path / "index.html").is_file()


@pytest.mark.browser
def test_the_filter_in_the_page_finds_subjects_by_title(page, site_url):
    page.goto(site_url + "lister/kle/")
    page.fill("#ap-filter", "sygedagpengeregres")
    page.wait_for_function("document.getElementById('ap-filter-count').textContent.includes('passer')")
    assert page.inner_text("#ap-filter-count") == "1 post passer til søgningen."
    visible = page.locator("tr[data-search]:visible")
    assert visible.count() == 1 and "32.30.05" in visible.inner_text()
    page.fill("#ap-filter", "")
    page.wait_for_function("!document.getElementById('ap-filter-count').textContent.includes('passer')")
