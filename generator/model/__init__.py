"""The process model: schema, enumerations with Danish labels, derived figures."""

from generator.model.enums import (
    Domain, ItemVisibility, LabelledEnum, Level, Phase, ProcessType, RunPeriod, Status, Visibility,
)
from generator.model.fields import SECTIONS, FieldInfo, describe_fields
from generator.model.process import Attachment, Link, Person, Process, Validation

PROCESS_FIELDS = describe_fields(Process)

__all__ = [
    "Attachment", "Domain", "FieldInfo", "ItemVisibility", "LabelledEnum", "Level", "Link", "Person",
    "Phase", "Process", "PROCESS_FIELDS", "ProcessType", "RunPeriod", "SECTIONS", "Status", "Validation", "Visibility",
    "describe_fields",
]
