"""The JSON API: ``api/processes.json`` (every record) and ``api/processes/<id>.json`` (one each).

Each record is encoded once: ``processes.json`` is written record by record, each record's text
indented under ``"processes"`` (JSON text holds no raw line break, so indenting it line by line gives
exactly what one ``json.dumps`` of the whole document gives). The file of each record is then cut from
``processes.json`` (:func:`write_record_files`), after the streamed exports are in place: syncing ten
thousand small files while large ones are still being written would make every sync write those too.
"""

from __future__ import annotations

import json
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from generator import urls
from generator.files import atomic_output, write_bytes_atomic
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
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False) + "\n"


def _value(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


class JsonExport:
    """``processes.json`` written record by record, and one file per record."""

    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack) -> None:
        self.ctx, self.out_dir = ctx, out_dir
        self.out = stack.enter_context(atomic_output(out_dir / urls.API_JSON))
        self.count = 0
        # The keys in sorted order, as json_text writes them: audience, count, hourly_rate_dkk, processes.
        self.out.write((f'{{\n "audience": {_value(ctx.published.audience.name)},\n'
                        f' "count": {len(ctx.published)},\n'
                        f' "hourly_rate_dkk": {_value(ctx.hourly_rate)},\n "processes": [').encode())

    def add(self, item: ExportItem) -> None:
        text = json_text(process_record(self.ctx, item.record))
        indented = "\n".join("  " + line for line in text.rstrip("\n").split("\n"))
        self.out.write(((",\n" if self.count else "\n") + indented).encode())
        self.count += 1

    def finish(self) -> None:
        assert self.count == len(self.ctx.published), "every published process is in processes.json"
        self.out.write(("\n ]\n}\n" if self.count else "]\n}\n").encode())


RECORD_START, RECORD_ENDS = "  {\n", ("  }\n", "  },\n")  # a record's first and last line in processes.json


def write_record_files(ctx: Publication, out_dir: Path) -> None:
    """``api/processes/<id>.json`` for every record, cut from ``processes.json`` and de-indented.

    Exact: a record's lines are indented by at least two spaces, and only its own first and last lines
    are exactly two spaces and a brace (everything inside is indented further); records are in id order.
    """
    ids = iter(sorted(pp.id for pp in ctx.published))
    lines: list[str] | None = None
    with (out_dir / urls.API_JSON).open(encoding="utf-8", newline="\n") as whole:
        for line in whole:
            if lines is None:
                lines = ["{\n"] if line == RECORD_START else None
            elif line in RECORD_ENDS:
                # No fsync per file: the build writes into a staging folder swapped in only when it succeeded
                # (as the pages are), and each file is cut from processes.json, which is synced.
                write_bytes_atomic(out_dir / urls.API_PROCESS_DIR / f"{next(ids)}.json",
                                   "".join([*lines, "}\n"]).encode("utf-8"), sync=False)
                lines = None
            else:
                lines.append(line[2:])
    assert next(ids, None) is None, "every published process has its own file"
