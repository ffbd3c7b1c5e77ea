"""A process as the text of a process file: fields in the model's order, a blank line between sections.

One writer for every command that writes process files from data (``import os2autoproces``,
``copy``). The text is deterministic (the same fields give the same bytes); multi-line texts are
literal blocks, lists of plain values are one line, and strings that YAML would read as numbers
(codes such as ``32.18``) are quoted.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.schema_address import modeline
from generator.model import PROCESS_FIELDS


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 1_000_000  # never fold a line: the file is edited by people
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


def _value(value: Any) -> Any:
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _value(item)
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(_value(item) for item in value)
        if all(not isinstance(item, (dict, list)) and "\n" not in str(item) for item in value):
            seq.fa.set_flow_style()
        return seq
    return value


def process_text(fields: dict[str, Any], header: str = "", schema: str | None = None) -> str:
    """The file's text: the schema line to ``schema`` (when known), ``header`` (comment lines), then
    the fields. Keys outside the model are refused (a bug in the caller, never user input)."""
    unknown = set(fields) - set(PROCESS_FIELDS)
    if unknown:
        raise ValueError(f"unknown process keys: {sorted(unknown)}")
    document = CommentedMap()
    for key in PROCESS_FIELDS:
        if key in fields:
            document[key] = _value(fields[key])
    stream = io.StringIO()
    _yaml().dump(document, stream)
    return modeline(schema) + header + _separate_sections(stream.getvalue(), fields)


def _separate_sections(text: str, fields: dict[str, Any]) -> str:
    """A blank line before the first key of each section, as in the hand-written examples."""
    first_keys: dict[str, str] = {}
    for key in PROCESS_FIELDS:
        if key in fields:
            first_keys.setdefault(PROCESS_FIELDS[key].section, key)
    starts = set(first_keys.values())
    ordered_first = next((k for k in PROCESS_FIELDS if k in fields), None)
    lines = []
    for line in text.splitlines(keepends=True):
        key = line.split(":", 1)[0]
        if not line.startswith((" ", "-", "#")) and key in starts and key != ordered_first:
            lines.append("\n")
        lines.append(line)
    return "".join(lines)
