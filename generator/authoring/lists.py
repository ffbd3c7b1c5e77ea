"""The reference lists as rows a person can read and search: ``autoproces lists`` and ``new``'s choices.

A search matches when every word of it occurs in the code, the title or the extra text of an
item, after folding case and the Danish letters (æ=ae, ø=oe, å=aa), so "sygedagpenge",
"Sygedagpenge" and "sygedag" all find "Sygedagpenge i almindelighed".
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from generator.taxonomies import Taxonomies, Term

# Command-line name -> list name in taxonomies/.
LISTS = {"kle": "kle", "form": "form", "it-systems": "it_systems", "technologies": "technologies",
         "municipalities": "municipalities"}
LIST_TITLES_DA = {"kle": "KLE-emner", "form": "FORM-koder", "it_systems": "IT-systemer",
                  "technologies": "teknologier", "municipalities": "organisationer"}
STATE_DA = {"retired": "udgået", "moved": "flyttet"}


@dataclass(frozen=True)
class Row:
    code: str
    text: str            # what is shown after the code
    active: bool
    term: Term


def fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def describe(list_name: str, term: Term, taxonomies: Taxonomies) -> str:
    """The Danish text of one item: title, and what a reader needs to choose it."""
    title = term.title or "(ingen titel i kilden)"
    if list_name == "it_systems":
        vendor = term.get("vendor")
        text = f"{title} – leverandør: {vendor}" if vendor else f"{title} – leverandør ukendt"
        if term.get("owner"):
            text += f", ejer: {term.get('owner')}"
    elif list_name == "technologies":
        text = f"{title} ({term.get('category_title')})" if term.get("category_title") else title
    else:
        text = title
    if not term.active:
        replacement = ", ".join(term.replaced_by)
        text += f" [{STATE_DA.get(term.status, term.status)}" + (f", brug {replacement}" if replacement else "") + "]"
    return text


def rows(taxonomies: Taxonomies, list_name: str, search: str = "", *, include_inactive: bool = False,
         kle_level: int | None = None) -> list[Row]:
    """The items of a list, sorted by code, that match ``search`` (all items for an empty search)."""
    words = fold(search).split()
    found = []
    for term in sorted(taxonomies[list_name], key=lambda t: t.code):
        if not term.active and not include_inactive:
            continue
        if kle_level is not None and term.code.count(".") + 1 != kle_level:
            continue
        text = describe(list_name, term, taxonomies)
        haystack = fold(f"{term.code} {text}")
        if all(word in haystack for word in words):
            found.append(Row(term.code, text, term.active, term))
    return found


def format_rows(found: list[Row]) -> str:
    width = max((len(r.code) for r in found), default=0)
    return "\n".join(f"{r.code.ljust(width)}  {r.text}" for r in found)
