"""The page of one process: its sections in the order of OS2autoproces, with resolved names.

Rows are built here from ``PROCESS_FIELDS`` (labels from the model); ``site_templates/process.html``
decides how they look. Empty fields and empty sections are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import jinja2

from generator.audience import PublishedProcess
from generator.history import Change
from generator.model import PROCESS_FIELDS, SECTIONS, LabelledEnum, Person
from generator.model.fields import SECTION_IDS, FieldInfo
from generator.sanitize import render_markdown
from generator import formatting, labels, urls
from generator.publication import Publication
from generator.site.fact_card import fact_rows
from generator.site.templates import PageLinks, Rendered, render
from generator.site.views import LinkView, Row, municipality_link, process_link

# Shown in the page header, not as rows.
HEADER_FIELDS = frozenset({"title", "short_description"})
PRIVATE_ONLY_FIELDS = frozenset({"visibility"})  # noise for public readers: everything there is public
HISTORY_ID = "aendringshistorik"
HISTORY_LIMIT = 30


def attachment_uri(process: PublishedProcess, file_name: str) -> str:
    """Where a public attachment is copied: next to the process page, in ``bilag/``."""
    return f"processer/{process.id}/bilag/{file_name}"


def attachment_source(process: PublishedProcess, file_name: str):
    """The attachment file in the catalogue: ``bilag/`` beside the process file."""
    return process.path.parent / "bilag" / file_name


def build_rows(ctx: Publication, links: PageLinks, pp: PublishedProcess) -> dict[str, list[Row]]:
    """Rows per section key, in field order; sections without rows are absent."""
    sections: dict[str, list[Row]] = {key: [] for key in SECTIONS}
    process = pp.process
    for key, info in PROCESS_FIELDS.items():
        if key in HEADER_FIELDS or (key in PRIVATE_ONLY_FIELDS and ctx.is_public):
            continue
        if info.section == "internal" and not pp.own:
            continue
        row = _row(ctx, links, pp, key, getattr(process, key))
        if row is not None:
            sections[info.section].append(row)
        if key == "derived_from":
            adopters = ctx.adopters.get(pp.id, [])
            if adopters:
                sections["general"].append(Row("adopted_by", labels.ADOPTED_BY, "links",
                                               [process_link(ctx, links, a) for a in adopters]))
        if key == "umbrellas" and process.is_umbrella:
            children = ctx.children.get(pp.id, [])
            if children:
                sections["general"].append(Row("children", labels.CHILDREN, "links",
                                               [process_link(ctx, links, c) for c in children]))
    sections["time"][:0] = _figures(ctx, pp)
    return {key: rows for key, rows in sections.items() if rows}


def _figures(ctx: Publication, pp: PublishedProcess) -> list[Row]:
    process = pp.process
    figures = [
        ("manual_hours_per_year", labels.MANUAL_HOURS, formatting.hours_da(process.manual_hours_per_year)),
        ("expected_hours_freed_per_year", labels.HOURS_FREED, formatting.hours_da(process.expected_hours_freed_per_year)),
        ("yearly_value_dkk", labels.YEARLY_VALUE,
         f"{formatting.dkk_da(ctx.yearly_value(pp))} (ved en timepris på {formatting.dkk_da(ctx.hourly_rate)})"
         if ctx.yearly_value(pp) is not None else ""),
        ("payback_years", labels.PAYBACK, formatting.years_da(ctx.payback(pp))),
    ]
    return [Row(key, label, "figure", value) for key, label, value in figures if value]


def _row(ctx: Publication, links: PageLinks, pp: PublishedProcess, key: str, value: Any) -> Row | None:
    label = PROCESS_FIELDS[key].label
    if value is None or value == [] or value == "":
        return None
    info = PROCESS_FIELDS[key]
    if info.references and info.references != "processes":
        return _reference_row(ctx, links, info, value)
    if key == "phase":
        return Row(key, label, "links", [LinkView(value.label, links(urls.browse_uri(urls.PHASES, value.value)))])
    if key == "type":
        return Row(key, label, "text", value.label) if pp.process.is_umbrella else None
    if key == "sep_mep":
        return Row(key, label, "text", "Ja") if value else None
    if key in ("umbrellas", "derived_from"):
        ids = value if isinstance(value, list) else [value]
        shown = [process_link(ctx, links, ctx.by_id[i]) for i in ids if i in ctx.by_id]
        return Row(key, label, "links", shown) if shown else None
    if key == "validations":
        return _validations_row(ctx, pp)
    if key == "adopted_by":
        return Row(key, label, "links", [municipality_link(ctx, links, slug) for slug in value])
    if key in ("contact", "owner", "reporter"):
        return Row(key, label, "people", [value])
    if key == "users":
        return Row(key, label, "people", list(value))
    if key == "other_contact_email":
        return Row(key, label, "links", [LinkView(value, f"mailto:{value}")])
    if key == "code_repository_url":
        return Row(key, label, "links", [LinkView(value, value)])
    if key == "links":
        return Row(key, label, "links", [LinkView(item.title or item.url, item.url) for item in value])
    if key == "attachments":
        shown = []
        for item in value:
            exists = attachment_source(pp, item.file).is_file()
            href = links.asset(attachment_uri(pp, item.file)) if exists else None
            shown.append(LinkView(item.title or item.file, href, item.file if item.title else None))
        return Row(key, label, "links", shown)
    if key == "rating":
        return Row(key, label, "text", f"{labels.RATING.get(value, value)} ({value} af 3)")
    if key == "time_spend_per_occurrence":
        return Row(key, label, "text", f"{formatting.number_da(value)} minutter")
    if key == "time_spend_percentage_digital":
        return Row(key, label, "text", f"{value} %")
    if key == "expected_development_time":
        return Row(key, label, "text", formatting.hours_da(value))
    if PROCESS_FIELDS[key].markdown:
        return Row(key, label, "html", render_markdown(value))
    return Row(key, label, *_plain(value))


def _reference_row(ctx: Publication, links: PageLinks, info: FieldInfo, value: Any) -> Row:
    """A field of codes from a reference list: their names, linked to their browse pages."""
    listed = info.reference_list
    assert listed is not None
    family = urls.LIST_FAMILIES.get(listed.name)
    shown = []
    for code in value if isinstance(value, list) else [value]:
        named = ctx.resolver.named(listed.name, code)
        text = named.label if listed.format_hint else named.name
        shown.append(LinkView(text, links(urls.browse_uri(family, code)) if family else None, named.vendor))
    if family is None:
        return Row(info.key, info.label, "text", ", ".join(item.text for item in shown))
    return Row(info.key, info.label, "links", shown)


def _validations_row(ctx: Publication, pp: PublishedProcess) -> Row | None:
    """'Valideret af 2 kommuner': who, when, their note, and whether the process changed since."""
    from generator.checks.validations import stale_fields, validation_count

    count = validation_count(pp.process)
    if not count:
        return None
    shown = []
    for validation, organisation in zip(pp.process.validations, ctx.record(pp).validators, strict=True):
        if validation.municipality == pp.process.municipality:
            continue
        text = f"{organisation.name}, {formatting.date_da(validation.date)}"
        if validation.note:
            text += f": {validation.note}"
        changed = stale_fields(pp.path, validation.date, pp.process)
        if changed:
            text += " (forældet: " + ", ".join(PROCESS_FIELDS[k].label for k in changed) + " er ændret siden)"
        shown.append(LinkView(text))
    # one item per validation (a note may hold commas, so the validations are not joined into one line)
    return Row("validations", labels.validated_by(count), "links", shown)


def _plain(value: Any) -> tuple[str, Any]:
    if isinstance(value, LabelledEnum):
        return "text", value.label
    if isinstance(value, bool):
        return "text", formatting.yes_no_da(value)
    if isinstance(value, (int, float)):
        return "text", formatting.number_da(value)
    if hasattr(value, "isoformat"):
        return "text", formatting.date_da(value)
    if isinstance(value, list):
        return "list", [item.label if isinstance(item, LabelledEnum) else str(item) for item in value]
    if isinstance(value, Person):
        return "people", [value]
    return "multiline", str(value)


@dataclass(frozen=True)
class HistoryRow:
    """One line of the change history: the change, who made it (author or organisation), the commit's address."""

    change: Change
    who: str
    url: str | None


