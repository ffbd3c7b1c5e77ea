"""OS2autoproces's Excel export (``processes.xlsx``, sheet "Processer") read by column position.

The export (back end ``ap/xls/ProcessXlsView.java``) writes 62 columns in a fixed order. Columns
are read by position, never by header: the headers are only checked at a few anchor columns to
make sure the file is such an export, so a header written twice, or a renamed one, cannot move a
value. The export's known mistakes are undone here: columns 45 and 46 hold each other's values
(``evaluatedLevelOfRoi`` under the header "frigive tid ...", ``levelOfRoutineWorkReduction`` under
"kan automatiseres"); a missing development time is written as 0; the first link is the process's
own address in OS2autoproces. Every number is a double, an empty value is either a blank cell or an
empty text, yes/no is "Ja"/"Nej"/empty, dates are date cells or Danish date texts, and lists are
joined with "," (names) or line breaks (people, links, attachments).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from generator.importers.names import NameIndex, split_joined
from generator.importers.records import ReadError, SourceRecord

SHEET = "Processer"
MAX_FILE_BYTES = 50_000_000
COLUMNS = 62
# position -> the OS2autoproces field it holds (None: derived or not imported)
FIELDS: dict[int, str | None] = {
    0: "id", 1: "title", 2: "shortDescription", 3: "phase", 4: "status", 5: "statusText", 6: "reporter",
    7: "owner", 8: "contact", 9: "contact.email", 10: "otherContactEmail", 11: "users", 12: "visibility",
    13: "domains", 14: "orgUnits", 15: "municipalityName", 16: "vendor", 17: "legalClause", 18: "kle", 19: "klId",
    20: "kla", 21: "longDescription", 22: "solutionRequests", 23: "processChallenges", 24: "itSystems",
    25: "itSystemsDescription", 26: "created", 27: None, 28: "timeSpendOccurancesPerEmployee",
    29: "timeSpendPerOccurance", 30: "timeSpendPercentageDigital", 31: None, 32: None,
    33: "timeSpendEmployeesDoingProcess", 34: "targetsCitizens", 35: "targetsCompanies",
    36: "expectedDevelopmentTime", 37: "timeSpendComment", 38: "levelOfProfessionalAssessment",
    39: "levelOfChange", 40: "levelOfStructuredInformation", 41: "levelOfUniformity",
    42: "levelOfDigitalInformation", 43: "levelOfQuality", 44: "levelOfSpeed",
    45: "evaluatedLevelOfRoi",            # header: "Vil automatisering frigive tid ..." (swapped in the export)
    46: "levelOfRoutineWorkReduction",    # header: "I hvor høj grad vurderes det at processen kan automatiseres?"
    47: "technicalImplementationNotes", 48: "organizationalImplementationNotes", 49: "technologies",
    50: "runPeriod", 51: "services", 52: "automationDescription", 53: "rating", 54: "legalClauseLastVerified",
    55: "putIntoOperation", 56: "decommissioned", 57: "ratingComment", 58: "esdhReference", 59: "links",
    60: "attachments", 61: "internalNotes",
}
ANCHORS = {0: "ID", 1: "Titel", 3: "Fase", 12: "Synlighed", 18: "KLE-nr", 61: "Interne Noter"}
OWN_ADDRESS = re.compile(r"^https?://(www\.)?os2autoproces\.eu/details/\d+/?$", re.IGNORECASE)


def read_workbook(path: Path, systems: NameIndex | None = None,
                  technologies: NameIndex | None = None) -> list[SourceRecord]:
    """The records of the sheet (empty rows skipped); ReadError when the file is not such an export."""
    rows = _rows(path)
    header = next(rows, None)
    _check_header(path, header)
    records = []
    for number, row in enumerate(rows, start=2):
        cells = list(row) + [None] * (COLUMNS - len(row))
        if all(_blank(c) for c in cells):
            continue
        records.append(_record(cells, f"{path.name}, række {number}", systems, technologies))
    return records


def _rows(path: Path):
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"{path}: filen fylder {size:,} byte; højst {MAX_FILE_BYTES:,} byte kan læses"
                            .replace(",", "."))
        workbook = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ReadError(f"{path}: filen findes ikke") from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ReadError(f"{path}: filen kan ikke læses som en Excel-fil (.xlsx)") from None
    if SHEET not in workbook.sheetnames:
        shown = ", ".join(f"'{n}'" for n in workbook.sheetnames)
        raise ReadError(f"{path}: arket '{SHEET}' mangler (filen har {shown}); brug eksporten fra OS2autoproces")
    return workbook[SHEET].iter_rows(values_only=True)


def _fold(value: Any) -> str:
    return " ".join(str(value or "").split()).casefold()


def _check_header(path: Path, header: tuple | None) -> None:
    if header is None:
        raise ReadError(f"{path}: arket '{SHEET}' er tomt")
    found = len([c for c in header if not _blank(c)])
    if len(header) < COLUMNS or found < COLUMNS:
        raise ReadError(f"{path}: arket '{SHEET}' har {found} kolonner, men eksporten fra OS2autoproces har "
                        f"{COLUMNS}; en kolonne mangler")
    for position, expected in ANCHORS.items():
        if _fold(header[position]) != _fold(expected):
            raise ReadError(f"{path}: kolonne {position + 1} hedder '{header[position]}', men skal hedde "
                            f"'{expected}'; filen er ikke OS2autoproces' eksport, eller kolonnerne er flyttet")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _lines(value: Any) -> list[str]:
    return [line.strip() for line in str(value or "").splitlines() if line.strip()]


def _record(cells: list, origin: str, systems: NameIndex | None, technologies: NameIndex | None) -> SourceRecord:
    raw = {FIELDS[i]: cells[i] for i in FIELDS if FIELDS[i] is not None}
    values: dict[str, Any] = {k: v for k, v in raw.items() if "." not in k}
    identifier = raw.get("id")
    values["id"] = int(identifier) if isinstance(identifier, (int, float)) and not isinstance(identifier, bool) \
        and identifier == int(identifier) else None
    values["title"] = "" if _blank(raw["title"]) else str(raw["title"])
    values["contact"] = {"name": raw["contact"], "email": raw["contact.email"]} if not _blank(raw["contact"]) else None
    values["owner"] = {"name": raw["owner"]} if not _blank(raw["owner"]) else None
    values["reporter"] = {"name": raw["reporter"]} if not _blank(raw["reporter"]) else None
    values["users"] = [{"name": name} for name in _lines(raw["users"])]
    values["domains"] = split_joined(str(raw["domains"] or ""), ",")
    values["orgUnits"] = split_joined(str(raw["orgUnits"] or ""), ",")
    values["itSystems"] = [{"name": n} for n in split_joined(str(raw["itSystems"] or ""), ",", systems)]
    values["services"] = split_joined(str(raw["services"] or ""), ",", systems)
    values["technologies"] = split_joined(str(raw["technologies"] or ""), ",", technologies)
    if isinstance(raw["expectedDevelopmentTime"], (int, float)) and raw["expectedDevelopmentTime"] == 0:
        values["expectedDevelopmentTime"] = None  # the export writes 0 for "not given"
    links = [line for line in _lines(raw["links"]) if not OWN_ADDRESS.match(line)]
    values["links"] = [{"url": url, "internal": True} for url in links]  # the export drops the flag: keep private
    values["attachments"] = _lines(raw["attachments"])
    return SourceRecord(origin=origin, values=values)
