"""What users write naturally in YAML, normalised before the schema judges it.

A key with an empty value (``vendor:``) means "not filled in" for a municipal user, so it is treated
as absent; a number or true/false in a text field is read as the text written (``kle: 27.24``,
``phone: 87654321``).
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from generator.loading import Document
from generator.model import PROCESS_FIELDS, Process
from generator.model.fields import sub_fields

def _text_kind(annotation: Any) -> str | None:
    """'text' for a str field, 'list' for a list of str, None for anything else."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if annotation is str:
        return "text"
    if origin is typing.Annotated:
        return _text_kind(args[0])
    if origin is list:
        return "list" if args and _text_kind(args[0]) == "text" else None
    if origin in (typing.Union, types.UnionType):
        kinds = {_text_kind(a) for a in args if a is not type(None)}
        return kinds.pop() if len(kinds) == 1 else None
    return None


def _text_fields(model: type[BaseModel]) -> dict[str, str]:
    return {key: kind for key, info in model.model_fields.items() if (kind := _text_kind(info.annotation))}


_TEXT_FIELDS = _text_fields(Process)
_SUB_TEXT_FIELDS = {key: _text_fields(PROCESS_FIELDS[key].submodel) for key in sub_fields(PROCESS_FIELDS)}  # type: ignore[arg-type]


def _as_text(doc: Document, path: tuple[Any, ...], value: Any) -> Any:
    """A number or true/false where text belongs, read as the text the user wrote (``kle: 27.24``)."""
    if isinstance(value, (bool, int, float)) and path in doc.scalar_texts:
        return doc.scalar_texts[path]
    return value


def _texts(doc: Document, path: tuple[Any, ...], value: Any, kind: str) -> Any:
    if kind == "list" and isinstance(value, list):
        return [_as_text(doc, path + (i,), item) for i, item in enumerate(value)]
    return _as_text(doc, path, value)


def _prepare_mapping(doc: Document, path: tuple[Any, ...], data: Any, fields: dict[str, str]) -> Any:
    if not isinstance(data, dict):
        return data
    result = {}
    for key, value in data.items():
        if value is None:
            continue  # an empty field ("vendor:") means "not filled in"
        kind = fields.get(key)
        result[key] = _texts(doc, path + (key,), value, kind) if kind else value
    return result


def prepare(doc: Document) -> dict[str, Any]:
    """Normalise what YAML users write naturally before validation.

    A key with an empty value (``vendor:``) means "not filled in" for a municipal user, so it is
    treated as absent (a required field left empty is reported as empty). A number or true/false
    in a text field is read as the text written (``kle: 27.24``, ``phone: 87654321``).
    """
    data = _prepare_mapping(doc, (), doc.data, _TEXT_FIELDS)
    for key, fields in _SUB_TEXT_FIELDS.items():
        value = data.get(key)
        if isinstance(value, dict):
            data[key] = _prepare_mapping(doc, (key,), value, fields)
        elif isinstance(value, list):
            data[key] = [_prepare_mapping(doc, (key, i), item, fields) for i, item in enumerate(value)]
    return data
