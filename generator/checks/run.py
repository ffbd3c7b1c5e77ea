"""Run every check over a catalogue, in a fixed order.

Per-file checks see one entry; catalogue checks see all entries (umbrellas, copies). A check
is a function that yields findings; the lists below name every check explicitly (nothing is
registered as a side effect of an import), so adding a rule family means adding it here.
"""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterable

from generator.catalogue import Catalogue, Entry
from generator.checks import location, partial, phase_rules, references, relations, schema, validations
from generator.checks.confidentiality import attachments, cpr, emails, html_audit, links, visibility
from generator.diagnostics import Finding

EntryCheck = Callable[[Entry, Catalogue], Iterable[Finding]]

# Checks that need a schema-valid process.
PROCESS_CHECKS: list[EntryCheck] = [
    location.check_municipality_folder,
    phase_rules.check_phase_rules,
    phase_rules.check_duplicate_list_values,
    references.check_references,
    relations.check_relations,
    validations.check_validations,
    emails.check_personal_email,
    links.check_links,
    attachments.check_attachments,
    visibility.check_shared_visibility,
]


# Checks that need only the YAML data and run even when the schema fails (a CPR number must
# be reported at once, not after the other errors are fixed).
DOCUMENT_CHECKS: list[EntryCheck] = [
    cpr.check_cpr,
    html_audit.check_html,
]


# Checks that also run on the fields that parsed when others have schema errors (one pass,
# every finding; see ``generator.checks.partial``).
PARTIAL_CHECKS: list[EntryCheck] = [
    location.check_municipality_folder,
    phase_rules.check_phase_rules,
    phase_rules.check_duplicate_list_values,
    references.check_references,
]


def _partial_findings(entry: Entry, catalogue: Catalogue) -> list[Finding]:
    process, unreliable = schema.partial_of(entry.document)
    if process is None:
        return []
    stand_in = dataclasses.replace(entry, process=process, findings=[])
    found = [f for check in PARTIAL_CHECKS for f in check(stand_in, catalogue)]
    return partial.trustworthy(found, unreliable)


def run_checks(catalogue: Catalogue) -> None:
    for entry in catalogue.entries:
        entry.findings.extend(entry.document.findings)
        if not entry.is_link:
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
