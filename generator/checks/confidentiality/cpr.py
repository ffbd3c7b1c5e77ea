"""AP501: CPR numbers anywhere in a process file (any text, nested fields, comments).

The message masks the number.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Iterable, Iterator

from generator.checks.confidentiality.paths import (FieldPath, describe_path, finding_at, may_not_make_characters,
                                                     walk_texts)
from generator.diagnostics import Finding
from generator.model import key_path

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

# DDMMYY-XXXX or DDMMYYXXXX, not glued to other digits, letters, slashes or decimals, so that
# case numbers (23/104512), KLE codes (27.24.00), dates (01-02-2024) and phone numbers
# (+45 87 13 40 00, 87134000) do not match.
_CPR = re.compile(r"(?<![\w/])(?<!\d[.,-])(\d{2})(\d{2})(\d{2})(-?)(\d{4})(?![\w/]|[.,-]\d)")
_SIX_DIGITS = re.compile(r"\d\d\d\d\d\d")  # what every CPR number holds; quick to look for
# Ten digits in a row are also P-numbers, account numbers and EAN numbers when they say so.
_NOT_CPR_CONTEXT = re.compile(r"(p-?n(?:umme)?r|konto|ean|gln|tlf|telefon|faktura|ordre)\W{0,3}(?:nr\W{0,3})?$",
                              re.IGNORECASE)


def _valid_date(day: int, month: int, year: int) -> bool:
    for century in (1900, 2000):
        try:
            dt.date(century + year, month, day)
            return True
        except ValueError:
            continue
    return False


def _cpr_matches(text: str) -> Iterator[re.Match[str]]:
    for match in _CPR.finditer(text):
        day, month, year, dash, _ = match.groups()
        if not _valid_date(int(day), int(month), int(year)):
            continue
        if not dash and _NOT_CPR_CONTEXT.search(text[max(0, match.start() - 20):match.start()]):
            continue
        yield match


def find_cpr_numbers(text: str) -> list[tuple[int, str]]:
    """(offset, masked number) of every CPR-like number in ``text``."""
    return [(m.start(), mask_cpr(m.group())) for m in _cpr_matches(text)]


def mask_cpr(number: str) -> str:
    """'010190-1234' -> '01xxxx-xxxx': enough to find it, too little to identify anyone."""
    return number[:2] + "xxxx-xxxx"


def _path_at(entry: "Entry", line: int, column: int) -> FieldPath | None:
    """The field whose key or value starts last before (line, column)."""
    doc = entry.document
    best: tuple[tuple[int, int], FieldPath] | None = None
    for table in (doc.key_positions, doc.value_positions):
        for path, pos in table.items():
            if path and (pos.line, pos.column) <= (line, column) and (best is None or (pos.line, pos.column) > best[0]):
                best = ((pos.line, pos.column), path)
    return best[1] if best else None


def _file_text(entry: "Entry") -> str:
    """The file's text as it is on disk (comments included), from the bytes it was read from."""
    raw = entry.document.raw
    if raw is None:
        try:
            raw = entry.path.read_bytes()
        except OSError:
            return ""
    return raw.decode("utf-8", errors="replace")


def check_cpr(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    """Every CPR number in the file's text (values, comments), with its exact position.

    The raw text is searched line by line, so that a number in a comment or in a multi-line
    text is reported where it stands; the values are searched as well, for numbers the raw
    text only holds in escaped form.
    """
    raw = _file_text(entry)
    seen: set[str] = set()
    holds_six_digits = _SIX_DIGITS.search(raw) is not None
    if not holds_six_digits and may_not_make_characters(entry.document):
        return  # no value can hold six digits either
    lines = raw.split("\n") if holds_six_digits else []  # a number in a line is in the text
    for number, line in enumerate(lines, start=1):
        for match in _cpr_matches(line):
            seen.add(re.sub(r"\D", "", match.group()))
            column = match.start() + 1
            path = None if line.lstrip().startswith("#") else _path_at(entry, number, column)
            where = describe_path(path) if path else f"En kommentar i linje {number}"
            yield Finding.make("AP501", entry.path, number, column, field_key=key_path(path) if path else None,
                               where=where, masked=mask_cpr(match.group()))
    for path, text in walk_texts(entry.document.data):
        if not _SIX_DIGITS.search(text):
            continue  # the quick answer for almost every text
        for match in _cpr_matches(text):
            if re.sub(r"\D", "", match.group()) not in seen:
                yield finding_at("AP501", entry, path, masked=mask_cpr(match.group()))
