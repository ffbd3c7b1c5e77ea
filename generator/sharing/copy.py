"""``autoproces copy <id> --to <municipality>``: OS2autoproces's "Kopier proces" as a new file.

The copy belongs to the target municipality (new contact, visibility for that municipality),
points back to its source (``derived_from``) and leaves out everything that is not the source's
to give away: the fields that are never public, non-public links, attachments (their files stay
with the source), status text, the source's functional mailbox, validations, adoptions,
umbrellas and import ids, and the fields that belong to a later phase than the copy's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.catalogue import Catalogue, Entry
from generator.diagnostics import display_path
from generator.model import PROCESS_FIELDS, Phase, Visibility
from generator.process_text import process_text

# Not the source's to give away, or not true of the copy.
NOT_COPIED = frozenset(
    {key for key, info in PROCESS_FIELDS.items() if info.confidential}
    | {"status_text", "other_contact_email", "attachments", "validations", "adopted_by", "umbrellas",
       "derived_from", "os2autoproces_id", "created", "kl_id", "legal_clause_last_verified"}
)
SET_BY_COPY = ("municipality", "phase", "status", "visibility", "contact", "derived_from")


class CopyError(Exception):
    """Why a copy cannot be made, in Danish."""


@dataclass(frozen=True)
class CopyRequest:
    source_id: str
    target: str
    contact_name: str
    contact_email: str | None = None
    phase: str = Phase.IDEA.value
    visibility: str = Visibility.MUNICIPALITY.value
    slug: str | None = None


def find_source(catalogue: Catalogue, source_id: str, target: str) -> Entry:
    entry = catalogue.by_id.get(source_id)
    if entry is None:
        raise CopyError(f"Processen '{source_id}' findes ikke i kataloget. Skriv id'et som "
                        "<organisation>/<kortnavn>, fx 'odense/ansoegning-om-boligstoette'.")
    if entry.process is None or _has_errors(catalogue, entry):
        raise CopyError(f"Processen '{source_id}' har fejl; ret dem, før den kopieres (autoproces check).")
    if entry.process.municipality == target:
        raise CopyError(f"Processen '{source_id}' hører allerede til '{target}'.")
    if entry.process.visibility != Visibility.PUBLIC:
        raise CopyError(f"Processen '{source_id}' er ikke offentlig og kan kun kopieres af sin egen organisation.")
    return entry


def _has_errors(catalogue: Catalogue, entry: Entry) -> bool:
    """True when the catalogue's check reports an error in the entry's file."""
    shown = display_path(entry.path)
    return any(f.is_error and f.file == shown for f in catalogue.findings)


def copied_data(entry: Entry, request: CopyRequest) -> dict[str, Any]:
    """The new file's fields: what the source may give away, plus the copy's own values."""
    data = entry.document.data
    assert isinstance(data, dict)
    phase = Phase(request.phase)
    contact = {"name": request.contact_name, **({"email": request.contact_email} if request.contact_email else {})}
    result: dict[str, Any] = {}
    for key, value in data.items():
        info = PROCESS_FIELDS.get(key)
        if info is None or key in NOT_COPIED or key in SET_BY_COPY or value in (None, [], ""):
            continue
        if info.from_phase and not phase.at_least(Phase(info.from_phase)):
            continue
        if key == "links":
            value = [link for link in value if isinstance(link, dict) and link.get("visibility", "public") == "public"]
            if not value:
                continue
        result[key] = value
    result.update(municipality=request.target, phase=phase.value, status="not_rated",
                  visibility=request.visibility, contact=contact)
    result["derived_from"] = request.source_id
    return result


def to_yaml(data: dict[str, Any], source_id: str, schema: str | None = None) -> str:
    """The copy's text, first the schema line to ``schema`` (when known) as ``autoproces new`` writes it."""
    header = f"# Kopieret fra {source_id} med autoproces copy. Ret beskrivelsen til jeres egen organisation.\n"
    return process_text(data, header, schema)


def target_path(root: Path, entry: Entry, request: CopyRequest) -> Path:
    return root / request.target / f"{request.slug or entry.slug}.yaml"
