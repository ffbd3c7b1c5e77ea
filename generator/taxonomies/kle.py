"""KLE (KL Emnesystematik): parsers for each source format and the merged ``kle.json`` items.

Sources, oldest first (``merge.merge_snapshots`` applies them in release order):

- klxml v2.0 emneplan (2015): all levels with history (``Historisk``: ``UdgaaetDato`` or
  ``Flyttet/AfloestAf``); the KLE-Online REST "fuld" emneplan has the same tree plus ``UUID``s and is
  parsed by the same function;
- the KITOS ``kle-options`` capture (2022): all levels, active only, with KLE-Online UUIDs;
- OS2KLE 3.23 (KLE Feb 2026): subjects only; their groups and main groups are implied, untitled;
- the OS2KLE change list 3.22 -> 3.23: newer titles of groups and main groups.
"""

from __future__ import annotations

import json
import re
from typing import Iterable, Mapping

from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.markers import parse_title
from generator.taxonomies.merge import ACTIVE, MOVED, RETIRED, Entry, Merged, Snapshot
from generator.taxonomies.xmltree import parse_xml, text

CODE_PATTERNS = {1: re.compile(r"^\d{2}$"), 2: re.compile(r"^\d{2}\.\d{2}$"), 3: re.compile(r"^\d{2}\.\d{2}\.\d{2}$")}
LEVEL_TAGS = {1: "Hovedgruppe", 2: "Gruppe", 3: "Emne"}
LEVEL_NAMES = {1: "hovedgruppe", 2: "gruppe", 3: "emne"}


def level_of(code: str) -> int:
    return code.count(".") + 1


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def check_code(code: str | None, level: int, source: str, parent: str | None = None) -> str:
    """A KLE number of the given level, or a TaxonomyError naming the source."""
    pattern = CODE_PATTERNS.get(level)
    if code is None or pattern is None or not pattern.match(code):
        where = f" på {LEVEL_NAMES[level]}niveau" if level in LEVEL_NAMES else ""
        raise TaxonomyError(f"{source}: ugyldigt KLE-nummer {code!r}{where}")
    if parent is not None and parent_of(code) != parent:
        raise TaxonomyError(f"{source}: KLE-nummer {code} ligger under {parent}, men hører ikke til dér")
    return code


# --- klxml v2.0 and KLE-Online REST "fuld" ------------------------------------------------------------

def parse_emneplan(data: bytes, source: str) -> Snapshot:
    """``<KLE-Emneplan>`` with ``Hovedgruppe/Gruppe/Emne``, history and (REST) UUIDs."""
    root = parse_xml(data, source)
    if root.tag != "KLE-Emneplan":
        raise TaxonomyError(f"{source}: forventede rodelementet <KLE-Emneplan>, men fik <{root.tag}>")
    release = text(root, "UdgivelsesDato")
    if release is None:
        raise TaxonomyError(f"{source}: <UdgivelsesDato> mangler")
    entries: dict[str, Entry] = {}

    def walk(element, level: int, parent: str | None) -> None:
        tag = LEVEL_TAGS[level]
        code = check_code(text(element, f"{tag}Nr"), level, source, parent)
        entries[code] = _emneplan_entry(element, tag, code)
        if level < 3:
            for child in element.findall(LEVEL_TAGS[level + 1]):
                walk(child, level + 1, code)

    for main_group in root.findall("Hovedgruppe"):
        walk(main_group, 1, None)
    if not entries:
        raise TaxonomyError(f"{source}: emneplanen indeholder ingen KLE-numre")
    return Snapshot(source, release, entries)


def _emneplan_entry(element, tag: str, code: str) -> Entry:
    entry = Entry(code, title=text(element, f"{tag}Titel"), uuid=text(element, "UUID"))
    history = element.find(f"{tag}AdministrativInfo/Historisk")
    if history is not None:
        moved = history.find("Flyttet")
        if moved is not None:
            entry.status = MOVED
            entry.status_date = text(moved, "FlyttetDato")
            entry.replaced_by = tuple(t for t in (text(nr) for nr in moved.findall("AfloestAf/*")) if t)
        else:
            entry.status = RETIRED
            entry.status_date = text(history, "UdgaaetDato")
    return entry


# --- KITOS kle-options capture ------------------------------------------------------------------------

def parse_kitos_kle_options(data: bytes, source: str) -> Snapshot:
    """``{"referenceVersion": ..., "payload": [{"uuid", "kleNumber", "description", "parentKle"}]}``."""
    try:
        document = json.loads(data)
        release = str(document["referenceVersion"])[:10]
        rows = document["payload"]
        entries = {}
        for row in rows:
            code = check_code(row["kleNumber"], level_of(str(row["kleNumber"])), source)
            entries[code] = Entry(code, title=row.get("description"), uuid=row.get("uuid"))
    except (ValueError, KeyError, TypeError) as exc:
        raise TaxonomyError(f"{source}: ikke en KITOS kle-options-fil ({type(exc).__name__}: {exc})") from None
    if not entries:
        raise TaxonomyError(f"{source}: ingen KLE-numre")
    return Snapshot(source, release, entries)


# --- OS2KLE ---------------------------------------------------------------------------------------------

