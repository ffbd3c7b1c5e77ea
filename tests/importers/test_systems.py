"""IT-systems matched to the list's slugs by KITOS UUID or by name; unknown ones proposed once."""

from __future__ import annotations

from tests.support.catalogue import lists_from

from generator.importers.systems import SystemResolver, TechnologyResolver

# Names and vendors as in taxonomies/it_systems.json. The UUID is a placeholder of the right form, not a
# real KITOS id: the committed list carries no KITOS UUIDs yet (they need API access).
PLACEHOLDER_UUID = "00000000-0000-4000-8000-000000000001"
LISTS = lists_from({
    "it_systems": [
        {"code": "kmd-nexus", "title": "KMD Nexus", "vendor": "KMD A/S", "kitos_uuid": PLACEHOLDER_UUID},
        {"code": "cpr", "title": "CPR – Det Centrale Personregister", "vendor": "CPR-kontoret"},
        {"code": "kombit-ksd", "title": "KSD – Kommunernes Sygedagpengesystem", "vendor": None},
    ],
    "technologies": [{"code": "rpa", "title": "Softwarerobot (RPA), andet produkt"},
                     {"code": "uipath", "title": "UiPath"}],
})


def test_the_uuid_wins_over_a_renamed_name_and_names_match_without_case_or_spacing():
    systems = SystemResolver(LISTS["it_systems"])
    assert systems.slug_for({"name": "Nexus (gammelt navn)", "uuid": PLACEHOLDER_UUID.upper()}, 1, "a") == "kmd-nexus"
    assert systems.slug_for({"name": "  kmd   NEXUS "}, 1, "a") == "kmd-nexus"
    assert systems.slug_for({"name": "CPR"}, 1, "a") == "cpr"          # the short form before the dash
    assert systems.slug_for({"name": "KSD"}, 1, "a") == "kombit-ksd"
    assert systems.proposals == {}


def test_an_unknown_system_is_proposed_once_with_every_process_that_uses_it():
    systems = SystemResolver(LISTS["it_systems"])
    first = systems.slug_for({"name": "Bookingsystem (ukendt, testdata)", "vendor": "  ", "from_kitos": False}, 7, "A")
    again = systems.slug_for({"name": "bookingsystem (UKENDT, testdata)"}, 8, "B")
    assert first == again == "bookingsystem-ukendt-testdata"
    (proposal,) = systems.proposals.values()
    assert (proposal.name, proposal.vendor, proposal.local, proposal.used_by) == (
        "Bookingsystem (ukendt, testdata)", None, True, [(7, "A"), (8, "B")])
    assert systems.slug_for({"name": "KMD-Nexus"}, 9, "C") == "kmd-nexus"  # the slug form matches too
    assert systems.slug_for({"name": "Cpr"}, 9, "C") == "cpr"


def test_technologies_are_matched_but_never_invented():
    technologies = TechnologyResolver(LISTS["technologies"])
    assert technologies.slug_for("uipath") == "uipath"
    assert technologies.slug_for("Softwarerobot (RPA), andet produkt") == "rpa"
    assert technologies.slug_for("Ukendt robotværktøj") is None
