"""The static API: every export parses, has Danish headings, one row per process, and is deterministic."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import openpyxl
import pytest

from generator.model import PROCESS_FIELDS, Level
from generator.model.derived import yearly_value_dkk
from generator.exports import write_exports
from tests.site.site_helpers import SITE_LISTS, process_yaml
from tests.support import catalogue as factory

ROUTINE = PROCESS_FIELDS["level_of_routine_work_reduction"].label
ROI = PROCESS_FIELDS["evaluated_level_of_roi"].label
ATOM = "{http://www.w3.org/2005/Atom}"


def test_processes_json_holds_every_published_process_with_computed_values(site_root, example_published):
    data = json.loads((site_root / "api" / "processes.json").read_text(encoding="utf-8"))
    records = {r["id"]: r for r in data["processes"]}
    assert set(records) == {pp.id for pp in example_published}
    assert data["count"] == len(records)
    for pp in example_published:
        record = records[pp.id]
        assert record["url"] == f"processer/{pp.id}/"
        assert record["title"] == pp.process.title
        assert record["expected_hours_freed_per_year"] == pp.process.expected_hours_freed_per_year
        assert record["yearly_value_dkk"] == yearly_value_dkk(pp.process, 450)
        if pp.process.expected_hours_freed_per_year is not None:
            assert record["yearly_value_dkk"] == pytest.approx(pp.process.expected_hours_freed_per_year * 450, abs=2.5)
        assert record["municipality_name"]
        assert "internal_notes" not in record or record["internal_notes"] is None
        single = json.loads((site_root / "api" / "processes" / f"{pp.id}.json").read_text(encoding="utf-8"))
        assert single == record


def test_resolved_names_are_in_the_json(site_root, example_published):
    data = json.loads((site_root / "api" / "processes.json").read_text(encoding="utf-8"))
    with_kle = [r for r in data["processes"] if r["kle"]]
    assert with_kle and all(r["kle_title"] for r in with_kle), "the example KLE codes all have titles"
    with_systems = [r for r in data["processes"] if r["it_systems"]]
    assert with_systems
    assert all(item["name"] for r in with_systems for item in r["it_systems_resolved"])


def test_csv_opens_in_danish_excel(site_root, example_published):
    raw = (site_root / "api" / "processes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM so Excel reads æ, ø, å"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Id", "Titel", "Resumé"]
    assert len(body) == len(example_published)
    assert len(set(header)) == len(header)
    hours = header.index(PROCESS_FIELDS["time_spend_per_occurrence"].label)
    assert any("," in row[hours] for row in body), "decimals are written with a comma"


def test_xlsx_has_danish_headings_one_row_per_process_and_unswapped_assessments(site_root, example_published):
    workbook = openpyxl.load_workbook(site_root / "api" / "processes.xlsx", read_only=True)
    assert workbook.sheetnames == ["Processer"]
    rows = list(workbook["Processer"].iter_rows(values_only=True))
    header, body = list(rows[0]), rows[1:]
    assert header[:2] == ["Id", "Titel"]
    assert ROUTINE in header and ROI in header
    assert len(body) == len(example_published)
    by_id = {pp.id: pp.process for pp in example_published}
    for row in body:
        process = by_id[row[0]]
        routine, roi = row[header.index(ROUTINE)], row[header.index(ROI)]
        assert routine == (process.level_of_routine_work_reduction.label if process.level_of_routine_work_reduction else None)
        assert roi == (process.evaluated_level_of_roi.label if process.evaluated_level_of_roi else None)


def test_schema_and_feed_parse(site_root, example_published):
    schema = json.loads((site_root / "schema" / "process.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Procesbeskrivelse"
    feed = ET.parse(site_root / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    ids = {pp.id for pp in example_published}
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert href.removeprefix("processer/").rstrip("/") in ids
        assert entry.find(f"{ATOM}updated").text


ASSESSED = """\
level_of_routine_work_reduction: very_low
evaluated_level_of_roi: very_high
time_spend_occurrences: 1200
time_spend_per_occurrence: 7.5
time_spend_percentage_digital: 50
long_description: |
  **Fed** tekst med <script>alert(1)</script> og et [link](https://example.org).
"""


def test_assessment_columns_are_each_under_their_own_heading(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/vurderet": process_yaml(extra=ASSESSED)})
    write_exports(factory.publication(published), tmp_path / "site")
    sheet = openpyxl.load_workbook(tmp_path / "site" / "api" / "processes.xlsx")["Processer"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert row[header.index(ROUTINE)] == Level.VERY_LOW.label
    assert row[header.index(ROI)] == Level.VERY_HIGH.label
    description = row[header.index(PROCESS_FIELDS["long_description"].label)]
    assert description == "Fed tekst med og et link."
    assert row[header.index("Forventet årligt effektiviseringspotentiale (timer)")] == 75.0


def test_spreadsheet_cells_never_become_formulas(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/formel": process_yaml(title="=HYPERLINK(\"x\")")})
    write_exports(factory.publication(published), tmp_path / "site")
    sheet = openpyxl.load_workbook(tmp_path / "site" / "api" / "processes.xlsx")["Processer"]
    cell = sheet.cell(row=2, column=2)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("x")'
    text = (tmp_path / "site" / "api" / "processes.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1][1] == "'=HYPERLINK(\"x\")"


def test_exports_are_deterministic(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={"aarhus/a": process_yaml(extra=ASSESSED), "odense/b": process_yaml(
        municipality="odense", title="Anden proces")})
    ctx = factory.publication(published)
    write_exports(ctx, tmp_path / "one")
    write_exports(ctx, tmp_path / "two")
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert len(files) >= 7
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_private_process_never_reaches_a_public_export(tmp_path):
    published = factory.published(taxonomies=SITE_LISTS, folder=tmp_path / "processes", processes={
        "aarhus/offentlig": process_yaml(title="Offentlig proces", extra="internal_notes: Hemmelig note\n"),
        "aarhus/intern": process_yaml(title="Intern proces", visibility="municipality"),
    })
    write_exports(factory.publication(published), tmp_path / "site")
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file() and path.suffix in (".json", ".csv", ".xml"):
            text = path.read_text(encoding="utf-8-sig")
            assert "Intern proces" not in text and "Hemmelig note" not in text, path
    assert not (tmp_path / "site" / "api" / "processes" / "aarhus" / "intern.json").exists()


def _not_json(name: str) -> None:
    raise ValueError(f"{name} is not valid JSON")


def test_every_exported_json_file_parses_with_a_strict_parser(site_root):
    """No Infinity, NaN or -Infinity anywhere (no JSON parser but Python's accepts them)."""
    files = sorted(site_root.rglob("*.json"))
    assert len(files) > 20
    for path in files:
        json.loads(path.read_text(encoding="utf-8"), parse_constant=_not_json)
