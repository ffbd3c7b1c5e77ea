"""Rules within one process that depend on its phase and status (AP2xx, AP112)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, Phase, RunPeriod, Status, key_path

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

# From development on, a solution exists: it needs technologies and a run period. A solution
# taken out of operation keeps its run period but need not name its technologies (as in the
# OS2autoproces back end, which exempts DECOMMISSIONED).
TECHNOLOGY_PHASES = (Phase.DEVELOPMENT, Phase.IMPLEMENTATION, Phase.OPERATION)
RUN_PERIOD_PHASES = TECHNOLOGY_PHASES + (Phase.DECOMMISSIONED,)
STATUSES_NEEDING_REASON = (Status.REJECTED, Status.FAILED, Status.PENDING, Status.NOT_RELEVANT)
# "Hurtig deling" (rapid) may name the technologies and systems it used.
RAPID_ALLOWED = {"technologies", "services", "vendor"}
# Lists of plain values (codes, slugs, words), where a value written twice is a mistake (AP112).
LIST_OF_VALUES_FIELDS = tuple(key for key, info in PROCESS_FIELDS.items() if info.is_list and info.submodel is None)
TIME_FIELDS = ("time_spend_occurrences", "time_spend_per_occurrence", "time_spend_percentage_digital")


def _is_set(value: Any) -> bool:
    return value not in (None, [], "", False)


def check_phase_rules(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    doc = entry.document
    phase = Phase(process.phase)

    def at(key: str, *, key_pos: bool = False) -> dict[str, Any]:
        line, column = doc.line_column((key,), key=key_pos)
        return {"line": line, "column": column, "field_key": key}

    if process.is_umbrella:
        return  # umbrellas are checked in relations (AP306)

    if phase in TECHNOLOGY_PHASES and not process.technologies:
        yield Finding.make("AP201", doc.path, **at("technologies" if "technologies" in (doc.data or {}) else "phase"),
                           phase=phase.label)
    if phase in RUN_PERIOD_PHASES and process.run_period in (None, RunPeriod.NOT_CHOSEN_YET):
        allowed = ", ".join(f"{k} ({v})" for k, v in RunPeriod.labels().items() if k != "not_chosen_yet")
        key = "run_period" if process.run_period else "phase"
        yield Finding.make("AP202", doc.path, **at(key), phase=phase.label, allowed=allowed)

    if process.status in STATUSES_NEEDING_REASON and not process.status_text:
        yield Finding.make("AP203", doc.path, **at("status"), status=Status(process.status).label)

    for key, info in PROCESS_FIELDS.items():
        if not info.from_phase or key not in (doc.data or {}):
            continue
        if phase == Phase.RAPID and key in RAPID_ALLOWED:
            continue
        if not _is_set(getattr(process, key)):
            continue
        needed = Phase(info.from_phase)
        if not phase.at_least(needed):
            yield Finding.make("AP204", doc.path, **at(key, key_pos=True), label=info.label, key=key,
                               from_phase=needed.label, phase=phase.label)

    started, stopped = process.put_into_operation, process.decommissioned
    if started and stopped and stopped < started:
        yield Finding.make("AP205", doc.path, **at("decommissioned"), decommissioned=stopped.isoformat(),
                           put_into_operation=started.isoformat())
    for needed_phase, key in ((Phase.OPERATION, "put_into_operation"), (Phase.DECOMMISSIONED, "decommissioned")):
        if phase == needed_phase and getattr(process, key) is None:
            yield Finding.make("AP206", doc.path, **at("phase"), phase=phase.label,
                               label=PROCESS_FIELDS[key].label, key=key)

    given = [k for k in TIME_FIELDS if getattr(process, k) is not None]
    if given and len(given) < len(TIME_FIELDS):
        missing = " og ".join(f"{PROCESS_FIELDS[k].label} ({k})" for k in TIME_FIELDS if k not in given)
        yield Finding.make("AP207", doc.path, **at(given[0]), missing=missing)


def check_duplicate_list_values(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    for key in LIST_OF_VALUES_FIELDS:
        seen: set[str] = set()
        for index, value in enumerate(getattr(process, key)):
            if value in seen:
                line, column = entry.document.line_column((key, index))
                yield Finding.make("AP112", entry.path, line, column, field_key=key_path((key, index)),
                                   value=str(value),
                                   label=PROCESS_FIELDS[key].label, key=key)
            seen.add(value)
