"""The process text and the lists of the page and export tests (published by tests/support/catalogue.py)."""

from __future__ import annotations

from tests.support.catalogue import lists_from

import textwrap


BASE_PROCESS = """\
title: {title}
short_description: Kort resumé af processen.
municipality: {municipality}
phase: idea
status: inprogress
visibility: {visibility}
contact:
  name: Anne Andersen
other_contact_email: digitalisering@{municipality}.dk
"""

TEST_TAXONOMIES = {
    "kle": [
        {"code": "32", "title": "Arbejdsmarked"},
        {"code": "32.18", "title": "Sygedagpenge"},
        {"code": "32.18.00", "title": "Sygedagpenge i almindelighed"},
    ],
    "form": [{"code": "14", "title": "Arbejdsmarked"}, {"code": "14.40"}, {"code": "14.40.10"}],
    "municipalities": [{"code": "aarhus", "title": "Aarhus Kommune"}, {"code": "odense", "title": "Odense Kommune"}],
    "it_systems": [{"code": "kmd-nexus", "title": "KMD Nexus", "vendor": "KMD A/S"}],
    "technologies": [{"code": "uipath", "title": "UiPath"}],
}


def process_yaml(title: str = "En proces", municipality: str = "aarhus", visibility: str = "public",
                 extra: str = "") -> str:
    return BASE_PROCESS.format(title=title, municipality=municipality, visibility=visibility) + textwrap.dedent(extra)

SITE_LISTS = lists_from(TEST_TAXONOMIES)
