"""Nothing of a non-public process, and no confidential field, reaches any search file."""

from __future__ import annotations

from tests.support.catalogue import lists_from

from pathlib import Path

import pytest

from generator.audience import Audience, publish
from generator.pipeline import load_catalogue
from tests.search.helpers import TAXONOMIES, build_data

PUBLIC = """\
title: Offentlig proces om boligstøtte
short_description: Alle må se denne proces.
municipality: aarhus
phase: idea
status: inprogress
visibility: public
contact:
  name: Anne Andersen
  email: anne@aarhus.dk
owner:
  name: KANARIE-EJER
  email: kanarie-ejer@aarhus.dk
reporter:
  name: KANARIE-INDBERETTER
users:
  - name: KANARIE-BRUGER
org_units: [KANARIE-AFDELING]
esdh_reference: KANARIE-ESDH-123
internal_notes: KANARIE-NOTE må aldrig ses udenfor Aarhus.
long_description: Beskrivelse med ordet kanonkugle.
links:
  - url: https://example.dk/offentlig
    title: Offentligt link
  - url: https://example.dk/hemmelig
    title: KANARIE-LINK
    visibility: municipality
attachments:
  - file: plan.pdf
    title: KANARIE-BILAG
"""

PRIVATE = """\
title: KANARIE-SKJULT proces
short_description: KANARIE-SKJULT resumé.
municipality: aarhus
phase: idea
status: inprogress
visibility: municipality
search_words: [KANARIE-SKJULT-ORD]
contact:
  name: KANARIE-KONTAKT
long_description: KANARIE-SKJULT beskrivelse.
"""

CANARIES = ("KANARIE", "kanarie")


def _published(tmp_path: Path, audience: str):
    root = tmp_path / "processes"
    (root / "aarhus").mkdir(parents=True)
    (root / "aarhus" / "offentlig.yaml").write_text(PUBLIC, encoding="utf-8")
    (root / "aarhus" / "kun-aarhus.yaml").write_text(PRIVATE, encoding="utf-8")
    (root / "aarhus" / "bilag").mkdir()
    (root / "aarhus" / "bilag" / "plan.pdf").write_bytes(b"%PDF-1.4 KANARIE-FIL")
    catalogue = load_catalogue([root], lists_from(TAXONOMIES))
    assert not [f for f in catalogue.findings if f.is_error]
    return publish(catalogue, Audience(audience))


def _all_search_text(site: Path) -> str:
    files = sorted((site / "soeg").rglob("*")) + sorted((site / "assets" / "search").rglob("*"))
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files if p.is_file())


def test_a_public_build_indexes_only_public_processes_and_fields(tmp_path):
    published = _published(tmp_path, "public")
    assert [p.id for p in published] == ["aarhus/offentlig"]
    site = tmp_path / "site"
    build_data(published, site)
    text = _all_search_text(site)
    assert "kanonkugle" in text or "kanonkugl" in text, "the public long text is indexed"
    assert "offentlig" in text
    for canary in CANARIES:
        assert canary not in text
    assert "kun-aarhus" not in text


def test_a_private_build_still_leaves_confidential_fields_out_of_the_index(tmp_path):
    published = _published(tmp_path, "aarhus")
    assert {p.id for p in published} == {"aarhus/offentlig", "aarhus/kun-aarhus"}
    site = tmp_path / "site"
    build_data(published, site)
    text = _all_search_text(site).lower()
    assert "kun-aarhus" in text, "the municipality's own process is searchable in its private build"
    for secret in ("kanarie-note", "kanarie-esdh", "kanarie-ejer", "kanarie-indberetter", "kanarie-bruger",
                   "kanarie-afdeling", "kanarie-kontakt"):
        assert secret not in text
    # folded and stemmed forms of the note's words are not there either
    assert "aldrig" not in text


@pytest.mark.parametrize("field", ["internal_notes", "esdh_reference", "owner", "reporter", "users", "org_units"])
def test_confidential_fields_are_never_searchable(field):
    from generator.search.documents import LONG_TEXT_FIELDS, NEVER_INDEXED

    assert field in NEVER_INDEXED and field not in LONG_TEXT_FIELDS
