"""References to the official and curated lists (AP4xx).

Every lookup goes through :class:`generator.taxonomies.Taxonomies`; a list that is not
available (empty) is not checked, so the core works before the lists are built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Iterable

from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, key_path
from generator.taxonomies import Taxonomies, Term
from generator.taxonomies.curated import example_entry

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

LEVEL_NAMES_DA = {1: "hovedgruppe", 2: "gruppe", 3: "emne"}
# Fields of IT-system slugs and of technology slugs (the model says which list a field refers to).
SYSTEM_FIELDS = tuple(key for key, info in PROCESS_FIELDS.items() if info.references == "it_systems")
TECHNOLOGY_FIELDS = tuple(key for key, info in PROCESS_FIELDS.items() if info.references == "technologies")
STATE_DA = {"retired": "udgået", "moved": "flyttet"}


def _suggest(terms: list[Term], what: str) -> str:
    if not terms:
        return f"Tjek stavemåden, eller find {what} på listen."
    shown = [f"'{t.code}'" + (f" ({t.title})" if t.title and t.title != t.code else "") for t in terms]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " eller " + shown[-1]
    return f"Mente du {listed}?"


def _replacement_hint(term: Term, taxonomies: Taxonomies, list_name: str) -> str:
    if term.replaced_by:
        parts = []
        for code in term.replaced_by:
            title = taxonomies[list_name].title(code)
            parts.append(f"'{code}'" + (f" ({title})" if title else ""))
        return f"Brug i stedet {' eller '.join(parts)}."
    return "Vælg et gældende nummer; processen vises stadig, men bør opdateres."


def check_references(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    doc = entry.document
    tax = catalogue.taxonomies

    def make(rule: str, path: tuple, **params: object) -> Finding:
        line, column = doc.line_column(path)
        return Finding.make(rule, doc.path, line, column, field_key=key_path(path), **params)

    municipalities = tax["municipalities"]
    if tax.has("municipalities") and process.municipality not in municipalities:
        yield make("AP408", ("municipality",), value=process.municipality,
                   suggestion=_suggest(municipalities.nearest(process.municipality), "organisationens kortnavn"))

    yield from _kle_findings(make, tax, process.kle)
    yield from _form_findings(make, tax, process.form, process.kle)

    if process.kla and tax.has("kla") and process.kla not in tax["kla"]:
        yield make("AP411", ("kla",), value=process.kla, suggestion=_suggest(tax["kla"].nearest(process.kla), "KLA-nummeret"))

    systems = tax["it_systems"]
    if tax.has("it_systems"):
        for key in SYSTEM_FIELDS:
            for index, slug in enumerate(getattr(process, key)):
                term = systems.get(slug)
                if term is None:
                    yield make("AP405", (key, index), value=slug, entry=example_entry("systems", slug),
                               suggestion=_suggest(systems.nearest(slug), "systemets kortnavn"))
                elif not term.active:
                    yield make("AP406", (key, index), value=slug, title=term.title or slug)

    technologies = tax["technologies"]
    if tax.has("technologies"):
        for key in TECHNOLOGY_FIELDS:
            for index, slug in enumerate(getattr(process, key)):
                if slug not in technologies:
                    yield make("AP407", (key, index), value=slug, entry=example_entry("technologies", slug),
                               suggestion=_suggest(technologies.nearest(slug), "teknologiens kortnavn"))


Make = Callable[..., Finding]


def _kle_findings(make: Make, tax: Taxonomies, kle: str | None) -> Iterable[Finding]:
    """AP401 (unknown), AP402 (retired or moved) and AP409 (not a subject) for the KLE number."""
    if not kle or not tax.has("kle"):
        return
    term = tax["kle"].get(kle)
    if term is None:
        yield make("AP401", ("kle",), value=kle, suggestion=_suggest(tax["kle"].nearest(kle), "KLE-nummeret"))
    else:
        if not term.active:
            yield make("AP402", ("kle",), value=kle, title=term.title or "", state=STATE_DA.get(term.status, term.status),
                       replacement=_replacement_hint(term, tax, "kle"))
        level = int(term.get("level") or kle.count(".") + 1)  # type: ignore[call-overload]
        if level < 3:
            example = next((t.code for t in tax["kle"] if t.code.startswith(kle + ".") and t.active
                            and t.code.count(".") == 2), f"{kle}.00")
            yield make("AP409", ("kle",), value=kle, title=term.title or "", level=LEVEL_NAMES_DA.get(level, "gruppe"),
                       example=example)


def _form_findings(make: Make, tax: Taxonomies, form: str | None, kle: str | None) -> Iterable[Finding]:
    """AP410 (FORM without KLE), AP403 (unknown), AP412 (retired) and AP404 (does not fit the KLE)."""
    if not form:
        return
    if not kle:
        yield make("AP410", ("form",))
    if tax.has("form"):
        term = tax["form"].get(form)
        if term is None:
            yield make("AP403", ("form",), value=form, suggestion=_suggest(tax["form"].nearest(form), "FORM-koden"))
        elif not term.active:
            yield make("AP412", ("form",), value=form, state=STATE_DA.get(term.status, term.status),
                       replacement=_replacement_hint(term, tax, "form"))
        elif kle and tax.has("kle") and kle in tax["kle"]:
            allowed = tax.forms_for_kle(kle)
            if allowed and form not in allowed:
                options = sorted(allowed)[:5]
                shown = ", ".join(f"'{c}'" + (f" ({tax['form'].title(c)})" if tax["form"].title(c) else "")
                                  for c in options)
                yield make("AP404", ("form",), value=form, kle=kle,
                           suggestion=f"FORM-koder til KLE {kle}: {shown}.")
