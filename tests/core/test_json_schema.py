"""The JSON Schema of a process file carries Danish titles, help texts and value labels for editors."""

from __future__ import annotations

import json

from tests.conftest import run_cli
from generator.model import PROCESS_FIELDS
from generator.model.enums import ALL_ENUMS


def schema_from_cli() -> dict:
    result = run_cli("schema")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_field_has_a_danish_title_and_description():
    schema = schema_from_cli()
    assert set(schema["properties"]) == set(PROCESS_FIELDS)
    for key, prop in schema["properties"].items():
        assert prop["title"] == PROCESS_FIELDS[key].label, key
        assert prop["description"].strip(), key
    for name in ("Person", "Link", "Attachment"):
        definition = schema["$defs"][name]
        assert definition["title"] and definition["description"]
        for key, prop in definition["properties"].items():
            assert prop["title"] and prop["description"], (name, key)
    assert schema["properties"]["status"]["title"] == "Status"  # pydantic drops a title equal to the key
    assert schema["required"] == ["title", "short_description", "municipality", "phase", "status", "visibility",
                                  "contact"]


def test_every_enumeration_lists_its_danish_labels_in_order():
    definitions = schema_from_cli()["$defs"]
    for enum_cls in ALL_ENUMS:
        definition = definitions[enum_cls.__name__]
        assert definition["enum"] == [m.value for m in enum_cls]
        assert definition["enumDescriptions"] == [m.label for m in enum_cls]
        assert definition["title"] != enum_cls.__name__ or enum_cls.__name__ == "Status"
    assert definitions["Phase"]["enumDescriptions"][6] == "I drift"


def test_the_schema_is_written_to_a_file(tmp_path):
    target = tmp_path / "process.schema.json"
    result = run_cli("schema", "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "Procesbeskrivelse"


def test_dates_are_iso_dates_in_the_schema():
    prop = schema_from_cli()["properties"]["put_into_operation"]
    assert {"format": "date", "type": "string", "formatMinimum": "1950-01-01", "formatMaximum": "2100-12-31"} \
        in prop["anyOf"]
