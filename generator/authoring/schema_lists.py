"""The reference lists inside the JSON Schema, so editors complete codes and show their Danish titles.

VS Code's YAML extension (and other editors) read ``enum`` with ``markdownEnumDescriptions`` /
``enumDescriptions`` in the same order: the code is completed, the title shown beside it. Every
code the check accepts without an error is in the enum (retired and moved codes too, which the
check only warns about; their description says so and names the replacement), so an editor never
marks as wrong what the check lets through. The published schema is also what the form on the site
validates against in the browser.
"""

from __future__ import annotations

import re
from typing import Any

from generator.authoring.lists import describe
from generator.model import PROCESS_FIELDS
from generator.model.json_schema import process_json_schema
from generator.taxonomies import Taxonomies

# Schema property -> (list, is the property a list of codes), from the model's field registry.
LIST_PROPERTIES = {key: (info.references, info.is_list) for key, info in PROCESS_FIELDS.items()
                   if info.references and info.references != "processes"}


_MARKDOWN = re.compile(r"([\\`*_\[\]<>])")


def enum_of(taxonomies: Taxonomies, list_name: str) -> dict[str, Any]:
    """``enum`` and, in the same order, the Danish text of each code (Markdown characters escaped)."""
    terms = sorted(taxonomies[list_name], key=lambda t: t.code)
    return {"enum": [t.code for t in terms],
            "markdownEnumDescriptions": [_MARKDOWN.sub(r"\\\1", describe(list_name, t, taxonomies)) for t in terms]}


def _target(prop: dict[str, Any], is_list: bool) -> dict[str, Any]:
    """The sub-schema that holds one code (``items`` of a list; the string branch of ``anyOf [.., null]``)."""
    node = prop.get("items", prop) if is_list else prop
    for branch in node.get("anyOf", []):
        if branch.get("type") == "string":
            return branch
    return node


def add_reference_lists(schema: dict[str, Any], taxonomies: Taxonomies) -> dict[str, Any]:
    """``schema`` with the lists that ``taxonomies`` has as enums (a list that is empty is left open)."""
    for key, (list_name, is_list) in LIST_PROPERTIES.items():
        prop = schema["properties"].get(key)
        if prop is None or not taxonomies.has(list_name):
            continue
        _target(prop, is_list).update(enum_of(taxonomies, list_name))
    return schema


def schema_with_lists(taxonomies: Taxonomies, schema_id: str | None) -> dict[str, Any]:
    return add_reference_lists(process_json_schema(schema_id), taxonomies)
