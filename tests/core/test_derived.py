"""Derived figures keep their decimals (OS2autoproces truncates them) and value hours at a configurable rate."""

from __future__ import annotations

import pytest

from tests.support.catalogue import BASE, catalogue_of, write
from generator.model.derived import (
    DEFAULT_HOURLY_RATE_DKK, configured_hourly_rate, expected_hours_freed_per_year, manual_hours_per_year,
    payback_years, yearly_value_dkk,
)


def process_with(tmp_path, extra: str):
    write(tmp_path, "processes/aarhus/proces.yaml", BASE + extra)
    entry = catalogue_of(tmp_path).entries[0]
    assert entry.process is not None, entry.findings
    return entry.process


def test_hours_freed_keep_their_decimals_where_os2autoproces_truncates(tmp_path):
    process = process_with(tmp_path, "time_spend_occurrences: 37\ntime_spend_per_occurrence: 7\n"
                                     "time_spend_percentage_digital: 33\n")
    assert manual_hours_per_year(process) == 4.32  # 37 × 7 / 60 = 4.3166...
    assert expected_hours_freed_per_year(process) == 1.42  # OS2autoproces: int(1.4245) = 1
    assert process.expected_hours_freed_per_year == 1.42 and process.manual_hours_per_year == 4.32


def test_the_value_in_dkk_uses_the_given_rate_and_the_unrounded_hours(tmp_path):
    process = process_with(tmp_path, "time_spend_occurrences: 37\ntime_spend_per_occurrence: 7\n"
                                     "time_spend_percentage_digital: 33\n")
    assert abs(yearly_value_dkk(process) - 641.025) <= 0.005  # 37 × 7 / 60 × 33 % × 450 kr.
    assert yearly_value_dkk(process, hourly_rate_dkk=600) == 854.7
    assert yearly_value_dkk(process, hourly_rate_dkk=600) != round(1.42 * 600, 2)


def test_decimal_minutes_and_payback(tmp_path):
    process = process_with(tmp_path, "time_spend_occurrences: 9000\ntime_spend_per_occurrence: 4.5\n"
                                     "time_spend_percentage_digital: 85\nexpected_development_time: 160\n")
    assert manual_hours_per_year(process) == 675.0
    assert expected_hours_freed_per_year(process) == 573.75
    assert payback_years(process) == round(160 / 573.75, 2)


def test_missing_inputs_give_no_figure(tmp_path):
    process = process_with(tmp_path, "time_spend_occurrences: 9000\n")
    assert manual_hours_per_year(process) is None and expected_hours_freed_per_year(process) is None
    assert yearly_value_dkk(process) is None and payback_years(process) is None


@pytest.mark.parametrize("content, rate", [
    ("[tool.autoproces]\nhourly_rate_dkk = 520\n", 520.0),
    ("[tool.autoproces]\nhourly_rate_dkk = 487.5\n", 487.5),
    ("[project]\nname = 'x'\n", DEFAULT_HOURLY_RATE_DKK),
    ("[tool.autoproces]\nhourly_rate_dkk = 'mange'\n", DEFAULT_HOURLY_RATE_DKK),
    ("[tool.autoproces]\nhourly_rate_dkk = -1\n", DEFAULT_HOURLY_RATE_DKK),
    ("this is [not toml\n", DEFAULT_HOURLY_RATE_DKK),
])
def test_the_hourly_rate_is_read_from_pyproject(tmp_path, content, rate):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(content, encoding="utf-8")
    assert configured_hourly_rate(pyproject) == rate


def test_the_projects_own_rate_is_configured(project_root):
    assert configured_hourly_rate(project_root / "pyproject.toml") == 450.0
    assert configured_hourly_rate(project_root / "findes-ikke.toml") == DEFAULT_HOURLY_RATE_DKK
