"""Field metadata shared by every section of the process model.

Each field carries its Danish label (``title``), a Danish help text (``description``) and, in
``json_schema_extra``, the section it belongs to, the first phase in which it is expected and
whether it is confidential (never part of a public build). Diagnostics, pages, exports and
the exported JSON Schema all read the label from here, so a label is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field

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


def field(
    label: str,
    help: str,
    section: str,
    *,
    confidential: bool = False,
    from_phase: str | None = None,
    markdown: bool = False,
    **kwargs: Any,
) -> Any:
    """A pydantic ``Field`` with the catalogue's metadata."""
    extra: dict[str, Any] = {"section": section}
    if confidential:
        extra["confidential"] = True
    if from_phase:
        extra["from_phase"] = from_phase
    if markdown:
        extra["markdown"] = True
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


def describe_fields(model: type) -> dict[str, FieldInfo]:
    """Metadata of every field of a pydantic model, by YAML key."""
    result: dict[str, FieldInfo] = {}
    for key, info in model.model_fields.items():  # type: ignore[attr-defined]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        result[key] = FieldInfo(
            key=key,
            label=info.title or key,
            help=info.description or "",
            section=str(extra.get("section", "general")),
            confidential=bool(extra.get("confidential", False)),
            from_phase=extra.get("from_phase"),  # type: ignore[arg-type]
            markdown=bool(extra.get("markdown", False)),
        )
    return result