_OS2KLE_LINE = re.compile(r"^KLENummer='([^']*)':KLETitel='(.*?)':Keywords\[Weight\]=")


def parse_os2kle(data: bytes, source: str, release: str) -> Snapshot:
    """One subject per line; the groups and main groups are implied by the numbers (no titles)."""
    entries: dict[str, Entry] = {}
    for number, line in enumerate(data.decode("utf-8-sig").splitlines(), start=1):
        if not line.strip():
            continue
        match = _OS2KLE_LINE.match(line)
        if not match:
            raise TaxonomyError(f"{source}: linje {number} har ikke formatet KLENummer='..':KLETitel='..'")
        code = check_code(match.group(1), 3, source)
        entries[code] = Entry(code, title=match.group(2))
        group = parent_of(code)
        entries.setdefault(group, Entry(group))
        entries.setdefault(group[:2], Entry(group[:2]))
    if not entries:
        raise TaxonomyError(f"{source}: ingen KLE-emner")
    return Snapshot(source, release, entries)


_CHANGED_TITLE = re.compile(r"^(\d+(?:\.\d+)*): '(.*)'\. (\d+(?:\.\d+)*): '(.*)'$", re.DOTALL)


def parse_os2kle_changes(data: bytes, source: str, release: str) -> Snapshot:
    """``change.json``: ``settings.title`` = "3.23: 'new'. 3.22: 'old'" -> the newer title."""
    try:
        changes = json.loads(data)
    except ValueError as exc:
        raise TaxonomyError(f"{source}: ikke gyldig JSON ({exc})") from None
    entries: dict[str, Entry] = {}
    for code, change in changes.items():
        title = ((change or {}).get("settings") or {}).get("title")
        if not title:
            continue
        match = _CHANGED_TITLE.match(title)
        if not match:
            raise TaxonomyError(f"{source}: titelændringen for {code} kan ikke læses: {title!r}")
        newer = _version_key(match.group(1)) > _version_key(match.group(3))
        entries[check_code(code, level_of(code), source)] = Entry(code, title=match.group(2 if newer else 4))
    return Snapshot(source, release, entries, titles_only=True)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


# --- items ---------------------------------------------------------------------------------------------

def kle_items(merged: Mapping[str, Merged], forms_by_kle: Mapping[str, Iterable[str]]) -> list[dict]:
    """The ``kle.json`` items: markers parsed out of the titles, hierarchy and FORM links added."""
    items = []
    for code, state in merged.items():
        parsed = parse_title(state.title)
        status = RETIRED if state.status == ACTIVE and parsed.retired else state.status
        item: dict[str, object] = {
            "code": code,
            "title": parsed.title,
            "level": level_of(code),
            "parent": parent_of(code),
            "uuid": state.uuid,
            "status": status,
            "replaced_by": list(state.replaced_by),
            "forms": sorted(forms_by_kle.get(code, ())),
        }
        if state.status_date:
            item["status_date"] = state.status_date
        if parsed.expires:
            item["expires"] = parsed.expires
        if parsed.business_system_subject:
            item["business_system_subject"] = True
        if parsed.other_markers:
            item["markers"] = list(parsed.other_markers)
        items.append(item)
    return items


# --- action facets (handlingsfacetter) ------------------------------------------------------------------

FACET_PATTERN = re.compile(r"^[APSØGKI]\d{2}$")
FACET_CATEGORY_PATTERN = re.compile(r"^[APSØGKI]$")


def parse_facets(data: bytes, source: str) -> tuple[str, list[dict]]:
    """``<KLE-Handlingsfacetter>``: categories (level 1) and facets (level 2) -> (release, items)."""
    root = parse_xml(data, source)
    if root.tag != "KLE-Handlingsfacetter":
        raise TaxonomyError(f"{source}: forventede rodelementet <KLE-Handlingsfacetter>, men fik <{root.tag}>")
    release = text(root, "UdgivelsesDato") or ""
    items: list[dict] = []
    for category in root.findall("HandlingsfacetKategori"):
        letter = text(category, "HandlingsfacetKategoriNr")
        if letter is None or not FACET_CATEGORY_PATTERN.match(letter):
            raise TaxonomyError(f"{source}: ugyldig facetkategori {letter!r}")
        items.append(_facet_item(category, "HandlingsfacetKategori", letter, 1, None))
        for facet in category.findall("Handlingsfacet"):
            code = text(facet, "HandlingsfacetNr")
            if code is None or not FACET_PATTERN.match(code) or not code.startswith(letter):
                raise TaxonomyError(f"{source}: ugyldigt facetnummer {code!r} i kategori {letter}")
            items.append(_facet_item(facet, "Handlingsfacet", code, 2, letter))
    if not items:
        raise TaxonomyError(f"{source}: ingen handlingsfacetter")
    return release, items


def _facet_item(element, tag: str, code: str, level: int, parent: str | None) -> dict:
    entry = _emneplan_entry(element, tag, code)
    parsed = parse_title(entry.title)
    status = RETIRED if entry.status == ACTIVE and parsed.retired else entry.status
    return {"code": code, "title": parsed.title, "level": level, "parent": parent, "status": status,
            "replaced_by": list(entry.replaced_by)}
