"""The fact card at the top of a process page: what a reader came for, before the sections.

The card reuses the rows the sections already show (same labels, same links), picked in this order:
organisation, phase, status, hours freed per year, value in DKK, IT-systems, technologies, KLE and,
when the data has them, validations. A fact the process does not have is left out.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from generator.site.views import Row

FACT_KEYS = ("municipality", "phase", "status", "expected_hours_freed_per_year", "yearly_value_dkk",
             "it_systems", "technologies", "kle", "validations")


def fact_rows(sections: Mapping[str, Sequence[Row]]) -> list[Row]:
    """The card's rows, taken from the page's section rows."""
    by_key = {row.key: row for rows in sections.values() for row in rows}
    return [by_key[key] for key in FACT_KEYS if key in by_key]
