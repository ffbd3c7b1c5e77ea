"""What a process must say in its phase and status (AP2xx), and repeated list values (AP112)."""

from __future__ import annotations

import pytest

from tests.support.catalogue import BASE, OPERATION, check_text, only, rules_of

SOLUTION = "technologies: [uipath]\nrun_period: daily\n"


def in_phase(phase: str, extra: str = "") -> str:
    return BASE.replace("phase: idea", f"phase: {phase}") + extra


@pytest.mark.parametrize("phase", ["rapid", "idea", "preanalysis", "specification"])
def test_before_development_no_technology_or_run_period_is_needed(tmp_path, phase):
    assert not {"AP201", "AP202"} & set(rules_of(check_text(tmp_path, in_phase(phase))))


@pytest.mark.parametrize("phase, label", [
    ("development", "Udvikling"), ("implementation", "Implementering"), ("operation", "I drift"),
])
def test_from_development_on_technologies_and_run_period_are_required(tmp_path, phase, label):
    findings = check_text(tmp_path, in_phase(phase, "put_into_operation: 2024-03-01\n" if phase == "operation" else ""))
    technology, run_period = only(findings, "AP201"), only(findings, "AP202")
    assert technology.message == f"I fasen {label} skal feltet Anvendt teknologi (technologies) nævne mindst én teknologi."
    assert run_period.message == f"I fasen {label} skal feltet Skedulering (run_period) være valgt."
    assert "daily (Dagligt)" in run_period.hint and "not_chosen_yet" not in run_period.hint
    assert technology.line == 4 and technology.is_error
    assert not {"AP201", "AP202"} & set(rules_of(check_text(tmp_path, in_phase(phase, SOLUTION))))


def test_a_decommissioned_solution_is_exempt_from_technologies_but_keeps_its_run_period(tmp_path):
    text = in_phase("decommissioned", "put_into_operation: 2022-01-01\ndecommissioned: 2024-01-01\n")
    assert rules_of(check_text(tmp_path, text)) == ["AP202"]
    assert check_text(tmp_path, text + "run_period: monthly\n") == []


def test_run_period_not_chosen_yet_counts_as_missing_and_points_at_the_run_period(tmp_path):
    text = in_phase("development", "technologies: [uipath]\nrun_period: not_chosen_yet\n")
    finding = only(check_text(tmp_path, text), "AP202")
    assert finding.line == text.count("\n")


def test_an_empty_technology_list_points_at_the_list(tmp_path):
    text = in_phase("development", "technologies: []\nrun_period: daily\n")
    assert only(check_text(tmp_path, text), "AP201").line == text.count("\n") - 1


@pytest.mark.parametrize("status, label", [
    ("rejected", "Afvist"), ("failed", "Mislykket"), ("pending", "Afventer"), ("not_relevant", "Ikke relevant mere"),
])
def test_a_status_that_needs_a_reason_warns_without_one(tmp_path, status, label):
    text = BASE.replace("status: inprogress", f"status: {status}")
    finding = only(check_text(tmp_path, text), "AP203")
    assert finding.severity == "warning" and f"'{label}'" in finding.message and finding.line == 5
    assert check_text(tmp_path, text + "status_text: Løsningen blev for dyr at vedligeholde.\n") == []


def test_a_field_of_a_later_phase_warns_at_its_key(tmp_path):
    findings = check_text(tmp_path, BASE + "rating: 3\n")
    finding = only(findings, "AP204")
    assert finding.message == ("Feltet I hvor høj grad indfriede løsningen de forventede gevinster? (rating) udfyldes "
                               "først fra fasen I drift, men processen er i fasen Idé.")
    assert (finding.line, finding.column) == (BASE.count("\n") + 1, 1)
    assert "AP204" not in rules_of(check_text(tmp_path, OPERATION + "rating: 3\n"))


def test_quick_sharing_may_name_technologies_and_systems(tmp_path):
    text = in_phase("rapid", "technologies: [uipath]\nservices: [kmd-nexus]\nvendor: KMD\n")
    assert check_text(tmp_path, text) == []


def test_decommissioned_before_put_into_operation_is_an_error(tmp_path):
    text = OPERATION.replace("phase: operation", "phase: decommissioned") + "decommissioned: 2023-01-01\n"
    finding = only(check_text(tmp_path, text), "AP205")
    assert "2023-01-01" in finding.message and "2024-03-01" in finding.message and finding.is_error


@pytest.mark.parametrize("phase, key", [("operation", "put_into_operation"), ("decommissioned", "decommissioned")])
def test_a_solution_in_operation_should_say_when(tmp_path, phase, key):
    text = in_phase(phase, SOLUTION + ("put_into_operation: 2023-01-01\n" if phase == "decommissioned" else ""))
    finding = only(check_text(tmp_path, text), "AP206")
    assert f"({key})" in finding.message and finding.severity == "warning"


def test_time_figures_that_cannot_be_computed_warn(tmp_path):
    finding = only(check_text(tmp_path, BASE + "time_spend_occurrences: 1200\n"), "AP207")
    assert "Tidsforbrug pr. proces i minutter (time_spend_per_occurrence)" in finding.message
    assert "Forventet automatiseringsgrad (%) (time_spend_percentage_digital)" in finding.message
    complete = BASE + "time_spend_occurrences: 1200\ntime_spend_per_occurrence: 7\ntime_spend_percentage_digital: 50\n"
    assert check_text(tmp_path, complete) == []


def test_a_repeated_list_value_warns_at_the_repetition(tmp_path):
    finding = only(check_text(tmp_path, BASE + "it_systems: [kmd-nexus, digital-post, kmd-nexus]\n"), "AP112")
    assert finding.message == "'kmd-nexus' står flere gange i listen Nuværende systemer (it_systems)."
    assert finding.column == 39


def test_umbrellas_are_not_held_to_the_solution_rules(tmp_path):
    text = in_phase("operation").replace("visibility: public", "visibility: public\ntype: global_parent")
    assert not {"AP201", "AP202", "AP206"} & set(rules_of(check_text(tmp_path, text)))
