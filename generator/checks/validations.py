"""Peer validation and reuse: ``validations:`` and ``adopted_by:`` (AP309-AP316).

A reviewer from another municipality adds ``{municipality, date, note}`` to ``validations:``
in a pull request. A validation says "this is what we reviewed", so it goes stale (AP314) when
a field that matters (:data:`FIELDS_THAT_MATTER`) changed after its date: the file as it was in
the last commit on or before that date is compared with the file as it is now. Where there is
no git history, nothing is known and nothing is reported.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Iterable

from generator.diagnostics import Finding
from generator.loading import load_bytes
from generator.model import PROCESS_FIELDS, key_path
from generator.sharing import git

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

# The fields a reviewer vouches for: the figures, the phase, systems, technologies and the
# descriptions. Defined once; the stale warning, the page and the pull-request report read it.
FIELDS_THAT_MATTER: tuple[str, ...] = (
    "phase", "short_description", "long_description", "solution_requests", "process_challenges",
    "automation_description", "it_systems", "services", "technologies", "run_period",
    "time_spend_occurrences", "time_spend_per_occurrence", "time_spend_percentage_digital",
    "time_spend_employees_doing_process", "expected_development_time", "rating",
)


def today() -> dt.date:
    return dt.date.today()


def _name(catalogue: "Catalogue", slug: str) -> str:
    return catalogue.taxonomies["municipalities"].title(slug) or slug


def _suggest(catalogue: "Catalogue", slug: str) -> str:
    close = [t.code for t in catalogue.taxonomies["municipalities"].nearest(slug)]
    if close:
        return "Mente du " + " eller ".join(f"'{c}'" for c in close) + "?"
    return "Brug organisationens kortnavn fra taxonomies/municipalities.json, fx 'odense'."


def _since(entry: "Entry", commits: list[git.Commit]) -> dt.date | None:
    """When the process entered the catalogue: ``created``, else its first commit."""
    assert entry.process is not None
    if entry.process.created:
        return entry.process.created
    return commits[-1].date if commits else None


def check_validations(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    if not process.validations and not process.adopted_by:
        return
    doc = entry.document
    known = catalogue.taxonomies.has("municipalities")

    def make(rule: str, path: tuple, **params: object) -> Finding:
        line, column = doc.line_column(path)
        return Finding.make(rule, doc.path, line, column, field_key=key_path(path), **params)

    top, commits = git.file_commits(entry.path) if process.validations else (None, [])
    since = _since(entry, commits)
    first_line: dict[str, int] = {}
    for index, validation in enumerate(process.validations):
        where = ("validations", index, "municipality")
        slug, name, date = validation.municipality, _name(catalogue, validation.municipality), validation.date
        params = dict(municipality=slug, org_name=name, date=date.isoformat())
        if slug == process.municipality:
            yield make("AP309", where, **params)
        elif known and slug not in catalogue.taxonomies["municipalities"]:
            yield make("AP313", where, value=slug, suggestion=_suggest(catalogue, slug))
        if slug in first_line:
            yield make("AP310", where, first_line=first_line[slug], **params)
        first_line.setdefault(slug, doc.line_column(where)[0])
        if date > today():
            yield make("AP311", ("validations", index, "date"), today=today().isoformat(), **params)
        elif since and date < since:
            yield make("AP312", ("validations", index, "date"), since=since.isoformat(), **params)
        elif top is not None:
            changed = changed_since(top, commits, date, doc.data)
            if changed:
                yield make("AP314", ("validations", index, "date"), fields=_fields_da(changed), **params)
    yield from _check_adopted_by(entry, catalogue, make)


def _check_adopted_by(entry: "Entry", catalogue: "Catalogue", make) -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    for index, slug in enumerate(process.adopted_by):
        if slug == process.municipality:
            yield make("AP316", ("adopted_by", index), org_name=_name(catalogue, slug))
        elif catalogue.taxonomies.has("municipalities") and slug not in catalogue.taxonomies["municipalities"]:
            yield make("AP315", ("adopted_by", index), value=slug, suggestion=_suggest(catalogue, slug))


def changed_since(top, commits: list[git.Commit], date: dt.date, current: Any) -> list[str]:
    """The fields that matter whose value differs between the version of ``date`` and ``current``."""
    validated = next((c for c in commits if c.date <= date), None)
    if validated is None or not isinstance(current, dict):
        return []
    raw = git.file_at(top, validated.commit, validated.path)
    if raw is None:
        return []
    old = load_bytes(raw, top / validated.path).data
    if not isinstance(old, dict):
        return []
    return [key for key in FIELDS_THAT_MATTER if old.get(key) != current.get(key)]


def stale_fields(path, date: dt.date, process) -> list[str]:
    """The fields that matter whose value in ``process`` differs from the file's version of ``date``.

    For outputs, which see the validated model only: the version of ``date`` is read from git and
    judged by the schema (empty without git history or when that version was not valid).
    """
    from generator.checks.schema import validate_document

    top, commits = git.file_commits(path)
    validated = next((c for c in commits if c.date <= date), None)
    raw = git.file_at(top, validated.commit, validated.path) if top is not None and validated else None
    if raw is None:
        return []
    old, _ = validate_document(load_bytes(raw, top / validated.path))
    if old is None:
        return []
    return [key for key in FIELDS_THAT_MATTER if getattr(old, key) != getattr(process, key)]


def validation_count(process) -> int:
    """How many other organisations validated the process (what pages, exports and the dashboard count)."""
    return len({v.municipality for v in process.validations if v.municipality != process.municipality})


def _fields_da(keys: list[str]) -> str:
    shown = [f"{PROCESS_FIELDS[k].label} ({k})" for k in keys]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " og " + shown[-1]
