"""OS2autoproces organisations to the catalogue's municipality slugs.

The REST API gives the organisation's CVR number (``cvr``), which the municipality list carries
for all 98 municipalities and 5 regions. The Excel export has only the name (column "Myndighed",
``municipalityName``), matched to the list's titles ("Aarhus Kommune", also without "Kommune").
"""

from __future__ import annotations

from generator.importers.names import fold
from generator.taxonomies.lookup import TaxonomyList


class Organisations:
    def __init__(self, municipalities: TaxonomyList):
        self._by_cvr: dict[str, str] = {}
        self._by_name: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        for term in municipalities:
            cvr = term.get("cvr")
            if isinstance(cvr, str) and cvr:
                self._by_cvr[cvr] = term.code
            title = term.title or term.code
            self.titles[term.code] = title
            self._by_name[fold(title)] = term.code
            short = title.removesuffix(" Kommune").removesuffix(" Regionskommune")
            self._by_name.setdefault(fold(short), term.code)
        self.slugs = set(self.titles)

    def slug_for(self, cvr: object, name: object) -> str | None:
        if isinstance(cvr, (int, float)) and not isinstance(cvr, bool):
            cvr = str(int(cvr)).zfill(8)
        if isinstance(cvr, str) and cvr.strip() in self._by_cvr:
            return self._by_cvr[cvr.strip()]
        if isinstance(name, str) and name.strip():
            return self._by_name.get(fold(name))
        return None

    def title(self, slug: str) -> str:
        return self.titles.get(slug, slug)
