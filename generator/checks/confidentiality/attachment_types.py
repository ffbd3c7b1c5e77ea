"""Which attachments may be published (AP512-AP514): an allow-list of document and image types.

An attachment is served from the site's own origin, so anything a browser runs or renders as a
page (``.html``, ``.svg``, ``.xml``, ``.js``, ``.md`` that mkdocs would turn into a page ...) would be
stored cross-site scripting. Only the types below are published, and each is checked by its
extension *and* its content: the magic bytes at the start of the file, and for the zip-based office
formats the zip's own declaration of what it is (``[Content_Types].xml`` for Word, Excel and
PowerPoint, the ``mimetype`` entry for OpenDocument). Text files (csv, txt) must not hold NUL bytes
or start like an HTML or XML document. The size limit is OS2autoproces's: 10 MB per attachment.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENT_LABEL = "10 MB"
_HEAD_BYTES = 64
_ZIP_MEMBER_LIMIT = 1024 * 1024  # the part of [Content_Types].xml or mimetype that is read

_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."


@dataclass(frozen=True)
class AttachmentType:
    kind: str  # Danish, for messages: "en PDF-fil"
    check: Callable[[Path, bytes], str | None]  # what is wrong with the content, or None


def _magic(*signatures: bytes) -> Callable[[Path, bytes], str | None]:
    def check(path: Path, head: bytes) -> str | None:
        return None if head.startswith(signatures) else ""
    return check


def _webp(path: Path, head: bytes) -> str | None:
    return None if head[:4] == b"RIFF" and head[8:12] == b"WEBP" else ""


# What a browser may take for a page (WHATWG MIME sniffing: the HTML and XML signatures).
_MARKUP = re.compile(rb"^\s*<(?:!doctype|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|"
                     rb"!--|\?xml|svg)(?:[\s>/]|$)", re.IGNORECASE)


def _text(path: Path, head: bytes) -> str | None:
    data = _read(path, MAX_ATTACHMENT_BYTES + 1)
    if b"\x00" in data:
        return "binære data (NUL-bytes) og ikke tekst"
    if _MARKUP.match(data.removeprefix(b"\xef\xbb\xbf")[:1024]):
        return "en HTML- eller XML-side, som en browser kan vise som en side"
    return None


def _zip_problem(path: Path, head: bytes, inspect: Callable[[zipfile.ZipFile], str | None]) -> str | None:
    """"" when the file is no ZIP archive at all, else what ``inspect`` finds wrong in the archive."""
    if not head.startswith(b"PK\x03\x04"):
        return ""
    with _open_zip(path) as archive:
        return "et ødelagt ZIP-arkiv" if archive is None else inspect(archive)


def _ooxml(main_type: str) -> Callable[[Path, bytes], str | None]:
    expected = re.compile(rb"ContentType\s*=\s*[\"']" + re.escape((_OOXML + main_type).encode()) + rb"[\"']")

    def inspect(archive: zipfile.ZipFile) -> str | None:
        if any(name.lower().endswith("vbaproject.bin") for name in archive.namelist()):
            return "et Office-dokument med makroer"
        declared = _member(archive, "[Content_Types].xml")
        if declared is None or not expected.search(declared):
            return "et ZIP-arkiv, der ikke er et dokument af den type, filnavnet siger"
        return None
    return lambda path, head: _zip_problem(path, head, inspect)


def _odf(subtype: str) -> Callable[[Path, bytes], str | None]:
    expected = (_ODF + subtype).encode()

    def inspect(archive: zipfile.ZipFile) -> str | None:
        infos = archive.infolist()
        first = infos[0].filename if infos else None
        declared = _member(archive, "mimetype") if first == "mimetype" else None
        if declared is None or declared.strip() != expected:
            return "et ZIP-arkiv, der ikke er et OpenDocument af den type, filnavnet siger"
        return None
    return lambda path, head: _zip_problem(path, head, inspect)


ALLOWED: dict[str, AttachmentType] = {
    "pdf": AttachmentType("en PDF-fil", _magic(b"%PDF-")),
    "docx": AttachmentType("et Word-dokument (.docx)", _ooxml("wordprocessingml.document.main+xml")),
    "xlsx": AttachmentType("et Excel-regneark (.xlsx)", _ooxml("spreadsheetml.sheet.main+xml")),
    "pptx": AttachmentType("en PowerPoint-præsentation (.pptx)", _ooxml("presentationml.presentation.main+xml")),
    "odt": AttachmentType("et OpenDocument-tekstdokument (.odt)", _odf("text")),
    "ods": AttachmentType("et OpenDocument-regneark (.ods)", _odf("spreadsheet")),
    "csv": AttachmentType("en CSV-fil (tekst)", _text),
    "txt": AttachmentType("en tekstfil", _text),
    "png": AttachmentType("et PNG-billede", _magic(b"\x89PNG\r\n\x1a\n")),
    "jpg": AttachmentType("et JPEG-billede", _magic(b"\xff\xd8\xff")),
    "jpeg": AttachmentType("et JPEG-billede", _magic(b"\xff\xd8\xff")),
    "gif": AttachmentType("et GIF-billede", _magic(b"GIF87a", b"GIF89a")),
    "webp": AttachmentType("et WebP-billede", _webp),
}
ALLOWED_LABEL = ", ".join(f".{extension}" for extension in ALLOWED)


def extension_of(name: str) -> str:
    """The extension in lower case without the dot ('' when there is none)."""
    suffix = Path(name).suffix
    return suffix[1:].lower() if suffix else ""


def content_problem(path: Path, extension: str) -> str | None:
    """What is wrong with the content of a regular file for its allowed extension (Danish), or None."""
    kind = ALLOWED[extension]
    head = _read(path, _HEAD_BYTES)
    problem = kind.check(path, head)
    if problem == "":
        problem = _what_it_looks_like(head) or f"ikke {kind.kind}"
    return problem


def _what_it_looks_like(head: bytes) -> str | None:
    if _MARKUP.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "en HTML-, SVG- eller XML-fil"
    for extension in ("pdf", "png", "jpg", "gif", "webp"):
        if ALLOWED[extension].check(Path(), head) is None:
            return ALLOWED[extension].kind
    return "et ZIP-arkiv" if head.startswith(b"PK\x03\x04") else None


def _nofollow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def _read(path: Path, limit: int) -> bytes:
    with open(path, "rb", opener=_nofollow) as handle:
        return handle.read(limit)


class _open_zip:
    """``with _open_zip(path) as archive``: the archive, or None when it cannot be read as a zip."""

    def __init__(self, path: Path):
        self.path = path
        self.handle = None
        self.archive: zipfile.ZipFile | None = None

    def __enter__(self) -> zipfile.ZipFile | None:
        try:
            self.handle = open(self.path, "rb", opener=_nofollow)
            self.archive = zipfile.ZipFile(self.handle)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
            self.archive = None
        return self.archive

    def __exit__(self, *exc: object) -> None:
        if self.archive is not None:
            self.archive.close()
        if self.handle is not None:
            self.handle.close()


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    """At most 1 MB of one member (a zip bomb stops there), or None when it is missing or unreadable."""
    try:
        with archive.open(name) as member:
            return member.read(_ZIP_MEMBER_LIMIT)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return None
