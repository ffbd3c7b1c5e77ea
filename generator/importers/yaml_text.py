"""A mapped process as the text of a process file: fields in the model's order, sections apart.

The text is deterministic (the same fields give the same bytes), so a second import of unchanged
data leaves every file byte for byte as it was. Multi-line texts are literal blocks, lists of
names are one line, codes are quoted where YAML would read them as numbers.
"""

from __future__ import annotations

from typing import Any

from generator.process_text import process_text

HEADER = ("# Procesbeskrivelse i det fælles katalog. Felterne er beskrevet i schema/process.schema.json.\n"
          "# Importeret fra OS2autoproces (id {id}); en ny import af samme id opdaterer denne fil.\n")


def render(fields: dict[str, Any], source_id: int, schema: str | None = None) -> str:
    """The file's text, first the schema line to ``schema`` (when known) as ``autoproces new`` writes it."""
    return process_text(fields, HEADER.format(id=source_id), schema)
