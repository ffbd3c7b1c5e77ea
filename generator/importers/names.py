"""Names from OS2autoproces matched to the slugs of a curated list (IT-systems, technologies).

A name matches an entry when, ignoring case and spacing, it equals the entry's title, the short
form before a dash or parenthesis (``CPR`` for "CPR – Det Centrale Personregister"), or the slug.
A name that fits two entries is not guessed at.
"""

from __future__ import annotations

import re

from generator.taxonomies.lookup import TaxonomyList
from generator.taxonomies.slugs import slugify


def fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _short_form(title: str) -> str | None:
    match = re.match(r"^(.+?)\s+(?:[–-]|\()\s*", title)
    return match.group(1) if match else None


class NameIndex:
    """Folded name -> slug for one list; ambiguous names map to nothing."""

    def __init__(self, terms: TaxonomyList):
        self.slugs = {term.code for term in terms}
        self.uuids: dict[str, str] = {}
        candidates: dict[str, set[str]] = {}
        for term in terms:
            keys = {fold(term.code), term.code}
            if term.title:
                keys |= {fold(term.title), slugify(term.title)}
                short = _short_form(term.title)
                if short:
                    keys.add(fold(short))
            for key in keys:
                candidates.setdefault(key, set()).add(term.code)
            uuid = term.get("kitos_uuid")
            if isinstance(uuid, str) and uuid:
                self.uuids[uuid.lower()] = term.code
        self._by_name = {key: next(iter(codes)) for key, codes in candidates.items() if len(codes) == 1}

    def by_uuid(self, uuid: object) -> str | None:
        return self.uuids.get(uuid.lower()) if isinstance(uuid, str) else None

    def by_name(self, name: str) -> str | None:
        return self._by_name.get(fold(name)) or self._by_name.get(slugify(name))

    def knows(self, name: str) -> bool:
        return self.by_name(name) is not None


def split_joined(text: str, separator: str, index: NameIndex | None = None) -> list[str]:
    """A list the Excel export joined with ``separator``; names that contain the separator survive.

    Consecutive parts are joined back when together they form a known name (longest first), so
    "Softwarerobot (RPA), andet produkt" stays one technology, and while a parenthesis is open, so
    an unknown "Postrobot (lokal, Aarhus)" stays one name too.
    """
    parts = _balanced([p.strip() for p in text.split(separator)], separator)
    result: list[str] = []
    i = 0
    while i < len(parts):
        name, taken = parts[i], 1
        for end in range(len(parts), i + 1, -1) if index is not None else ():
            joined = _known_join(parts[i:end], separator, index)
            if joined:
                name, taken = joined, end - i
                break
        if name:
            result.append(name)
        i += taken
    return result


def _balanced(parts: list[str], separator: str) -> list[str]:
    result: list[str] = []
    for part in parts:
        if result and result[-1].count("(") > result[-1].count(")"):
            result[-1] = f"{result[-1]}{separator} {part}"
        else:
            result.append(part)
    return result


def _known_join(parts: list[str], separator: str, index: NameIndex) -> str | None:
    for joiner in (separator + " ", separator):
        candidate = joiner.join(parts)
        if index.knows(candidate):
            return candidate
    return None
