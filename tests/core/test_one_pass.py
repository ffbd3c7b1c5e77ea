"""One pass, every finding: reference and phase rules run on the fields that parsed."""

from __future__ import annotations

from tests.support.catalogue import FIXTURE_LISTS, check_text, real_lists, rules_of

TEN_MISTAKES = """\
titel: Journalisering af lægeerklæringer
short_description: En robot journaliserer lægeerklæringer på den rigtige sag.
municipality: aarhus
phase: operation
status: inprogress
visibility: public
contact:
  name: Digitaliseringsenheden
  email: digitalisering@aarhus.dk
other_contact_email: digitalisering.aarhus.dk
kle: 27.99.99
form: 26.99.99
it_systems: [kmd-nexsus]
technologies: [ui-path]
time_spend_occurrences: 1200
time_spend_per_occurrence: "7,5"
time_spend_percentage_digital: 120
put_into_operation: 15-03-2024
domains: [sundhed]
"""

# (rule, line, the key on that line): six schema errors and the five findings that used to
# appear only after those were fixed (unknown KLE, FORM, IT-system, technology, missing run period).
EXPECTED = [
    ("AP101", 1, "titel"),
    ("AP202", 4, "phase"),
    ("AP111", 10, "other_contact_email"),
    ("AP401", 11, "kle"),
    ("AP403", 12, "form"),
    ("AP405", 13, "it_systems"),
    ("AP407", 14, "technologies"),
    ("AP108", 16, "time_spend_per_occurrence"),
    ("AP106", 17, "time_spend_percentage_digital"),
    ("AP107", 18, "put_into_operation"),
    ("AP104", 19, "domains"),
]


def _key_on(line: int) -> str:
    return TEN_MISTAKES.splitlines()[line - 1].split(":", 1)[0].strip()


def test_every_finding_of_a_file_with_many_mistakes_in_one_run(tmp_path):
    findings = check_text(tmp_path, TEN_MISTAKES, lists=real_lists())
    assert [(f.rule, f.line, _key_on(f.line)) for f in findings] == EXPECTED
    assert "Mente du 'kmd-nexus' (KMD Nexus)" in next(f.hint for f in findings if f.rule == "AP405")
    assert "Skedulering (run_period)" in next(f.message for f in findings if f.rule == "AP202")


def test_a_field_the_schema_rejected_is_not_also_reported_as_missing(tmp_path):
    text = TEN_MISTAKES.replace("technologies: [ui-path]", "technologies: uipath,blue-prism").replace(
        "put_into_operation: 15-03-2024", "put_into_operation: 2024-03-15\nrun_period: dagligt")
    rules = rules_of(check_text(tmp_path, text, lists=FIXTURE_LISTS))
    assert "AP103" in rules and "AP201" not in rules  # technologies written, but not as a list
    assert "AP104" in rules and "AP202" not in rules  # run period written, but not a valid value
    assert "AP206" not in rules


def test_phase_rules_wait_for_a_valid_phase_but_reference_checks_do_not(tmp_path):
    text = TEN_MISTAKES.replace("phase: operation", "phase: drift")
    findings = check_text(tmp_path, text, lists=FIXTURE_LISTS)
    rules = rules_of(findings)
    assert not {"AP201", "AP202", "AP204", "AP206"} & set(rules)
    assert {"AP401", "AP403", "AP405", "AP407"} <= set(rules)


def test_a_stand_in_for_a_missing_municipality_never_reaches_a_finding(tmp_path):
    text = TEN_MISTAKES.replace("municipality: aarhus\n", "")
    findings = check_text(tmp_path, text, lists=FIXTURE_LISTS)
    assert "AP102" in rules_of(findings)
    assert not {"AP014", "AP408"} & set(rules_of(findings))
    assert "ukendt" not in " ".join(f.message for f in findings)
