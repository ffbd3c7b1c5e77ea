"""``feed.xml``: an Atom feed of new and changed processes, dated by git.

One entry per process (its latest state), newest change first, at most :data:`LIMIT`. ``updated`` is
the date of the last commit of the file, ``published`` the first; a file git does not know falls back
to its ``created`` date, and a process with no date at all is left out. Everything an entry shows
comes from the process's :class:`generator.publication.ProcessRecord` (its title, organisation, link
and the commits of its history, which the pipeline has already redacted for the audience).
"""

from __future__ import annotations

import datetime as dt
import heapq
import xml.etree.ElementTree as ET
from contextlib import ExitStack
from pathlib import Path

from generator import urls
from generator.exports.stream import ExportItem
from generator.files import atomic_output
from generator.publication import ProcessRecord, Publication

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
TAG_AUTHORITY = "tag:autoproces.github.io,2025:"
UNDATED = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def _when(record: ProcessRecord, first: bool = False) -> dt.datetime | None:
    if record.changes:
        return (record.changes[-1] if first else record.changes[0]).when
    created = record.process.created
    return dt.datetime(created.year, created.month, created.day, tzinfo=dt.timezone.utc) if created else None


def _stamp(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.isoformat()


def _sort_key(when: dt.datetime) -> dt.datetime:
    """Naive and aware times in one order (a naive time is read as UTC, as :func:`_stamp` shows it)."""
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.timezone.utc)


def _id(ctx: Publication, path: str) -> str:
    return ctx.absolute_url(path) if ctx.site_url else TAG_AUTHORITY + path


def _entry(ctx: Publication, feed: ET.Element, when: dt.datetime, record: ProcessRecord) -> None:
    entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
    process, municipality = record.process, record.municipality.name
    ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{process.title} ({municipality})"
    ET.SubElement(entry, f"{{{ATOM}}}id").text = _id(ctx, record.url)
    ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=ctx.absolute_url(record.url))
    ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(when)
    first = _when(record, first=True)
    if first:
        ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(first)
    entry_author = ET.SubElement(entry, f"{{{ATOM}}}author")
    ET.SubElement(entry_author, f"{{{ATOM}}}name").text = municipality
    ET.SubElement(entry, f"{{{ATOM}}}category", term=process.phase.value, label=process.phase.label)
    ET.SubElement(entry, f"{{{ATOM}}}summary").text = process.short_description
    changes = record.changes[:5]
    if changes:
        lines = [f"{c.date.isoformat()}: {c.subject}" for c in changes]
        ET.SubElement(entry, f"{{{ATOM}}}content", type="text").text = "Seneste ændringer:\n" + "\n".join(lines)


def feed_xml(ctx: Publication, newest: list[tuple[dt.datetime, ProcessRecord]]) -> bytes:
    """The feed of these (date, record) pairs, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "da")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{ctx.site_name}: nye og ændrede processer"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _id(ctx, urls.FEED)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=ctx.absolute_url(urls.FEED))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=ctx.absolute_url("") or "./")
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest[0][0] if newest else UNDATED)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = ctx.site_name
    for when, record in newest:
        _entry(ctx, feed, when, record)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


class FeedExport:
    """Keeps the :data:`LIMIT` most recently changed records as they pass, and writes the feed at the end."""

    def __init__(self, ctx: Publication, out_dir: Path, stack: ExitStack) -> None:
        self.ctx = ctx
        self.out = stack.enter_context(atomic_output(out_dir / urls.FEED))
        self.newest: list[tuple[dt.datetime, str, ProcessRecord]] = []  # a heap, the oldest kept on top

    def add(self, item: ExportItem) -> None:
        when = _when(item.record)
        if when is None:
            return
        entry = (_sort_key(when), item.record.id, item.record)
        if len(self.newest) < LIMIT:
            heapq.heappush(self.newest, entry)
        elif entry[:2] > self.newest[0][:2]:
            heapq.heapreplace(self.newest, entry)

    def finish(self) -> None:
        ordered = sorted(self.newest, key=lambda entry: entry[:2], reverse=True)
        self.out.write(feed_xml(self.ctx, [(_when(record), record) for _, _, record in ordered]))
