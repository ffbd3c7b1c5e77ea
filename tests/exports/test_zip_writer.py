"""The workbook's zip file: pieces of a deflate stream joined, their CRC-32 combined, read by zip readers."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import zipfile
import zlib

import openpyxl
import pytest

from generator.exports.xlsx_cells import RowWriter
from generator.exports.xlsx_package import SHEET_PART, SheetWriter
from generator.exports.zip_writer import ZipWriter, compress_piece, crc32_combine


@pytest.mark.parametrize("lengths", [(0, 0), (0, 5), (5, 0), (1, 1), (3, 1_000), (70_000, 123_457)])
def test_the_combined_crc_is_the_crc_of_the_joined_bytes(lengths):
    rng = random.Random(sum(lengths))
    first, second = (bytes(rng.getrandbits(8) for _ in range(n)) for n in lengths)
    assert crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second)) == zlib.crc32(first + second)


def test_pieces_joined_in_one_member_are_the_member_zip_reads_back():
    texts = [b"<a>" * 1000, b"", os.urandom(50_000), "æøå ÆØÅ".encode() * 300]
    out = io.BytesIO()
    writer = ZipWriter(out)
    writer.add("first.xml", b"<x/>")
    writer.begin("pieces.xml")
    for text in texts:
        writer.piece(compress_piece(text), zlib.crc32(text), len(text))
    writer.end()
    writer.add("last.xml", b"<y/>")
    writer.close()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as package:
        assert package.testzip() is None  # every member's CRC-32 and size as the directory says
        assert package.namelist() == ["first.xml", "pieces.xml", "last.xml"]
        assert package.read("pieces.xml") == b"".join(texts)
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) and info.external_attr == 0o644 << 16
                   for info in package.infolist())


def test_a_piece_copied_from_an_earlier_workbook_gives_the_same_workbook():
    headers = ["Id", "Titel"]
    cells = RowWriter(len(headers))
    rows = [cells.fragment([f"p{n}", f"Proces {n}"]).encode() for n in range(6)]

    def workbook(copy_from: SheetWriter | None = None, source: bytes = b"") -> tuple[bytes, SheetWriter]:
        out = io.BytesIO()
        sheet = SheetWriter(out, headers, len(rows))
        sheet.add_rows(rows[:2])
        if copy_from is None:
            sheet.add_rows(rows[2:5])
        else:
            at, length, size, crc = copy_from.pieces[1]
            sheet.add_piece(source[at:at + length], size, crc, 3)
        sheet.add_rows(rows[5:])
        sheet.finish(dt.date(2026, 12, 7))
        return out.getvalue(), sheet

    first, made = workbook()
    second, _ = workbook(made, first)
    assert second == first
    with zipfile.ZipFile(io.BytesIO(second)) as package:
        assert package.testzip() is None
        assert b'<row r="4">' in package.read(SHEET_PART)
    sheet = openpyxl.load_workbook(io.BytesIO(second)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == \
        [headers] + [[f"p{n}", f"Proces {n}"] for n in range(6)]
