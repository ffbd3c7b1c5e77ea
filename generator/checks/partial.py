"""One pass, every finding: the process checks run on the fields that parsed, even when others did not.

A contributor in GitHub's web editor pays a CI round for every round of errors, so a file with a
schema error must still get its reference and phase findings (an unknown KLE number, a missing
run period) in the same run. When the schema fails, :func:`partial_process` validates the file
again without the top-level fields that had errors; a required field among them gets a neutral
stand-in. The checks then run on that partial process, and :func:`trustworthy` drops the
findings that depend on a field the schema already reported (a "missing" technology that is in
fact written, but wrongly).
"""

from __future__ import annotations

from typing import Any, Iterable

from pydantic import ValidationError

from generator.diagnostics import Finding
from generator.model import Process

# Valid stand-ins for required fields that were missing or invalid. They only let the other
# fields be validated; no finding may depend on them (see DEPENDS_ON).
_STAND_INS: dict[str, Any] = {
    "title": "-", "short_description": "-", "municipality": "ukendt", "phase": "idea",
    "status": "not_rated", "visibility": "personal", "contact": {"name": "-"},
}
REQUIRED = tuple(_STAND_INS)

# A finding of these rules depends on the fields named; when one of them was invalid (or missing
# and required) the schema has reported it, and the finding would be a guess.
DEPENDS_ON: dict[str, frozenset[str]] = {
    "AP014": frozenset({"municipality"}),
    "AP201": frozenset({"phase", "type", "technologies"}),
    "AP202": frozenset({"phase", "type", "run_period"}),
    "AP203": frozenset({"status", "status_text"}),
    "AP204": frozenset({"phase", "type"}),
    "AP205": frozenset({"put_into_operation", "decommissioned"}),
    "AP206": frozenset({"phase", "type", "put_into_operation", "decommissioned"}),
    "AP207": frozenset({"time_spend_occurrences", "time_spend_per_occurrence", "time_spend_percentage_digital"}),
    "AP404": frozenset({"kle"}),
    "AP408": frozenset({"municipality"}),
    "AP409": frozenset({"kle"}),
    "AP410": frozenset({"kle"}),
}


def invalid_keys(errors: Iterable[dict[str, Any]]) -> set[str]:
    """Top-level keys of the pydantic errors (a missing required field counts as invalid)."""
    return {str(e["loc"][0]) for e in errors if e.get("loc")}


def partial_process(prepared: dict[str, Any], errors: list[dict[str, Any]]) -> tuple[Process | None, frozenset[str]]:
    """The process without its invalid fields, and the set of fields left out or stood in for."""
    bad = invalid_keys(errors)
    kept = {k: v for k, v in prepared.items() if k not in bad and k in Process.model_fields}
    stood_in = {k for k in REQUIRED if k not in kept}
    data = {**{k: _STAND_INS[k] for k in stood_in}, **kept}
    try:
        return Process.model_validate(data), frozenset(bad | stood_in)
    except ValidationError:
        return None, frozenset(bad | stood_in)


def trustworthy(findings: Iterable[Finding], unreliable: frozenset[str]) -> list[Finding]:
    """The findings of a partial process that do not depend on a field the schema reported."""
    return [f for f in findings if not (DEPENDS_ON.get(f.rule, frozenset()) & unreliable)]
