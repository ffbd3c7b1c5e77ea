"""Workbooks shaped like OS2autoproces's Excel export (back end ``ap/xls/ProcessXlsView.java``, 2024.10).

The 62 headers below are the real export's, in its order (including the trailing space of column 47
and the two assessment columns whose values the export swaps). Cells are written as Apache POI writes
them: every number as a double, a null text as a blank cell with a style (no value), some empty values
as an empty text, dates as date cells formatted dd/mm/yyyy, yes/no as "Ja"/"Nej"/"".
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HEADERS = [
    "ID", "Titel", "Resumé", "Fase", "Status", "Statustekst", "Indberetter", "Faglig kontaktperson",
    "Kontaktperson", "Mail", "Anden kontakt information", "Tilknyttede personer", "Synlighed", "Fagområder",
    "Afdelinger", "Myndighed", "Leverandør", "Lovparagraf", "KLE-nr", "KL ID", "KL's Arbejdsgangsbank",
    "Beskrivelse", "Idéer til løsning", "Udfordringer i den nuværende proces", "Nuværende systemer",
    "Andre nuværende systemer", "Oprettet", "Sidst opdateret", "Antal gange processen foretages årligt",
    "Tidsforbrug pr. proces i minutter", "Forventet automatiseringsgrad", "Manuelt tidsforbrug i timer",
    "Forventet årlig effektiviseringspotentiale", "Antal medarbejdere der foretager processen",
    "Er borgere påvirket", "Er virksomheder påvirket", "Forventet timeforbrug på udvikling",
    "Kommentarer til tidsforbrug", "I hvor høj grad indgår der faglig vurdering i processen?",
    "I hvor høj grad er processen præget af hyppige ændringer?",
    "I hvor høj grad er processen baseret på struktureret information?",
    "Er der variation i den måde processen løses?",
    "Er de data og informationer, der skal bruges i processen, tilgængelige digitalt i IT-systemer?",
    "Vil en automatiseret løsning bidrage til en højere kvalitet, som er mere ensrettet og med færre fejl?",
    "Vil en automatiseret løsning bidrage til en hurtigere og mere fyldestgørende service?",
    "Vil automatisering frigive tid og nedbringe rutineopgaver, som skaber en bedre trivsel blandt medarbejderne?",
    "I hvor høj grad vurderes det at processen kan automatiseres? ", "Teknisk implementering",
    "Organisatorisk implementering", "Anvendt teknologi", "Skedulering",
    "Automatiseringen anvender følgende systemer/snitflader", "Beskrivelse af automatisering",
    "I hvor høj grad indfriede løsningen de forventede gevinster?", "Sidst kontrolleret i forhold til §",
    "Løsningen sat i drift", "Løsningen taget ud af drift", "Kommentar til realiseret gevinster",
    "Sagsreference i ESDH", "Links", "Bilag", "Interne Noter",
]
assert len(HEADERS) == 62

BLANK = object()  # a blank cell: POI's setCellValue((String) null), a styled cell without a value
DATE_COLUMNS = {26, 27, 54, 55, 56}


def write_export(path: Path, rows: list[dict[int, object]], *, headers: list[str] = HEADERS,
                 sheet: str = "Processer") -> Path:
    """``rows`` give cells by column position; a position not given is a blank cell."""
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for column, header in enumerate(headers, start=1):
        worksheet.cell(row=1, column=column, value=header)
    for number, row in enumerate(rows, start=2):
        for column in range(len(headers)):
            value = row.get(column, BLANK)
            cell = worksheet.cell(row=number, column=column + 1)
            if value is BLANK:
                cell.number_format = "General"  # styled, no value: a blank cell
                cell.style = "Normal"
                continue
            cell.value = value
            if column in DATE_COLUMNS and not isinstance(value, str):
                cell.number_format = "dd/mm/yyyy"
            elif isinstance(value, float):
                cell.number_format = "#,##0.00"
    workbook.save(path)
    return path
