"""Danish formatting of numbers, amounts and dates for pages and exports."""

from __future__ import annotations

import datetime as dt

MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)


def number_da(value: float | int | None, decimals: int = 2, *, trim: bool = True) -> str:
    """``1234.5`` -> ``1.234,5``: dot as thousands separator, comma as decimal sign.

    With ``trim`` trailing zero decimals are dropped (``675.0`` -> ``675``). ``None`` gives ``""``.
    """
    if value is None:
        return ""
    text = f"{float(value):,.{decimals}f}"
    if decimals and trim:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def plain_number_da(value: float | int | None, decimals: int = 2) -> str:
    """A number for a Danish spreadsheet cell: decimal comma, no thousands separator."""
    return number_da(value, decimals).replace(".", "")


def hours_da(value: float | None) -> str:
    return f"{number_da(value)} timer" if value is not None else ""


def total_hours_da(value: float | None) -> str:
    """A sum of hours, in whole hours: ``1234.56`` -> ``1.235 timer`` (a total's decimals are noise)."""
    return f"{number_da(value, 0)} timer" if value is not None else ""


def dkk_da(value: float | None) -> str:
    return f"{number_da(value, 0)} kr." if value is not None else ""


def years_da(value: float | None) -> str:
    if value is None:
        return ""
    return f"{number_da(value, 1)} år"


def date_da(value: dt.date | dt.datetime | None) -> str:
    """``2023-09-01`` -> ``1. september 2023``."""
    if value is None:
        return ""
    return f"{value.day}. {MONTHS_DA[value.month - 1]} {value.year}"


def date_iso(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat()


def quarter_da(year: int, quarter: int) -> str:
    return f"{quarter}. kvt. {year}"


def yes_no_da(value: bool | None) -> str:
    if value is None:
        return ""
    return "Ja" if value else "Nej"


_DANISH_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}", "é": "e", "ü": "y", "ö": "|", "ä": "{"})


def danish_sort_key(text: str | None) -> str:
    """Sort key that puts æ, ø, å after z, as a Danish reader expects."""
    return (text or "").casefold().translate(_DANISH_ORDER)
