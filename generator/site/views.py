"""Small view models shared by the page families (what a template shows, already resolved)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Iterable

from markupsafe import Markup

from generator.audience import PublishedProcess
from generator import urls
from generator.publication import Publication
from generator.formatting import danish_sort_key
from generator.site import fragments
from generator.site.templates import PageLinks


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


def process_link(ctx: Publication, links: PageLinks, process: PublishedProcess) -> LinkView:
    return LinkView(process.process.title, links(urls.process_uri(process.id)))


def municipality_link(ctx: Publication, links: PageLinks, slug: str) -> LinkView:
    return LinkView(ctx.resolver.municipality(slug).name, links(urls.browse_uri(urls.MUNICIPALITIES, slug)))


def process_rows(ctx: Publication, links: PageLinks, processes: Iterable[PublishedProcess]) -> list[ProcessRow]:
    """Table rows, sorted by title (Danish order), then id."""
    ordered = sorted(processes, key=_title_order)
    return [_process_row(ctx, p, process_link(ctx, links, p), municipality_link(ctx, links, p.process.municipality))
            for p in ordered]


def _title_order(process: PublishedProcess) -> tuple[str, str]:
    return danish_sort_key(process.process.title), process.id


def _process_row(ctx: Publication, p: PublishedProcess, title: LinkView, municipality: LinkView) -> ProcessRow:
    return ProcessRow(title=title, municipality=municipality, phase=p.process.phase.label,
                      status=p.process.status.label, updated=ctx.updated(p),
                      hours=p.process.expected_hours_freed_per_year)


class ProcessTableLines:
    """The lines (``fragments.process_row``) of the process tables on one build's browse pages.

    A process is listed on about ten browse pages, and its line differs between them only by its two
    links: each distinct line is made once and reused (the publication does not change during a build).
    """

    def __init__(self, ctx: Publication):
        self.ctx = ctx
        self._order: dict[str, tuple[str, str]] = {}
        self._lines: dict[tuple[str, str, str], Markup] = {}

    def lines(self, links: PageLinks, processes: Iterable[PublishedProcess]) -> list[Markup]:
        """The lines of ``processes`` in the order of :func:`process_rows`, linked from ``links``' page."""
        order = self._order
        for p in processes:
            if p.id not in order:
                order[p.id] = _title_order(p)
        shown = []
        for p in sorted(processes, key=lambda p: order[p.id]):
            title_href = links(urls.process_uri(p.id))
            municipality_href = links(urls.browse_uri(urls.MUNICIPALITIES, p.process.municipality))
            key = (p.id, title_href, municipality_href)
            line = self._lines.get(key)
            if line is None:
                title = LinkView(p.process.title, title_href)
                municipality = LinkView(self.ctx.resolver.municipality(p.process.municipality).name, municipality_href)
                line = self._lines[key] = fragments.process_row(_process_row(self.ctx, p, title, municipality))
            shown.append(line)
        return shown
