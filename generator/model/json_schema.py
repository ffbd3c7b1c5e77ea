"""The JSON Schema of a process file, with the Danish label and help text of every field.

Editors (VS Code's YAML extension, IntelliJ) show ``title``/``description`` on hover and
``enumDescriptions`` next to each allowed value. Every property, nested ones included, carries
its Danish ``title`` and ``description``, and so does every enumeration and sub-object.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from generator.model import enums
from generator.model.fields import describe_fields
from generator.model.process import Attachment, Link, Person, Process


ENUM_NAMES_DA: dict[type[enums.LabelledEnum], str] = {
    enums.Phase: "Fase",
    enums.Status: "Status",
    enums.Visibility: "Synlighed",
    enums.ProcessType: "Procestype",
    enums.Domain: "Fagområde",
    enums.RunPeriod: "Skedulering",
    enums.Level: "Svar i den faglige vurdering",
    enums.ItemVisibility: "Synlighed for et link eller bilag",
}
MODELS_DA: dict[type[BaseModel], tuple[str, str]] = {
    Person: ("Person", "En person med navn og eventuelt e-mail, telefon og rolle."),
    Link: ("Link", "Et link med adresse, titel og synlighed."),
    Attachment: ("Bilag", "Et bilag i mappen 'bilag' ved siden af procesfilen, med titel og synlighed."),
}


def _label_properties(properties: dict[str, Any], model: type[BaseModel]) -> None:
    """Set ``title``/``description`` from the field metadata (pydantic drops a title equal to the key)."""
    for key, info in describe_fields(model).items():
        prop = properties.get(key)
        if prop is not None:
            prop["title"] = info.label
            prop["description"] = info.help or info.label


def _label_enum(definition: dict[str, Any], enum_cls: type[enums.LabelledEnum]) -> None:
    labels = enum_cls.labels()
    definition["title"] = ENUM_NAMES_DA[enum_cls]
    definition["description"] = "Tilladte værdier: " + ", ".join(
        f"{value} ({label})" if label else value for value, label in labels.items()) + "."
    definition["enumDescriptions"] = [labels[v] for v in definition["enum"]]
    definition["x-labels"] = labels


def _date_limits(prop: dict[str, Any]) -> None:
    """pydantic writes a date's range as ``ge``/``le``; JSON Schema names it formatMinimum/formatMaximum."""
    for item in prop.get("anyOf", [prop]):
        if item.get("format") == "date":
            for ours, theirs in (("ge", "formatMinimum"), ("le", "formatMaximum")):
                if ours in item:
                    item[theirs] = item.pop(ours)


def process_json_schema(schema_id: str | None = None) -> dict[str, Any]:
    """The schema; ``$id`` is its published address (``<site_url>schema/process.schema.json``) when known."""
    schema = Process.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if schema_id:
        schema["$id"] = schema_id
    schema["title"] = "Procesbeskrivelse"
    schema["description"] = (
        "En arbejdsgang med automatiseringspotentiale i det fælles katalog. Én fil pr. proces i "
        "processes/<organisation>/<kortnavn>.yaml."
    )
    _label_properties(schema["properties"], Process)
    for prop in schema["properties"].values():
        _date_limits(prop)
    by_name = {e.__name__: e for e in enums.ALL_ENUMS}
    models = {m.__name__: m for m in MODELS_DA}
    for name, definition in schema.get("$defs", {}).items():
        if name in by_name and "enum" in definition:
            _label_enum(definition, by_name[name])
        elif name in models:
            model = models[name]
            definition["title"], definition["description"] = MODELS_DA[model]
            _label_properties(definition.get("properties", {}), model)
    return schema
