"""``autoproces copy <id> --to <municipality>``: OS2autoproces's "Kopier proces" as a new file.

The copy belongs to the target municipality (new contact, visibility for that municipality),
points back to its source (``derived_from``) and leaves out everything that is not the source's
to give away: the fields that are never public, non-public links, attachments (their files stay
with the source), status text, the source's functional mailbox, validations, adoptions,
umbrellas and import ids, and the fields that belong to a later phase than the copy's.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from generator.authoring.address import modeline
from generator.catalogue import Catalogue, Entry
from generator.model import PROCESS_FIELDS, Phase, Visibility

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
    if entry.process is None or entry.has_errors:
        raise CopyError(f"Processen '{source_id}' har fejl; ret dem, før den kopieres (autoproces check).")
    if entry.process.municipality == target:
        raise CopyError(f"Processen '{source_id}' hører allerede til '{target}'.")
    if entry.process.visibility != Visibility.PUBLIC:
        raise CopyError(f"Processen '{source_id}' er ikke offentlig og kan kun kopieres af sin egen organisation.")
    return entry


def copied_data(entry: Entry, request: CopyRequest) -> dict[str, Any]:
    """The new file's fields, in the source's order, with the copy's own values first."""
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
        if key == "short_description":
            result.update(municipality=request.target, phase=phase.value, status="not_rated",
                          visibility=request.visibility, contact=contact)
    result.update({k: v for k, v in (("municipality", request.target), ("phase", phase.value),
                                      ("status", "not_rated"), ("visibility", request.visibility),
                                      ("contact", contact)) if k not in result})
    result["derived_from"] = request.source_id
    return result


def _yaml_value(value: Any) -> Any:
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value if value.endswith("\n") else value + "\n")
    if isinstance(value, dict):
        mapping = CommentedMap()
        for key, item in value.items():
            mapping[key] = _yaml_value(item)
        return mapping
    if isinstance(value, list):
        seq = CommentedSeq(_yaml_value(item) for item in value)
        if all(isinstance(item, (str, int, float)) and "\n" not in str(item) for item in value):
            seq.fa.set_flow_style()
        return seq
    return value


def to_yaml(data: dict[str, Any], source_id: str, schema: str | None = None) -> str:
    """The copy's text, first the schema line to ``schema`` (when known) as ``autoproces new`` writes it."""
    yaml = YAML()
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never fold a line: the file is edited by people
    out = io.StringIO()
    out.write(modeline(schema))
    out.write(f"# Kopieret fra {source_id} med autoproces copy. Ret beskrivelsen til jeres egen organisation.\n")
    yaml.dump(_yaml_value(data), out)
    return out.getvalue()


def target_path(root: Path, entry: Entry, request: CopyRequest) -> Path:
    return root / request.target / f"{request.slug or entry.slug}.yaml"
