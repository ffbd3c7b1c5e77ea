"""A process's card and its field-level diff in Danish, for the pull-request report.

Values are what a reader may see: a field that is not public (``confidential`` in the model, a
person, links and attachments that may be private) and every field of a process that is not
public are only reported as "tilføjet", "ændret" or "fjernet". Long texts are reported as
"ændret" too; the reviewer reads them in the file.
"""

from __future__ import annotations

from typing import Any

from generator.model import PROCESS_FIELDS
from generator.model.derived import yearly_value_dkk
from generator.sharing.versions import Version, enum_label
from generator import formatting
from generator.resolve import Resolver

# Fields whose value is never printed (people, and lists whose items have their own visibility).
VALUE_HIDDEN = frozenset({"contact", "owner", "reporter", "users", "links", "attachments", "other_contact_email"})
SHORT_TEXT = 120
ADDED, CHANGED, REMOVED = "tilføjet", "ændret", "fjernet"


def card(version: Version, resolver: Resolver, rate: float) -> list[tuple[str, str]]:
    """Label/value rows of the process's card; only the id and visibility for a process that is not public."""
    process = version.process
    if process is None:
        return [("Id", version.id), ("Kontrol", "Filen kan ikke læses som en gyldig proces; se fundene nedenfor.")]
    rows = [("Id", version.id), (PROCESS_FIELDS["visibility"].label, process.visibility.label)]
    if not version.is_public:
        return rows
    systems = list(dict.fromkeys(process.it_systems + process.services))
    value = yearly_value_dkk(process, rate)
    rows[1:1] = [
        (PROCESS_FIELDS["municipality"].label, resolver.municipality(process.municipality).name),
        (PROCESS_FIELDS["kle"].label, resolver.kle(process.kle).label if process.kle else ""),
        (PROCESS_FIELDS["form"].label, resolver.form(process.form).label if process.form else ""),
        (PROCESS_FIELDS["phase"].label, process.phase.label),
        (PROCESS_FIELDS["status"].label, process.status.label),
        ("IT-systemer", ", ".join(resolver.it_system(s).name for s in systems)),
        (PROCESS_FIELDS["technologies"].label, ", ".join(resolver.technology(s).name for s in process.technologies)),
        ("Forventet årlig tidsbesparelse", formatting.hours_da(process.expected_hours_freed_per_year)),
        ("Forventet årlig værdi", formatting.dkk_da(value) if value is not None else ""),
    ]
    return [(label, text) for label, text in rows if text]


def field_diff(old: Version | None, new: Version | None, resolver: Resolver) -> list[dict[str, Any]]:
    """One entry per changed top-level field, in the model's order: key, label, what happened, old and new text."""
    before = old.data if old is not None else {}
    after = new.data if new is not None else {}
    entries = []
    for key in [k for k in PROCESS_FIELDS if k in before or k in after] + sorted(
            k for k in set(before) | set(after) if k not in PROCESS_FIELDS):
        was, now = before.get(key), after.get(key)
        if was == now:
            continue
        kind = ADDED if was is None else REMOVED if now is None else CHANGED
        label = PROCESS_FIELDS[key].label if key in PROCESS_FIELDS else str(key)
        entry: dict[str, Any] = {"key": str(key), "label": label, "change": kind, "old": None, "new": None}
        visible = (old is None or old.shows(key)) and (new is None or new.shows(key)) and key not in VALUE_HIDDEN
        if visible:
            entry.update(_values(key, was, now, resolver))
        entries.append(entry)
    return entries


def _values(key: str, was: Any, now: Any, resolver: Resolver) -> dict[str, Any]:
    info = PROCESS_FIELDS.get(key)
    if info is not None and info.markdown:
        return {}
    if isinstance(was, list) or isinstance(now, list):
        old_items, new_items = [_text(key, v, resolver) for v in was or []], [_text(key, v, resolver) for v in now or []]
        return {"added": [i for i in new_items if i not in old_items], "removed": [i for i in old_items if i not in new_items]}
    old_text, new_text = _text(key, was, resolver), _text(key, now, resolver)
    if len(old_text or "") > SHORT_TEXT or len(new_text or "") > SHORT_TEXT:
        return {}
    return {"old": old_text, "new": new_text}


def _text(key: str, value: Any, resolver: Resolver) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        if key == "validations":
            slug = str(value.get("municipality", ""))
            return f"{resolver.municipality(slug).name} ({value.get('date', '')})"
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    text = str(value).lower() if isinstance(value, bool) else str(value)
    label = enum_label(key, value) or enum_label(f"{key}", text)
    if label:
        return label
    if key in ("it_systems", "services"):
        return resolver.it_system(text).name
    if key == "technologies":
        return resolver.technology(text).name
    if key in ("municipality", "adopted_by"):
        return resolver.municipality(text).name
    if key == "kle":
        return resolver.kle(text).label
    if key == "form":
        return resolver.form(text).label
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    return text
