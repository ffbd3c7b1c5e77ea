"""Danish labels the site needs that the process model does not define.

Field labels, section names and enum labels come from ``generator.model`` and are never repeated
here; these are the site's own words (computed figures the model does not compute, page parts).
"""

from __future__ import annotations

from generator.model import Process

SITE_NAME_FALLBACK = "Fælles katalog over automatiseringer"

MANUAL_HOURS = Process.model_computed_fields["manual_hours_per_year"].title or "Manuelt tidsforbrug"
HOURS_FREED = Process.model_computed_fields["expected_hours_freed_per_year"].title or "Forventet tidsbesparelse"
YEARLY_VALUE = "Forventet årlig værdi (kr.)"
PAYBACK = "Tilbagebetalingstid for udviklingen"
LAST_CHANGED = "Sidst ændret"
FIRST_ADDED = "Optaget i kataloget"
ID = "Id"
URL = "Adresse"
CHILDREN = "Processer under denne paraply"
ADOPTED_BY = "Genbrugt af"
HISTORY = "Ændringshistorik"
VALIDATION_COUNT = "Antal valideringer fra andre kommuner"
EDIT = "Rediger på GitHub"

# Column headings of the process tables on browse pages.
TABLE_UPDATED = "Opdateret"
TABLE_HOURS = "Forventet årlig tidsbesparelse (timer)"

# ``rating`` 0-3 (OS2autoproces shows three stars with the tooltip "lav, mellem, høj").
RATING = {0: "Ikke vurderet", 1: "Lav", 2: "Mellem", 3: "Høj"}

BROWSE_TITLES = {
    "kle": "KLE-emner",
    "form": "FORM-opgaver",
    "organisationer": "Organisationer",
    "it-systemer": "IT-systemer",
    "teknologier": "Teknologier",
    "faser": "Faser",
}
BROWSE_INTRO = {
    "kle": "Processerne ordnet efter KL Emnesystematik: hovedgruppe, gruppe og emne.",
    "form": "Processerne ordnet efter FORM, den fællesoffentlige opgavenøgle.",
    "organisationer": "Processerne ordnet efter den organisation, der har beskrevet dem.",
    "it-systemer": "Processerne ordnet efter de IT-systemer, de bruger i dag eller i automatiseringen.",
    "teknologier": "Processerne ordnet efter den teknologi, der automatiserer dem.",
    "faser": "Processerne ordnet efter, hvor langt de er nået.",
}


def validated_by(count: int) -> str:
    """'Valideret af 1 kommune' / 'Valideret af 2 kommuner'."""
    return f"Valideret af {count} {'kommune' if count == 1 else 'kommuner'}"
