"""One OS2autoproces record to the fields of a process file, with everything it could not map.

Every field of the model is filled from the record when the record has it: OS2autoproces's
camelCase names map to the snake_case keys (``timeSpendOccurancesPerEmployee`` to
``time_spend_occurrences``, ``shortDescription`` to ``short_description``; the tables below and in
:mod:`generator.importers.sections`). Values are converted, never invented: a value that cannot be
mapped is left out and reported with the reason, the record's id and its title. Derived figures
(``timeSpendComputedTotal``, the Excel export's hours) are not imported: the catalogue computes
them from the inputs, with decimals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from generator.importers import enum_values as ev
from generator.importers import sections, values
from generator.importers.codes import check_code
from generator.importers.html_to_markdown import to_markdown
from generator.importers.organisations import Organisations
from generator.importers.people import EMAIL, contact_for, people, person
from generator.importers.records import Problem, SourceRecord
from generator.importers.systems import SystemResolver, TechnologyResolver
from generator.model import PROCESS_FIELDS, ProcessType
from generator.taxonomies.lookup import Taxonomies

TITLE_MAX, SUMMARY_MAX = 65, 140

# source key -> process key, for the rich-text fields (HTML in OS2autoproces, Markdown here)
RICH_TEXT = {
    "statusText": "status_text", "longDescription": "long_description", "solutionRequests": "solution_requests",
    "processChallenges": "process_challenges", "timeSpendComment": "time_spend_comment",
    "technicalImplementationNotes": "technical_implementation_notes",
    "organizationalImplementationNotes": "organizational_implementation_notes",
    "automationDescription": "automation_description", "ratingComment": "rating_comment",
    "internalNotes": "internal_notes",
}
PLAIN_TEXT = {"legalClause": "legal_clause", "vendor": "vendor", "klId": "kl_id",
              "itSystemsDescription": "it_systems_description", "esdhReference": "esdh_reference"}
DATES = {"putIntoOperation": "put_into_operation", "decommissioned": "decommissioned",
         "legalClauseLastVerified": "legal_clause_last_verified", "created": "created"}
# What an umbrella keeps (OS2autoproces saves only these for an umbrella), from the field registry.
UMBRELLA_KEYS = frozenset(key for key, info in PROCESS_FIELDS.items() if info.umbrella)


@dataclass
class MappedProcess:
    source_id: int
    title: str
    origin: str
    municipality: str
    public: bool
    fields: dict[str, Any]
    parent_ids: list[int] = field(default_factory=list)
    child_ids: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class MappingContext:
    taxonomies: Taxonomies
    keep_people: bool = False
    organisations: Organisations = field(init=False)
    systems: SystemResolver = field(init=False)
    technologies: TechnologyResolver = field(init=False)

    def __post_init__(self) -> None:
        self.organisations = Organisations(self.taxonomies["municipalities"])
        self.systems = SystemResolver(self.taxonomies["it_systems"])
        self.technologies = TechnologyResolver(self.taxonomies["technologies"])


def label_of(key: str) -> str:
    info = PROCESS_FIELDS.get(key)
    return f"{info.label} ({key})" if info else key


class _Record:
    """One record being mapped: its fields so far and its problems."""

    def __init__(self, record: SourceRecord, ctx: MappingContext):
        self.record, self.ctx = record, ctx
        self.fields: dict[str, Any] = {}
        self.problems: list[Problem] = []

    def note(self, key: str, value: object, reason: str, *, fatal: bool = False) -> None:
        self.problems.append(Problem(origin=self.record.origin, reason=reason, record_id=self.record.source_id,
                                     title=self.record.title, field=label_of(key) if key else "",
                                     value="" if value is None else str(value)[:200], fatal=fatal))

    def set(self, key: str, value: object) -> None:
        if value is not None and value != [] and value != "":
            self.fields[key] = value

    def raw(self, key: str) -> Any:
        return self.record.values.get(key)

    def converted(self, source: str, key: str, convert: Callable[[object], tuple[Any, str | None]]) -> None:
        value, problem = convert(self.raw(source))
        if problem:
            self.note(key, self.raw(source), problem)
        self.set(key, value)


def map_record(record: SourceRecord, ctx: MappingContext) -> MappedProcess | None:
    """The mapped process, or None when the record cannot become a file (the reasons are in ``problems``)."""
    r = _Record(record, ctx)
    mapped = _identity(r)
    if mapped is None:
        return MappedProcess(source_id=record.source_id or 0, title=record.title, origin=record.origin,
                             municipality="", public=False, fields={}, problems=r.problems)
    municipality, public = mapped
    for step in (_general, _codes, _people, sections.challenges, sections.time, sections.assessment,
                 sections.implementation, sections.operation, sections.attachments):
        step(r)
    umbrella = r.fields.get("type") in (ProcessType.PARENT.value, ProcessType.GLOBAL_PARENT.value)
    if umbrella:
        sections.strip_umbrella(r, UMBRELLA_KEYS)
    return MappedProcess(source_id=record.source_id or 0, title=r.fields["title"], origin=record.origin,
                         municipality=municipality, public=public, fields=r.fields,
                         parent_ids=[] if umbrella else _ids(r.raw("parents")),
                         child_ids=_ids(r.raw("children")) if umbrella else [], problems=r.problems)


def _ids(raw: object) -> list[int]:
    found = []
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, int) and not isinstance(item, bool) and item > 0 and item not in found:
            found.append(item)
    return found


def _required_enum(r: _Record, source: str, key: str, table: dict) -> str | None:
    raw = r.raw(source)
    member = ev.lookup(table, raw)
    if member is None:
        shown = "" if raw is None else str(raw)
        reason = "mangler" if values.is_blank(raw) else f"'{shown}' er ikke en kendt værdi"
        r.note(key, raw, f"{PROCESS_FIELDS[key].label} {reason}; posten kan ikke importeres", fatal=True)
        return None
    return member.value


def _identity(r: _Record) -> tuple[str, bool] | None:
    """id, title, organisation, phase, status and visibility: without them there is no file."""
    ok = True
    if r.record.source_id is None:
        r.note("os2autoproces_id", r.raw("id"), "Posten har intet gyldigt OS2autoproces-id og kan ikke importeres",
               fatal=True)
        ok = False
    if not r.record.title:
        r.note("title", None, "Posten har ingen titel og kan ikke importeres", fatal=True)
        ok = False
    municipality = r.ctx.organisations.slug_for(r.raw("cvr"), r.raw("municipalityName"))
    if municipality is None:
        shown = r.raw("cvr") or r.raw("municipalityName")
        r.note("municipality", shown, f"Organisationen '{shown or ''}' findes ikke i listen over organisationer; "
               "posten kan ikke importeres", fatal=True)
        ok = False
    phase = _required_enum(r, "phase", "phase", ev.PHASES)
    status = _required_enum(r, "status", "status", ev.STATUSES)
    visibility = _required_enum(r, "visibility", "visibility", ev.VISIBILITIES)
    if not ok or None in (phase, status, visibility):
        return None
    assert municipality is not None
    r.fields["title"] = _shortened(r, "title", r.record.title, TITLE_MAX)
    r.fields["municipality"] = municipality
    r.fields.update(phase=phase, status=status, visibility=visibility)
    return municipality, visibility == "public"


def _shortened(r: _Record, key: str, text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:-") + "…"
    r.note(key, text, f"Teksten er {len(text)} tegn; højst {limit} er tilladt, så den er forkortet til '{cut}'")
    return cut


def _general(r: _Record) -> None:
    summary = values.text(r.raw("shortDescription"))
    if summary is None:
        summary = r.fields["title"]
        r.note("short_description", None, "Resuméet mangler; titlen er brugt som resumé")
    r.fields["short_description"] = _shortened(r, "short_description", summary, SUMMARY_MAX)
    member = ev.lookup(ev.PROCESS_TYPES, r.raw("type"))
    if member is not None and member != ProcessType.CHILD:
        r.set("type", member.value)
    elif member is None and not values.is_blank(r.raw("type")):
        r.note("type", r.raw("type"), "Procestypen kendes ikke; processen er importeret som almindelig proces")
    for source, key in RICH_TEXT.items():
        r.set(key, to_markdown(values.text(r.raw(source))))
    for source, key in PLAIN_TEXT.items():
        r.set(key, values.text(r.raw(source)))
    domains = []
    for raw in r.raw("domains") or []:
        member = ev.lookup(ev.DOMAINS, raw)
        if member is None:
            r.note("domains", raw, "Fagområdet kendes ikke og er udeladt")
        elif member.value not in domains:
            domains.append(member.value)
    r.set("domains", domains)
    if r.raw("sepMep") is True:
        r.fields["sep_mep"] = True
    r.set("os2autoproces_id", r.record.source_id)
    words = str(r.raw("searchWords") or "").split()
    r.set("search_words", list(dict.fromkeys(w[:128] for w in words)))
    r.set("org_units", list(dict.fromkeys(" ".join(str(u).split())[:255] for u in r.raw("orgUnits") or []
                                          if str(u).strip())))
    for source, key in DATES.items():
        r.converted(source, key, values.calendar_date)


def _codes(r: _Record) -> None:
    for kind in ("kle", "form", "kla"):
        code = values.text(r.raw(kind))
        if code is None:
            continue
        keep, reason = check_code(kind, code, r.ctx.taxonomies)
        if reason:
            r.note(kind, code, reason)
        if keep:
            r.fields[kind] = code


def _people(r: _Record) -> None:
    mailbox = values.text(r.raw("otherContactEmail"))
    if mailbox is not None and not (EMAIL.match(mailbox) and len(mailbox) <= 255):
        r.note("other_contact_email", mailbox, "Er ikke en e-mailadresse og er udeladt")
        mailbox = None
    r.set("other_contact_email", mailbox)
    organisation = r.ctx.organisations.title(r.fields["municipality"])
    contact, reason = contact_for(r.raw("contact"), organisation, mailbox)
    if reason:
        r.note("contact", (r.raw("contact") or {}).get("name") if isinstance(r.raw("contact"), dict) else None,
               reason)
    r.fields["contact"] = contact
    if not r.ctx.keep_people:
        return
    for source, key in (("owner", "owner"), ("reporter", "reporter")):
        r.set(key, person(r.raw(source)))
    r.set("users", people(r.raw("users")))
