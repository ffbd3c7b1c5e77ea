"""Hostile numbers: infinity, NaN and huge values are refused with the allowed range, never a traceback.

Every numeric field (and every date) has a finite range in its field definition; a value outside
it is AP106, a value that is not a finite number (``.inf``, ``.nan``, a literal too large for a
float) is AP115. The exports are strict JSON by construction.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import typing

import pytest

from generator.model import Process
from generator.model.derived import configured_hourly_rate, yearly_value_dkk
from generator.exports.api_json import json_text as _json
from tests.conftest import ROOT, run_cli
from tests.support.catalogue import BASE, BASE_LINES, check_text, only, write

NEXT = BASE_LINES + 1
HUGE = "1" + "0" * 100  # 10**100
ENORMOUS = "1" + "0" * 5000  # more digits than Python converts to int


@pytest.mark.parametrize("line, column, message", [
    ("time_spend_occurrences: .inf", 25,
     "Feltet Antal gange processen foretages årligt (time_spend_occurrences) er '.inf', som ikke er et tal, "
     "der kan regnes med; det skal være et tal mellem 0 og 100.000.000."),
    ("time_spend_per_occurrence: .nan", 28,
     "Feltet Tidsforbrug pr. proces i minutter (time_spend_per_occurrence) er '.nan', som ikke er et tal, "
     "der kan regnes med; det skal være et tal mellem 0 og 100.000."),
    ("expected_development_time: -.inf", 28,
     "Feltet Forventet timeforbrug på udvikling (expected_development_time) er '-.inf', som ikke er et tal, "
     "der kan regnes med; det skal være et tal mellem 0 og 1.000.000."),
    ("time_spend_percentage_digital: .inf", 32,
     "Feltet Forventet automatiseringsgrad (%) (time_spend_percentage_digital) er '.inf', som ikke er et tal, "
     "der kan regnes med; det skal være et tal mellem 0 og 100."),
    ("time_spend_employees_doing_process: 1e400", 37,
     "Feltet Antal medarbejdere der foretager processen (time_spend_employees_doing_process) er '1e400', som "
     "ikke er et tal, der kan regnes med; det skal være et tal mellem 0 og 100.000."),
    (f"time_spend_occurrences: {ENORMOUS}", 25,
     f"Feltet Antal gange processen foretages årligt (time_spend_occurrences) er '{'1' + '0' * 36}...', som "
     "ikke er et tal, der kan regnes med; det skal være et tal mellem 0 og 100.000.000."),
])
def test_a_number_that_is_not_finite_is_refused_with_the_allowed_range(tmp_path, line, column, message):
    finding = only(check_text(tmp_path, BASE + line + "\n"), "AP115")
    assert finding.message == message
    assert (finding.line, finding.column) == (NEXT, column)
    assert finding.is_error


@pytest.mark.parametrize("line, message", [
    ("time_spend_per_occurrence: 1e308",
     "Feltet Tidsforbrug pr. proces i minutter (time_spend_per_occurrence) er 1e308, men skal være mellem 0 og 100.000."),
    (f"time_spend_occurrences: {HUGE}",
     f"Feltet Antal gange processen foretages årligt (time_spend_occurrences) er {'1' + '0' * 36}..., men skal "
     "være mellem 0 og 100.000.000."),
    ("os2autoproces_id: 99999999999",
     "Feltet OS2autoproces-id (os2autoproces_id) er 99999999999, men skal være mellem 1 og 2.147.483.647."),
    ("created: 1900-01-01",
     "Feltet Oprettet (created) er 1900-01-01, men skal være mellem 1950-01-01 og 2100-12-31."),
])
def test_a_number_outside_what_a_real_process_can_have_is_refused(tmp_path, line, message):
    finding = only(check_text(tmp_path, BASE + line + "\n"), "AP106")
    assert finding.message == message
    assert finding.line == NEXT


def test_the_largest_allowed_numbers_give_finite_figures(tmp_path):
    text = BASE + ("time_spend_occurrences: 100000000\ntime_spend_per_occurrence: 100000\n"
                   "time_spend_percentage_digital: 100\nexpected_development_time: 1000000\n")
    assert not [f for f in check_text(tmp_path, text) if f.is_error]
    from generator.loading import load_bytes
    from generator.checks.schema import validate_document

    process, _ = validate_document(load_bytes(text.encode(), tmp_path / "p.yaml"))
    assert process is not None
    assert math.isfinite(process.manual_hours_per_year) and math.isfinite(yearly_value_dkk(process, 100_000))


def _numeric(annotation: typing.Any) -> bool:
    args = typing.get_args(annotation)
    return annotation in (int, float, dt.date) or any(_numeric(a) for a in args)


def test_every_numeric_field_has_a_finite_range_in_its_definition():
    ranged = {}
    for key, info in Process.model_fields.items():
        if _numeric(info.annotation) and info.annotation is not bool and "bool" not in str(info.annotation):
            limits = {name: getattr(m, name) for m in info.metadata for name in ("ge", "le")
                      if getattr(m, name, None) is not None}
            ranged[key] = limits
    assert set(ranged) == {
        "os2autoproces_id", "time_spend_occurrences", "time_spend_per_occurrence", "time_spend_percentage_digital",
        "time_spend_employees_doing_process", "expected_development_time", "rating",
        "created", "put_into_operation", "decommissioned", "legal_clause_last_verified"}
    assert all(set(limits) == {"ge", "le"} for limits in ranged.values()), ranged


def test_check_never_prints_a_traceback_for_infinity_in_a_whole_number_field(tmp_path):
    """round(inf) in the advice for a whole number used to crash ``autoproces check``."""
    path = write(tmp_path, "processes/aarhus/proces.yaml", BASE + "time_spend_occurrences: .inf\n")
    result = run_cli("--processes", str(tmp_path / "processes"), "--taxonomies", str(ROOT / "taxonomies"),
                     "check", str(path), "--format", "json")
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert [f["rule"] for f in json.loads(result.stdout)] == ["AP115"]


def test_the_build_refuses_a_huge_number_with_file_and_line(tmp_path):
    """1e308 minutes times a million cases used to end in an OverflowError without file or line."""
    from tests.conftest import copy_project

    project = copy_project(tmp_path, processes=False)
    write(project, "processes/aarhus/proces.yaml",
          BASE + "time_spend_occurrences: 1000000\ntime_spend_per_occurrence: 1e308\n"
                 "time_spend_percentage_digital: 50\n")
    result = run_cli("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "OverflowError" not in result.stderr
    assert f"processes/aarhus/proces.yaml:{NEXT + 1}:28: error AP106 felt time_spend_per_occurrence:" in result.stderr
    assert not (tmp_path / "site").exists()


def test_exports_are_strict_json_by_construction():
    with pytest.raises(ValueError):
        _json({"hours": float("inf")})
    assert json.loads(_json({"hours": 1.5}), parse_constant=_refuse) == {"hours": 1.5}


def _refuse(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


@pytest.mark.parametrize("setting", ["inf", "nan", "1e400", "200000"])
def test_an_hourly_rate_that_is_not_a_finite_number_falls_back_to_the_default(tmp_path, setting):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(f"[tool.autoproces]\nhourly_rate_dkk = {setting}\n", encoding="utf-8")
    assert configured_hourly_rate(pyproject) == 450.0
