"""How an unquoted YAML scalar is read: YAML 1.2's core schema (``yes`` is text, ``0o17`` a number)."""

from __future__ import annotations

import re
from typing import Any

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


# Every null, true/false and number of the core schema starts with one of these.
_MAY_RESOLVE = frozenset("~nNtTfF-+.0123456789")


def resolve_plain_scalar(text: str) -> Any:
    """YAML 1.2 core schema resolution of an unquoted scalar."""
    if text and text[0] not in _MAY_RESOLVE:
        return text
    if _NULL.match(text):
        return None
    if _BOOL_TRUE.match(text):
        return True
    if _BOOL_FALSE.match(text):
        return False
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts (4,300): too large to be any count
            return float("-inf") if text.startswith("-") else float("inf")
    if _INT_OCT.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text
