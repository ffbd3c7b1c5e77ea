"""The field registry: what every field of the process model means, written once.

Each field carries its Danish label (``title``), a Danish help text (``description``) and, in
``json_schema_extra``, the section it belongs to, the first phase in which it is expected,
whether it is confidential (never part of a public build), whether it is Markdown or free text,
which reference list its codes belong to, how the search indexes it and whether an umbrella
process keeps it. What the type annotation already says (a sub-model, an enumeration, a list and
its length limit) is read from the annotation. :func:`describe_fields` gives all of it as
:class:`FieldInfo`; diagnostics, checks, pages, exports, the search and the JSON Schema read it
from there, so adding a field touches the model and nothing else.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from annotated_types import MaxLen
from pydantic import BaseModel, Field

from generator.model.enums import LabelledEnum
from generator.taxonomies.slugs import slugify

# Sections in the order of the OS2autoproces detail page.
SECTIONS: dict[str, str] = {
    "general": "Grundlæggende oplysninger",
    "challenges": "Problemstillinger",
    "time": "Tid og proces",
    "assessment": "Faglig vurdering",
    "implementation": "Udvikling og implementering",
    "operation": "Drift",
    "attachments": "Bilag og links",
    "internal": "Interne noter",
}

# The anchor of each section on a process page: its Danish name as a slug.
SECTION_IDS: dict[str, str] = {key: slugify(name) for key, name in SECTIONS.items()}

# How the search reads a field: "code" (the value unstemmed, the list's titles as words),
# "label" (only the labels of its values), "long" (text of the full-text index).
SEARCH_KINDS = ("code", "label", "long")


@dataclass(frozen=True, slots=True)
class ReferenceList:
    """A list a field's codes belong to: its Danish name and how a code is written."""

    name: str  # the list in ``taxonomies/`` (``processes`` is the catalogue itself)
    label: str
    format_hint: str | None = None  # shown when a code does not have the list's format
    hierarchical: bool = False  # codes are prefixes of their children (KLE 32 > 32.18 > 32.18.00)
    vendor: bool = False  # the list names each item's vendor


REFERENCE_LISTS: dict[str, ReferenceList] = {ref.name: ref for ref in (
    ReferenceList("kle", "KLE", "Et KLE-nummer består af to, fire eller seks cifre i par adskilt af punktum, "
                  "fx 32.18.00.", hierarchical=True),
    ReferenceList("form", "FORM", "En FORM-kode består af to til otte cifre i par adskilt af punktum, fx 26.15.10.",
                  hierarchical=True),
    ReferenceList("kla", "KLA", "Et KLA-nummer består af tre, fire eller fem talpar adskilt af punktum, fx 10.88.11."),
    ReferenceList("it_systems", "IT-systemer (KITOS)", vendor=True),
    ReferenceList("technologies", "Teknologier"),
    ReferenceList("municipalities", "Kommuner og regioner"),
    ReferenceList("processes", "Processer i kataloget"),
)}


def field(
    label: str,
    help: str,
    section: str,
    *,
    confidential: bool = False,
    from_phase: str | None = None,
    markdown: bool = False,
    free_text: bool = False,
    references: str | None = None,
    search: str | None = None,
    umbrella: bool = False,
    **kwargs: Any,
) -> Any:
    """A pydantic ``Field`` with the catalogue's metadata.

    ``free_text``: plain text that may still carry stray HTML or line breaks; ``references``: the
    name of the list in :data:`REFERENCE_LISTS`; ``search``: one of :data:`SEARCH_KINDS`;
    ``umbrella``: an umbrella process keeps the field (OS2autoproces saves only those).
    """
    assert references is None or references in REFERENCE_LISTS, references
    assert search is None or search in SEARCH_KINDS, search
    flags = {"confidential": confidential, "from_phase": from_phase, "markdown": markdown,
             "free_text": free_text, "references": references, "search": search, "umbrella": umbrella}
    extra: dict[str, Any] = {"section": section, **{k: v for k, v in flags.items() if v}}
    if "default_factory" not in kwargs:
        kwargs.setdefault("default", None)
    return Field(title=label, description=help, json_schema_extra=extra, **kwargs)


