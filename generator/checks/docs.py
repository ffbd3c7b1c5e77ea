"""The rule catalogue as a Danish Markdown page (for the site and for reviewers)."""

from __future__ import annotations

import re

from generator.checks.rules import RULES
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
    "suggestion": "forslag til de nærmeste gyldige værdier",
    "replacement": "det nummer, der afløser det gamle",
    "advice": "et konkret råd til den forventede type",
    "format_hint": "beskrivelse af det rigtige format",
    "label": "feltets navn", "key": "feltnøgle", "value": "værdi", "allowed": "de tilladte værdier",
    "help": "feltets hjælpetekst",
}


def _readable(template: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: f"‹{PLACEHOLDERS_DA.get(m.group(1), m.group(1))}›", template)


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
    for rule in sorted(RULES.values(), key=lambda r: r.id):
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
