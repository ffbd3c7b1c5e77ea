"""``schema/process.schema.json``: the JSON Schema of a process file, for editors and other tools."""

from __future__ import annotations

from pathlib import Path

from generator import urls
from generator.exports.api_json import json_text
from generator.files import write_text_atomic
from generator.authoring.schema_lists import schema_with_lists
from generator.publication import Publication


def write_schema(ctx: Publication, out_dir: Path) -> None:
    """The schema with the reference lists as enums; ``$id`` is its published address when known."""
    schema = schema_with_lists(ctx.published.taxonomies, ctx.published_address(urls.SCHEMA))
    write_text_atomic(out_dir / urls.SCHEMA, json_text(schema))
