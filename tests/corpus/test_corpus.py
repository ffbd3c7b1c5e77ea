"""The rule corpus: every rule has a file that breaks it and a file that keeps it.

``processes/<municipality>/<rule>-fail-<case>.yaml`` must produce the rule (and make
``autoproces check`` exit 1 when the rule is an error); ``<rule>-pass-<case>.yaml`` must produce
neither the rule nor any error. ``support-<name>.yaml`` files are valid helpers for cases that
span several files (umbrellas, copies). Cases that cannot be committed are in ``generated.py``.
A new rule without a failing and a passing case fails ``test_every_rule_has_a_failing_and_a_passing_case``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli
from tests.support.catalogue import real_lists
from tests.corpus.generated import GENERATED, Case
from generator.diagnostics import Finding
from generator.pipeline import load_catalogue
from generator.checks.rules import all_rules

CORPUS = Path(__file__).resolve().parent / "processes"
NAME = re.compile(r"^(?P<rule>ap\d{3})-(?P<outcome>fail|pass)-(?P<case>[a-z0-9-]+)\.yaml$")
FILES = sorted(p for p in CORPUS.rglob("*.yaml"))
CASES = [p for p in FILES if NAME.match(p.name)]
SUPPORT = [p for p in FILES if p.name.startswith("support-")]
BAD_INPUT = [p for p in CASES if p.name.startswith("ap0")]
EXPECTED = re.compile(r"^# forventet: (?P<rule>AP\d{3}) (?:hele filen|linje (?P<line>\d+))(?: felt (?P<key>\S+))?\s*$")
# An empty file cannot hold its expectation: the whole file, no field.
EXPECTED_ELSEWHERE = {"ap004-fail-tom-fil.yaml": [("AP004", None, None)]}
FINDING_LINE = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning) "
                          r"(?P<rule>AP\d{3})(?: felt (?P<key>\S+))?: ")


def case_of(path: Path) -> tuple[str, str]:
    match = NAME.match(path.name)
    assert match, path
    return match["rule"].upper(), match["outcome"]


def expectations(path: Path) -> list[tuple[str, int | None, str | None]]:
    """The ``# forventet: AP104 linje 5 felt phase`` lines of a case: rule, line (None: the whole file), key."""
    if path.name in EXPECTED_ELSEWHERE:
        return EXPECTED_ELSEWHERE[path.name]
    found = [EXPECTED.match(line) for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    return [(m["rule"], int(m["line"]) if m["line"] else None, m["key"]) for m in found if m]


@pytest.fixture(scope="module")
def corpus():
    catalogue = load_catalogue([CORPUS], real_lists())
    return {entry.path.resolve(): entry for entry in catalogue.entries}


def test_every_corpus_file_is_a_case_or_a_support_file():
    assert FILES and set(FILES) == set(CASES) | set(SUPPORT)
    for path in FILES:
        assert path.parent.parent == CORPUS, f"{path} must sit in processes/<municipality>/"


@pytest.mark.parametrize("path", SUPPORT, ids=lambda p: p.stem)
def test_support_files_are_valid(corpus, path):
    assert not [f for f in corpus[path.resolve()].findings if f.is_error]


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_corpus_case(corpus, path):
    rule, outcome = case_of(path)
    findings = corpus[path.resolve()].findings
    rules = [f.rule for f in findings]
    if outcome == "fail":
        assert rule in rules, findings
        where = [(f.rule, f.line, f.key) for f in sorted(findings, key=Finding.sort_key) if f.rule == rule]
        assert where == expectations(path), findings
    else:
        assert rule not in rules and not [f for f in findings if f.is_error], findings


@pytest.mark.parametrize("path", [p for p in CASES if case_of(p)[1] == "fail"], ids=lambda p: p.stem)
def test_every_failing_case_says_where_its_rule_fires(path):
    """Rule, line and key path a reader would point at, written in the case as ``# forventet: ...``."""
    expected = expectations(path)
    assert expected, f"{path.name} has no '# forventet: {case_of(path)[0]} linje N felt KEY' line"
    assert {rule for rule, _, _ in expected} == {case_of(path)[0]}, expected


@pytest.mark.parametrize("path", BAD_INPUT, ids=lambda p: p.stem)
def test_bad_input_through_the_real_command(path):
    """Exit code, ``file:line:col: error APxxx`` lines and never a traceback, as a user sees it."""
    rule, outcome = case_of(path)
    result = run_cli("--processes", str(CORPUS), "check", str(path.relative_to(ROOT)))
    assert "Traceback" not in result.stdout + result.stderr
    lines = [FINDING_LINE.match(line) for line in result.stdout.splitlines()]
    found = [m for m in lines if m]
    if outcome == "fail":
        assert result.returncode == (1 if all_rules()[rule].severity == "error" else 0), result.stdout
        hits = [m for m in found if m["rule"] == rule]
        assert hits and all(m["file"] == path.relative_to(ROOT).as_posix() for m in hits), result.stdout
        shown = [(m["rule"], int(m["line"]) if m["line"] else None, m["key"]) for m in hits]
        assert shown == expectations(path), result.stdout
    else:
        assert result.returncode == 0 and not [m for m in found if m["severity"] == "error"], result.stdout


def test_checking_continues_past_every_bad_file():
    result = run_cli("--processes", str(CORPUS), "check", *(str(p.relative_to(ROOT)) for p in BAD_INPUT))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    reported = {Path(m["file"]).name for m in map(FINDING_LINE.match, result.stdout.splitlines()) if m}
    failing = {p.name for p in BAD_INPUT if case_of(p)[1] == "fail" and all_rules()[case_of(p)[0]].severity == "error"}
    assert failing <= reported
    assert f"{len(BAD_INPUT)} filer kontrolleret" in result.stdout


def generated_expectation(case: Case) -> list[tuple[str, int | None, str | None]]:
    """A generated case's ``expect`` ("linje 12 felt validations[1].date"), read like a '# forventet:' line."""
    match = EXPECTED.match(f"# forventet: {case.rule} {case.expect}")
    assert match, f"{case.id}: expect must read 'linje N [felt KEY]' or 'hele filen', not {case.expect!r}"
    return [(case.rule, int(match["line"]) if match["line"] else None, match["key"])]


@pytest.mark.parametrize("case", GENERATED, ids=lambda c: c.id)
def test_generated_case(tmp_path, case: Case):
    path, findings = case.build(tmp_path)
    rules = [f.rule for f in findings]
    if case.outcome == "fail":
        assert case.rule in rules, findings
        where = [(f.rule, f.line, f.key) for f in sorted(findings, key=Finding.sort_key) if f.rule == case.rule]
        assert where == generated_expectation(case), findings
        finding = next(f for f in findings if f.rule == case.rule)
        assert (finding.line is None) == (finding.column is None), finding
        assert finding.message and finding.hint
    else:
        assert case.rule not in rules and not [f for f in findings if f.is_error], findings


@pytest.mark.parametrize("case", [c for c in GENERATED if c.cli], ids=lambda c: c.id)
def test_generated_case_through_the_real_command(tmp_path, case: Case):
    path, _ = case.build(tmp_path)
    (tmp_path / "processes").mkdir(exist_ok=True)
    result = run_cli("--taxonomies", str(ROOT / "taxonomies"), "check", str(path.relative_to(tmp_path)),
                     cwd=tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    found = [m for m in map(FINDING_LINE.match, result.stdout.splitlines()) if m]
    rules = [m["rule"] for m in found]
    if case.outcome == "fail":
        expected_exit = 1 if all_rules()[case.rule].severity == "error" else 0
        assert case.rule in rules and result.returncode == expected_exit, result.stdout
        shown = [(m["rule"], int(m["line"]) if m["line"] else None, m["key"]) for m in found if m["rule"] == case.rule]
        assert shown == generated_expectation(case), result.stdout
    else:
        assert case.rule not in rules and result.returncode == 0, result.stdout


def test_every_rule_has_a_failing_and_a_passing_case():
    covered = {case_of(p) for p in CASES} | {(c.rule, c.outcome) for c in GENERATED}
    missing = [f"{rule} {outcome}" for rule in sorted(all_rules()) for outcome in ("fail", "pass")
               if (rule, outcome) not in covered]
    assert not missing, "rules without a corpus case: " + ", ".join(missing)
    unknown = sorted({rule for rule, _ in covered} - set(all_rules()))
    assert not unknown, f"cases for rules that do not exist: {unknown}"
