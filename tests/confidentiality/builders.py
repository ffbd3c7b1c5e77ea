"""Attachments of every allowed type, built as the programs that write them do (processes and
catalogues come from tests/support/catalogue.py)."""

from __future__ import annotations

def png_bytes() -> bytes:
    """A real 1x1 PNG image."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
            + chunk(b"IEND", b""))


def zip_bytes(members: dict[str, bytes], *, stored_first: bool = False) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members.items()):
            method = zipfile.ZIP_STORED if stored_first and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return buffer.getvalue()


OOXML_MAIN = {
    "docx": ("word/document.xml", "wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "spreadsheetml.sheet.main+xml"),
    "pptx": ("ppt/presentation.xml", "presentationml.presentation.main+xml"),
}


def ooxml_bytes(extension: str, main_type: str | None = None) -> bytes:
    part, kind = OOXML_MAIN[extension]
    content_type = "application/vnd.openxmlformats-officedocument." + (main_type or kind)
    types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/{part}" ContentType="{content_type}"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'officeDocument" Target="{part}"/></Relationships>')
    return zip_bytes({"[Content_Types].xml": types.encode(), "_rels/.rels": rels.encode(),
                      part: b'<?xml version="1.0" encoding="UTF-8"?><document/>'})


def xlsx_bytes() -> bytes:
    """A real workbook written by openpyxl (as the site's own export is)."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "Sager pr. år"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def odf_bytes(subtype: str) -> bytes:
    """An OpenDocument file: the ``mimetype`` entry first and stored, as the specification requires."""
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                f'opendocument.{subtype}"/></manifest:manifest>')
    return zip_bytes({"mimetype": f"application/vnd.oasis.opendocument.{subtype}".encode(),
                      "META-INF/manifest.xml": manifest.encode(), "content.xml": b"<office:document-content/>"},
                     stored_first=True)


def attachment_samples() -> dict[str, bytes]:
    """One valid file per allowed extension."""
    return {
        "pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        "docx": ooxml_bytes("docx"), "xlsx": xlsx_bytes(), "pptx": ooxml_bytes("pptx"),
        "odt": odf_bytes("text"), "ods": odf_bytes("spreadsheet"),
        "csv": "Kommune;Sager\nAarhus;1.200\n".encode("utf-8"), "txt": "Trin 1: Åbn sagen.\n".encode("utf-8"),
        "png": png_bytes(), "jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "jpeg": b"\xff\xd8\xff\xdb\x00\x43\x00",
        "gif": b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "webp": b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00",
    }
