"""The exports' JSON text, written without the standard library's pure-Python indenting encoder.

``json.dumps(..., indent=1)`` runs its pure-Python encoder (the C encoder only writes without
indentation), one generator step per value. :func:`indented_json` writes exactly the same text
(sorted keys, one space of indentation per level, ``ensure_ascii=False``, no NaN) with the C
string encoder for every string and one join per object; a value of another type than JSON's own
(an int or float subclass, a tuple, a key that is not a string) is handed to ``json.dumps``, which
decides as it always did. A test compares both on every record of a synthetic catalogue.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring
from typing import Any

_ATOMS = {None: "null", True: "true", False: "false"}
_KEYS: dict[str, str] = {}


def indented_json(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)``."""
    return _value(data, "\n")


def _value(value: Any, newline: str) -> str:
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is dict:
        return _object(value, newline) if value else "{}"
    if kind is list:
        return _array(value, newline) if value else "[]"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if math.isfinite(value):
            return float.__repr__(value)
        raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
    if value is None or kind is bool:
        return _ATOMS[value]
    return _nested_by_json(value, newline)


def _object(value: dict, newline: str) -> str:
    inner = newline + " "
    if not all(type(key) is str for key in value):
        return _nested_by_json(value, newline)
    parts = []
    for key in sorted(value):
        item, name = value[key], _KEYS.get(key) or _key(key)
        kind = type(item)
        if kind is str:
            parts.append(name + encode_basestring(item))
        elif item is None:
            parts.append(name + "null")
        else:
            parts.append(name + _value(item, inner))
    return "{" + inner + ("," + inner).join(parts) + newline + "}"


def _key(key: str) -> str:
    """A key as it starts its line, ``"key": ``; the keys of the records are few and remembered."""
    name = encode_basestring(key) + ": "
    if len(_KEYS) < 10_000:
        _KEYS[key] = name
    return name


def _array(value: list, newline: str) -> str:
    inner = newline + " "
    return "[" + inner + ("," + inner).join([_value(item, inner) for item in value]) + newline + "]"


def _nested_by_json(value: Any, newline: str) -> str:
    """A value only ``json.dumps`` knows how to write, indented to where it stands."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)
    return text.replace("\n", newline)
