"""The process model: schema, enumerations with Danish labels, derived figures."""

from generator.model.enums import (
    Domain, ItemVisibility, LabelledEnum, Level, Phase, ProcessType, RunPeriod, Status, Visibility,
)
from typing import Any, Sequence

from generator.model.fields import SECTIONS, FieldInfo, describe_fields, field_at
from generator.model.process import Attachment, Link, Person, Process, Validation

PROCESS_FIELDS = describe_fields(Process)


def key_path(path: Sequence[Any]) -> str | None:
    """The key path a user reads for a path into a process file (``links[2].title``); None for the file."""
    return field_at(PROCESS_FIELDS, tuple(path)).key if path else None

__all__ = [
    "Attachment", "Domain", "FieldInfo", "ItemVisibility", "LabelledEnum", "Level", "Link", "Person",
    "Phase", "Process", "PROCESS_FIELDS", "ProcessType", "RunPeriod", "SECTIONS", "Status", "Validation", "Visibility",
    "describe_fields", "key_path",
]
