"""FORM (Forretningsreferencemodellen / Opgavenøglen): the code list, titles and the KLE crosswalk.

Sources:

- ``FORM_KLE_2018-07-11.csv``: all 3,080 codes at 4 levels with the KLE numbers each maps to
  (Windows-1252, ``\\r\\r\\n`` line ends, quoted multi-value cells separated by ``;`` or newlines);
- ``KLE_FORM_2018-07-11.csv``: the same pairs the other way round (``KLE;FORM,FORM``);
- ``curated/form_titles.yaml``: the titles that exist in a public source (the 34 service areas);
- a FORM-Online ``FormHierarkiHentOutput`` download (``refresh``): codes, titles, UUIDs, retired
  dates and ``KLEindgang`` links.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Mapping

from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.merge import RETIRED, Entry, Merged, Snapshot
from generator.taxonomies.xmltree import parse_xml, text

CODE_PATTERN = re.compile(r"^\d{2}(\.\d{2}){0,3}$")
KLE_CODE_PATTERN = re.compile(r"^\d{2}(\.\d{2}){0,2}$")
_LEADING_KLE = re.compile(r"^(\d{2}(?:\.\d{2}){0,2})(?![\d.])")
NOT_IN_KLE = "ikke med i kle"

Pair = tuple[str, str]  # (FORM code, KLE code)


def level_of(code: str) -> int:
    return code.count(".") + 1


def parent_of(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def check_code(code: str | None, source: str) -> str:
    if code is None or not CODE_PATTERN.match(code):
        raise TaxonomyError(f"{source}: ugyldig FORM-kode {code!r}")
    return code


# --- the 2018 crosswalk -----------------------------------------------------------------------------------

def parse_form_kle(data: bytes, source: str, release: str) -> tuple[Snapshot, set[Pair]]:
    """``FORMNummer;KLE nummer`` -> (a snapshot of all FORM codes, the FORM->KLE pairs)."""
    text_ = data.decode("cp1252").replace("\r\r\n", "\n").replace("\r\n", "\n")
    rows = list(csv.reader(io.StringIO(text_), delimiter=";"))
    if not rows or [cell.strip().lower() for cell in rows[0]] != ["formnummer", "kle nummer"]:
        raise TaxonomyError(f"{source}: forventede overskriften 'FORMNummer;KLE nummer'")
    entries: dict[str, Entry] = {}
    pairs: set[Pair] = set()
    for number, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if len(row) != 2:
            raise TaxonomyError(f"{source}: række {number} har {len(row)} felter, forventede 2")
        form_code = check_code(row[0].strip(), source)
        entries[form_code] = Entry(form_code)
        for value in re.split(r"[;\n]", row[1]):
            value = value.strip()
            if not value or value.lower() == NOT_IN_KLE:
                continue
            match = _LEADING_KLE.match(value)
            if not match:
                raise TaxonomyError(f"{source}: række {number}: {value!r} er hverken et KLE-nummer eller "
                                    "'Ikke med i KLE'")
            pairs.add((form_code, match.group(1)))
    if not entries:
        raise TaxonomyError(f"{source}: ingen FORM-koder")
    return Snapshot(source, release, entries), pairs


def parse_kle_form(data: bytes, source: str) -> set[Pair]:
    """``KLE;FORM,FORM,...`` (no header) -> the FORM->KLE pairs."""
    pairs: set[Pair] = set()
    for number, line in enumerate(data.decode("ascii", errors="strict").splitlines(), start=1):
        if not line.strip():
            continue
        kle_code, _, forms = line.partition(";")
        kle_code = kle_code.strip()
        if not KLE_CODE_PATTERN.match(kle_code):
            raise TaxonomyError(f"{source}: linje {number}: ugyldigt KLE-nummer {kle_code!r}")
        for form_code in forms.split(","):
            pairs.add((check_code(form_code.strip(), source), kle_code))
    return pairs


def titles_snapshot(titles: Mapping[str, object], source: str, release: str) -> Snapshot:
    """The curated titles as a titles-only snapshot."""
    entries = {}
    for code, title in titles.items():
        code = check_code(str(code), source)
        entries[code] = Entry(code, title=str(title))
    return Snapshot(source, release, entries, titles_only=True)


# --- FORM-Online FormHierarkiHentOutput --------------------------------------------------------------------

_LEVELS = (
    ("ServiceOmraade", "ServiceOmraadeNummerIdentifikator", "HovedOmraade"),
    ("HovedOmraade", "HovedOmraadeNummerIdentifikator", "OpgaveOmraade"),
    ("OpgaveOmraade", "OpgaveOmraadeNummerIdentifikator", "Opgave"),
    ("Opgave", "OpgaveNummerIdentifikator", None),
)
_BY_TAG = {tag: (number_tag, child) for tag, number_tag, child in _LEVELS}
_FORM_NUMBER_AT_END = re.compile(r"(\d{2}(?:\.\d{2}){0,3})/?(?:\?.*)?$")
_KLE_IN_TEXT = re.compile(r"(?<![\d.])(\d{2}\.\d{2}\.\d{2})(?![\d.])")


def parse_form_hierarchy(data: bytes, source: str, release: str | None) -> tuple[Snapshot, set[Pair]]:
    """``<FormHierarkiHentOutput xmlns="urn:oio:form:1.0.0">`` -> (snapshot, FORM->KLE pairs).

    The response states no release; with ``release=None`` it is the newest date in the data
    (``OprettetDato``/``RettetDato``/``UdgaaetDato``).
    """
    root = parse_xml(data, source)
    if root.tag != "FormHierarkiHentOutput":
        raise TaxonomyError(f"{source}: forventede rodelementet <FormHierarkiHentOutput>, men fik <{root.tag}>")
    entries: dict[str, Entry] = {}
    pairs: set[Pair] = set()

    def walk(element, parent: str | None) -> None:
        tag = element.tag
        if tag.endswith("Indgang"):
            code = _code_from_reference(text(element, "FormReference"))
            if code is not None and code not in entries:
                entries[code] = Entry(code, title=text(element, "NavnTekst"))
            return
        number_tag, child_tag = _BY_TAG[tag]
        code = check_code(text(element, number_tag), source)
        if parent is not None and parent_of(code) != parent:
            raise TaxonomyError(f"{source}: FORM-kode {code} ligger under {parent}, men hører ikke til dér")
        version = element.find("Version")
        version = version if version is not None else element
        entry = Entry(code, title=text(element, "NavnTekst"), uuid=text(version, "UuidIdentifikator"))
        retired = text(version, "UdgaaetDato")
        if retired:
            entry.status, entry.status_date = RETIRED, retired
        entries[code] = entry
        for link in element.findall("KLEindgang"):
            match = _KLE_IN_TEXT.search(text(link, "EmneHandlingFacetTekst") or "") or \
                _KLE_IN_TEXT.search(text(link, "KLEReference") or "")
            if match:
                pairs.add((code, match.group(1)))
        if child_tag is not None:
            for child in element:
                if child.tag in (child_tag, child_tag + "Indgang"):
                    walk(child, code)

    for element in root:
        if element.tag in _BY_TAG or (element.tag.endswith("Indgang") and element.tag[:-7] in _BY_TAG):
            walk(element, None)
    if not entries:
        raise TaxonomyError(f"{source}: svaret indeholder ingen FORM-koder")
    if release is None:
        dates = [value for tag in ("OprettetDato", "RettetDato", "UdgaaetDato")
                 for value in (text(element) for element in root.iter(tag)) if value]
        release = max(dates) if dates else ""
    return Snapshot(source, release, entries), pairs


def _code_from_reference(reference: str | None) -> str | None:
    match = _FORM_NUMBER_AT_END.search(reference or "")
    return match.group(1) if match else None


# --- items ---------------------------------------------------------------------------------------------

def form_items(merged: Mapping[str, Merged], kle_by_form: Mapping[str, Iterable[str]]) -> list[dict]:
    items = []
    for code, state in merged.items():
        item: dict[str, object] = {
            "code": code,
            "title": " ".join(state.title.split()) if state.title else None,
            "level": level_of(code),
            "parent": parent_of(code),
            "uuid": state.uuid,
            "status": state.status,
            "replaced_by": list(state.replaced_by),
            "kle": sorted(kle_by_form.get(code, ())),
        }
        if state.status_date:
            item["status_date"] = state.status_date
        items.append(item)
    return items
