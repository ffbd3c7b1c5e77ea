"""OS2autoproces's enumerations, in both forms the real system writes them, to the model's values.

The REST API sends the back-end keys (``MUNICIPALITY``, ``QUATERLY``); the Excel export writes the
back-end labels (``Myndighed``, ``Efter behov``); people who copy values from the web page have the
front-end labels (``Synlig i egen organisation``, ``Løbende kørsel``). All three are read here.
Sources: the back-end enums (``ap/dao/model/enums/*.java``) and the front end's ``src/models/*.ts``.
"""

from __future__ import annotations

from generator.model import Domain, Level, Phase, ProcessType, RunPeriod, Status, Visibility
from generator.model.enums import LabelledEnum


def _table(enum: type[LabelledEnum], extra: dict[str, str]) -> dict[str, LabelledEnum]:
    """Keys (``NOT_RATED``), the model's own values and labels, plus the other system's labels."""
    table: dict[str, LabelledEnum] = {}
    for member in enum:
        table[member.value.upper().replace("-", "_")] = member
        table[_fold(member.label)] = member
    for text, value in extra.items():
        table[_fold(text) if not text.isupper() else text] = enum(value)
    return table


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


PHASES = _table(Phase, {"Drift": "operation", "I drift": "operation"})
STATUSES = _table(Status, {})
VISIBILITIES = _table(Visibility, {
    "Personlig": "personal", "Privat": "personal",
    "Myndighed": "municipality", "Synlig i egen organisation": "municipality",
    "Offentlig": "public", "Synlig for alle i OS2autoproces": "public", "Synlig for alle": "public",
})
PROCESS_TYPES = _table(ProcessType, {})
DOMAINS = _table(Domain, {})
RUN_PERIODS = _table(RunPeriod, {
    "QUATERLY": "quarterly", "Kvartalsvis": "quarterly", "Hvert kvartal": "quarterly",
    "Efter behov": "ondemand", "Løbende kørsel": "ondemand",
    "Enkeltkørsel": "once", "Engangskørsel": "once",
})
LEVELS = _table(Level, {})


def lookup(table: dict[str, LabelledEnum], raw: object) -> LabelledEnum | None:
    """The member for a key or a label, or None when the text is not one of them."""
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    return table.get(text) or table.get(_fold(text))
