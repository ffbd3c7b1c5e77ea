"""The rule catalogue as a Danish Markdown page (for the site and for reviewers)."""

from __future__ import annotations

import html
import re

from generator.checks.rules import all_rules
from generator.diagnostics import SEVERITY_DA

FAMILIES = {
    "AP0": "Læsning af filen",
    "AP1": "Felter og værdier",
    "AP2": "Fase og status",
    "AP3": "Paraplyprocesser og kopier",
    "AP4": "KLE, FORM, KLA, IT-systemer, teknologier og organisationer",
    "AP5": "Fortrolighed og personoplysninger",
}

# How template fields read on the rule page.
PLACEHOLDERS_DA = {
    "actual": "den værdi, der står", "advice": "et konkret råd", "allowed": "de tilladte værdier",
    "audience": "den organisation, sitet bygges for", "bounds": "grænserne", "char": "tegnet",
    "count": "antal punkter", "declared": "organisationen i filen",
    "decommissioned": "dato for ud af drift", "email": "e-mailadressen", "example": "et eksempel",
    "excess": "antal tegn for meget", "extension": "filtypen", "item": "mappen eller filen", "link": "linkets sti", "expected": "den forventede type", "file": "filnavnet",
    "first_line": "linjenummer", "fixed": "det rettede tal", "folder": "mappen", "format_hint": "det rigtige format",
    "id": "proces-id", "other": "den anden fil",
    "from_phase": "fasen", "help": "feltets hjælpetekst", "key": "feltnøgle", "kind": "hvad filen indeholder",
    "kle": "KLE-nummeret", "label": "feltets navn", "leaf": "feltnøgle", "length": "antal tegn",
    "level": "niveau i KLE", "limit": "grænsen", "masked": "det maskerede nummer", "missing": "de manglende felter",
    "municipality": "organisationen", "name": "filnavnet", "owner": "organisationen, der ejer paraplyen",
    "phase": "fasen", "placement": "hvor linjen skal stå", "problem": "beskrivelse af problemet",
    "put_into_operation": "dato for drift", "reason": "årsagen", "ref": "proces-id",
    "removed": "det, der fjernes", "replacement": "det nummer, der afløser det gamle",
    "required": "den krævede synlighed", "required_key": "den krævede værdi", "size": "filens størrelse",
    "state": "udgået eller flyttet", "status": "status", "suggestion": "forslag til de nærmeste gyldige værdier",
    "tag": "tagget", "target": "linkets mål", "title": "titlen", "umbrella_type": "paraplyens type",
    "url": "adressen", "value": "værdi", "visibility": "synligheden", "what": "kortnavn eller id",
    "where": "feltet", "org_name": "organisationens navn", "date": "datoen", "today": "dags dato",
    "since": "datoen, processen kom ind i kataloget", "fields": "de ændrede felter",
    "slug": "kortnavnet", "list_da": "listens navn", "field": "feltet i posten", "entry": "en færdig post",
    "entry_name": "navnet i posten", "other_slug": "det eksisterende kortnavn", "other_name": "det eksisterende navn",
}


def _readable(template: str) -> str:
    """A message template as Markdown text: fields named in Danish, and ``<``, ``>``, ``&`` as entities
    so that a placeholder such as ``<organisation>`` is shown, not taken for an HTML tag."""
    named = re.sub(r"\{(\w+)\}", lambda m: f"‹{PLACEHOLDERS_DA.get(m.group(1), m.group(1))}›", template)
    return html.escape(named, quote=False)


def rules_markdown() -> str:
    lines = [
        "# Valideringsregler",
        "",
        "Når du retter eller opretter en proces, kontrolleres filen mod reglerne nedenfor. Hver meddelelse "
        "nævner fil, linje, regel-id og hvordan du retter fejlen. En **fejl** skal rettes, før ændringen kan "
        "godkendes; en **advarsel** er et godt råd, som ikke stopper ændringen.",
        "",
        "Kør selv kontrollen med `autoproces check processes/`.",
        "",
    ]
    current = None
    for rule in sorted(all_rules().values(), key=lambda r: r.id):
        family = rule.id[:3]
        if family != current:
            current = family
            lines += [f"## {FAMILIES.get(family, family)}", ""]
        lines += [
            f"### {rule.id}: {rule.name} {{ #{rule.id.lower()} }}",
            "",
            f"- Alvor: **{SEVERITY_DA[rule.severity]}**",
            f"- Meddelelse: {_readable(rule.message)}",
            f"- Sådan retter du det: {_readable(rule.hint)}",
            "",
        ]
        if rule.example:
            lines += ["Eksempel, der udløser reglen:", "", "```yaml", rule.example, "```", ""]
    return "\n".join(lines) + "\n"
