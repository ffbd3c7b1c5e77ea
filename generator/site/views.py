"""Small view models shared by the page families (what a template shows, already resolved)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from generator.audience import PublishedProcess
from generator import urls
from generator.publication import Publication
from generator.formatting import danish_sort_key


# A page's relative links (``templates.PageLinks``): src_uri -> address from that page.
Links = Callable[[str], str]


@dataclass(frozen=True, slots=True)
class LinkView:
    text: str
    href: str | None = None  # None: plain text (the target is not part of this build)
    note: str | None = None  # shown after the link, e.g. an IT-system's vendor


@dataclass(frozen=True, slots=True)
class Row:
    """One labelled value on a process page.

    ``kind`` tells the template how to show ``value``: ``text`` (escaped), ``multiline`` (escaped,
    line breaks kept), ``html`` (sanitized Markdown), ``links`` (list of LinkView), ``people``
    (list of Person), ``list`` (list of str).
    """

    key: str
    label: str
    kind: str
    value: Any


@dataclass(frozen=True, slots=True)
class ProcessRow:
    """One line of a process table on browse pages and the front page."""

    title: LinkView
    municipality: LinkView
    phase: str
    status: str
    updated: dt.date | None
    hours: float | None


def process_link(ctx: Publication, links: Links, process: PublishedProcess) -> LinkView:
    return LinkView(process.process.title, links(urls.process_uri(process.id)))


def municipality_link(ctx: Publication, links: Links, slug: str) -> LinkView:
    return LinkView(ctx.resolver.municipality(slug).name, links(urls.browse_uri(urls.MUNICIPALITIES, slug)))


def process_rows(ctx: Publication, links: Links, processes: Iterable[PublishedProcess]) -> list[ProcessRow]:
    """Table rows, sorted by title (Danish order), then id."""
    ordered = sorted(processes, key=title_order)
    return [process_row_view(ctx, p, process_link(ctx, links, p), municipality_link(ctx, links, p.process.municipality))
            for p in ordered]


def title_order(process: PublishedProcess) -> tuple[str, str]:
    return danish_sort_key(process.process.title), process.id


def process_row_view(ctx: Publication, p: PublishedProcess, title: LinkView, municipality: LinkView) -> ProcessRow:
    return ProcessRow(title=title, municipality=municipality, phase=p.process.phase.label,
                      status=p.process.status.label, updated=ctx.updated(p),
                      hours=p.process.expected_hours_freed_per_year)
