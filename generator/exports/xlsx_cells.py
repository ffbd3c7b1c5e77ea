"""The cells of the XLSX sheet as SpreadsheetML text, one row at a time.

The cells are what openpyxl's write-only workbook wrote before (and what it reads back the same):
every text an inline string (``t="inlineStr"``, so a text that starts with ``=`` or reads like an
error value stays text, never a formula), numbers as ``%.16g``, dates as Excel day numbers with the
``yyyy-mm-dd`` format, an empty cell left out. The characters XML cannot hold are removed, as
openpyxl removes them.

A row is made once as a fragment with :data:`ROW_MARK` where its number goes (the number is only known
when the row is placed, and an incremental build reuses the fragment of an unchanged process):
:func:`placed_row` puts the number in.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from generator.exports.table import Cell

ROW_MARK = "\x00"  # never in a cell's text: ILLEGAL removes it
MARK_BYTE = ROW_MARK.encode()
ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # openpyxl's ILLEGAL_CHARACTERS_RE
EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (the 1900 date system)
BOLD, DATE = 1, 2  # the cell formats of xl/styles.xml (``generator.exports.xlsx_package``)


def column_letter(index: int) -> str:
    """``1`` -> ``A``, ``27`` -> ``AA``."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(value: str) -> str:
    text = ILLEGAL.sub("", value)
    if "&" in text or "<" in text or ">" in text:
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    stripped = text.strip()
    return f'<t xml:space="preserve">{text}</t>' if stripped and stripped != text else f"<t>{text}</t>"


def _number(value: int | float) -> str:
    return "%.16g" % value if math.isfinite(value) else ""


def _excel_day(value: dt.date) -> int:
    day = (value - EPOCH).days if not isinstance(value, dt.datetime) else (value.date() - EPOCH).days
    return day - 1 if 0 < day <= 60 else day  # Excel's day 60 is 1900-02-29, which never was


def cell_xml(reference: str, value: Cell, style: int = 0) -> str:
    """One cell at ``reference`` (``A`` + row), or "" for an empty one."""
    styled = f' s="{style}"' if style else ""
    if isinstance(value, str):
        if not value:
            return f'<c r="{reference}"{styled} t="inlineStr" />'
        return f'<c r="{reference}"{styled} t="inlineStr"><is>{_text(value)}</is></c>'
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{reference}"{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{reference}"{styled} t="n"><v>{_number(value)}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{reference}" s="{DATE}" t="n"><v>{_excel_day(value)}</v></c>'
    raise TypeError(f"a spreadsheet cell cannot hold {type(value).__name__}")


class RowWriter:
    """The cells of rows of a fixed number of columns, as fragments to place with :func:`placed_row`."""

    def __init__(self, width: int) -> None:
        self.references = [column_letter(index) + ROW_MARK for index in range(1, width + 1)]

    def fragment(self, cells: list[Cell], style: int = 0) -> str:
        return "".join([cell_xml(ref, value, style) for ref, value in zip(self.references, cells)])


def placed_row(fragment: bytes, number: int) -> bytes:
    """The ``<row>`` element of a fragment made by :class:`RowWriter` (in UTF-8), as row ``number``."""
    place = b"%d" % number
    return b'<row r="' + place + b'">' + fragment.replace(MARK_BYTE, place) + b"</row>"
