"""The JSON Schema of a process file, with the Danish label and help text of every field.

Editors (VS Code's YAML extension, IntelliJ) show ``title``/``description`` on hover and
``enumDescriptions`` next to each allowed value.
"""

from __future__ import annotations

from typing import Any

from generator.model import enums
from generator.model.process import Process

SCHEMA_ID = "https://autoproces.github.io/schema/process.schema.json"


def process_json_schema() -> dict[str, Any]:
    schema = Process.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "Procesbeskrivelse"
    schema["description"] = (
        "En arbejdsgang med automatiseringspotentiale i det fælles katalog. Én fil pr. proces i "
        "processes/<organisation>/<kortnavn>.yaml."
    )
    by_name = {e.__name__: e for e in enums.ALL_ENUMS}
    for name, definition in schema.get("$defs", {}).items():
        enum_cls = by_name.get(name)
        if enum_cls and "enum" in definition:
            labels = enum_cls.labels()
            definition["enumDescriptions"] = [labels[v] for v in definition["enum"]]
            definition["x-labels"] = labels
    return schema
