"""``autoproces audit``: the reminders OS2autoproces e-mailed, as one Markdown text per municipality.

* A process in operation whose legal basis (``legal_clause``) was last verified more than six
  months ago, or never (OS2autoproces's weekly "Validering af proces med ID ...").
* A public process whose file has not changed for twelve months, from git (OS2autoproces's
  "not updated in a year" notice, which its own bug kept from being sent).

Only public processes are listed: the text is posted as a GitHub issue. The scheduled workflow
only posts what this prints, one issue per municipality, updated rather than duplicated.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import SimpleNamespace

from generator.catalogue import Catalogue, Entry
from generator.model import Phase, Visibility
from generator import formatting
from generator.history import GitHistory

LEGAL_MONTHS, UNCHANGED_MONTHS = 6, 12
MARKER = "<!-- autoproces-audit:{slug} -->"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the month's last day when it has fewer days)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate in range(day.day, 0, -1):
        try:
            return dt.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass
class Finding:
    id: str
    title: str
    path: str
    date: dt.date | None  # last verified / last changed; None: never verified


@dataclass
class MunicipalityAudit:
    slug: str
    name: str
    legal: list[Finding] = field(default_factory=list)
    unchanged: list[Finding] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Gennemgang af processer: {self.name}"

    def to_json(self, markdown: str) -> dict:
        return {"municipality": self.slug, "name": self.name, "title": self.title, "body": markdown,
                "legal_clause": [f.id for f in self.legal], "unchanged": [f.id for f in self.unchanged]}


def audit(catalogue: Catalogue, history: GitHistory, today: dt.date, relative) -> list[MunicipalityAudit]:
    """Per municipality (sorted), the public processes that need a look; municipalities with none are left out."""
    legal_cutoff, unchanged_cutoff = months_before(today, LEGAL_MONTHS), months_before(today, UNCHANGED_MONTHS)
    names = catalogue.taxonomies["municipalities"]
    found: dict[str, MunicipalityAudit] = {}
    for entry in sorted(catalogue.entries, key=lambda e: e.id):
        process = entry.process
        if process is None or entry.overlay or process.visibility != Visibility.PUBLIC:
            continue
        slug = process.municipality
        item = lambda date: Finding(entry.id, process.title, relative(entry), date)  # noqa: E731
        group = found.get(slug) or MunicipalityAudit(slug, names.title(slug) or slug)
        verified = process.legal_clause_last_verified
        if process.phase == Phase.OPERATION and process.legal_clause and (verified is None or verified < legal_cutoff):
            group.legal.append(item(verified))
        changed = history.last_date(SimpleNamespace(path=entry.path))
        if changed is not None and changed < unchanged_cutoff:
            group.unchanged.append(item(changed))
        if group.legal or group.unchanged:
            found[slug] = group
    return [found[slug] for slug in sorted(found)]


def _md(text: str) -> str:
    from generator.sharing.report_markdown import md

    return md(text)


def _link(item: Finding, repo_url: str | None, branch: str) -> str:
    title = _md(item.title)
    return f"[{title}]({repo_url}/blob/{branch}/{item.path})" if repo_url else f"{title} (`{item.id}`)"


def render_markdown(group: MunicipalityAudit, today: dt.date, repo_url: str | None = None, branch: str = "main") -> str:
    lines = [MARKER.format(slug=group.slug), f"Automatisk gennemgang af {_md(group.name)}s offentlige processer "
             f"den {formatting.date_da(today)}. Ret processerne i en pull request; listen opdateres hver uge.", ""]
    if group.legal:
        lines += [f"### Lovgrundlaget er ikke kontrolleret i {LEGAL_MONTHS} måneder", "",
                  "Processer i drift med en lovparagraf, der ikke er kontrolleret siden "
                  f"{formatting.date_da(months_before(today, LEGAL_MONTHS))}. Kontrollér paragraffen, og skriv datoen "
                  "i `legal_clause_last_verified`.", ""]
        lines += [f"- {_link(i, repo_url, branch)}: "
                  + (f"sidst kontrolleret {formatting.date_da(i.date)}" if i.date else "aldrig kontrolleret")
                  for i in group.legal]
        lines.append("")
    if group.unchanged:
        lines += [f"### Ikke ændret i {UNCHANGED_MONTHS} måneder", "",
                  "Offentlige processer, hvis fil ikke er ændret i et år. Er kontaktperson, fase, status og tal "
                  "stadig rigtige? Ret dem, eller bekræft processen med en lille ændring.", ""]
        lines += [f"- {_link(i, repo_url, branch)}: sidst ændret {formatting.date_da(i.date)}" for i in group.unchanged]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def relative_to(top):
    """A function giving an entry's path relative to the repository ``top`` (forward slashes)."""
    import os
    from pathlib import Path

    def relative(entry: Entry) -> str:
        located = Path(os.path.abspath(entry.path)).resolve()
        try:
            return located.relative_to(top).as_posix()
        except ValueError:
            return located.name
    return relative
