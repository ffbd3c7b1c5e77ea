"""Run every check over a catalogue, in a fixed order.

Per-file checks see one entry; catalogue checks see all entries (umbrellas, copies). A check
is a function that yields findings; the lists below name every check explicitly (nothing is
registered as a side effect of an import), so adding a rule family means adding it here.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from generator.catalogue import Catalogue, Entry
from generator.checks import location, partial, phase_rules, references, relations, schema, validations
from generator.checks.confidentiality import attachments, cpr, emails, html_audit, links, visibility
from generator.diagnostics import Finding
from generator.loading import Document, load_document
from generator.taxonomies import Taxonomies

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


def check_entry(entry: Entry, catalogue: Catalogue) -> None:
    """Every rule that reads only this file (and the reference lists); adds the findings to the entry."""
    entry.findings.extend(entry.document.findings)
    if not entry.is_link:
        entry.findings.extend(location.check_location(entry))
    entry.process, findings = schema.validate_document(entry.document)
    entry.findings.extend(findings)
    if entry.document.data is not None:
        for check in DOCUMENT_CHECKS:
            entry.findings.extend(check(entry, catalogue))
    if entry.process is None:
        if isinstance(entry.document.data, dict):
            entry.findings.extend(_partial_findings(entry, catalogue))
        return
    for check in PROCESS_CHECKS:
        entry.findings.extend(check(entry, catalogue))


def cross_file_findings(files: Sequence[location.Placed], facts: Sequence[relations.Facts],
                        references: Mapping[int, relations.References], taxonomies: Taxonomies,
                        locate: Callable[[int], relations.Locate] | None = None) -> dict[int, list[Finding]]:
    """The findings that depend on other files (AP015, AP301-AP307), by the file's place in ``files``.

    ``facts[i]`` is what the rules read from ``files[i]``; ``references`` holds what the files at
    those places refer to. Only these are needed from the other files, so a check of a few files
    can take them from the cache (``generator.checks.batch``). ``locate(i)`` says where a value of
    the file at ``i`` is; without it, a file with such a finding is read again to find out.
    """
    found: dict[int, list[Finding]] = defaultdict(list)
    place = {id(file): i for i, file in enumerate(files)}
    for file, finding in location.duplicate_ids(files):
        found[place[id(file)]].append(finding)
    index = {file.id: fact for file, fact in zip(files, facts)}
    for i, refs in references.items():
        where = locate(i) if locate is not None else read_again(refs.path)
        found[i].extend(relations.check_references(refs, index, taxonomies, where))
    return found


def read_again(path: Path) -> relations.Locate:
    """Where a value of the file at ``path`` is, read again when first asked (the check kept no positions)."""
    document: list[Document] = []

    def locate(where: tuple) -> tuple[int | None, int | None]:
        if not document:
            document.append(load_document(path))
        return document[0].line_column(where)

    return locate


def run_checks(catalogue: Catalogue) -> None:
    entries = catalogue.entries
    for entry in entries:
        check_entry(entry, catalogue)
    catalogue.reindex()
    facts = [relations.facts_of(entry.process) for entry in entries]
    references = {i: refs for i, entry in enumerate(entries) if (refs := relations.references_of(entry))}
    for i, findings in cross_file_findings(entries, facts, references, catalogue.taxonomies,
                                           lambda i: entries[i].document.line_column).items():
        entries[i].findings.extend(findings)
    for entry in entries:
        entry.findings.sort(key=Finding.sort_key)
