"""AP502: a personal e-mail address in a public process (see :func:`is_personal_email`)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterable

from generator.checks.confidentiality.paths import finding_at, walk_texts
from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, Visibility

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

_EMAIL = re.compile(r"[A-Za-z0-9._%+\-æøåÆØÅ]+@[A-Za-z0-9\-æøåÆØÅ]+(?:\.[A-Za-z0-9\-æøåÆØÅ]+)+")
# Words of functional mailboxes: a part of the local part starting with a short one, or
# containing a long one, makes the address functional.
_FUNCTIONAL_PREFIXES = (
    "post", "mail", "info", "team", "rpa", "robot", "admin", "borger", "job", "enhed", "kontor", "it", "hr",
    "data", "drift", "noreply", "donotreply", "help", "hjaelp", "sekr", "ledelse", "direktion", "kommune",
)
_FUNCTIONAL_WORDS = (
    "kontakt", "service", "support", "digital", "sekretariat", "center", "centre", "afdeling", "udvikling",
    "automat", "teamet", "postkasse", "funktion", "sagsbehandl", "noreply", "no-reply",
)
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE)  # an '@' in a URL is no e-mail address
_NAME_PARTS = re.compile(r"^[a-z]{2,}(?:[._-][a-z]{1,})+$")
_FOLD_LONG = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue"})
_FOLD_SHORT = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u"})


def _ascii(text: str, table: dict[int, str]) -> str:
    text = text.lower().translate(table)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _looks_functional(text: str) -> bool:
    segments = [s for s in re.split(r"[^a-z]+", text) if s]
    return any(word in text for word in _FUNCTIONAL_WORDS) or any(s.startswith(_FUNCTIONAL_PREFIXES) for s in segments)


def _name_tokens(names: Iterable[str]) -> tuple[set[str], set[str]]:
    """Name parts of 3+ letters (both Danish foldings) and initials of every person named."""
    tokens: set[str] = set()
    initials: set[str] = set()
    for name in names:
        if _looks_functional(_ascii(name, _FOLD_LONG)):
            continue  # a team named as contact ("Digitaliseringsenheden") is no person
        for table in (_FOLD_LONG, _FOLD_SHORT):
            parts = [p for p in re.split(r"[^a-z]+", _ascii(name, table)) if p]
            tokens.update(p for p in parts if len(p) >= 3)
            if len(parts) >= 2:
                initials.add("".join(p[0] for p in parts))
                initials.add(parts[0][0] + parts[-1][0])
    return tokens, initials


def is_personal_email(address: str, names: Iterable[str] = ()) -> bool:
    """The heuristic behind AP502.

    An address is personal when its local part (before ``@``, without ``+tag``)

    * has a part that starts with a name (3+ letters) of a person named in the file or ends
      with one (4+ letters), or equals their initials (``mka`` for Mette Kjær Andersen), or
    * looks like ``firstname.lastname`` (words joined by ``.``, ``_`` or ``-``) and holds
      none of the words typical of a functional mailbox (post, kontakt, digital, rpa, ...).

    Functional mailboxes such as ``digitalisering@``, ``rpa-teamet@`` and ``post@`` are not
    personal; neither are bare initials of someone the file does not name. A "person" whose
    name is itself functional ("Digitaliseringsenheden") contributes no name parts.
    """
    local = _ascii(address.split("@", 1)[0].split("+", 1)[0], _FOLD_LONG)
    tokens, initials = _name_tokens(names)
    letters = re.sub(r"[^a-z]", "", local)
    if letters in initials:
        return True
    segments = [s for s in re.split(r"[^a-z]+", local) if s]
    if any(s.startswith(t) or (len(t) >= 4 and s.endswith(t)) for s in segments for t in tokens):
        return True
    if _looks_functional(local):
        return False
    return bool(_NAME_PARTS.match(local))


def _suggested_mailbox(address: str) -> str:
    domain = address.split("@", 1)[1] if "@" in address else "kommune.dk"
    return f"digitalisering@{domain}"


def check_personal_email(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    if process.visibility != Visibility.PUBLIC:
        return
    people = [p for p in (process.contact, process.owner, process.reporter, *process.users) if p]
    names = [p.name for p in people]
    data = entry.document.data or {}
    for path, text in walk_texts(data):
        if "@" not in text:
            continue  # the quick answer for almost every text
        top = str(path[0]) if path else ""
        info = PROCESS_FIELDS.get(top)
        if info is None or info.confidential:
            continue
        if top == "contact" and process.other_contact_email:
            continue  # the contact's own address is not published when a mailbox is given
        if top in ("links", "attachments") and len(path) > 1:
            item = data.get(top, [])[path[1]] if isinstance(path[1], int) else None
            if isinstance(item, dict) and item.get("visibility", "public" if top == "links" else "municipality") != "public":
                continue
        for match in _EMAIL.finditer(_URL.sub(" ", text)):
            address = match.group()
            if is_personal_email(address, names):
                yield finding_at("AP502", entry, path, email=address, example=_suggested_mailbox(address))
