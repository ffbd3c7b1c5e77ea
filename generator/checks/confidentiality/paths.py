"""Where a value sits in a process file: Danish field descriptions, text walk, findings."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, key_path
from generator.model.fields import field_at

if TYPE_CHECKING:
    from generator.catalogue import Entry
    from generator.loading import Document

FieldPath = tuple[str | int, ...]

def describe_path(path: FieldPath) -> str:
    """'Feltet Links (nr. 2) › Titel (links[2].title)' for a path into the YAML data."""
    if not path:
        return "Filen"
    found = field_at(PROCESS_FIELDS, tuple(path))
    return f"Feltet {found.label} ({found.key})"


def walk_texts(value: Any, path: FieldPath = ()) -> list[tuple[FieldPath, str]]:
    """Every text in the YAML data with its path (keys and values of nested mappings and lists)."""
    found: list[tuple[FieldPath, str]] = []
    _collect_texts(value, path, found)
    return found


def _collect_texts(value: Any, path: FieldPath, found: list[tuple[FieldPath, str]]) -> None:
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                found.append((path + (key,), item))
            elif isinstance(item, (dict, list)):
                _collect_texts(item, path + (key,), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                found.append((path + (index,), item))
            elif isinstance(item, (dict, list)):
                _collect_texts(item, path + (index,), found)


def may_not_make_characters(document: "Document") -> bool:
    """True when every text in the document's data is made of characters of its file, in their order.

    YAML joins the lines of a text with a space or a line break and drops indentation and quotes;
    only an escape (a backslash in a double-quoted text) makes a character the file does not hold,
    and NFC makes no digit and none of '<', '(' and ']' out of other characters. So a rule can look
    for what it seeks (six digits, '<') in the file's text first and skip the values when it is not there.
    """
    return document.raw is not None and b"\\" not in document.raw


def finding_at(rule: str, entry: "Entry", path: FieldPath, *, key: bool = False, **params: Any) -> Finding:
    """A finding of ``rule`` at the position of ``path`` in the entry's file, with ``where`` filled in."""
    line, column = entry.document.line_column(path, key=key)
    return Finding.make(rule, entry.path, line, column, field_key=key_path(path), where=describe_path(path),
                        **params)
