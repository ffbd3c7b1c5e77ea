"""The AP5xx rules: personal data, hostile text, links, attachments, private files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.checks.confidentiality.cpr import find_cpr_numbers
from generator.checks.confidentiality.emails import is_personal_email
from generator.checks.confidentiality.html_audit import html_removed
from generator.checks.confidentiality.links import link_problem
from generator.checks.rules import RULES

from tests.support.catalogue import BASE, BASE_LINES, check_text, load, only, publish_folder, rules_of, write_process

AP5_RULES = [r for r in RULES if r.startswith("AP5")]


def test_every_ap5_rule_is_in_the_catalogue_with_danish_text():
    assert AP5_RULES == [f"AP5{n:02d}" for n in range(1, 15)]
    for rule_id in AP5_RULES:
        rule = RULES[rule_id]
        assert rule.name and rule.message and rule.hint and rule.example


# --- AP501 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "010190-1234", "0101901234", "Borgeren (CPR 311299-4321) ringede.", "cpr:010190-1234",
    "290200-1234",  # 29 February 2000
    "Se https://sag.kommune.dk/?cpr=0101901234", "151285-1234.",
])
def test_cpr_numbers_are_found(text):
    assert len(find_cpr_numbers(text)) == 1


@pytest.mark.parametrize("text", [
    "23/104512", "ESDH 23/104512-12", "27.24.00", "KLE 32.18.00 og FORM 26.15.10", "87 13 40 00", "+45 87134000",
    "4587134000", "01-02-2024", "2024-02-01", "320190-1234", "011390-1234", "290201-1234",
    "P-nr. 1012345678", "kontonr 1012345678", "sag 2023-010190-1234", "12.010190-1234", "id0101901234",
    "01019012345", "1.200 sager om året og 4.5 minutter", "ver. 010190-12345",
])
def test_phone_numbers_dates_case_numbers_and_codes_are_not_cpr_numbers(text):
    assert find_cpr_numbers(text) == []


@pytest.mark.parametrize("fields", [
    {"long_description": "Robotten fejlede på sagen for 010190-1234 i går."},
    {"title": "Sag 0101901234"},
    {"contact": {"name": "Borger 010190-1234", "email": "digitalisering@aarhus.dk"}},
    {"links": [{"url": "https://www.aarhus.dk/", "title": "Eksempel 010190-1234"}]},
    {"search_words": ["robot", "010190-1234"]},
    {"internal_notes": "Testet på 010190-1234", "visibility": "municipality"},
    {"links": [{"url": "https://sag.aarhus.dk/?cpr=0101901234"}]},
])
def test_a_cpr_number_in_any_text_field_is_an_error_with_the_number_masked(tmp_path, fields):
    root = tmp_path / "processes"
    write_process(root, "cpr", **fields)
    findings = [f for f in load(root).by_id["aarhus/cpr"].findings if f.rule == "AP501"]
    assert len(findings) == 1 and findings[0].is_error
    text = findings[0].message + findings[0].hint
    assert "01xxxx-xxxx" in text
    assert "0190" not in text and "1234" not in text


def test_a_cpr_number_in_a_comment_is_found_on_its_line(tmp_path):
    root = tmp_path / "processes"
    path = write_process(root, "kommentar")
    path.write_text("# testet med 010190-1234\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    findings = [f for f in load(root).by_id["aarhus/kommentar"].findings if f.rule == "AP501"]
    assert [(f.line, f.column) for f in findings] == [(1, 14)]


def test_a_cpr_number_is_reported_even_when_the_file_has_schema_errors(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "ugyldig", phase="drift", long_description="Borger 010190-1234")
    assert {"AP104", "AP501"} <= set(rules_of(load(root), "aarhus/ugyldig"))


# --- AP502 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("address, names, personal", [
    ("mette.andersen@aarhus.dk", ["Mette Kjær Andersen"], True),
    ("mka@aarhus.dk", ["Mette Kjær Andersen"], True),
    ("mkandersen@aarhus.dk", ["Mette Kjær Andersen"], True),
    ("soeren.oe@aarhus.dk", ["Søren Ø"], True),
    ("jens.hansen@odense.dk", [], True),
    ("digitalisering@aarhus.dk", ["Mette Kjær Andersen"], False),
    ("rpa-teamet@aarhus.dk", [], False),
    ("borger.service@kk.dk", [], False),
    ("post@kommune.dk", ["Poul Stentoft"], False),
    ("skole@kommune.dk", ["Ole Hansen"], False),
    ("jkl@kommune.dk", [], False),  # initials of someone the file does not name
    ("nora.jensen@kommune.dk", [], True),
    ("saga.holm@kommune.dk", [], True),
    ("digitalisering@aarhus.dk", ["Digitalisering"], False),  # a team as contact person
    ("rpa@aarhus.dk", ["RPA-teamet"], False),
])
def test_personal_email_heuristic(address, names, personal):
    assert is_personal_email(address, names) is personal


def test_a_personal_contact_address_without_a_mailbox_is_a_warning(tmp_path):
    root = tmp_path / "processes"
    contact = {"name": "Mette Andersen", "email": "mette.andersen@aarhus.dk"}
    write_process(root, "uden", contact=contact)
    write_process(root, "med", contact=contact, other_contact_email="digitalisering@aarhus.dk")
    write_process(root, "intern", contact=contact, visibility="municipality")
    write_process(root, "i-teksten", long_description="Skriv til jens.hansen@aarhus.dk for adgang.")
    catalogue = load(root)
    finding = next(f for f in catalogue.by_id["aarhus/uden"].findings if f.rule == "AP502")
    assert not finding.is_error
    assert "mette.andersen@aarhus.dk" in finding.message and "other_contact_email" in finding.hint
    assert "digitalisering@aarhus.dk" in finding.hint
    assert "AP502" not in rules_of(catalogue, "aarhus/med")
    assert "AP502" not in rules_of(catalogue, "aarhus/intern")
    assert "AP502" in rules_of(catalogue, "aarhus/i-teksten")


def test_personal_addresses_in_confidential_fields_are_fine(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "ejer", owner={"name": "Lars Holm", "email": "lars.holm@aarhus.dk"})
    assert "AP502" not in rules_of(load(root), "aarhus/ejer")


@pytest.mark.parametrize("written", [
    '"Borger 01019\\x30-1234"',  # an escape makes the sixth digit
    '"Borger 010\\\n  190-1234"',  # an escaped line break joins the digits
])
def test_a_cpr_number_that_only_an_escape_makes_is_found_at_its_field(tmp_path, written):
    finding = only(check_text(tmp_path, BASE + f"long_description: {written}\n"), "AP501")
    assert (finding.line, finding.column, finding.key) == (BASE_LINES + 1, 19, "long_description")
    assert "01xxxx-xxxx" in finding.message


def test_nfc_makes_no_digit_and_none_of_the_characters_the_quick_text_checks_look_for():
    """The CPR and HTML rules skip the values of a file whose text (without escapes) lacks six digits, '<'
    and '](': that holds only because normalising to NFC never makes one of them out of other characters."""
    import re
    import sys
    import unicodedata

    sought = re.compile(r"[\d<(\]]")
    made = [hex(c) for c in range(sys.maxunicode + 1)
            if sought.search(unicodedata.normalize("NFC", chr(c))) and not sought.match(chr(c))]
    composed = [hex(c) for c in range(sys.maxunicode + 1)
                if sought.match(chr(c)) and unicodedata.decomposition(chr(c))[:1] not in ("", "<")]
    assert (made, composed) == ([], [])


# --- AP503/AP504 ---------------------------------------------------------------------------

def test_html_that_the_sanitizer_removes_is_named():
    removed = html_removed('Hej <script>alert(1)</script> <img src=x onerror=alert(1)> [her](javascript:alert(1)) '
                           '<b style="color:red">fed</b>')
    assert removed == ["<script>", "<img>", "linket 'javascript:alert(1)'", "style-attributten"]
    assert html_removed("**fed**, *kursiv* og [link](https://www.kommune.dk)") == []


def test_html_warnings(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "markdown", long_description="Se <iframe src='https://x.dk'></iframe> og <b>fed</b>.")
    write_process(root, "titel", title="<b>Ansøgning</b>", short_description='"><img src=x onerror=alert(1)>')
    write_process(root, "ren", long_description="**Fed** tekst og 3 < 4 og a>b.", title="Ansøgning 1 < 2")
    catalogue = load(root)
    markdown = [f for f in catalogue.by_id["aarhus/markdown"].findings if f.rule == "AP503"]
    assert len(markdown) == 1 and "<iframe>" in markdown[0].message and "<b>" not in markdown[0].message
    plain = [f for f in catalogue.by_id["aarhus/titel"].findings if f.rule == "AP504"]
    assert len(plain) == 2 and "<img>" in plain[1].message
    assert not {"AP503", "AP504"} & set(rules_of(catalogue, "aarhus/ren"))


def test_html_that_only_an_escape_makes_is_found_at_its_field(tmp_path):
    finding = only(check_text(tmp_path, BASE.replace("title: Journalisering", 'title: "\\x3cb>Journalisering')
                              .replace("lægeerklæringer\nshort", 'lægeerklæringer"\nshort', 1)), "AP504")
    assert (finding.line, finding.column, finding.key) == (1, 8, "title")


# --- AP505 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://intranet\\fællesdrev\\dok.docx", "https://x.dk/%2e%2e/%2e%2e/etc/passwd", "https://x.dk/../../etc",
    "https://www.aarhus.dk@evil.example/", "http://localhost:8000/", "http://127.0.0.1/admin",
])
def test_unsafe_links_are_errors(tmp_path, url):
    assert link_problem(url)
    root = tmp_path / "processes"
    write_process(root, "link", links=[{"url": url, "title": "Link"}])
    catalogue = load(root)
    assert "AP505" in rules_of(catalogue, "aarhus/link")
    assert not publish_folder(root).processes  # a process with an AP5xx error is never published


@pytest.mark.parametrize("url", ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,x", "/etc/passwd",
                                 "../bilag/x.pdf", "\\\\server\\share", "C:\\Users\\x"])
def test_links_that_are_not_web_addresses_are_refused_by_the_schema(tmp_path, url):
    root = tmp_path / "processes"
    write_process(root, "link", links=[{"url": url}], code_repository_url=url)
    catalogue = load(root)
    assert rules_of(catalogue, "aarhus/link").count("AP110") == 2
    assert not publish_folder(root).processes


@pytest.mark.parametrize("url", ["https://www.aarhus.dk/digitalisering", "https://github.com/os2/robot?x=1#a"])
def test_ordinary_links_are_fine(url):
    assert link_problem(url) is None


# --- AP506/AP507 ---------------------------------------------------------------------------

def test_attachments_must_exist_in_the_bilag_folder(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "bilag", attachments=[{"file": "findes.pdf"}, {"file": "mangler.pdf"}])
    (root / "aarhus" / "bilag").mkdir()
    (root / "aarhus" / "bilag" / "findes.pdf").write_bytes(b"%PDF-1.4")
    findings = [f for f in load(root).by_id["aarhus/bilag"].findings if f.rule in ("AP506", "AP507")]
    assert [(f.rule, f.is_error) for f in findings] == [("AP506", True)]
    assert "mangler.pdf" in findings[0].message and "aarhus/bilag/" in findings[0].message


def test_an_attachment_that_is_a_link_in_or_out_of_its_folder_is_an_error(tmp_path):
    root = tmp_path / "processes"
    secret = tmp_path / "hemmelig.txt"
    secret.write_text("hemmeligt")
    bilag = root / "aarhus" / "bilag"
    bilag.mkdir(parents=True)
    os.symlink(secret, bilag / "ud.pdf")
    (bilag / "rigtig.pdf").write_bytes(b"%PDF-1.4")
    os.symlink(bilag / "rigtig.pdf", bilag / "inde.pdf")
    (bilag / "mappe.pdf").mkdir()
    write_process(root, "bilag", attachments=[{"file": n} for n in ("ud.pdf", "inde.pdf", "mappe.pdf")],
                  visibility="public")
    catalogue = load(root)
    findings = [f for f in catalogue.by_id["aarhus/bilag"].findings if f.rule == "AP507"]
    assert [f.message for f in findings] == [
        f"Bilaget 'ud.pdf' er et symbolsk link (til '{secret}') og kan ikke udgives.",
        f"Bilaget 'inde.pdf' er et symbolsk link (til '{bilag / 'rigtig.pdf'}') og kan ikke udgives.",
        "Bilaget 'mappe.pdf' er ikke en almindelig fil (en mappe eller en speciel fil) og kan ikke udgives.",
    ]
    assert not publish_folder(root).processes  # an attachment that is a link keeps the process out


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "..\\x.pdf", "%2e%2e/x.pdf", ".htaccess",
                                  "bilag/../x.pdf", "C:\\x.pdf"])
def test_attachment_names_cannot_leave_the_folder(tmp_path, name):
    root = tmp_path / "processes"
    write_process(root, "bilag", attachments=[{"file": name}])
    assert any(r.startswith("AP1") for r in rules_of(load(root), "aarhus/bilag"))
    assert not publish_folder(root).processes


# --- AP508 ---------------------------------------------------------------------------------

@pytest.mark.parametrize("visibility", ["municipality", "personal"])
def test_a_private_process_in_the_shared_repository_is_a_warning_pointing_at_the_overlay(tmp_path, visibility):
    root, overlay = tmp_path / "processes", tmp_path / "privat"
    write_process(root, "privat", visibility=visibility)
    write_process(overlay, "i-overlay", visibility=visibility)
    catalogue = load(root, [overlay])
    finding = next(f for f in catalogue.by_id["aarhus/privat"].findings if f.rule == "AP508")
    assert not finding.is_error and "overlay" in finding.hint
    if visibility == "municipality":
        assert "--audience aarhus --overlay" in finding.hint
    else:
        assert "udgives aldrig" in finding.hint
    assert "AP508" not in rules_of(catalogue, "aarhus/i-overlay")


# --- AP510 ---------------------------------------------------------------------------------

def test_a_process_file_that_is_a_link_is_an_error_and_never_read(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "rigtig")
    private = write_process(tmp_path / "privat", "hemmelig", visibility="public", title="Hemmelig 010190-1234")
    os.symlink(private, root / "aarhus" / "link.yaml")
    os.symlink(root / "aarhus" / "rigtig.yaml", root / "aarhus" / "inde.yaml")
    catalogue = load(root)
    # Only AP510: the file behind the link is not read, so nothing of it (here a CPR number) is quoted.
    assert [(f.rule, f.line) for f in catalogue.by_id["aarhus/link"].findings] == [("AP510", None)]
    assert "010190" not in str(catalogue.by_id["aarhus/link"].findings)
    assert rules_of(catalogue, "aarhus/inde") == ["AP510"]  # a link within the folder too
    assert {p.id for p in publish_folder(root)} == {"aarhus/rigtig"}


def test_ordinary_example_catalogue_has_no_confidentiality_errors(project_root: Path):
    catalogue = load(project_root / "processes")
    errors = [f for e in catalogue.entries for f in e.findings if f.rule.startswith("AP5") and f.is_error]
    assert errors == []
