"""Relations between processes: umbrellas and copies (AP3xx).

The link lives in the child's file (``umbrellas:``), so a municipality only ever edits its
own files, also when it joins a shared umbrella. The rules follow OS2autoproces: a shared
umbrella (``global_parent``) and its processes are visible to everyone, an own umbrella
(``parent``) only gathers its own municipality's processes, and an umbrella never sits under
another umbrella.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Mapping

from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, Process, ProcessType, Visibility, key_path

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry
    from generator.taxonomies import Taxonomies

# Fields an umbrella keeps (OS2autoproces saves only these for an umbrella), marked in the model.
UMBRELLA_FIELDS = frozenset(key for key, info in PROCESS_FIELDS.items() if info.umbrella)
PUBLIC_REQUIRED = f"'{Visibility.PUBLIC.label}' (public)"
MUNICIPALITY_REQUIRED = f"mindst '{Visibility.MUNICIPALITY.label}' (municipality)"


def _suggest(ref: str, ids: Iterable[str]) -> str:
    close = difflib.get_close_matches(ref, sorted(ids), n=2, cutoff=0.6)
    if close:
        return "Mente du " + " eller ".join(f"'{c}'" for c in close) + "?"
    return "Skriv id'et som <organisation>/<filnavn uden .yaml>, fx 'aarhus/sagsbehandling'."


def _umbrella_visibility(entry: "Entry") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    if process.type == ProcessType.GLOBAL_PARENT and process.visibility != Visibility.PUBLIC:
        required, required_key = PUBLIC_REQUIRED, Visibility.PUBLIC.value
    elif process.type == ProcessType.PARENT and process.visibility == Visibility.PERSONAL:
        required, required_key = MUNICIPALITY_REQUIRED, Visibility.MUNICIPALITY.value
    else:
        return
    line, column = entry.document.line_column(("visibility",))
    yield Finding.make("AP308", entry.path, line, column, field_key="visibility", umbrella_type=process.type.label.lower(),
                       required=required, required_key=required_key)


def _umbrella_fields(entry: "Entry") -> Iterable[Finding]:
    doc = entry.document
    if entry.process is not None and entry.process.umbrellas:
        line, column = doc.line_column(("umbrellas",), key=True)
        yield Finding.make("AP303", doc.path, line, column, field_key="umbrellas")
    for key in doc.data or {}:
        if key not in UMBRELLA_FIELDS and key in PROCESS_FIELDS and key != "umbrellas":  # AP303 covers umbrellas
            line, column = doc.line_column((key,), key=True)
            yield Finding.make("AP306", doc.path, line, column, label=PROCESS_FIELDS[key].label, key=key)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the rules of other files read from a process file: kept in the check's cache by content hash."""

    valid: bool  # the file passed the schema
    type: str | None = None  # ProcessType value
    municipality: str | None = None

    @property
    def is_umbrella(self) -> bool:
        return self.type in (ProcessType.PARENT.value, ProcessType.GLOBAL_PARENT.value)


INVALID = Facts(valid=False)


def facts_of(process: Process | None) -> Facts:
    if process is None:
        return INVALID
    return Facts(valid=True, type=process.type.value, municipality=process.municipality)


# Where a value of the file is: (line, column) of a path into its data (``Document.line_column``).
Locate = Callable[[tuple], "tuple[int | None, int | None]"]


@dataclass(frozen=True, slots=True)
class References:
    """The other processes a process file names (umbrellas, derived_from).

    Their positions are looked up (``Locate``) only for a reference that has a finding, so a file
    without one is never asked where anything in it is.
    """

    path: Path
    id: str
    municipality: str
    visibility: Visibility
    umbrellas: tuple[str, ...]
    derived_from: str | None


def references_of(entry: "Entry") -> References | None:
    """What ``entry`` refers to; None for an umbrella or a file that did not pass the schema."""
    process = entry.process
    if process is None or process.is_umbrella:
        return None
    return References(entry.document.path, entry.id, process.municipality, process.visibility,
                      tuple(process.umbrellas), process.derived_from)


def check_relations(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    """The rules an umbrella's own file must follow (the references are judged by :func:`check_references`)."""
    process = entry.process
    assert process is not None
    if process.is_umbrella:
        yield from _umbrella_visibility(entry)
        yield from _umbrella_fields(entry)


def check_references(refs: References, index: Mapping[str, Facts], taxonomies: "Taxonomies",
                     locate: Locate) -> Iterable[Finding]:
    """AP301-AP305 and AP307 for the umbrellas and copies a file names, judged by the facts of every file."""
    for i, ref in enumerate(refs.umbrellas):
        target = index.get(ref)
        if target is not None and not target.valid:
            continue  # the umbrella's own file has errors; they are reported there
        found = _umbrella_reference(refs, ref, target, index, taxonomies)
        if found:
            line, column = locate(("umbrellas", i))
            yield from (Finding.make(rule, refs.path, line, column, field_key=key_path(("umbrellas", i)), ref=ref,
                                     **params) for rule, params in found)
    if refs.derived_from and refs.derived_from not in index:
        line, column = locate(("derived_from",))
        yield Finding.make("AP307", refs.path, line, column, field_key="derived_from", ref=refs.derived_from,
                           suggestion=_suggest(refs.derived_from, [i for i in index if i != refs.id]))


def _umbrella_reference(refs: References, ref: str, umbrella: Facts | None, index: Mapping[str, Facts],
                        taxonomies: "Taxonomies") -> list[tuple[str, dict]]:
    """(rule, parameters) of what is wrong with naming ``ref`` as an umbrella (a valid file or none)."""
    if umbrella is None:
        umbrellas = [i for i, facts in index.items() if facts.is_umbrella]
        return [("AP301", {"suggestion": _suggest(ref, umbrellas)})]
    kind = ProcessType(umbrella.type)
    if not umbrella.is_umbrella:
        return [("AP302", {"type": kind.value})]
    if kind == ProcessType.PARENT and umbrella.municipality != refs.municipality:
        owner = taxonomies["municipalities"].title(umbrella.municipality) or umbrella.municipality
        return [("AP304", {"owner": owner})]
    found = []
    if kind == ProcessType.GLOBAL_PARENT and refs.visibility != Visibility.PUBLIC:
        found.append(("AP305", {"umbrella_type": kind.label, "required": PUBLIC_REQUIRED,
                                "required_key": Visibility.PUBLIC.value}))
    if kind == ProcessType.PARENT and refs.visibility == Visibility.PERSONAL:
        found.append(("AP305", {"umbrella_type": kind.label, "required": MUNICIPALITY_REQUIRED,
                                "required_key": Visibility.MUNICIPALITY.value}))
    return found
