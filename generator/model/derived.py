"""Derived figures, computed from the time fields and never typed by hand.

OS2autoproces truncates the expected hours freed to a whole number
(``(int)(min × occ × pct / 60 / 100)``: 37 cases × 7 minutes × 33 % gives 1 hour); here the
figures keep their decimals (1.42 hours), rounded to two places only as the last step, so a
value in DKK is computed from the exact hours, not from rounded ones.

The hourly rate for the value in DKK is configurable in ``pyproject.toml``::

    [tool.autoproces]
    hourly_rate_dkk = 450
"""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Protocol


class Process(Protocol):
    """The time fields a derived figure is computed from (``generator.model.process.Process`` has them)."""

    time_spend_occurrences: int | None
    time_spend_per_occurrence: float | None
    time_spend_percentage_digital: int | None
    expected_development_time: float | None

DEFAULT_HOURLY_RATE_DKK = 450.0
MAX_HOURLY_RATE_DKK = 100_000  # a finite rate keeps every value in DKK a finite number


def is_valid_hourly_rate(rate: object) -> bool:
    """A positive, finite number of DKK per hour, at most ``MAX_HOURLY_RATE_DKK``."""
    if isinstance(rate, bool) or not isinstance(rate, (int, float)):
        return False
    return math.isfinite(rate) and 0 < rate <= MAX_HOURLY_RATE_DKK


def _manual_hours(process: Process) -> float | None:
    occurrences = process.time_spend_occurrences
    minutes = process.time_spend_per_occurrence
    if occurrences is None or minutes is None:
        return None
    return occurrences * minutes / 60


def _hours_freed(process: Process) -> float | None:
    manual = _manual_hours(process)
    percentage = process.time_spend_percentage_digital
    if manual is None or percentage is None:
        return None
    return manual * percentage / 100


def manual_hours_per_year(process: Process) -> float | None:
    """Cases per year × minutes per case / 60; None when an input is missing."""
    hours = _manual_hours(process)
    return None if hours is None else round(hours, 2)


def expected_hours_freed_per_year(process: Process) -> float | None:
    """Manual hours per year × the expected automation percentage / 100."""
    hours = _hours_freed(process)
    return None if hours is None else round(hours, 2)


def yearly_value_dkk(process: Process, hourly_rate_dkk: float = DEFAULT_HOURLY_RATE_DKK) -> float | None:
    """The expected hours freed per year valued at an hourly rate, in DKK."""
    hours = _hours_freed(process)
    return None if hours is None else round(hours * hourly_rate_dkk, 2)


def payback_years(process: Process) -> float | None:
    """Development hours divided by hours freed per year: years until the effort is won back."""
    hours = _hours_freed(process)
    development = process.expected_development_time
    if not hours or development is None:
        return None
    return round(development / hours, 2)


def configured_hourly_rate(pyproject: Path) -> float:
    """``[tool.autoproces] hourly_rate_dkk`` from a ``pyproject.toml``; the default when it is not set.

    A value that is not a positive, finite number (``inf`` is valid TOML) is ignored rather than
    fatal: the catalogue still builds.
    """
    try:
        with pyproject.open("rb") as fh:
            settings = tomllib.load(fh).get("tool", {}).get("autoproces", {})
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULT_HOURLY_RATE_DKK
    rate = settings.get("hourly_rate_dkk", DEFAULT_HOURLY_RATE_DKK)
    if not is_valid_hourly_rate(rate):
        return DEFAULT_HOURLY_RATE_DKK
    return float(rate)
