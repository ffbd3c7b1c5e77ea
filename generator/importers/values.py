"""Single values as OS2autoproces writes them: numbers, durations, yes/no, dates, texts.

The REST API sends numbers as JSON numbers or, for decimals (``expectedDevelopmentTime``), as
text (``"100.12"``); the Excel export writes every number as a double (``9000.0``). Durations may
arrive as decimals or as "minutes and seconds" / "hours and minutes" texts (``4:30``,
``4 min 30 sek``, ``2 t 15 min``); all become decimal values. Dates arrive as ISO timestamps in
UTC (``2023-08-31T22:00:00.000+0000``), as epoch milliseconds, as Excel dates or as Danish date
texts (``01/09/2023``, ``1.9.2023``, ``1. september 2023``); all become the calendar date in
Danish time. Each reader returns ``(value, problem)``: a problem is a Danish reason, and the
value is then None.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
_MONTHS = {"januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7, "august": 8,
           "september": 9, "oktober": 10, "november": 11, "december": 12}
_DANISH_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d+)?$|^-?\d+,\d+$")
_CLOCK = re.compile(r"^(\d+):([0-5]?\d)$")
_UNITS = re.compile(r"^(?:(\d+(?:[.,]\d+)?)\s*(t|timer|time|h|min|minutter|minut|m|sek|sekunder|s)\.?\s*)+$")
_PART = re.compile(r"(\d+(?:[.,]\d+)?)\s*(timer|time|t|h|minutter|minut|min|m|sekunder|sek|s)\.?")
_ISO_STAMP = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_DANISH_DATE = re.compile(r"^(\d{1,2})\.?\s+([a-zæøå]+)\.?\s+(\d{4})$")

Result = tuple[object, str | None]


def is_blank(value: object) -> bool:
    """A missing value: None, a blank cell, or an empty (or whitespace) string."""
    return value is None or (isinstance(value, str) and not value.strip())


def number(value: object) -> tuple[float | None, str | None]:
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return None, f"'{value}' er ikke et tal"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return None, f"'{value}' er ikke et endeligt tal"
        return float(value), None
    if isinstance(value, str):
        text = value.strip().replace("\xa0", "").replace(" ", "")
        if _DANISH_NUMBER.match(text):
            text = text.replace(".", "").replace(",", ".")
        try:
            parsed = float(text)
        except ValueError:
            return None, f"'{value.strip()}' er ikke et tal"
        if not math.isfinite(parsed):
            return None, f"'{value.strip()}' er ikke et endeligt tal"
        return parsed, None
    return None, f"'{value}' er ikke et tal"


def whole_number(value: object, *, low: int = 0, high: int | None = None) -> tuple[int | None, str | None]:
    """A count such as cases per year: a double like ``9000.0`` is fine, ``12.5`` is not."""
    parsed, problem = number(value)
    if parsed is None:
        return None, problem
    if parsed != int(parsed):
        return None, f"'{_show(parsed)}' er ikke et helt tal"
    result = int(parsed)
    if result < low or (high is not None and result > high):
        bounds = f"mellem {low} og {high}" if high is not None else f"mindst {low}"
        return None, f"'{result}' skal være {bounds}"
    return result, None


def decimal(value: object, *, places: int = 2) -> tuple[float | None, str | None]:
    parsed, problem = number(value)
    if parsed is None:
        return None, problem
    if parsed < 0:
        return None, f"'{_show(parsed)}' må ikke være negativ"
    return _tidy(round(parsed, places)), None


def duration(value: object, unit: str) -> tuple[float | None, str | None]:
    """Minutes (``unit="min"``) or hours (``unit="t"``) as a decimal, from a number or a text."""
    if isinstance(value, str) and value.strip():
        text = value.strip().lower()
        clock = _CLOCK.match(text)
        if clock:
            whole, part = int(clock.group(1)), int(clock.group(2))
            return _tidy(round(whole + part / 60, 2)), None
        if _UNITS.match(text) and re.search(r"[a-z]", text):
            return _tidy(round(_sum_parts(text, unit), 2)), None
    return decimal(value)


def _sum_parts(text: str, unit: str) -> float:
    factors = {"t": 60.0, "timer": 60.0, "time": 60.0, "h": 60.0,
               "min": 1.0, "minutter": 1.0, "minut": 1.0, "m": 1.0,
               "sek": 1 / 60, "sekunder": 1 / 60, "s": 1 / 60}
    minutes = sum(float(n.replace(",", ".")) * factors[u] for n, u in _PART.findall(text))
    return minutes if unit == "min" else minutes / 60


def yes_no(value: object) -> tuple[bool | None, str | None]:
    if is_blank(value):
        return None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, str):
        folded = value.strip().casefold()
        if folded in ("ja", "true", "yes"):
            return True, None
        if folded in ("nej", "false", "no"):
            return False, None
    return None, f"'{value}' er hverken Ja eller Nej"


def calendar_date(value: object) -> tuple[dt.date | None, str | None]:
    if is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        moment = value if value.tzinfo is None else value.astimezone(COPENHAGEN)
        return moment.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        moment = dt.datetime.fromtimestamp(value / 1000, tz=dt.timezone.utc)
        return moment.astimezone(COPENHAGEN).date(), None
    if isinstance(value, str):
        return _date_text(value.strip())
    return None, f"'{value}' er ikke en dato"


def _date_text(text: str) -> tuple[dt.date | None, str | None]:
    try:
        stamp = _ISO_STAMP.match(text)
        if stamp:
            year, month, day, hour, minute, second, zone = stamp.groups()
            if hour is None:
                return dt.date(int(year), int(month), int(day)), None
            moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0),
                                 tzinfo=_zone(zone))
            return moment.astimezone(COPENHAGEN).date(), None
        dmy = _DMY.match(text)
        if dmy:
            return dt.date(int(dmy.group(3)), int(dmy.group(2)), int(dmy.group(1))), None
        danish = _DANISH_DATE.match(text.casefold())
        if danish and danish.group(2) in _MONTHS:
            return dt.date(int(danish.group(3)), _MONTHS[danish.group(2)], int(danish.group(1))), None
    except ValueError:
        return None, f"'{text}' er ikke en gyldig dato"
    return None, f"'{text}' er ikke en dato (skriv fx 01/09/2023)"


def _zone(text: str | None) -> dt.tzinfo:
    if text is None:
        return COPENHAGEN
    if text == "Z":
        return dt.timezone.utc
    digits = text.replace(":", "")
    offset = dt.timedelta(hours=int(digits[1:3]), minutes=int(digits[3:5]))
    return dt.timezone(offset if digits[0] == "+" else -offset)


def _tidy(value: float) -> float | int:
    return int(value) if value == int(value) else value


def _show(value: float) -> str:
    return str(_tidy(value))


def text(value: object) -> str | None:
    """A plain text: numbers that Excel turned into doubles (``123.0``) become ``123``."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value).replace("\r\n", "\n").strip()
