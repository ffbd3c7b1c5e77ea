"""Concrete Danish advice for values a municipal user typically gets wrong.

Numbers with a decimal comma or a thousands separator, numbers with a unit ("7 min", "33%"),
dates written the Danish way (15-03-2024, 15.03.2024) or with a time of day, and field names
that are misspelt, written with their Danish label or with OS2autoproces's camelCase name.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

_DANISH_DECIMAL = re.compile(r"^[-+]?\d{1,3}(\.\d{3})*,\d+$|^[-+]?\d+,\d+$")
_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")
_NUMBER_IN_TEXT = re.compile(r"[-+]?\d+(?:[.,]\d+)?")


def danish_decimal(text: str) -> str | None:
    """'7,5' -> '7.5', '1.200,5' -> '1200.5'; None when the text is no Danish decimal number."""
    text = text.strip()
    if not _DANISH_DECIMAL.match(text):
        return None
    return text.replace(".", "").replace(",", ".")


def whole_number_advice(key: str, written: str, value: Any) -> str:
    """Advice for a decimal number where a whole number belongs (``1.200``, ``33.5``, ``2.0``)."""
    if _THOUSANDS.match(written.strip()):
        return (f"Punktum er decimaltegn i YAML, så '{written}' læses som {value:g}. Skriv tal uden "
                f"tusindtalsadskiller: {key}: {written.replace('.', '')}")
    if isinstance(value, float) and value.is_integer():
        return f"Skriv tallet uden decimaler: {key}: {int(value)}"
    return f"Skriv et helt tal uden decimaler, fx {key}: {round(value) if isinstance(value, float) else 1200}"


def number_in_text_advice(key: str, text: str, *, whole: bool) -> str:
    """Advice for text where a number belongs: remove quotes, units and words."""
    stripped = text.strip()
    found = _NUMBER_IN_TEXT.search(stripped)
    if found and found.group() == stripped:
        return f"Fjern anførselstegnene, så værdien er et tal: {key}: {stripped}"
    if found:
        number = found.group().replace(",", ".")
        if whole and "." in number:
            number = str(round(float(number)))
        return f"Skriv kun tallet uden enhed eller tekst: {key}: {number}"
    example = "1200" if whole else "7.5"
    return f"Skriv kun tallet, fx {key}: {example}. Forudsætninger kan stå i time_spend_comment."


# --- dates ---------------------------------------------------------------------------------

_DAY_FIRST = re.compile(r"^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$")
_ISO_LIKE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WITH_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{1,2}:\d{2}")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_advice(key: str, written: str) -> tuple[str, str]:
    """(reason, hint) for a value that is not a date written as ``ÅÅÅÅ-MM-DD``."""
    text = written.strip()
    example = f"Skriv datoen som ÅÅÅÅ-MM-DD, fx {key}: 2024-03-15"
    if m := _WITH_TIME.match(text):
        return "feltet skal kun indeholde en dato, ikke et klokkeslæt", f"Skriv kun datoen: {key}: {m.group(1)}"
    if m := _DAY_FIRST.match(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        iso = _iso(year, month, day)
        if iso:
            return "datoer skrives med året først (ÅÅÅÅ-MM-DD)", f"Skriv: {key}: {iso}"
        return "datoen findes ikke i kalenderen", example
    if m := _COMPACT.match(text):
        iso = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if iso:
            return "år, måned og dag skal adskilles med bindestreg (ÅÅÅÅ-MM-DD)", f"Skriv: {key}: {iso}"
        return "datoer skrives som ÅÅÅÅ-MM-DD", example
    if m := _ISO_LIKE.match(text):
        year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if not 1 <= month <= 12:
            return f"måned {month} findes ikke (måneden står i midten: ÅÅÅÅ-MM-DD)", example
        iso = _iso(year, month, day)
        if iso is None:
            return f"dag {day} findes ikke i måned {month}", example
        if iso != text:
            return "måned og dag skal skrives med to cifre (ÅÅÅÅ-MM-DD)", f"Skriv: {key}: {iso}"
    return "datoer skrives som ÅÅÅÅ-MM-DD", example


# --- field names ---------------------------------------------------------------------------

# OS2autoproces's names that do not follow from camelCase -> snake_case.
OS2AUTOPROCES_KEYS = {
    "timespendoccurancesperemployee": "time_spend_occurrences",
    "timespendperoccurance": "time_spend_per_occurrence",
    "levelofroi": "evaluated_level_of_roi",
    "municipalityname": "municipality",
    "cvr": "municipality",
    "kommune": "municipality",
    "resume": "short_description",
    "parents": "umbrellas",
    "children": "umbrellas",
}


def _normal(text: str) -> str:
    """Lower case, words separated by single spaces: 'Anvendt teknologi' ~ 'anvendt_teknologi'."""
    text = re.sub(r"(?<=[a-zæøå])(?=[A-ZÆØÅ])", " ", text)  # camelCase
    return re.sub(r"[\s_\-]+", " ", text).strip().lower()


def closest_keys(word: str, options: dict[str, str], n: int = 1) -> list[str]:
    """The option keys nearest to ``word``, matched against keys and their Danish labels."""
    wanted = _normal(word)
    alias = OS2AUTOPROCES_KEYS.get(wanted.replace(" ", ""))
    if alias in options:
        return [alias]  # type: ignore[list-item]
    by_text: dict[str, str] = {}
    for key, label in options.items():
        by_text.setdefault(_normal(key), key)
        by_text.setdefault(_normal(label), key)
    if wanted in by_text:
        return [by_text[wanted]]
    matches = difflib.get_close_matches(wanted, list(by_text), n=n * 3, cutoff=0.6)
    result: list[str] = []
    for match in matches:
        if by_text[match] not in result:
            result.append(by_text[match])
    return result[:n]
