"""The XLSX written as its parts holds the CSV's cells; the JSON text is what ``json.dumps`` writes.

A synthetic catalogue (the benchmark's: every field, Danish text, real codes) and a few hostile
texts are exported; the workbook is read back with openpyxl and every cell compared with the CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import sys
import zipfile

import openpyxl
import pytest

from generator.exports import write_exports
from generator.exports.api_json import process_record
from generator.exports.json_encode import indented_json
from generator.exports.table import columns
from generator.exports.xlsx_cells import cell_xml
from generator.formatting import plain_number_da
from generator.model import PROCESS_FIELDS
from generator.taxonomies import load_taxonomies
from tests.conftest import ROOT
from tests.site.site_helpers import process_yaml
from tests.support import catalogue as factory

if str(ROOT / "benchmarks") not in sys.path:  # the benchmark's catalogue generator (not a package)
    sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_catalogue  # noqa: E402

HOSTILE = {
    "aarhus/formel": process_yaml('=HYPERLINK("x")', extra='long_description: "@SUM(A1)  & <b>fed</b>"\n'),
    "aarhus/fejl": process_yaml('"#N/A"', extra='long_description: "  indrykket tekst  "\n'),
    "aarhus/tal": process_yaml("-1+2", extra="time_spend_occurrences: 12345678\ntime_spend_per_occurrence: 0.1\n"
                                             "time_spend_percentage_digital: 33\ncreated: 1951-02-15\n"),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("katalog")
    lists = load_taxonomies(ROOT / "taxonomies")
    write_catalogue(folder / "processes", 60, seed=5, taxonomies=lists)
    for process_id, text in HOSTILE.items():
        factory.write(folder / "processes", f"{process_id}.yaml", text)
    ctx = factory.publication(factory.publish_folder(folder / "processes", taxonomies=lists))
    write_exports(ctx, folder / "site")
    return ctx, folder / "site"


def _as_csv(value) -> str:
    """An XLSX cell as the CSV shows the same value."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, (int, float)):
        return plain_number_da(value)
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def test_every_cell_of_the_workbook_is_the_cell_of_the_csv(exported):
    ctx, site = exported
    text = (site / "api" / "processes.csv").read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    sheet = openpyxl.load_workbook(site / "api" / "processes.xlsx")["Processer"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(max_col=len(lines[0]))]
    assert len(rows) == len(lines) == len(ctx.published) + 1 == 64
    assert rows[0] == lines[0] == [c.header for c in columns()]
    for number, (row, line) in enumerate(zip(rows[1:], lines[1:]), start=2):
        assert [_as_csv(value) for value in row] == line, f"row {number}"


def test_cells_keep_their_types_formats_and_the_sheet_its_layout(exported):
    ctx, site = exported
    book = openpyxl.load_workbook(site / "api" / "processes.xlsx")
    sheet = book["Processer"]
    header = [c.value for c in sheet[1]]
    by_id = {row[0].value: dict(zip(header, row)) for row in sheet.iter_rows(min_row=2)}
    formula = by_id["aarhus/formel"]
    assert formula["Titel"].data_type == "s" and formula["Titel"].value == '=HYPERLINK("x")'
    assert formula[PROCESS_FIELDS["long_description"].label].value == "@SUM(A1) & fed"
    assert by_id["aarhus/fejl"]["Titel"].data_type == "s" and by_id["aarhus/fejl"]["Titel"].value == "#N/A"
    assert by_id["aarhus/fejl"][PROCESS_FIELDS["long_description"].label].value == "indrykket tekst"
    numbers = by_id["aarhus/tal"]
    created = numbers[PROCESS_FIELDS["created"].label]
    assert created.is_date and created.value == dt.datetime(1951, 2, 15) and created.number_format == "yyyy-mm-dd"
    occurrences = numbers[PROCESS_FIELDS["time_spend_occurrences"].label]
    assert occurrences.value == 12345678 and occurrences.data_type == "n"
    assert numbers[PROCESS_FIELDS["time_spend_per_occurrence"].label].value == 0.1
    assert all(c.font.b for c in sheet[1]) and not any(c.font.b for c in sheet[2])
    assert sheet.freeze_panes == "C2" and sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(header))}64"
    assert [sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, len(header) + 1)] == [
        min(max(len(name), 12), 40) for name in header]
    assert book.properties.creator == "autoproces"
    dated = [ctx.record(pp).last_changed for pp in ctx.published if ctx.record(pp).last_changed]
    assert book.properties.created == book.properties.modified == dt.datetime.combine(
        max([dt.date(2000, 1, 1), *dated]), dt.time())


