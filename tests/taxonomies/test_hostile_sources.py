"""Hostile downloads and sources: a DTD in any encoding is refused before an entity can expand, and a
body without a Content-Length is cut off at the size limit (a real server on 127.0.0.1 streams it)."""

from __future__ import annotations

import pytest

from generator.taxonomies import fetch as fetch_module
from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.fetch import fetch
from generator.taxonomies.xmltree import parse_xml

from .conftest import snapshot
from .test_refresh import KLE_PATH, KLE_V1, run

ENTITY_DOCUMENT = ('<?xml version="1.0" encoding="{encoding}"?>\n'
                   '<!DOCTYPE KLE-Emneplan [<!ENTITY udvid "UDVIDET-ENTITET">]>\n'
                   '<KLE-Emneplan><Titel>&udvid;</Titel></KLE-Emneplan>\n')


@pytest.mark.parametrize("encoding, codec", [
    ("UTF-8", "utf-8"), ("UTF-8", "utf-8-sig"), ("UTF-16", "utf-16"), ("UTF-16", "utf-16-be"),
    ("UTF-16LE", "utf-16-le"), ("UTF-16BE", "utf-16-be"), ("ISO-8859-1", "latin-1"), ("windows-1252", "cp1252"),
])
def test_a_dtd_is_refused_in_any_encoding(encoding, codec):
    data = ENTITY_DOCUMENT.format(encoding=encoding).encode(codec)
    with pytest.raises(TaxonomyError) as refused:
        parse_xml(data, "KLE-Online")
    assert str(refused.value) == "KLE-Online: XML med DOCTYPE/ENTITY-erklæringer afvises"


def test_an_ordinary_utf16_document_is_still_read():
    data = '<?xml version="1.0" encoding="UTF-16"?><KLE-Emneplan><Titel>Æble på Ø</Titel></KLE-Emneplan>'
    assert parse_xml(data.encode("utf-16"), "KLE-Online").find("Titel").text == "Æble på Ø"


def test_a_utf16_download_with_an_entity_leaves_the_lists_unchanged(small_taxonomies, server, tmp_path):
    server.serve(KLE_PATH, KLE_V1)
    assert run(small_taxonomies, server, tmp_path, only="kle")[0] == 0
    before = snapshot(small_taxonomies)
    server.serve(KLE_PATH, ENTITY_DOCUMENT.format(encoding="UTF-16").encode("utf-16"))
    code, out, err = run(small_taxonomies, server, tmp_path, only="kle")
    assert (code, out) == (1, "")
    assert err == "Fejl: KLE-Online: XML med DOCTYPE/ENTITY-erklæringer afvises. Intet er ændret.\n"
    assert snapshot(small_taxonomies) == before


def test_a_chunked_body_over_the_limit_is_refused_without_a_content_length(server, monkeypatch):
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 256 * 1024)
    server.serve("/endeloes", b"<KLE-Emneplan>" + b"x" * (4 * 1024 * 1024), chunked=True)
    with pytest.raises(TaxonomyError) as refused:
        fetch(server.url + "/endeloes", "KLE-Online", timeout=5)
    assert str(refused.value) == "KLE-Online: svaret er større end 0,25 MB og afvises"


def test_a_chunked_body_within_the_limit_arrives_whole(server, monkeypatch):
    monkeypatch.setattr(fetch_module, "MAX_BYTES", 256 * 1024)
    body = bytes(range(256)) * 1024  # exactly the limit
    server.serve("/helt", body, chunked=True)
    assert fetch(server.url + "/helt", "KLE-Online", timeout=5) == body
