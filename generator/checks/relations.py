"""Relations between processes: umbrellas and copies (AP3xx).

The link lives in the child's file (``umbrellas:``), so a municipality only ever edits its
own files, also when it joins a shared umbrella. The rules follow OS2autoproces: a shared
umbrella (``global_parent``) and its processes are visible to everyone, an own umbrella
(``parent``) only gathers its own municipality's processes, and an umbrella never sits under
another umbrella.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Iterable

from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, ProcessType, Visibility, key_path

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

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
    pos = entry.document.position(("visibility",))
    yield Finding.make("AP308", entry.path, pos.line, pos.column, field_key="visibility", umbrella_type=process.type.label.lower(),
                       required=required, required_key=required_key)


def _umbrella_fields(entry: "Entry") -> Iterable[Finding]:
    doc = entry.document
    if entry.process is not None and entry.process.umbrellas:
        pos = doc.position(("umbrellas",), key=True)
        yield Finding.make("AP303", doc.path, pos.line, pos.column, field_key="umbrellas")
    for key in doc.data or {}:
        if key not in UMBRELLA_FIELDS and key in PROCESS_FIELDS and key != "umbrellas":  # AP303 covers umbrellas
            pos = doc.position((key,), key=True)
            yield Finding.make("AP306", doc.path, pos.line, pos.column, label=PROCESS_FIELDS[key].label, key=key)


def check_relations(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    doc = entry.document
    index = catalogue.by_id

    if process.is_umbrella:
        yield from _umbrella_visibility(entry)
        yield from _umbrella_fields(entry)
        return

    for i, ref in enumerate(process.umbrellas):
        pos = doc.position(("umbrellas", i))
        at = {"line": pos.line, "column": pos.column, "field_key": key_path(("umbrellas", i))}
        target = index.get(ref)
        if target is None:
            umbrellas = [i for i, e in index.items() if e.process is not None and e.process.is_umbrella]
            yield Finding.make("AP301", doc.path, **at, ref=ref, suggestion=_suggest(ref, umbrellas))
            continue
        umbrella = target.process
        if umbrella is None:
            continue  # the umbrella's own file has errors; they are reported there
        if not umbrella.is_umbrella:
            yield Finding.make("AP302", doc.path, **at, ref=ref, type=umbrella.type.value)
            continue
        if umbrella.type == ProcessType.PARENT and umbrella.municipality != process.municipality:
            owner = catalogue.taxonomies["municipalities"].title(umbrella.municipality) or umbrella.municipality
            yield Finding.make("AP304", doc.path, **at, ref=ref, owner=owner)
            continue
        if umbrella.type == ProcessType.GLOBAL_PARENT and process.visibility != Visibility.PUBLIC:
            yield Finding.make("AP305", doc.path, **at, ref=ref, umbrella_type=umbrella.type.label,
                               required=PUBLIC_REQUIRED, required_key=Visibility.PUBLIC.value)
        if umbrella.type == ProcessType.PARENT and process.visibility == Visibility.PERSONAL:
            yield Finding.make("AP305", doc.path, **at, ref=ref, umbrella_type=umbrella.type.label,
                               required=MUNICIPALITY_REQUIRED, required_key=Visibility.MUNICIPALITY.value)

    if process.derived_from and process.derived_from not in index:
        pos = doc.position(("derived_from",))
        yield Finding.make("AP307", doc.path, pos.line, pos.column, field_key="derived_from", ref=process.derived_from,
                           suggestion=_suggest(process.derived_from, [i for i in index if i != entry.id]))
