"""Derived figures, computed from the time fields and never typed by hand.

OS2autoproces truncates the expected hours freed to a whole number
(``(int)(min × occ × pct / 60 / 100)``); here the figures keep their decimals, rounded to
two places for display only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.model.process import Process

DEFAULT_HOURLY_RATE_DKK = 450.0


def manual_hours_per_year(process: "Process") -> float | None:
    """Cases per year × minutes per case / 60; None when an input is missing."""
    occurrences = process.time_spend_occurrences
    minutes = process.time_spend_per_occurrence
    if occurrences is None or minutes is None:
        return None
    return round(occurrences * minutes / 60, 2)


def expected_hours_freed_per_year(process: "Process") -> float | None:
    """Manual hours per year × the expected automation percentage / 100."""
    occurrences = process.time_spend_occurrences
    minutes = process.time_spend_per_occurrence
    percentage = process.time_spend_percentage_digital
    if occurrences is None or minutes is None or percentage is None:
        return None
    return round(occurrences * minutes / 60 * percentage / 100, 2)


def yearly_value_dkk(process: "Process", hourly_rate_dkk: float = DEFAULT_HOURLY_RATE_DKK) -> float | None:
    """The expected hours freed per year valued at an hourly rate, in DKK."""
    hours = expected_hours_freed_per_year(process)
    if hours is None:
        return None
    return round(hours * hourly_rate_dkk, 2)


def payback_years(process: "Process") -> float | None:
    """Development hours divided by hours freed per year: years until the effort is won back."""
    hours = expected_hours_freed_per_year(process)
    development = process.expected_development_time
    if not hours or development is None:
        return None
    return round(development / hours, 2)
