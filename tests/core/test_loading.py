"""Reading a process file: every kind of bad input is a finding with a position, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.catalogue import BASE, BASE_LINES, check_text, only, rules_of, write
from generator.loading import MAX_FILE_BYTES, load_bytes, load_document

HERE = Path("processes/aarhus/proces.yaml")


def load(raw: bytes | str):
    return load_bytes(raw.encode("utf-8") if isinstance(raw, str) else raw, HERE)


def single(raw: bytes | str):
    doc = load(raw)
    assert doc.data is None and len(doc.findings) == 1, doc.findings
    return doc.findings[0]


def test_a_valid_file_gives_data_and_the_positions_of_keys_and_values():
    doc = load(BASE + "links:\n  - url: https://www.aarhus.dk\n    title: Forside\n")
    assert doc.findings == []
    assert doc.data["contact"]["email"] == "digitalisering@aarhus.dk"
    assert (doc.key_positions[("contact", "email")].line, doc.key_positions[("contact", "email")].column) == (9, 3)
    assert (doc.value_positions[("contact", "email")].line, doc.value_positions[("contact", "email")].column) == (9, 10)
    title = doc.value_positions[("links", 0, "title")]
    assert (title.line, title.column) == (BASE_LINES + 3, 12)


def test_byte_order_mark_and_crlf_line_endings_are_accepted_with_the_same_positions():
    windows = ("\ufeff" + BASE.replace("\n", "\r\n")).encode("utf-8")
    unix, dos = load(BASE), load_bytes(windows, HERE)
    assert dos.findings == [] and dos.data == unix.data
    assert dos.data["title"] == "Journalisering af lægeerklæringer"  # no BOM glued to the first key
    assert dos.key_positions == unix.key_positions and dos.value_positions == unix.value_positions


def test_positions_stay_right_in_a_windows_file_with_an_error():
    raw = ("\ufeff" + BASE + "time_spend_occurrences: [\n").replace("\n", "\r\n").encode("utf-8")
    finding = single(raw)
    assert (finding.rule, finding.line) == ("AP005", BASE_LINES + 2)


@pytest.mark.parametrize("raw, rule, line, column", [
    (b"title: Ans\xf8gning om boligst\xf8tte\n", "AP002", 1, 11),  # Latin-1
    ("title: Ansøgning\n".encode("utf-16"), "AP002", 1, 1),
    (b"title: Ans\x00gning\n", "AP003", 1, 11),
    ('title: "Ans\\0gning"\n', "AP003", 1, 8),  # an escape that makes a NUL
    ('title: "Ans\\x07gning"\n', "AP003", 1, 8),
    ("", "AP004", None, None),
    ("# kun en kommentar\n\n", "AP004", None, None),
    ("---\n...\n", "AP004", None, None),
    ("title: Ansøgning: boligstøtte\n", "AP005", 1, 17),
    ("title: Ansøgning\nit_systems: [kmd-nexus\n", "AP005", 3, 1),
    ("title: a\n---\ntitle: b\n", "AP005", 2, 1),
    ("? [a, b]\n: c\n", "AP005", 1, 3),
    ("contact:\n\tname: Anne\n", "AP006", 2, 1),
    ("title:\tAnsøgning\n", "AP006", 1, 7),
    ("title: a\ncontact:\n  name: b\ntitle: c\n", "AP007", 4, 1),
    ("contact:\n  name: a\n  name: b\n", "AP007", 3, 3),
    ("title: !!python/object/apply:os.system ['echo farligt']\n", "AP008", 1, 8),
    ("title: !ukendt tekst\n", "AP008", 1, 8),
    ("contact: &kontakt\n  name: a\nowner: *kontakt\n", "AP009", 1, 10),
    ("search_words: " + "[" * 25 + "]" * 25 + "\n", "AP010", 1, 15 + 19),  # the 20th bracket is level 21
    ("- title: a\n", "AP011", None, None),  # the whole file
    ("Ansøgning om boligstøtte\n", "AP011", None, None),
])
def test_bad_input_is_one_finding_with_a_position(raw, rule, line, column):
    finding = single(raw)
    assert (finding.rule, finding.line, finding.column) == (rule, line, column), finding
    assert finding.severity == "error" and finding.message and finding.hint


def test_the_duplicate_key_message_names_the_first_line():
    finding = single("title: a\nphase: idea\ntitle: b\n")
    assert "'title'" in finding.message and "linje 1" in finding.message


def test_a_latin1_file_says_which_byte_and_what_to_do():
    finding = single(b"title: Ans\xf8gning\n")
    assert "0xf8" in finding.message and "UTF-8" in finding.hint


def test_tabs_inside_text_blocks_and_bracket_lists_and_blank_lines_are_not_errors():
    doc = load("title: x\nlong_description: |\n  Trin:\n  \t1. Åbn sagen\n\t\nit_systems: [\n\tkmd-nexus]\n")
    assert doc.findings == []
    assert doc.data["long_description"] == "Trin:\n\t1. Åbn sagen\n"
    assert doc.data["it_systems"] == ["kmd-nexus"]


def test_yaml_tags_are_refused_and_never_constructed(tmp_path):
    marker = tmp_path / "created-by-yaml"
    finding = single(f"title: !!python/object/apply:os.system ['touch {marker}']\n")
    assert finding.rule == "AP008" and "python/object/apply:os.system" in finding.message
    assert not marker.exists()


def test_harmless_explicit_tags_are_read_as_written():
    doc = load("kl_id: !!str 2024\ntime_spend_occurrences: !!int 1200\n")
    assert doc.findings == [] and doc.data == {"kl_id": "2024", "time_spend_occurrences": 1200}


BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""


def test_a_billion_laughs_file_is_refused_at_once():
    # Refused at the first anchor (line 1), before any alias could be expanded.
    finding = single(BILLION_LAUGHS)
    assert (finding.rule, finding.line, finding.column) == ("AP009", 1, 4)


@pytest.mark.parametrize("text", [
    "a: " + "[" * 900_000,  # unclosed: the reader would otherwise scan all of it first
    "a: " + "{b: " * 200_000,
    "a:\n" + "".join("  " * i + "b:\n" for i in range(1, 800)),
])
def test_deep_nesting_stops_at_the_depth_limit(text):
    finding = single(text)
    assert finding.rule == "AP010"


def test_a_large_flat_file_under_the_limit_is_read_in_reasonable_time():
    text = BASE + "search_words: [" + ", ".join(f"ord{i}" for i in range(60_000)) + "]\n"
    assert len(text) < MAX_FILE_BYTES
    doc = load(text)
    assert doc.findings == [] and len(doc.data["search_words"]) == 60_000


def test_a_file_over_one_megabyte_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = write(tmp_path, "processes/aarhus/stor.yaml", "title: x\n# " + "x" * MAX_FILE_BYTES + "\n")

    def no_reading(self):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    doc = load_document(path)
    assert rules_of(doc.findings) == ["AP001"] and doc.data is None
    assert doc.findings[0].message == (
        "Filen fylder 1.000.012 byte, men en procesfil må højst fylde 1.000.000 byte (1 MB).")


def test_a_file_that_cannot_be_read_is_reported_not_raised(tmp_path):
    doc = load_document(tmp_path / "processes" / "aarhus" / "findes-ikke.yaml")
    assert rules_of(doc.findings) == ["AP000"] and "findes ikke" in doc.findings[0].message


def test_keys_are_kept_as_written_and_numbers_keep_their_source_text():
    doc = load("true: 1\n1.0: 2\nkle: 27.10\nx: 1.200\n")
    assert list(doc.data) == ["true", "1.0", "kle", "x"]
    assert doc.scalar_texts[("kle",)] == "27.10" and doc.source_text(("x",), 1.2) == "1.200"


def test_yaml_1_2_keeps_yes_no_and_danish_words_as_text():
    doc = load("a: yes\nb: no\nc: ja\nd: nej\ne: on\nf: true\ng: 0o17\nh: ~\n")
    assert doc.data == {"a": "yes", "b": "no", "c": "ja", "d": "nej", "e": "on", "f": True, "g": 15, "h": None}


def test_an_unreadable_file_does_not_stop_the_check_of_the_others(tmp_path):
    findings = check_text(tmp_path, b"\xff\xfe\x00t\x00", others={"processes/aarhus/god.yaml": BASE})
    assert rules_of(findings) == ["AP002"]
    bad_and_good = check_text(tmp_path, BASE, relative="processes/aarhus/god.yaml")
    assert bad_and_good == []


def test_the_error_message_of_the_yaml_reader_is_danish():
    finding = single("title: Ansøgning: boligstøtte\n")
    assert "kolon" in finding.message and "mapping values" not in finding.message
    assert only([finding], "AP005").line == 1


def test_no_mutation_of_a_valid_file_makes_the_check_fail_with_an_exception(tmp_path):
    """Random bytes inserted, deleted and replaced (fixed seed): always findings, never an exception."""
    import random

    from tests.support.catalogue import FIXTURE_LISTS, OPERATION, catalogue_of

    seeds = [BASE.encode(), (OPERATION + "links:\n  - url: https://www.aarhus.dk\n    title: Forside\n"
                             "it_systems: [kmd-nexus]\numbrellas: [odense/paraply]\nkle: 32.18.00\n").encode()]
    alphabet = b"\t\n\r :-[]{},&*!|>'\"#%@`?~0123456789ae\xc3\xa6\xff\x00.\\"
    rng = random.Random(2024)
    for number in range(400):
        raw = bytearray(rng.choice(seeds))
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(raw))
            choice = rng.random()
            if choice < 0.4:
                raw[at:at] = bytes([rng.choice(alphabet)])
            elif choice < 0.7:
                del raw[at:at + rng.randint(1, 5)]
            else:
                raw[at] = rng.choice(alphabet)
        path = write(tmp_path, f"processes/aarhus/f{number}.yaml", bytes(raw))
        for entry in catalogue_of(tmp_path, FIXTURE_LISTS).entries:
            assert all((f.line is None or (f.line >= 1 and f.column >= 1)) and f.message for f in entry.findings)
        path.unlink()
