"""Where a value sits in a process file: Danish field descriptions, text walk, findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator

from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, key_path
from generator.model.fields import field_at

if TYPE_CHECKING:
    from generator.catalogue import Entry

FieldPath = tuple[str | int, ...]

def describe_path(path: FieldPath) -> str:
    """'Feltet Links (nr. 2) › Titel (links[2].title)' for a path into the YAML data."""
    if not path:
        return "Filen"
    found = field_at(PROCESS_FIELDS, tuple(path))
    return f"Feltet {found.label} ({found.key})"


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
    line, column = entry.document.line_column(path, key=key)
    return Finding.make(rule, entry.path, line, column, field_key=key_path(path), where=describe_path(path),
                        **params)
