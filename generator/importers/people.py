"""People on a process: the contact is kept, the reporter, owner and co-editors only on request.

The contact (``Kontaktperson``) is required and is who other municipalities write to. A contact
who is no longer active in OS2autoproces, or who has no e-mail address, is replaced by the
organisation with its functional mailbox when one is set, and the report says so. The reporter,
owner and co-editors (``Tilknyttede personer``) are personal data that the shared catalogue does
not need: they are dropped unless ``--keep-people`` is given.
"""

from __future__ import annotations

import re
from typing import Any

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def person(raw: Any) -> dict | None:
    """``{name, email}`` for the process file, or None without a name."""
    if not isinstance(raw, dict):
        return None
    name = " ".join(str(raw.get("name") or "").split())[:128]
    if not name:
        return None
    result: dict[str, Any] = {"name": name}
    email = str(raw.get("email") or "").strip()
    if email and EMAIL.match(email) and len(email) <= 255:
        result["email"] = email
    return result


def contact_for(raw: Any, organisation: str, functional_mailbox: str | None) -> tuple[dict, str | None]:
    """The contact to write and, when it had to be replaced or is incomplete, the reason (Danish)."""
    found = person(raw)
    inactive = isinstance(raw, dict) and raw.get("active") is False
    if found is not None and not inactive and "email" in found:
        return found, None
    fallback: dict[str, Any] = {"name": organisation}
    if functional_mailbox:
        fallback["email"] = functional_mailbox
    if found is None:
        return fallback, "Processen har ingen kontaktperson; organisationen er sat som kontakt"
    if inactive:
        return fallback, (f"Kontaktpersonen '{found['name']}' er ikke længere aktiv i OS2autoproces; "
                          "organisationen er sat som kontakt. Angiv en ny kontaktperson")
    if functional_mailbox:
        return fallback, (f"Kontaktpersonen '{found['name']}' har ingen e-mailadresse; organisationen og "
                          "funktionspostkassen er sat som kontakt")
    return found, f"Kontaktpersonen '{found['name']}' har ingen e-mailadresse. Tilføj en e-mailadresse"


def people(raw: Any) -> list[dict]:
    result: list[dict] = []
    for entry in raw if isinstance(raw, list) else []:
        found = person(entry)
        if found is not None and found not in result:
            result.append(found)
    return result
