"""Parsing XML from sources and downloads, with namespaces stripped and DTDs refused."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from generator.taxonomies.errors import TaxonomyError

_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


def parse_xml(data: bytes, source: str) -> ET.Element:
    """Parse ``data`` and return the root with every tag reduced to its local name.

    A document type declaration is refused: none of the official formats uses one, and refusing it
    rules out entity-expansion attacks from a download.
    """
    if not data.strip():
        raise TaxonomyError(f"{source}: svaret er tomt")
    if _DTD.search(data) or _declares_dtd(data):
        raise TaxonomyError(f"{source}: XML med DOCTYPE/ENTITY-erklæringer afvises")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        line, column = exc.position
        raise TaxonomyError(
            f"{source}: svaret er ikke gyldig XML (linje {line}, kolonne {column + 1}); "
            "det kan være afbrudt eller ødelagt") from None
    for element in root.iter():
        if isinstance(element.tag, str) and "}" in element.tag:
            element.tag = element.tag.rsplit("}", 1)[1]
    return root


class _Found(Exception):
    pass


class _Clean(Exception):
    pass


def _declares_dtd(data: bytes) -> bool:
    """True when the document has a DOCTYPE or an entity declaration, in whatever encoding it is written.

    The XML parser itself decodes the bytes (UTF-16 with or without a byte-order mark, a declared
    ``encoding=``), so ``<!DOCTYPE`` cannot hide behind an encoding that a byte search misses. A DTD can
    only come before the root element, so the scan stops there.
    """
    parser = expat.ParserCreate()

    def found(*args: object) -> None:
        raise _Found

    def root(*args: object) -> None:
        raise _Clean

    parser.StartDoctypeDeclHandler = found
    parser.EntityDeclHandler = found
    parser.StartElementHandler = root
    try:
        parser.Parse(data, True)
    except _Found:
        return True
    except (_Clean, expat.ExpatError, ValueError, LookupError):
        return False  # the root element came first, or the document is broken (reported by the real parse)
    return False


def text(element: ET.Element | None, path: str | None = None) -> str | None:
    """Stripped text of ``element`` (or of its descendant ``path``); None when missing or empty."""
    if element is not None and path is not None:
        element = element.find(path)
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None
