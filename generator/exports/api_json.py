"""The JSON API: ``api/processes.json`` (every record) and ``api/processes/<id>.json`` (one each)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import urls
from generator.audience import PublishedProcess
from generator.files import write_text_atomic
from generator.model import PROCESS_FIELDS
from generator.checks.validations import validation_count
from generator.publication import Publication
from generator.resolve import Named


def process_record(ctx: Publication, pp: PublishedProcess) -> dict[str, Any]:
    """A process as the audience may see it, with computed figures and resolved names.

    Beside every field of codes from a reference list: ``<key>_title`` for a hierarchical code
    (KLE, FORM), ``<key>_name`` for one slug and ``<key>_resolved`` for a list of slugs.
    """
    record = ctx.record(pp)
    data = pp.process.model_dump(mode="json")
    data.update(
        id=pp.id,
        url=ctx.absolute_url(record.url),
        yearly_value_dkk=record.yearly_value_dkk,
        payback_years=record.payback_years,
        hourly_rate_dkk=ctx.hourly_rate,
        last_changed=record.last_changed.isoformat() if record.last_changed else None,
        validation_count=validation_count(pp.process),
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


def write_json(ctx: Publication, out_dir: Path) -> None:
    records = [process_record(ctx, pp) for pp in sorted(ctx.published, key=lambda p: p.id)]
    document = {
        "audience": ctx.published.audience.name,
        "count": len(records),
        "hourly_rate_dkk": ctx.hourly_rate,
        "processes": records,
    }
    write_text_atomic(out_dir / urls.API_JSON, json_text(document))
    for record in records:
        write_text_atomic(out_dir / urls.API_PROCESS_DIR / f"{record['id']}.json", json_text(record))
