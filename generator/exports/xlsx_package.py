"""``api/processes.xlsx`` written as its parts: one sheet streamed into a zip with fixed dates.

The workbook has the parts a spreadsheet needs and no more: content types, relationships, document
properties (creator "autoproces", created and modified on the day of the newest change in the
catalogue), the workbook with one sheet and its filter range, the styles (normal, bold headings, the
``yyyy-mm-dd`` date format) and the sheet: bold headings in row 1, fixed column widths, panes frozen
at ``C2`` and a filter over every row. Every zip entry carries the same date (1980-01-01) and mode,
so the same catalogue gives the same bytes, whatever the clock and the umask say. The sheet is
compressed in pieces of rows (``generator.exports.zip_writer``), so an incremental build copies the
pieces of unchanged rows from the previous workbook (``generator.exports.spreadsheets``).
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from typing import BinaryIO

from generator.exports.xlsx_cells import BOLD, RowWriter, column_letter, placed_row
from generator.exports.zip_writer import ZipWriter, compress_piece

SHEET_NAME = "Processer"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_PART = "xl/worksheets/sheet1.xml"

CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
    '<Default Extension="xml" ContentType="application/xml" />'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml" />'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml" />'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml" />'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml" />'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml" /></Types>')
PACKAGE_RELATIONSHIPS = (
    f'<Relationships xmlns="{RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{DOCUMENT}/officeDocument" Target="xl/workbook.xml" />'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml" />'
    f'<Relationship Id="rId3" Type="{DOCUMENT}/extended-properties" Target="docProps/app.xml" /></Relationships>')
WORKBOOK_RELATIONSHIPS = (
    f'<Relationships xmlns="{RELATIONSHIPS}">'
    f'<Relationship Id="rId1" Type="{DOCUMENT}/worksheet" Target="/{SHEET_PART}" />'
    f'<Relationship Id="rId2" Type="{DOCUMENT}/styles" Target="styles.xml" /></Relationships>')
APP = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
       '<Application>autoproces</Application></Properties>')
_FONT = '<sz val="11" /><name val="Calibri" /><family val="2" />'
_XF = 'fontId="{font}" fillId="0" borderId="0" xfId="0"'
STYLES = (
    f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd" /></numFmts>'
    f'<fonts count="2"><font>{_FONT}</font><font><b val="1" />{_FONT}</font></fonts>'
    '<fills count="2"><fill><patternFill /></fill><fill><patternFill patternType="gray125" /></fill></fills>'
    '<borders count="1"><border><left /><right /><top /><bottom /><diagonal /></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" /></cellStyleXfs>'
    f'<cellXfs count="3"><xf numFmtId="0" {_XF.format(font=0)} />'  # 0: normal
    f'<xf numFmtId="0" {_XF.format(font=1)} applyFont="1" />'  # 1 (BOLD): the headings
    f'<xf numFmtId="164" {_XF.format(font=0)} applyNumberFormat="1" /></cellXfs>'  # 2 (DATE)
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" /></cellStyles>'
    '<dxfs count="0" /><tableStyles count="0" /></styleSheet>')


def _core(stamp: dt.date) -> str:
    when = f"{stamp.isoformat()}T00:00:00Z"
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>autoproces</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>')


def _workbook(filtered: str) -> str:
    return (f'<workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT}"><workbookPr /><bookViews><workbookView activeTab="0" />'
            f'</bookViews><sheets><sheet name="{SHEET_NAME}" sheetId="1" state="visible" r:id="rId1" /></sheets>'
            f'<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
            f"'{SHEET_NAME}'!{filtered}</definedName></definedNames>"
            '<calcPr calcId="124519" fullCalcOnLoad="1" /></workbook>')


def _absolute(cells: str) -> str:
    """``A1:BY3`` -> ``$A$1:$BY$3``."""
    return re.sub(r"([A-Z]+)([0-9]+)", r"$\1$\2", cells)


def _sheet_start(headers: list[str]) -> str:
    widths = "".join(f'<col min="{index}" max="{index}" width="{min(max(len(header), 12), 40)}" customWidth="1" />'
                     for index, header in enumerate(headers, start=1))
    return (f'<worksheet xmlns="{MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1" /><pageSetUpPr />'
            '</sheetPr><sheetViews><sheetView workbookViewId="0"><pane xSplit="2" ySplit="1" topLeftCell="C2" '
            'activePane="bottomRight" state="frozen" /><selection pane="topRight" /><selection pane="bottomLeft" />'
            '<selection pane="bottomRight" activeCell="A1" sqref="A1" /></sheetView></sheetViews>'
            f'<sheetFormatPr baseColWidth="8" defaultRowHeight="15" /><cols>{widths}</cols><sheetData>')


def _sheet_end(filtered: str) -> str:
    return (f'</sheetData><autoFilter ref="{filtered}" />'
            '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5" /></worksheet>')


class SheetWriter:
    """The workbook of one sheet, ``rows`` rows below the headings, written into ``out`` in pieces.

    The rows come in groups (:meth:`add_rows`), each compressed as one piece of the sheet
    (``generator.exports.zip_writer``), or as a piece the previous build compressed (:meth:`add_piece`,
    copied as it is). :attr:`pieces` says where each piece of rows went: its place in the file, its
    compressed length, its size and CRC-32, for the next build to copy.
    """

    def __init__(self, out: BinaryIO, headers: list[str], rows: int) -> None:
        self.rows_expected, self.placed = rows, 1
        self.cells = RowWriter(len(headers))
        last = column_letter(len(headers))
        self.filtered = f"A1:{last}{rows + 1}"
        self.zip = ZipWriter(out)
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", PACKAGE_RELATIONSHIPS),
                           ("docProps/app.xml", APP), ("xl/workbook.xml", _workbook(_absolute(self.filtered))),
                           ("xl/_rels/workbook.xml.rels", WORKBOOK_RELATIONSHIPS), ("xl/styles.xml", STYLES)):
            self.zip.add(name, text.encode("utf-8"))
        self.zip.begin(SHEET_PART)
        self._piece(_sheet_start(headers).encode("utf-8") + placed_row(self.cells.fragment(headers, BOLD).encode("utf-8"), 1))
        self.pieces: list[tuple[int, int, int, int]] = []  # each piece of rows: at, compressed length, size, CRC-32

    @property
    def next_row(self) -> int:
        """The number of the next row in the sheet (the headings are row 1)."""
        return self.placed + 1

    def _piece(self, data: bytes) -> tuple[int, int, int, int]:
        packed, crc = compress_piece(data), zlib.crc32(data)
        return self.zip.piece(packed, crc, len(data)), len(packed), len(data), crc

    def add_rows(self, fragments: list[bytes]) -> None:
        """The next rows, as fragments of :class:`generator.exports.xlsx_cells.RowWriter` in UTF-8."""
        first = self.placed + 1
        self.placed += len(fragments)
        self.pieces.append(self._piece(b"".join(placed_row(fragment, number)
                                                for number, fragment in enumerate(fragments, start=first))))

    def add_piece(self, packed: bytes, size: int, crc: int, rows: int) -> None:
        """The next ``rows`` rows as a piece the previous build compressed (the same rows at the same place)."""
        self.placed += rows
        self.pieces.append((self.zip.piece(packed, crc, size), len(packed), size, crc))

    def finish(self, stamp: dt.date) -> None:
        assert self.placed == self.rows_expected + 1, "every row the filter covers is in the sheet"
        self._piece(_sheet_end(self.filtered).encode("utf-8"))
        self.zip.end()
        self.zip.add("docProps/core.xml", _core(stamp).encode("utf-8"))
        self.zip.close()
