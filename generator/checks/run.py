"""Run every check over a catalogue, in a fixed order.

Per-file checks see one entry; catalogue checks see all entries (umbrellas, copies). A check
is a function that yields findings; the lists below are the whole pipeline, so adding a rule
family means adding one function here.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Callable, Iterable

from generator.checks import location, partial, phase_rules, references, relations, schema, validations
from generator.diagnostics import Finding

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

EntryCheck = Callable[["Entry", "Catalogue"], Iterable[Finding]]

# Checks that need a schema-valid process.
PROCESS_CHECKS: list[EntryCheck] = [
    location.check_municipality_folder,
    phase_rules.check_phase_rules,
    phase_rules.check_duplicate_list_values,
    references.check_references,
    relations.check_relations,
    validations.check_validations,
]


def register_process_check(check: EntryCheck) -> EntryCheck:
    """Add a check to the pipeline (used by rule families that live in their own module)."""
    if check not in PROCESS_CHECKS:
        PROCESS_CHECKS.append(check)
    return check


# Checks that need only the YAML data and run even when the schema fails (a CPR number must
# be reported at once, not after the other errors are fixed).
DOCUMENT_CHECKS: list[EntryCheck] = []


def register_document_check(check: EntryCheck) -> EntryCheck:
    """Add a check that runs on every readable file, schema-valid or not."""
    if check not in DOCUMENT_CHECKS:
        DOCUMENT_CHECKS.append(check)
    return check


# Checks that also run on the fields that parsed when others have schema errors (one pass,
# every finding; see ``generator.checks.partial``).
PARTIAL_CHECKS: list[EntryCheck] = [
    location.check_municipality_folder,
    phase_rules.check_phase_rules,
    phase_rules.check_duplicate_list_values,
    references.check_references,
]


def _partial_findings(entry: "Entry", catalogue: "Catalogue") -> list[Finding]:
    process, unreliable = schema.partial_of(entry.document)
    if process is None:
        return []
    stand_in = dataclasses.replace(entry, process=process, findings=[])
    found = [f for check in PARTIAL_CHECKS for f in check(stand_in, catalogue)]
    return partial.trustworthy(found, unreliable)


def run_checks(catalogue: "Catalogue") -> None:
    from generator.checks import confidentiality  # noqa: F401  (registers its checks when present)

    for entry in catalogue.entries:
        entry.findings.extend(entry.document.findings)
        entry.findings.extend(location.check_location(entry))
        entry.process, findings = schema.validate_document(entry.document)
        entry.findings.extend(findings)
    catalogue.reindex()
    for entry, finding in location.duplicate_ids(catalogue):
        entry.findings.append(finding)
    for entry in catalogue.entries:
        if entry.document.data is not None:
            for check in DOCUMENT_CHECKS:
                entry.findings.extend(check(entry, catalogue))
        if entry.process is None:
            if isinstance(entry.document.data, dict):
                entry.findings.extend(_partial_findings(entry, catalogue))
            continue
        for check in PROCESS_CHECKS:
            entry.findings.extend(check(entry, catalogue))
    for entry in catalogue.entries:
        entry.findings.sort(key=Finding.sort_key)
