"""KLE: levels, merge of the four sources, history, markers and the facet format."""

from __future__ import annotations

import pytest

from generator.taxonomies import load_taxonomies
from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.kle import parse_emneplan, parse_facets, parse_os2kle
from generator.taxonomies.markers import parse_title
from generator.taxonomies.merge import Entry, Snapshot, merge_snapshots

from .conftest import RECORDED, TAXONOMIES


@pytest.fixture(scope="module")
def kle(built):
    return load_taxonomies(built)["kle"]


def test_three_levels_active_as_in_kle_feb_2026_plus_history(kle):
    active = {level: sum(1 for t in kle if t.get("level") == level and t.active) for level in (1, 2, 3)}
    assert active == {1: 37, 2: 498, 3: 2390}              # OS2KLE 3.23 (KLE Feb 2026)
    total = {level: sum(1 for t in kle if t.get("level") == level) for level in (1, 2, 3)}
    assert total == {1: 42, 2: 733, 3: 3918}               # + 2015 history and retirements since


def test_main_group_34_exists_without_an_invented_title(kle):
    main_group = kle.get("34")
    assert main_group.active and main_group.get("level") == 1 and main_group.title is None
    assert kle.get("34.00.00").title == "Hjælp og støtte til børn og unge i almindelighed"
    assert kle.get("34.30").title == "Anbringelsessteder"   # from the OS2KLE change list 3.23


def test_moved_2015_subject_has_status_date_and_replacement(kle):
    term = kle.get("00.10.00")
    assert term.status == "moved"
    assert term.replaced_by == ("15.40.00",)
    assert term.get("status_date") == "2014-11-01"
    assert term.title == "Integration og udlændinge i almindelighed"   # "[udgået]" removed
    assert kle.get("15.40.00").active


def test_retired_2015_items_and_main_groups(kle):
    assert kle.get("11").status == "retired" and kle.get("11").title == "Øforhold"
    assert kle.get("16").status == "moved" and kle.get("16").replaced_by == ("27.00.00",)


def test_subject_gone_from_os2kle_is_retired_and_keeps_uuid(kle):
    term = kle.get("03.09.13")          # in KITOS 2022, "Only in 3.22" per the OS2KLE change list
    assert term.status == "retired" and term.get("uuid")


def test_retired_in_2015_but_active_again_in_2022_is_active(kle):
    assert kle.get("23.02.00").active and kle.get("23.02.00").title == "Indfødsret i almindelighed"


def test_newest_title_wins_and_uuids_come_from_kitos(kle):
    assert kle.get("00.05.10").title == "Gaver til og fra kommunen / institutionen"   # 2026, not 2022
    assert kle.get("00").get("uuid") == "4eba8818-da19-4e37-b3e1-b9b6be2f2f13"
    assert kle.get("00.01.00").get("uuid") == "15b97b4f-08c6-42fc-9a37-3ec048d8d01b"


def test_markers_become_fields_and_leave_the_title(kle):
    term = kle.get("25.45.12")  # "Opkrævning - eIndkomst-relevant [fagsystem-emne] ] [udgår 2023]"
    assert term.title == "Opkrævning - eIndkomst-relevant"
    assert term.get("business_system_subject") is True and term.get("expires") == "2023"
    assert kle.get("15.62.05").get("markers") == ["jobcenter-fagsystemsag"]
    assert kle.get("15.62.05").title == "Dagpenge"
    assert not [t.code for t in kle if t.title and ("[" in t.title or "]" in t.title)]


def test_every_parent_exists_and_codes_nest(kle):
    for term in kle:
        parent = term.get("parent")
        if term.get("level") == 1:
            assert parent is None
        else:
            assert parent in kle and term.code.startswith(parent + ".")


@pytest.mark.parametrize("raw, expected", [
    ("Integration og udlændinge i almindelighed [udgået]", ("Integration og udlændinge i almindelighed", True, None, False, ())),
    ("Regres ved sygedagpenge [fagsystem-emne] [udgår 2023]", ("Regres ved sygedagpenge", False, "2023", True, ())),
    ("Kvalitetskontrakt [udgået].", ("Kvalitetskontrakt", True, None, False, ())),
    ("Noget [Udgår 2015]", ("Noget", False, "2015", False, ())),
    ("Dagpenge [jobcenter-fagsystemsag]", ("Dagpenge", False, None, False, ("jobcenter-fagsystemsag",))),
    ("Tekst [med klammer] i midten", ("Tekst [med klammer] i midten", False, None, False, ())),
    (None, (None, False, None, False, ())),
])
def test_parse_title(raw, expected):
    parsed = parse_title(raw)
    assert (parsed.title, parsed.retired, parsed.expires, parsed.business_system_subject, parsed.other_markers) == expected


