"""The JSON API: ``api/processes.json`` (every record) and ``api/processes/<id>.json`` (one each).

Each record is encoded once (``generator.exports.json_encode``, the text ``json.dumps`` gives):
``processes.json`` is written record by record, each record's text indented under ``"processes"``
(JSON text holds no raw line break, so indenting it line by line gives exactly what one ``json.dumps``
of the whole document gives). The file of each record holds the same text, and is written as soon as
the record is made (into the build's staging folder, swapped in only when the build succeeded), so
no record's text is kept for the whole build. In an incremental build the text of a process whose
inputs did not change is copied from the previous ``processes.json`` (``generator.exports.layout``)
and its record file linked from the previous build, so neither is made again.
"""

from __future__ import annotations

import hashlib
import json
import os
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from generator import urls
from generator.exports.json_encode import indented_json
from generator.exports.layout import Layout, Spliced
from generator.files import ManyFiles, atomic_output
from generator.linked_files import Identity, PreviousSite, identity
from generator.model import PROCESS_FIELDS
from generator.checks.validations import validation_count
from generator.exports.stream import ExportItem
from generator.publication import ProcessRecord, Publication
from generator.resolve import Named


def process_record(ctx: Publication, record: ProcessRecord) -> dict[str, Any]:
    """A process as the audience may see it, with computed figures and resolved names.

    Beside every field of codes from a reference list: ``<key>_title`` for a hierarchical code
    (KLE, FORM), ``<key>_name`` for one slug and ``<key>_resolved`` for a list of slugs.
    """
    data = record.process.model_dump(mode="json")
    data.update(
        id=record.id,
        url=ctx.absolute_url(record.url),
        yearly_value_dkk=record.yearly_value_dkk,
        payback_years=record.payback_years,
        hourly_rate_dkk=ctx.hourly_rate,
        last_changed=record.last_changed.isoformat() if record.last_changed else None,
        validation_count=validation_count(record.process),
    )
    for key, named in record.references.items():
        data.update(_resolved(key, named))
    return data


def _resolved(key: str, named: tuple[Named, ...]) -> dict[str, Any]:
    info = PROCESS_FIELDS[key]
    listed = info.reference_list
    assert listed is not None
    if listed.format_hint:
        return {f"{key}_title": named[0].title if named else None} if listed.hierarchical else {}
    if not info.is_list:
        return {f"{key}_name": named[0].name if named else None}
    items = [{"slug": n.code, "name": n.name, **({"vendor": n.vendor} if listed.vendor else {})} for n in named]
    return {f"{key}_resolved": items}


def json_text(data: Any) -> str:
    """Deterministic, strict JSON: sorted keys, one space of indentation, a final newline, no NaN."""
    return indented_json(data) + "\n"


def _value(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def record_json(item: ExportItem) -> str:
    """The record's JSON text as its own file holds it, without the final newline."""
    return indented_json(process_record(item.ctx, item.record))


class JsonExport:
    """``processes.json`` written record by record, and the file of each record as it is made.

    ``previous`` (an incremental build): the record files of the previous build with their keys and
    identities (``generator.linked_files``); a record whose key is the same is linked from there when it
    is still that very file, else written. ``linked`` then holds every record file's key and identity
    for the next build's manifest. ``layout``: the previous build's layout, to copy unchanged texts from;
    :attr:`placed` says where each process's text went (place, length) and its record file's size and
    SHA-256, for the next build's layout."""

    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack, previous: PreviousSite | None = None,
                 layout: Layout | None = None) -> None:
        self.ctx, self.out_dir = ctx, out_dir
        self.previous = previous
        self.linked: list[tuple[str, str, Identity]] = []
        self.placed: list[tuple[tuple[int, int], tuple[int, str]]] = []
        self._folders: set[str] = set()
        self.out = Spliced(stack.enter_context(atomic_output(out_dir / urls.API_JSON)), layout, urls.API_JSON)
        self.count = 0
        self._files = ManyFiles(staging=True)  # out_dir is the build's staging folder
        self._folder = f"{out_dir / urls.API_PROCESS_DIR}/"
        self.written: dict[str, tuple[int, str]] = {}  # each record file's size and SHA-256, by name
        # The keys in sorted order, as json_text writes them: audience, count, hourly_rate_dkk, processes.
        self.out.write((f'{{\n "audience": {_value(ctx.published.audience.name)},\n'
                        f' "count": {len(ctx.published)},\n'
                        f' "hourly_rate_dkk": {_value(ctx.hourly_rate)},\n "processes": [').encode())

    def add(self, item: ExportItem) -> None:
        # Indented two levels under "processes" (JSON text holds no raw line break).
        joint = b",\n  " if self.count else b"\n  "
        placed = item.placed
        if placed is not None:
            text_at, text_length = self.out.copy(joint, *placed.json), placed.json[1]
        else:
            indented = item.fragment("json", record_json).replace(b"\n", b"\n  ")
            self.out.write(joint)
            text_at, text_length = self.out.write(indented), len(indented)
        self.count += 1
        name = f"{urls.API_PROCESS_DIR}/{item.record.id}.json"
        target = self._folder + item.record.id + ".json"
        linked = self._linked(name, target, item.key.hex()) if self.previous is not None else False
        if linked and placed is not None:
            file = placed.record_file
        else:
            # No fsync per file: the same text is in processes.json, which is synced.
            data = item.fragment("json", record_json) + b"\n"
            if not linked:
                self._files.write(target, data)
                if self.previous is not None and item.key:
                    self.linked.append((name, item.key.hex(), identity(os.lstat(target))))
            file = (len(data), hashlib.sha256(data).hexdigest())
        self.written[name] = file
        self.placed.append(((text_at, text_length), file))

    def _linked(self, name: str, target: str, key: str) -> bool:
        """Whether the previous build's file of this record, made from the same inputs, is now linked here."""
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        found = self.previous.link(name, key, target) if key else None
        if found is not None:
            self.linked.append((name, key, found))
        return found is not None

    def finish(self) -> None:
        assert self.count == len(self.ctx.published), "every published process is in processes.json"
        self.out.write(("\n ]\n}\n" if self.count else "]\n}\n").encode())
        self.out.close()
