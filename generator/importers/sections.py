"""The later sections of a record: challenges, time, assessment, implementation, operation, links.

Each function fills the process fields of one OS2autoproces section from the record being mapped
(a :class:`generator.importers.mapping._Record`, described here by the protocol ``_Record`` so the
two modules do not import each other) and notes what it could not map.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from generator.importers import enum_values as ev
from generator.importers import values
from generator.importers.records import SourceRecord
from generator.model import Level, Phase, RunPeriod


class _Record(Protocol):
    """The record being mapped, as the section functions use it."""

    record: SourceRecord
    ctx: Any
    fields: dict[str, Any]

    def note(self, key: str, value: object, reason: str, *, fatal: bool = False) -> None: ...

    def set(self, key: str, value: object) -> None: ...

    def raw(self, key: str) -> Any: ...

URL_PATTERN = r"^https?://\S+$"
URL_MAX = 1024
LEVELS = {
    "levelOfProfessionalAssessment": "level_of_professional_assessment", "levelOfChange": "level_of_change",
    "levelOfStructuredInformation": "level_of_structured_information", "levelOfUniformity": "level_of_uniformity",
    "levelOfDigitalInformation": "level_of_digital_information", "levelOfQuality": "level_of_quality",
    "levelOfSpeed": "level_of_speed", "levelOfRoutineWorkReduction": "level_of_routine_work_reduction",
    "evaluatedLevelOfRoi": "evaluated_level_of_roi",
}


def challenges(r: "_Record") -> None:
    slugs = _system_slugs(r, "itSystems", "it_systems")
    r.set("it_systems", slugs)


def _system_slugs(r: "_Record", source: str, key: str) -> list[str]:
    slugs: list[str] = []
    for system in r.raw(source) or []:
        entry = system if isinstance(system, dict) else {"name": system}
        slug = r.ctx.systems.slug_for(entry, r.record.source_id, r.record.title)
        if slug is None:
            r.note(key, entry.get("name"), "Systemet har intet brugbart navn og er udeladt")
        elif slug in slugs:
            r.note(key, entry.get("name"), f"Systemet står flere gange; det er kun taget med én gang ('{slug}')")
        else:
            slugs.append(slug)
    return slugs


def time(r: "_Record") -> None:
    r.converted("timeSpendOccurancesPerEmployee", "time_spend_occurrences", values.whole_number)
    r.converted("timeSpendPerOccurance", "time_spend_per_occurrence", lambda v: values.duration(v, "min"))
    r.converted("timeSpendPercentageDigital", "time_spend_percentage_digital",
                lambda v: values.whole_number(v, low=0, high=100))
    r.converted("timeSpendEmployeesDoingProcess", "time_spend_employees_doing_process", values.whole_number)
    r.converted("expectedDevelopmentTime", "expected_development_time", lambda v: values.duration(v, "t"))
    for source, key in (("targetsCitizens", "targets_citizens"), ("targetsCompanies", "targets_companies")):
        value, problem = values.yes_no(r.raw(source))
        if problem:
            r.note(key, r.raw(source), problem)
        if value is not None:
            r.fields[key] = value


def assessment(r: "_Record") -> None:
    """The nine Likert answers. "Ikke forholdt sig" (NOT_SET) is kept apart from "Ved ikke" (UNKNOWN).

    NOT_SET is the back end's default for every process; it is written only from the phase in which
    the assessment section exists (pre-analysis), where it is a real answer.
    """
    assessed = Phase(r.fields["phase"]).at_least(Phase.PREANALYSIS)
    for source, key in LEVELS.items():
        raw = r.raw(source)
        if values.is_blank(raw):
            continue
        member = ev.lookup(ev.LEVELS, raw)
        if member is None:
            r.note(key, raw, "Svaret kendes ikke og er udeladt")
        elif member != Level.NOT_SET or assessed:
            r.fields[key] = member.value


def implementation(r: "_Record") -> None:
    technologies: list[str] = []
    for name in r.raw("technologies") or []:
        slug = r.ctx.technologies.slug_for(str(name))
        if slug is None:
            r.note("technologies", name, "Teknologien findes ikke i teknologilisten og er udeladt; tilføj den i "
                   "taxonomies/sources/curated/technologies.yaml, hvis den mangler")
        elif slug not in technologies:
            technologies.append(slug)
    r.set("technologies", technologies)
    raw = r.raw("runPeriod")
    member = ev.lookup(ev.RUN_PERIODS, raw)
    if member is None and not values.is_blank(raw):
        r.note("run_period", raw, "Skeduleringen kendes ikke og er udeladt")
    elif member is not None and member != RunPeriod.NOT_CHOSEN_YET:
        r.fields["run_period"] = member.value
    r.set("services", _system_slugs(r, "services", "services"))


def operation(r: "_Record") -> None:
    rating, problem = values.whole_number(r.raw("rating"), low=0, high=3)
    if problem:
        r.note("rating", r.raw("rating"), problem)
    if rating:  # 0 is OS2autoproces's "not rated"
        r.fields["rating"] = rating


def attachments(r: "_Record") -> None:
    links = []
    repository = values.text(r.raw("codeRepositoryUrl"))
    if repository is not None:
        if re.match(URL_PATTERN, repository) and len(repository) <= URL_MAX:
            r.fields["code_repository_url"] = repository
        else:
            r.note("code_repository_url", repository, "Er ikke en webadresse (https://...) og er udeladt")
    for link in r.raw("links") or []:
        url = str(link.get("url") or "").strip() if isinstance(link, dict) else ""
        if not (re.match(URL_PATTERN, url) and len(url) <= URL_MAX):
            r.note("links", url, "Er ikke en webadresse (https://...) og er udeladt")
            continue
        entry = {"url": url}
        if link.get("internal"):
            entry["visibility"] = "municipality"
        if entry not in links:
            links.append(entry)
    r.set("links", links)
    for name in r.raw("attachments") or []:
        r.note("attachments", name, "Bilaget findes kun i OS2autoproces; hent filen derfra, læg den i mappen "
               "'bilag' ved siden af procesfilen, og tilføj den under attachments")


def strip_umbrella(r: "_Record", keep: set[str]) -> None:
    """An umbrella keeps only an umbrella's fields; values in the others are reported, not kept."""
    for key in [k for k in r.fields if k not in keep]:
        value = r.fields.pop(key)
        if key.startswith("level_of") or key == "evaluated_level_of_roi":
            continue  # OS2autoproces fixes every answer of an umbrella to NOT_SET
        r.note(key, value, "En paraplyproces har ikke dette felt; værdien er ikke overført")
