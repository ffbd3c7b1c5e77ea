"""KLE, FORM and KLA codes checked against the lists while importing.

A retired or moved code is kept as it is (the process keeps its history) and flagged in the
report with its replacement; ``autoproces check`` warns about it too. A code the lists do not know
at all, or one in the wrong format, cannot be kept: the schema would refuse the file. It is
reported and left out.
"""

from __future__ import annotations

import re

from generator.taxonomies.lookup import Taxonomies

FORMATS = {
    "kle": re.compile(r"^\d{2}(\.\d{2}){0,2}$"),
    "form": re.compile(r"^\d{2}(\.\d{2}){0,3}$"),
    "kla": re.compile(r"^\d{2}\.\d{2}\.\d{2}(\.\d{2}){0,2}$"),
}
LIST_NAMES = {"kle": "KLE", "form": "FORM", "kla": "KLA"}
STATE_DA = {"retired": "udgået", "moved": "flyttet"}


def check_code(kind: str, code: str, taxonomies: Taxonomies) -> tuple[bool, str | None]:
    """(keep the code?, a Danish note for the report)."""
    if not FORMATS[kind].match(code):
        return False, f"'{code}' har ikke formatet for et {LIST_NAMES[kind]}-nummer og er udeladt"
    if not taxonomies.has(kind):
        return True, None
    term = taxonomies[kind].get(code)
    if term is None:
        return False, f"{LIST_NAMES[kind]}-nummeret '{code}' findes ikke på listen og er udeladt"
    if term.active:
        return True, None
    state = STATE_DA.get(term.status, term.status)
    if term.replaced_by:
        replacement = " eller ".join(f"'{c}'" + (f" ({taxonomies[kind].title(c)})" if taxonomies[kind].title(c)
                                                 else "") for c in term.replaced_by)
        return True, f"{LIST_NAMES[kind]}-nummeret '{code}' er {state}; det er bevaret. Brug i stedet {replacement}"
    return True, f"{LIST_NAMES[kind]}-nummeret '{code}' er {state}; det er bevaret. Vælg et gældende nummer"
