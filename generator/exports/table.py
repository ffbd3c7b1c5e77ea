"""One row per process with Danish column headings: the shared shape of the CSV and XLSX exports.

Every field of the model gets its own column under its own label (``PROCESS_FIELDS``), in the
model's order, with the codes' titles beside KLE and FORM and the computed figures after the time
fields. Values are plain: enum labels, "Ja"/"Nej", names instead of slugs, Markdown stripped to
text. (OS2autoproces's Excel export wrote two assessment answers under each other's headings;
here each value is read from its own field, by key.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from generator.checks.validations import validation_count
from generator.model import PROCESS_FIELDS, LabelledEnum, Person
from generator.sanitize import plain_text
from generator import labels
from generator.publication import ProcessRecord, Publication

Cell = str | int | float | dt.date | None


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    value: Callable[[Publication, ProcessRecord], Cell]


def _person(person: Person | None) -> str | None:
    if person is None:
        return None
    text = person.name + (f" ({person.role})" if person.role else "")
    extras = [x for x in (person.email, f"tlf. {person.phone}" if person.phone else None) if x]
    return ", ".join([text, *extras])


def _field_value(record: ProcessRecord, key: str, names_only: bool, is_text: bool) -> Cell:
    """The cell of field ``key``; ``names_only``: its codes' names; ``is_text``: prose, as plain text."""
    value = getattr(record.process, key)
    if value is None or value == []:
        return None
    if names_only:
        return "; ".join(named.name for named in record.references[key])  # names instead of slugs
    if key == "validations":
        return "; ".join(f"{who.name} ({v.date.isoformat()})" for who, v in zip(record.validators, value))
    if key == "adopted_by":
        return "; ".join(named.name for named in record.adopted_by)
    if key == "links":
        return "; ".join(f"{item.title} ({item.url})" if item.title else item.url for item in value)
    if key == "attachments":
        return "; ".join(f"{item.title} ({item.file})" if item.title else item.file for item in value)
    if key == "users":
        return "; ".join(filter(None, (_person(p) for p in value)))
    if isinstance(value, Person):
        return _person(value)
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, list):
        return ", ".join(item.label if isinstance(item, LabelledEnum) else str(item) for item in value)
    if is_text and isinstance(value, str):
        return plain_text(value)
    return value


def _field_column(key: str) -> Column:
    info = PROCESS_FIELDS[key]
    listed = info.reference_list  # looked up once per column, not once per cell
    names_only = listed is not None and listed.name != "processes" and not listed.format_hint
    is_text = info.is_text
    return Column(key, info.label, lambda ctx, record: _field_value(record, key, names_only, is_text))


def _title_column(key: str, list_label: str) -> Column:
    """The title of a hierarchical code (KLE, FORM) in its own column beside the code."""

    def title(ctx: Publication, record: ProcessRecord) -> Cell:
        named = record.references[key]
        return named[0].title if named else None

    return Column(f"{key}_title", f"{list_label}-titel", title)


def columns() -> list[Column]:
    """Every column in order; headings are unique."""
    result = [
        Column("id", labels.ID, lambda ctx, record: record.id),
    ]
    for key in PROCESS_FIELDS:
        result.append(_field_column(key))
        listed = PROCESS_FIELDS[key].reference_list
        if listed is not None and listed.hierarchical:
            result.append(_title_column(key, listed.label))
        if key == "validations":
            result.append(Column("validation_count", labels.VALIDATION_COUNT,
                                 lambda ctx, record: validation_count(record.process)))
        elif key == "targets_companies":
            result += [
                Column("manual_hours_per_year", labels.MANUAL_HOURS, lambda ctx, record: record.manual_hours),
                Column("expected_hours_freed_per_year", labels.HOURS_FREED, lambda ctx, record: record.hours_freed),
                Column("yearly_value_dkk", labels.YEARLY_VALUE, lambda ctx, record: record.yearly_value_dkk),
                Column("payback_years", labels.PAYBACK + " (år)", lambda ctx, record: record.payback_years),
            ]
    result += [
        Column("last_changed", labels.LAST_CHANGED, lambda ctx, record: record.last_changed),
        Column("url", labels.URL, lambda ctx, record: ctx.absolute_url(record.url)),
    ]
    headers = [c.header for c in result]
    assert len(headers) == len(set(headers)), "column headings must be unique"
    return result


def headers(cols: list[Column]) -> list[str]:
    return [c.header for c in cols]


def row(ctx: Publication, cols: list[Column], record: ProcessRecord) -> list[Cell]:
    """One process's cells, in the order of ``cols``."""
    return [c.value(ctx, record) for c in cols]