def test_every_zip_entry_has_the_fixed_date_and_mode(exported):
    _, site = exported
    with zipfile.ZipFile(site / "api" / "processes.xlsx") as book:
        entries = book.infolist()
        assert book.testzip() is None
    assert {(e.date_time, e.external_attr >> 16, e.compress_type) for e in entries} == {
        ((1980, 1, 1, 0, 0, 0), 0o644, zipfile.ZIP_DEFLATED)}
    assert [e.filename for e in entries] == ["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "xl/workbook.xml",
                                             "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/worksheets/sheet1.xml",
                                             "docProps/core.xml"]


def test_a_cell_is_what_openpyxl_writes_for_its_value():
    """Dates (Excel's 1900 leap day included), numbers and texts with what XML cannot hold or must escape."""
    from openpyxl.compat import safe_string
    from openpyxl.utils.datetime import to_excel

    for day in [dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1),
                dt.date(2025, 1, 3)]:
        assert cell_xml("A\x00", day) == f'<c r="A\x00" s="2" t="n"><v>{safe_string(to_excel(day))}</v></c>'
    for number in [0, -3, 12345678901234567890, 0.1 + 0.2, 1e-7, 2.5]:
        assert cell_xml("B7", number) == f'<c r="B7" t="n"><v>{safe_string(number)}</v></c>'
    assert cell_xml("C7", "a\x01b\x0b & <c> \x7f") == '<c r="C7" t="inlineStr"><is><t>ab &amp; &lt;c&gt; \x7f</t></is></c>'
    assert cell_xml("D7", " mellemrum ") == '<c r="D7" t="inlineStr"><is><t xml:space="preserve"> mellemrum </t></is></c>'
    assert cell_xml("E7", "") == '<c r="E7" t="inlineStr" />' and cell_xml("F7", None) == ""


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, allow_nan=False)


def test_the_json_text_of_every_record_is_what_json_dumps_writes(exported):
    ctx, _ = exported
    records = [process_record(ctx, ctx.record(pp)) for pp in ctx.published]
    assert [indented_json(r) for r in records] == [_dumps(r) for r in records]


@pytest.mark.parametrize("value", [
    {}, [], {"a": []}, {"b": {}, "a": [1, 2.5, -0.0, 1e300, True, False, None, "æ\u2028\"\\\n"]},
    {"z": [{"y": [[], [{}]]}]}, 10**30, "tekst", (1, 2), {"a": (1, {"b": 2})}, [{"x": 1.0, "w": "\x00"}],
])
def test_json_text_of_other_values_is_what_json_dumps_writes(value):
    assert indented_json(value) == _dumps(value)


@pytest.mark.parametrize("value", [math.nan, [math.inf], {"a": -math.inf}])
def test_json_text_refuses_what_is_not_json_as_json_dumps_does(value):
    with pytest.raises(ValueError):
        _dumps(value)
    with pytest.raises(ValueError):
        indented_json(value)


def test_keys_that_are_not_all_text_are_sorted_or_refused_as_json_dumps_does():
    assert indented_json({1: "a", 2: "b"}) == _dumps({1: "a", 2: "b"})
    with pytest.raises(TypeError):
        _dumps({1: "a", "b": 2})
    with pytest.raises(TypeError):
        indented_json({1: "a", "b": 2})
