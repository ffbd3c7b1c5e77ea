"""Small catalogues for the page and export modules (without mkdocs)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from generator.audience import Audience, Published, publish
from generator.pipeline import load_catalogue
from generator.publication import Publication
from generator.history import GitHistory
from generator.taxonomies import Taxonomies

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


def make_published(tmp_path: Path, files: dict[str, str], audience: str = "public",
                   taxonomies: dict | None = None) -> Published:
    """Write ``{"aarhus/slug": yaml}`` under tmp_path/processes and publish it for ``audience``."""
    root = tmp_path / "processes"
    for process_id, text in files.items():
        path = root / f"{process_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    catalogue = load_catalogue([root], Taxonomies.from_mapping(taxonomies or TEST_TAXONOMIES))
    errors = [f for f in catalogue.findings if f.is_error]
    assert not errors, errors
    return publish(catalogue, Audience(audience))


def make_context(published: Published, **kwargs) -> Publication:
    return Publication(published=published, history=kwargs.pop("history", GitHistory()),
                       site_name="Fælles katalog over automatiseringer", **kwargs)
