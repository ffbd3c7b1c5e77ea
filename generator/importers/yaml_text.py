"""A mapped process as the text of a process file: fields in the model's order, sections apart.

The text is deterministic (the same fields give the same bytes), so a second import of unchanged
data leaves every file byte for byte as it was. Multi-line texts are literal blocks, lists of
names are one line, codes are quoted where YAML would read them as numbers.
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.authoring.address import modeline
from generator.model import PROCESS_FIELDS

HEADER = ("# Procesbeskrivelse i det fælles katalog. Felterne er beskrevet i schema/process.schema.json.\n"
          "# Importeret fra OS2autoproces (id {id}); en ny import af samme id opdaterer denne fil.\n")


def _yaml() -> YAML:
    yaml = YAML(typ="rt", pure=True)
    yaml.width = 1_000_000
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
        if all(not isinstance(item, (dict, list)) for item in value):
            seq.fa.set_flow_style()
        return seq
    return value


def render(fields: dict[str, Any], source_id: int, schema: str | None = None) -> str:
    """The file's text, first the schema line to ``schema`` (when known) as ``autoproces new`` writes it;
    keys outside the model are refused (a bug, never user input)."""
    unknown = set(fields) - set(PROCESS_FIELDS)
    if unknown:
        raise ValueError(f"unknown process keys: {sorted(unknown)}")
    document = CommentedMap()
    for key in PROCESS_FIELDS:
        if key in fields:
            document[key] = _value(fields[key])
    stream = io.StringIO()
    _yaml().dump(document, stream)
    return modeline(schema) + HEADER.format(id=source_id) + _separate_sections(stream.getvalue(), fields)


def _separate_sections(text: str, fields: dict[str, Any]) -> str:
    """A blank line before the first key of each section, as in the hand-written examples."""
    first_keys = {}
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
