"""KLE title markers: ``[udgået]``, ``[udgår 2023]``, ``[fagsystem-emne]`` and others.

KL appends markers in square brackets to a title. They carry status, not wording, so they become
fields and are removed from the title. Titles in the sources also contain a stray ``]`` between
markers (``... [fagsystem-emne] ] [udgår 2023]``); it is removed with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TRAILING_MARKERS = re.compile(r"(?:\s*(?:\[[^\[\]]*\]|\]))+[\s.]*$")
_MARKER = re.compile(r"\[([^\[\]]*)\]")
_EXPIRES = re.compile(r"^udgår\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ParsedTitle:
    title: str | None
    retired: bool = False                # [udgået]
    expires: str | None = None           # [udgår 2023] -> "2023"
    business_system_subject: bool = False  # [fagsystem-emne]
    other_markers: tuple[str, ...] = ()  # any other marker, e.g. "jobcenter-fagsystemsag"


def parse_title(raw: str | None) -> ParsedTitle:
    """Split a raw KLE title into the plain title and its markers."""
    if raw is None:
        return ParsedTitle(None)
    match = _TRAILING_MARKERS.search(raw)
    if not match:
        return ParsedTitle(" ".join(raw.split()) or None)
    title = " ".join(raw[: match.start()].split()) or None
    retired = False
    expires = None
    business = False
    other: list[str] = []
    for marker in _MARKER.findall(match.group(0)):
        marker = " ".join(marker.split())
        lowered = marker.lower()
        expiry = _EXPIRES.match(marker)
        if lowered == "udgået":
            retired = True
        elif expiry:
            expires = expiry.group(1) or None
        elif lowered == "fagsystem-emne":
            business = True
        elif marker:
            other.append(marker)
    return ParsedTitle(title, retired, expires, business, tuple(other))
