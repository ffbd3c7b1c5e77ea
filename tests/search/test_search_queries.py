"""What a reader finds: Danish word forms, spellings, codes and prefixes, with the browser's engine in Node."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("query, expected", [
    ("ansøgninger", "aabenraa/boligstoette"),  # plural finds the singular in the title
    ("ansøgning", "aabenraa/boligstoette"),
    ("borger", "aabenraa/boligstoette"),  # "Borgerne" in the résumé
    ("borgere", "aabenraa/boligstoette"),
    ("lægeerklæring", "aarhus/laegeerklaeringer"),  # title has the plural "lægeerklæringer"
    ("boligstoette", "aabenraa/boligstoette"),  # old spelling of ø
    ("BOLIGSTØTTE", "aabenraa/boligstoette"),
    ("Åbenrå", "aabenraa/boligstoette"),  # the municipality's name in both spellings
    ("Aabenraa", "aabenraa/boligstoette"),
    ("laegeerklaeringer", "aarhus/laegeerklaeringer"),
    ("Behandling af ansøgninger om boligstøtte", "aabenraa/boligstoette"),  # the whole title, stop words too
])
def test_danish_words_find_their_process(ask, query, expected):
    assert expected in ask(query)["ids"]


def test_words_are_combined_with_and(ask):
    assert ask("robot")["count"] == 3  # "robot", "robotten"
    assert ask("robot boligstøtte")["ids"] == ["aabenraa/boligstoette"]
    assert ask("robot hjemmesygepleje")["count"] == 0


def test_the_last_word_is_a_prefix_while_typing(ask):
    assert ask("boligst")["ids"] == ["aabenraa/boligstoette"]
    assert ask("journalis")["ids"] == ["aarhus/laegeerklaeringer"]
    assert ask("hjemmesyg")["ids"] == ["aarhus/hjemmesygepleje"]
    # only the last word is a prefix: "ansøg" followed by another word is a whole word
    assert ask("robot ansøg")["ids"] == ["aabenraa/boligstoette"]
    assert ask("ansøg robot")["count"] == 0


@pytest.mark.parametrize("query, expected", [
    ("27.24.00", {"aabenraa/boligstoette"}),
    ("27.24", {"aabenraa/boligstoette", "aarhus/hjemmesygepleje"}),  # prefix: the whole KLE group
    ("27", {"aabenraa/boligstoette", "aarhus/hjemmesygepleje"}),
    ("32.18.05", {"odense/kontrol-af-ydelser"}),
    ("32.18", {"aarhus/laegeerklaeringer", "odense/faelles-ydelser", "odense/kontrol-af-ydelser"}),
    ("26.10.05.20", {"aabenraa/boligstoette"}),  # FORM
    ("10.88.11", {"aabenraa/boligstoette"}),  # KLA
    ("kmd-nexus", {"aabenraa/boligstoette", "aarhus/hjemmesygepleje"}),  # IT-system slug
    ("uipath", {"aabenraa/boligstoette", "aarhus/hjemmesygepleje"}),
    ("odense/kontrol-af-ydelser", {"odense/kontrol-af-ydelser"}),  # the process id
    ("aabenraa", {"aabenraa/boligstoette"}),
])
def test_codes_are_searchable(ask, query, expected):
    assert set(ask(query)["ids"]) == expected


def test_a_kle_number_is_not_split_into_numbers_found_in_text(ask):
    # "32.18" must not match a process whose text merely contains 32 and 18
    assert "aabenraa/boligstoette" not in ask("32.18")["ids"]


def test_full_text_of_long_fields_is_searched(ask):
    assert ask("spidsbelastningsperiode")["ids"] == ["aarhus/laegeerklaeringer"]
    assert ask("spidsbelastningsperiode", indexes=("kort",))["count"] == 0, "long fields are not in the first index"


def test_search_words_are_searched(ask):
    assert ask("ydelseskontrol")["ids"] == ["odense/kontrol-af-ydelser"]


def test_title_matches_rank_before_other_fields(ask):
    # "ydelser" is in two titles; "udbetalinger" only in a résumé
    ids = ask("ydelser")["ids"]
    assert set(ids[:2]) == {"odense/faelles-ydelser", "odense/kontrol-af-ydelser"}


def test_an_empty_query_lists_every_process_in_title_order(ask):
    answer = ask("")
    assert answer["count"] == 5
    assert answer["firstPage"] == sorted(answer["firstPage"], key=lambda t: t.lower())


def test_stop_words_alone_find_everything_rather_than_nothing(ask):
    assert ask("og i på")["count"] == 5
