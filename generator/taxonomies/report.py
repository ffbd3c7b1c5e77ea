"""The change report of a refresh (in Danish) and the processes each change affects."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from generator.loading import load_document
from generator.model import PROCESS_FIELDS
from generator.model.fields import REFERENCE_LISTS

ADDED, RENAMED, RETIRED, MOVED = "added", "renamed", "retired", "moved"
LABELS = {ADDED: "Tilføjet", RENAMED: "Omdøbt", RETIRED: "Udgået", MOVED: "Flyttet"}
LIST_LABELS = {name: ref.label for name, ref in REFERENCE_LISTS.items()}
# Process fields that hold codes of a reference list (the model says which), field key -> list name.
CODE_FIELDS = {key: info.references for key, info in PROCESS_FIELDS.items()
               if info.references and info.references != "processes"}
SHOWN_PER_KIND = 25


@dataclass
class Change:
    kind: str
    code: str
    old_title: str | None = None
    new_title: str | None = None
    replaced_by: tuple[str, ...] = ()
    processes: list[str] = field(default_factory=list)


def diff_items(old: Iterable[Mapping], new: Iterable[Mapping]) -> list[Change]:
    """Added, renamed, retired and moved codes between two versions of a list."""
    before = {item["code"]: item for item in old}
    after = {item["code"]: item for item in new}
    changes = []
    for code in sorted(before.keys() | after.keys()):
        was, now = before.get(code), after.get(code)
        if was is None:
            changes.append(Change(ADDED, code, new_title=now.get("title")))
            continue
        if now is None:
            if was.get("status", "active") == "active":
                changes.append(Change(RETIRED, code, old_title=was.get("title")))
            continue
        was_active = was.get("status", "active") == "active"
        status = now.get("status", "active")
        if was_active and status == "moved":
            changes.append(Change(MOVED, code, was.get("title"), now.get("title"), tuple(now.get("replaced_by") or ())))
        elif was_active and status == "retired":
            changes.append(Change(RETIRED, code, was.get("title"), now.get("title")))
        elif not was_active and status == "active":
            changes.append(Change(ADDED, code, was.get("title"), now.get("title")))
        if was.get("title") != now.get("title") and now.get("title") is not None:
            changes.append(Change(RENAMED, code, was.get("title"), now.get("title")))
    return changes


def index_processes(processes_dir: Path) -> dict[tuple[str, str], list[str]]:
    """(list, code) -> ids of the processes that use the code (``aarhus/sagsbehandling``)."""
    index: dict[tuple[str, str], list[str]] = {}
    if not processes_dir.is_dir():
        return index
    for path in sorted(processes_dir.rglob("*.yaml")):
        data = load_process_data(path)
        if not isinstance(data, dict):
            continue
        process_id = path.relative_to(processes_dir).with_suffix("").as_posix()
        for key, list_name in CODE_FIELDS.items():
            values = data.get(key)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and value:
                    users = index.setdefault((list_name, value), [])
                    if process_id not in users:
                        users.append(process_id)
    return index


def load_process_data(path: Path) -> object:
    """The YAML mapping of a process file, or None when it cannot be read (the checks report that)."""
    return load_document(path).data


def attach_processes(list_name: str, changes: list[Change], index: Mapping[tuple[str, str], list[str]]) -> None:
    for change in changes:
        change.processes = list(index.get((list_name, change.code), ()))


def format_report(list_name: str, changes: list[Change]) -> list[str]:
    """Danish report lines for one list. Changes that affect processes are always shown."""
    label = LIST_LABELS.get(list_name, list_name)
    if not changes:
        return [f"{label}: ingen ændringer."]
    lines = [f"{label}: {len(changes)} ændring{'er' if len(changes) != 1 else ''}"]
    for kind in (ADDED, RENAMED, RETIRED, MOVED):
        selected = [change for change in changes if change.kind == kind]
        if not selected:
            continue
        lines.append(f"  {LABELS[kind]} ({len(selected)}):")
        shown = [c for c in selected if c.processes] + [c for c in selected if not c.processes]
        hidden = max(0, len(shown) - max(SHOWN_PER_KIND, sum(1 for c in selected if c.processes)))
        for change in shown[: len(shown) - hidden]:
            lines.append("    " + _describe(change))
            if change.processes:
                lines.append(f"      berører: {', '.join(change.processes)}")
        if hidden:
            lines.append(f"    … og {hidden} flere")
    affected = sorted({p for change in changes for p in change.processes})
    lines.append(f"  Berørte processer: {len(affected)}")
    return lines


def _describe(change: Change) -> str:
    if change.kind == RENAMED:
        return f"{change.code}: »{change.old_title or '(ingen titel)'}« → »{change.new_title}«"
    title = change.new_title or change.old_title
    text = f"{change.code} {title}" if title else change.code
    if change.kind == MOVED and change.replaced_by:
        text += f" → {', '.join(change.replaced_by)}"
    return text
