"""Where a value sits in a process file: Danish field descriptions, text walk, findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, describe_fields
from generator.model.process import Attachment, Link, Person

if TYPE_CHECKING:
    from generator.catalogue import Entry

FieldPath = tuple[str | int, ...]

_SUB_FIELDS = {"contact": Person, "owner": Person, "reporter": Person, "users": Person,
               "links": Link, "attachments": Attachment}
_SUB_INFO = {key: describe_fields(model) for key, model in _SUB_FIELDS.items()}


def describe_path(path: FieldPath) -> str:
    """'Feltet Links (nr. 2) › Titel (links[2].title)' for a path into the YAML data."""
    if not path:
        return "Filen"
    top = str(path[0])
    info = PROCESS_FIELDS.get(top)
    label = info.label if info else top
    key = top
    rest = list(path[1:])
    if rest and isinstance(rest[0], int):
        index = rest.pop(0)
        label += f" (nr. {index + 1})"
        key += f"[{index + 1}]"
    if rest:
        sub = str(rest[0])
        sub_info = _SUB_INFO.get(top, {}).get(sub)
        label += f" › {sub_info.label if sub_info else sub}"
        key += f".{sub}"
    return f"Feltet {label} ({key})"


def walk_texts(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    """Every text in the YAML data with its path (keys and values of nested mappings and lists)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_texts(item, path + (index,))


def finding_at(rule: str, entry: "Entry", path: FieldPath, *, key: bool = False, **params: Any) -> Finding:
    """A finding of ``rule`` at the position of ``path`` in the entry's file, with ``where`` filled in."""
    pos = entry.document.position(path, key=key)
    return Finding.make(rule, entry.path, pos.line, pos.column, where=describe_path(path), **params)
