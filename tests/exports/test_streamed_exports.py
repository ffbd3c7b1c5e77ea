"""The exports written in one pass over the records: exact JSON, CSV lines, XLSX cells and feed entries.

The catalogue lives in a real git repository (its commits date the records and fill the feed); the
XLSX is opened with openpyxl and read cell by cell.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

from generator.exports import STREAMED, write_exports
from generator.exports.api_json import json_text
from generator.exports.stream import stream_exports
from generator.exports.table import columns
from generator.history import load_history
from generator.history_filter import redact
from generator.model import PROCESS_FIELDS
from generator.publication import Publication
from tests.confidentiality.test_history_rule import Repo
from tests.site.site_helpers import SITE_LISTS, process_yaml
from tests.support import catalogue as factory

ATOM = "{http://www.w3.org/2005/Atom}"
SITE_NAME = "Fælles katalog over automatiseringer"
FIGURES = """\
time_spend_occurrences: 1200
time_spend_per_occurrence: 7.5
time_spend_percentage_digital: 50
kle: "32.18.00"
it_systems: [kmd-nexus]
"""


def _publication(tmp_path: Path, files: dict[str, str]) -> Publication:
    return factory.publication(factory.published(files, taxonomies=SITE_LISTS, folder=tmp_path / "processes"))


def _label(key: str) -> str:
    return PROCESS_FIELDS[key].label


@pytest.fixture
def lived(tmp_path) -> Publication:
    """Two processes committed on 2025-01-01 and 2025-01-02, the first changed again on 2025-01-03."""
    repo = Repo(tmp_path / "repo")
    first, second = "processes__aarhus__borgerservice.yaml", "processes__odense__faktura.yaml"
    repo.commit("Borgerservice oprettet", **{first: process_yaml("Borgerservice", extra=FIGURES)})
    repo.commit("Fakturaer oprettet", **{second: process_yaml("Fakturaer", municipality="odense")})
    repo.commit("Tal rettet", **{first: process_yaml("Borgerservice", extra=FIGURES.replace("1200", "1300"))})
    root = repo.path / "processes"
    published = factory.publish_folder(root, taxonomies=SITE_LISTS)
    history = redact(load_history([root], [pp.path for pp in published]), published)
    return Publication(published=published, history=history, site_name=SITE_NAME)


def test_processes_json_is_the_one_document_of_every_record_file(lived, tmp_path):
    write_exports(lived, tmp_path / "out")
    api = tmp_path / "out" / "api"
    records = [json.loads((api / "processes" / f"{pid}.json").read_text(encoding="utf-8"))
               for pid in ("aarhus/borgerservice", "odense/faktura")]
    whole = {"audience": "public", "count": 2, "hourly_rate_dkk": 450.0, "processes": records}
    assert (api / "processes.json").read_text(encoding="utf-8") == json_text(whole)
    assert records[0]["time_spend_occurrences"] == 1300
    assert records[0]["expected_hours_freed_per_year"] == 81.25
    assert records[0]["yearly_value_dkk"] == 36562.5
    assert records[0]["last_changed"] == "2025-01-03"
    assert records[0]["kle_title"] == "Sygedagpenge i almindelighed"
    assert records[0]["it_systems_resolved"] == [{"slug": "kmd-nexus", "name": "KMD Nexus", "vendor": "KMD A/S"}]
    assert records[1]["municipality_name"] == "Odense Kommune"


def test_an_empty_catalogue_gives_the_same_json_document_as_before(tmp_path):
    ctx = _publication(tmp_path, {})
    write_exports(ctx, tmp_path / "out")
    expected = json_text({"audience": "public", "count": 0, "hourly_rate_dkk": 450.0, "processes": []})
    assert (tmp_path / "out" / "api" / "processes.json").read_text(encoding="utf-8") == expected
    lines = (tmp_path / "out" / "api" / "processes.csv").read_bytes().split(b"\r\n")
    assert lines[0].startswith(b"\xef\xbb\xbfId;Titel;") and lines[1:] == [b""]


def _csv_rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))


def test_csv_has_one_exact_line_per_process(lived, tmp_path):
    write_exports(lived, tmp_path / "out")
    raw = (tmp_path / "out" / "api" / "processes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.endswith(b"\r\n") and raw.count(b"\r\n") == 3
    header, *body = _csv_rows(tmp_path / "out" / "api" / "processes.csv")
    assert header == [c.header for c in columns()]
    cell = {name: [row[header.index(name)] for row in body] for name in header}
    assert cell["Id"] == ["aarhus/borgerservice", "odense/faktura"]
    assert cell[_label("title")] == ["Borgerservice", "Fakturaer"]
    assert cell[_label("municipality")] == ["Aarhus Kommune", "Odense Kommune"]
    assert cell[_label("time_spend_per_occurrence")] == ["7,5", ""]
    assert cell[_label("it_systems")] == ["KMD Nexus", ""]
    assert cell["KLE-titel"] == ["Sygedagpenge i almindelighed", ""]
    assert cell[_label("phase")] == ["Idé", "Idé"]


def test_streamed_xlsx_opens_with_the_same_cells_types_and_sheet_layout(lived, tmp_path):
    write_exports(lived, tmp_path / "out")
    workbook = openpyxl.load_workbook(tmp_path / "out" / "api" / "processes.xlsx")
    assert workbook.sheetnames == ["Processer"]
    assert workbook.properties.creator == "autoproces"
    assert workbook.properties.modified == dt.datetime(2025, 1, 3)
    sheet = workbook["Processer"]
    header = [c.value for c in sheet[1]]
    assert header == [c.header for c in columns()]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "C2"
    last = openpyxl.utils.get_column_letter(len(header))
    assert sheet.auto_filter.ref == f"A1:{last}3"
    assert sheet.column_dimensions["A"].width == 12
    assert sheet.max_row == 3
    first = {name: cell for name, cell in zip(header, sheet[2])}
    assert first["Id"].value == "aarhus/borgerservice" and first["Id"].data_type == "s"
    assert first[_label("time_spend_occurrences")].value == 1300
    assert first[_label("time_spend_per_occurrence")].value == 7.5
    changed = first["Sidst ændret"]
    assert changed.is_date and changed.value == dt.datetime(2025, 1, 3) and changed.number_format == "yyyy-mm-dd"
    assert [c.value for c in sheet[3]][:2] == ["odense/faktura", "Fakturaer"]


def test_feed_entries_come_from_the_records_and_their_commits(lived, tmp_path):
    write_exports(lived, tmp_path / "out")
    feed = ET.parse(tmp_path / "out" / "feed.xml").getroot()
    assert feed.find(f"{ATOM}updated").text == "2025-01-03T10:00:00+01:00"
    entries = [{child.tag.removeprefix(ATOM): (child.text or "").strip() or dict(child.attrib) for child in entry}
               for entry in feed.findall(f"{ATOM}entry")]
    assert entries == [
        {"title": "Borgerservice (Aarhus Kommune)", "id": "tag:autoproces.github.io,2025:processer/aarhus/borgerservice/",
         "link": {"rel": "alternate", "type": "text/html", "href": "processer/aarhus/borgerservice/"},
         "updated": "2025-01-03T10:00:00+01:00", "published": "2025-01-01T10:00:00+01:00",
         "author": {}, "category": {"term": "idea", "label": "Idé"}, "summary": "Kort resumé af processen.",
         "content": "Seneste ændringer:\n2025-01-03: Tal rettet\n2025-01-01: Borgerservice oprettet"},
        {"title": "Fakturaer (Odense Kommune)", "id": "tag:autoproces.github.io,2025:processer/odense/faktura/",
         "link": {"rel": "alternate", "type": "text/html", "href": "processer/odense/faktura/"},
         "updated": "2025-01-02T10:00:00+01:00", "published": "2025-01-02T10:00:00+01:00",
         "author": {}, "category": {"term": "idea", "label": "Idé"}, "summary": "Kort resumé af processen.",
         "content": "Seneste ændringer:\n2025-01-02: Fakturaer oprettet"},
    ]
    authors = [entry.find(f"{ATOM}author/{ATOM}name").text for entry in feed.findall(f"{ATOM}entry")]
    assert authors == ["Aarhus Kommune", "Odense Kommune"]


def test_feed_keeps_the_fifty_newest_of_more(tmp_path):
    files = {f"aarhus/p{n:02d}": process_yaml(f"Proces {n}", extra=f"created: 2025-{1 + n // 28:02d}-{1 + n % 28:02d}\n")
             for n in range(53)}
    write_exports(_publication(tmp_path, files), tmp_path / "out")
    feed = ET.parse(tmp_path / "out" / "feed.xml").getroot()
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert links == [f"processer/aarhus/p{n:02d}/" for n in range(52, 2, -1)]
    assert feed.find(f"{ATOM}entry/{ATOM}updated").text == "2025-02-25T00:00:00+00:00"


def test_two_builds_write_the_same_bytes(lived, tmp_path):
    write_exports(lived, tmp_path / "one")
    write_exports(lived, tmp_path / "two")
    names = sorted(p.relative_to(tmp_path / "one").as_posix() for p in (tmp_path / "one").rglob("*") if p.is_file())
    assert names == ["api/inputs.sha256", "api/processes.csv", "api/processes.json",
                                             "api/processes.xlsx", "api/processes/aarhus/borgerservice.json",
                                             "api/processes/odense/faktura.json", "feed.xml",
                                             "schema/process.schema.json"]
    for name in names:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


class _FailsAtTheSecond:
    def __init__(self, ctx, out_dir, stack):
        self.seen = 0

    def add(self, item):
        self.seen += 1
        if self.seen == 2:
            raise RuntimeError("the disk is full")

    def finish(self):
        pass


def test_an_error_half_way_leaves_the_previous_exports_and_no_temporary_file(lived, tmp_path):
    out = tmp_path / "out"
    write_exports(lived, out)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(RuntimeError, match="the disk is full"):
        stream_exports(lived, out, (*STREAMED, _FailsAtTheSecond))
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_a_text_that_looks_like_the_end_of_a_record_stays_in_its_record(tmp_path):
    tricky = 'long_description: "Slut\\n  },\\n  {\\n  }\\n"\n'
    ctx = _publication(tmp_path, {"aarhus/a": process_yaml("A", extra=tricky), "aarhus/b": process_yaml("B")})
    write_exports(ctx, tmp_path / "out")
    api = tmp_path / "out" / "api"
    first = json.loads((api / "processes" / "aarhus" / "a.json").read_text(encoding="utf-8"))
    assert first["long_description"] == "Slut\n  },\n  {\n  }"
    whole = json.loads((api / "processes.json").read_text(encoding="utf-8"))
    assert [json_text(r) for r in whole["processes"]] == [
        (api / "processes" / "aarhus" / f"{name}.json").read_text(encoding="utf-8") for name in ("a", "b")]