def render_process(env: jinja2.Environment, ctx: Publication, pp: PublishedProcess) -> Rendered:
    links = PageLinks(ctx.process_url(pp), ctx.use_directory_urls)
    sections = build_rows(ctx, links, pp)
    organisation = ctx.resolver.municipality(pp.process.municipality).name
    history = [HistoryRow(change, change.author or organisation, ctx.commit_link(pp, change))
               for change in ctx.history.history_for(pp)[:HISTORY_LIMIT]]
    toc = [(SECTION_IDS[key], SECTIONS[key]) for key in sections]
    if history:
        toc.append((HISTORY_ID, labels.HISTORY))
    html = render(
        env, "process.html",
        p=pp, process=pp.process, sections=sections, facts=fact_rows(sections), section_names=SECTIONS,
        section_ids=SECTION_IDS,
        history=history, history_id=HISTORY_ID, edit_link=ctx.edit_link(pp),
        form_link=links("foreslaa/index.md") + "?rediger=" + pp.id if ctx.edit_link(pp) else None,
        warnings=pp.findings if (pp.own and not ctx.is_public) else (),
        municipality=municipality_link(ctx, links, pp.process.municipality),
        updated=ctx.updated(pp), links=links, ctx=ctx,
    )
    return Rendered(html, toc)


def process_page_inputs(ctx: Publication, pp: PublishedProcess) -> tuple:
    """Everything :func:`render_process` reads about ``pp`` beyond the build's settings, lists and templates.

    The page cache (``generator.site.page_cache``) reuses a page whose inputs are unchanged; a value
    that ``render_process`` reads and that is missing here would leave a stale page, so keep both in step.
    The process itself is there as its content key (``PublishedProcess.key``: it changes with the process as
    published), not as a dump of the model.
    """
    from generator.sharing import git

    process = pp.process
    related = [*process.umbrellas, *([process.derived_from] if process.derived_from else [])]
    titles = [(i, ctx.by_id[i].process.title if i in ctx.by_id else None) for i in related]
    commits = []
    if process.validations:
        _top, found = git.file_commits(pp.path)
        commits = [(c.commit, c.path) for c in found]
    return (
        pp.id, pp.own, pp.path.as_posix(), pp.key, ctx.is_public,
        tuple(map(repr, pp.findings)) if (pp.own and not ctx.is_public) else (),
        titles,
        [(a.id, a.process.title) for a in ctx.adopters.get(pp.id, [])],
        [(c.id, c.process.title) for c in ctx.children.get(pp.id, [])],
        [(repr(change), ctx.commit_link(pp, change)) for change in ctx.history.history_for(pp)[:HISTORY_LIMIT]],
        ctx.updated(pp), ctx.edit_link(pp), ctx.process_url(pp),
        [attachment_source(pp, item.file).is_file() for item in process.attachments],
        commits,
    )
