"""The JSON API: ``api/processes.json`` (every record) and ``api/processes/<id>.json`` (one each)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import urls
from generator.audience import PublishedProcess
from generator.files import write_text_atomic
from generator.publication import Publication


def process_record(ctx: Publication, pp: PublishedProcess) -> dict[str, Any]:
    """A process as the audience may see it, with computed figures and resolved names."""
    resolver = ctx.resolver
    process = pp.process
    record = process.model_dump(mode="json")
    updated = ctx.updated(pp)
    record.update(
        id=pp.id,
        url=ctx.absolute_url(ctx.process_url(pp)),
        yearly_value_dkk=ctx.yearly_value(pp),
        payback_years=ctx.payback(pp),
        hourly_rate_dkk=ctx.hourly_rate,
        kle_title=resolver.kle(process.kle).title if process.kle else None,
        form_title=resolver.form(process.form).title if process.form else None,
        municipality_name=resolver.municipality(process.municipality).name,
        it_systems_resolved=[_system(ctx, s) for s in process.it_systems],
        services_resolved=[_system(ctx, s) for s in process.services],
        technologies_resolved=[{"slug": s, "name": resolver.technology(s).name} for s in process.technologies],
        last_changed=updated.isoformat() if updated else None,
    )
    return record


def _system(ctx: Publication, slug: str) -> dict[str, Any]:
    named = ctx.resolver.it_system(slug)
    return {"slug": slug, "name": named.name, "vendor": named.vendor}


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
