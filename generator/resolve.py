"""Names and titles for the codes and slugs a process uses, looked up in the reference lists.

A code the lists do not know is shown as its code (never an invented title), so the site works
before the lists are built.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.taxonomies import Taxonomies


@dataclass(frozen=True, slots=True)
class Named:
    """A code or slug with what the lists say about it."""

    code: str
    title: str | None = None
    vendor: str | None = None

    @property
    def name(self) -> str:
        """The title, or the code when the list has no title."""
        return self.title or self.code

    @property
    def label(self) -> str:
        """``code title`` for KLE/FORM; only the code when no title is known."""
        return f"{self.code} {self.title}" if self.title else self.code


class Resolver:
    """Looks codes up in the Taxonomies (missing lists behave as empty)."""

    def __init__(self, taxonomies: Taxonomies):
        self.taxonomies = taxonomies
        self._known: dict[tuple[str, str], Named] = {}  # the lists do not change during a build

    def named(self, list_name: str, code: str) -> Named:
        """What the list ``list_name`` says about ``code`` (only the code when it does not know it)."""
        return self._term(list_name, code)

    def _term(self, list_name: str, code: str) -> Named:
        known = self._known.get((list_name, code))
        if known is None:
            known = self._known[(list_name, code)] = self._look_up(list_name, code)
        return known

    def _look_up(self, list_name: str, code: str) -> Named:
        term = self.taxonomies[list_name].get(code)
        if term is None:
            return Named(code)
        vendor = term.get("vendor")
        return Named(code, term.title or None, str(vendor) if vendor else None)

    def kle(self, code: str) -> Named:
        return self._term("kle", code)

    def form(self, code: str) -> Named:
        return self._term("form", code)

    def kla(self, code: str) -> Named:
        return self._term("kla", code)

    def municipality(self, slug: str) -> Named:
        return self._term("municipalities", slug)

    def it_system(self, slug: str) -> Named:
        return self._term("it_systems", slug)

    def technology(self, slug: str) -> Named:
        return self._term("technologies", slug)


def code_ancestors(code: str) -> list[str]:
    """``32.18.00`` -> ``["32", "32.18", "32.18.00"]`` (KLE and FORM are prefix hierarchies)."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