@dataclass(frozen=True, slots=True)
class FieldInfo:
    key: str
    label: str
    help: str
    section: str
    confidential: bool
    from_phase: str | None
    markdown: bool
    free_text: bool
    references: str | None
    search: str | None
    umbrella: bool
    is_list: bool
    max_items: int | None
    enum: type[LabelledEnum] | None
    submodel: type[BaseModel] | None

    @property
    def reference_list(self) -> ReferenceList | None:
        return REFERENCE_LISTS.get(self.references) if self.references else None

    @property
    def is_text(self) -> bool:
        """Shown as prose: Markdown or free text."""
        return self.markdown or self.free_text


def _inner(annotation: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, ``Annotated[X, ...]`` and ``list[X]``, and whether it is a list."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            kept = [a for a in args if a is not type(None)]
            if len(kept) != 1:
                return None, is_list
            annotation = kept[0]
        elif origin is list:
            is_list, annotation = True, args[0]
        else:
            return annotation, is_list


def _max_items(metadata: list[Any]) -> int | None:
    limits = [item.max_length for item in metadata if isinstance(item, MaxLen)]
    return min(limits) if limits else None


def _subclass(kind: Any, base: type) -> type | None:
    return kind if isinstance(kind, type) and issubclass(kind, base) else None


def describe_fields(model: type) -> dict[str, FieldInfo]:
    """Metadata of every field of a pydantic model, by YAML key."""
    result: dict[str, FieldInfo] = {}
    for key, info in model.model_fields.items():  # type: ignore[attr-defined]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        kind, is_list = _inner(info.annotation)
        result[key] = FieldInfo(
            key=key,
            label=info.title or key,
            help=info.description or "",
            section=str(extra.get("section", "general")),
            confidential=bool(extra.get("confidential", False)),
            from_phase=extra.get("from_phase"),  # type: ignore[arg-type]
            markdown=bool(extra.get("markdown", False)),
            free_text=bool(extra.get("free_text", False)),
            references=extra.get("references"),  # type: ignore[arg-type]
            search=extra.get("search"),  # type: ignore[arg-type]
            umbrella=bool(extra.get("umbrella", False)),
            is_list=is_list,
            max_items=_max_items(info.metadata) if is_list else None,
            enum=_subclass(kind, LabelledEnum),
            submodel=_subclass(kind, BaseModel),
        )
    return result


def sub_fields(fields: dict[str, FieldInfo]) -> dict[str, dict[str, FieldInfo]]:
    """For every field that holds a sub-model (a person, a link ...): the sub-model's fields."""
    return {key: describe_fields(info.submodel) for key, info in fields.items() if info.submodel is not None}


@dataclass(frozen=True, slots=True)
class FieldAt:
    """The field at a path into a process file: ``("links", 1, "title")`` is Links (nr. 2) › Titel."""

    label: str  # 'Links (nr. 2) › Titel'
    key: str  # 'links[2].title', the key path a user reads (list positions count from 1)
    top: FieldInfo | None  # the top-level field
    sub: FieldInfo | None  # the field of the sub-model, when the path goes into one
    leaf: str  # the last key: 'title'


def field_at(fields: dict[str, FieldInfo], path: tuple[Any, ...]) -> FieldAt:
    """Label and key path of the field at ``path`` (unknown keys are shown as written)."""
    top_key = str(path[0]) if path else ""
    top = fields.get(top_key)
    label, key, leaf, sub = (top.label if top else top_key), top_key, top_key, None
    rest = list(path[1:])
    if rest and isinstance(rest[0], int):
        index = rest.pop(0)
        label += f" (nr. {index + 1})"
        key += f"[{index + 1}]"
    if rest and top is not None and top.submodel is not None:
        leaf = str(rest[0])
        sub = describe_fields(top.submodel).get(leaf)
        label += f" › {sub.label if sub else leaf}"
        key += f".{leaf}"
    return FieldAt(label, key, top, sub, leaf)