def test_merge_retires_what_a_newer_complete_source_drops_and_keeps_history():
    old = Snapshot("a", "2015", {"01": Entry("01", "Et"), "02": Entry("02", "To", status="moved", replaced_by=("01",))})
    new = Snapshot("b", "2022", {"03": Entry("03", "Tre")})
    titles = Snapshot("c", "2022", {"03": Entry("03", "Tre, ny"), "09": Entry("09", "Ukendt")}, titles_only=True)
    merged = merge_snapshots([titles, new, old])
    assert merged["01"].status == "retired"
    assert (merged["02"].status, merged["02"].replaced_by) == ("moved", ("01",))
    assert merged["03"].title == "Tre, ny" and "09" not in merged


def test_rest_emneplan_parser_reads_uuids_and_history():
    snapshot = parse_emneplan((RECORDED / "kle-online" / "emneplan-fuld-2025-05-01.xml").read_bytes(), "KLE-Online")
    assert snapshot.release == "2025-05-01"
    assert snapshot.entries["00.01.10"].uuid == "cb1f77d6-cb0b-4f39-a79e-e58f5d50b3e0"
    moved = snapshot.entries["00.10.00"]
    assert (moved.status, moved.replaced_by, moved.status_date) == ("moved", ("15.40.00",), "2014-11-01")
    assert snapshot.entries["15.40.15"].status == "retired"


@pytest.mark.parametrize("xml, message", [
    (b"<KLE-Emneplan><UdgivelsesDato>2025-01-01</UdgivelsesDato></KLE-Emneplan>", "ingen KLE-numre"),
    (b"<Andet/>", "forventede rodelementet <KLE-Emneplan>"),
    (b"<KLE-Emneplan><UdgivelsesDato>2025-01-01</UdgivelsesDato><Hovedgruppe><HovedgruppeNr>0</HovedgruppeNr>"
     b"</Hovedgruppe></KLE-Emneplan>", "ugyldigt KLE-nummer '0'"),
    (b"<KLE-Emneplan><UdgivelsesDato>2025-01-01</UdgivelsesDato><Hovedgruppe><HovedgruppeNr>00</HovedgruppeNr>"
     b"<Gruppe><GruppeNr>01.01</GruppeNr></Gruppe></Hovedgruppe></KLE-Emneplan>", "hører ikke til"),
    (b"<KLE-Emneplan><Hovedgr", "ikke gyldig XML"),
    (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><KLE-Emneplan/>', "DOCTYPE"),
])
def test_emneplan_parser_refuses_bad_input_with_a_danish_message(xml, message):
    with pytest.raises(TaxonomyError, match=message):
        parse_emneplan(xml, "KLE-Online")


def test_os2kle_line_format_is_checked():
    with pytest.raises(TaxonomyError, match="linje 1"):
        parse_os2kle(b"KLE=00.01.00\n", "OS2KLE.txt", "2026-02")


def test_action_facet_parser_on_the_real_sample(built):
    release, items = parse_facets((TAXONOMIES / "sources/kle/samples/openesdh-test-kle-facetter.xml").read_bytes(),
                                  "sample")
    assert release == "2015-05-01"
    assert items == [
        {"code": "A", "title": "Organisering mv.", "level": 1, "parent": None, "status": "active", "replaced_by": []},
        {"code": "A00", "title": "Organisering mv. i almindelighed", "level": 2, "parent": "A", "status": "active",
         "replaced_by": []},
    ]
    import json
    manifest = json.loads((built / "kle_facets.manifest.json").read_bytes())
    assert manifest["sample"] is True and manifest["count"] == 2


def test_action_facet_parser_refuses_bad_numbers():
    xml = ("<KLE-Handlingsfacetter><UdgivelsesDato>2015-05-01</UdgivelsesDato><HandlingsfacetKategori>"
           "<HandlingsfacetKategoriNr>A</HandlingsfacetKategoriNr><Handlingsfacet><HandlingsfacetNr>G01"
           "</HandlingsfacetNr></Handlingsfacet></HandlingsfacetKategori></KLE-Handlingsfacetter>").encode()
    with pytest.raises(TaxonomyError, match="ugyldigt facetnummer 'G01'"):
        parse_facets(xml, "facetter")
