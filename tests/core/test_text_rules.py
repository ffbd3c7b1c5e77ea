"""Hostile text: bidirectional overrides, invisible titles, two spellings of 'å', endless lists and texts."""

from __future__ import annotations

import unicodedata

import pydantic
import pytest

from generator.audience import Withheld
from generator.loading import load_bytes
from generator.model import Process
from generator.model.process import FROM_RESULTS_CACHE, MANY, MAX_TOTAL_TEXT
from tests.support.catalogue import BASE, BASE_LINES, check_text, only, process_data, rules_of

NEXT = BASE_LINES + 1
DECOMPOSED_AA = "a\u030a"  # 'å' typed as 'a' + combining ring (macOS, some keyboards)


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
                                  "\u2069"])
def test_a_bidirectional_override_is_refused_with_its_position(tmp_path, char):
    text = BASE.replace("title: Journalisering af lægeerklæringer", f"title: Journalisering {char}af lægeerklæringer")
    finding = only(check_text(tmp_path, text), "AP116")
    assert finding.message == (f"Teksten indeholder retningstegnet U+{ord(char):04X}, som vender visningen "
                               "af teksten om.")
    assert (finding.line, finding.column) == (1, 8) and finding.is_error


def test_a_bidirectional_override_written_as_an_escape_is_refused_too(tmp_path):
    finding = only(check_text(tmp_path, BASE + 'long_description: "Ret \\u202e teksten"\n'), "AP116")
    assert (finding.line, finding.column) == (NEXT, 19)


@pytest.mark.parametrize("value", ['"\\u200b\\u200b"', '" \\u200b \\u2060 "', '"\\u3164"', '"\\ufeff\\u00ad"',
                                   '"\\u2800"'])
def test_a_title_of_only_invisible_characters_is_refused(tmp_path, value):
    text = BASE.replace("title: Journalisering af lægeerklæringer", f"title: {value}")
    finding = only(check_text(tmp_path, text), "AP117")
    assert finding.message == ("Feltet Titel (title) indeholder kun usynlige tegn (mellemrum, nulbredde-tegn "
                               "eller lignende).")
    assert (finding.line, finding.column) == (1, 8)


def test_a_contact_name_of_only_invisible_characters_is_refused(tmp_path):
    text = BASE.replace("name: Digitaliseringsenheden", 'name: "\\u200d"')
    finding = only(check_text(tmp_path, text), "AP117")
    assert "Kontaktperson › Navn (contact.name)" in finding.message


def test_a_title_with_a_zero_width_character_inside_visible_text_is_accepted(tmp_path):
    text = BASE.replace("title: Journalisering af lægeerklæringer", 'title: "Journali\\u00adsering"')
    assert "AP117" not in rules_of(check_text(tmp_path, text))


def test_text_is_read_as_nfc_so_two_spellings_of_aa_are_one_word(tmp_path):
    decomposed = f"Ra{chr(0x30a)}stofgrave"
    assert unicodedata.normalize("NFC", decomposed) != decomposed
    document = load_bytes((BASE + f"search_words: [Råstofgrave, {decomposed}]\n").encode(), tmp_path / "p.yaml")
    assert document.data["search_words"] == ["Råstofgrave", "Råstofgrave"]
    finding = only(check_text(tmp_path, BASE + f"search_words: [Råstofgrave, {decomposed}]\n"), "AP112")
    assert finding.message == "'Råstofgrave' står flere gange i listen Søgeord (search_words)."


def test_the_name_match_sees_both_spellings_as_the_same_word():
    assert Withheld(["Hemmelig råstofgrav"]).mentions(f"Ret hemmelig r{DECOMPOSED_AA}stofgrav")
    assert Withheld([f"Hemmelig r{DECOMPOSED_AA}stofgrav"]).mentions("Ret hemmelig råstofgrav")


def test_a_list_longer_than_its_cap_is_refused_with_the_cap(tmp_path):
    words = ", ".join(f"ord{i}" for i in range(MANY + 1))
    finding = only(check_text(tmp_path, BASE + f"search_words: [{words}]\n"), "AP118")
    assert finding.message == f"Listen Søgeord (search_words) har {MANY + 1} punkter; højst {MANY} er tilladt."
    assert finding.line == NEXT


@pytest.mark.parametrize("key, item, cap", [
    ("it_systems", "kmd-nexus-{i}", 50), ("technologies", "uipath-{i}", 50), ("umbrellas", "aarhus/p{i}", 20),
    ("org_units", "Afdeling {i}", 50), ("links", "{{url: 'https://www.aarhus.dk/{i}'}}", 50),
])
def test_every_list_has_a_cap(tmp_path, key, item, cap):
    items = ", ".join(item.format(i=i) for i in range(cap + 1))
    finding = only(check_text(tmp_path, BASE + f"{key}: [{items}]\n"), "AP118")
    assert f"har {cap + 1} punkter; højst {cap} er tilladt." in finding.message


def test_the_total_text_of_one_process_has_a_cap(tmp_path):
    fields = ["long_description", "process_challenges", "solution_requests", "time_spend_comment",
              "it_systems_description", "status_text", "internal_notes"]
    text = BASE + "".join(f"{key}: {'tekst ' * 1500}\n" for key in fields)
    finding = only(check_text(tmp_path, text), "AP119")
    # 7 texts of 8,999 characters (stripped) and the 168 characters of BASE's own texts
    assert finding.message == "Procesbeskrivelsen indeholder 63.161 tegn tekst i alt; højst 60.000 tegn er tilladt."
    assert MAX_TOTAL_TEXT == 60_000
    assert (finding.line, finding.column, finding.key) == (None, None, None)  # the whole file


def test_long_texts_within_the_total_cap_are_accepted(tmp_path):
    text = BASE + "".join(f"{key}: {'tekst ' * 1500}\n" for key in ("long_description", "time_spend_comment"))
    assert "AP119" not in rules_of(check_text(tmp_path, text))


def test_the_python_text_rules_are_left_out_only_for_the_results_caches_own_marker():
    """A process rebuilt from the signed results cache skips the rules written in Python (they passed when
    the entry was written); an equal dict from elsewhere does not, and types and lengths still hold."""
    invisible = process_data(title="\u200b\u2800")
    too_long = process_data(**{key: "tekst " * 1500 for key in (
        "long_description", "process_challenges", "solution_requests", "time_spend_comment",
        "it_systems_description", "status_text", "internal_notes")})
    for data, rule in ((invisible, "text_invisible"), (too_long, "text_total_too_long")):
        for context in (None, {"from_results_cache": True}):
            with pytest.raises(pydantic.ValidationError) as raised:
                Process.model_validate(data, context=context)
            assert [e["type"] for e in raised.value.errors()] == [rule]
        assert Process.model_validate(data, context=FROM_RESULTS_CACHE).title == data["title"]
    with pytest.raises(pydantic.ValidationError) as raised:
        Process.model_validate(process_data(title=5, kle="1"), context=FROM_RESULTS_CACHE)
    assert [(e["loc"], e["type"]) for e in raised.value.errors()] == [(("title",), "string_type"),
                                                                      (("kle",), "string_pattern_mismatch")]
