"""The neutral record every reader produces, and the problems a reader or the mapping reports.

A record holds OS2autoproces's own field names (``timeSpendOccurancesPerEmployee``, ``kle`` ...)
with values already freed from the transport: JSON and Excel cells both become plain Python
values (text, numbers, booleans, dates or ISO texts, lists). Nested objects are reduced to what
the mapping needs:

    contact / owner / reporter   {"name", "email", "active"} or None
    users                         [{"name", "email"}]
    itSystems                     [{"name", "uuid", "vendor", "from_kitos"}]
    technologies, services        [name]
    domains, orgUnits             [text]
    links                         [{"url", "internal"}]
    children, parents             [OS2autoproces id]
    attachments                   [file name]         (the Excel export only)

Enumerations stay as the source wrote them (a back-end key such as ``MUNICIPALITY`` or a Danish
label such as ``Myndighed``); the mapping understands both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class SourceRecord:
    origin: str                      # where the record was read, in Danish: "side-1.json, post 3"
    values: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.values.get(key, default)
        return default if value is None else value

    @property
    def source_id(self) -> int | None:
        value = self.values.get("id")
        return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None

    @property
    def title(self) -> str:
        value = self.values.get("title")
        return value.strip() if isinstance(value, str) else ""


@dataclass(frozen=True)
class Problem:
    """One thing that could not be read or mapped, reported in Danish.

    ``fatal`` problems stop the record (or the whole file); the others are kept in the report
    as values that could not be mapped.
    """

    origin: str
    reason: str
    record_id: int | None = None
    title: str = ""
    field: str = ""                  # the Danish label and key, "Nuværende systemer (it_systems)"
    value: str = ""
    fatal: bool = False


class ReadError(Exception):
    """A source that cannot be read at all (a file, a page, the workbook); the message is Danish."""
