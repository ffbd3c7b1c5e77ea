"""``schema/process.schema.json``: the JSON Schema of a process file, for editors and other tools."""

from __future__ import annotations

from pathlib import Path

from generator import urls
from generator.exports.api_json import json_text
from generator.files import write_text_atomic
from generator.model.json_schema import process_json_schema
from generator.publication import Publication


def write_schema(ctx: Publication, out_dir: Path) -> None:
    write_text_atomic(out_dir / urls.SCHEMA, json_text(process_json_schema()))
