"""``feed.xml``: an Atom feed of new and changed processes, dated by git.

One entry per process (its latest state), newest change first. ``updated`` is the date of the
last commit of the file, ``published`` the first; a file git does not know falls back to its
``created`` date, and a process with no date at all is left out. The commit messages are those of
the publication's history, which the pipeline has already redacted for the audience.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from generator import urls
from generator.audience import PublishedProcess
from generator.files import write_bytes_atomic
from generator.publication import Publication

ATOM = "http://www.w3.org/2005/Atom"
LIMIT = 50
TAG_AUTHORITY = "tag:autoproces.github.io,2025:"


def _when(ctx: Publication, pp: PublishedProcess, first: bool = False) -> dt.datetime | None:
    changes = ctx.history.history_for(pp)
    if changes:
        return (changes[-1] if first else changes[0]).when
    created = pp.process.created
    return dt.datetime(created.year, created.month, created.day, tzinfo=dt.timezone.utc) if created else None


def _stamp(when: dt.datetime) -> str:
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.isoformat()


def _id(ctx: Publication, path: str) -> str:
    return ctx.absolute_url(path) if ctx.site_url else TAG_AUTHORITY + path


def feed_xml(ctx: Publication) -> bytes:
    dated = [(when, pp) for pp in ctx.published if (when := _when(ctx, pp)) is not None]
    dated.sort(key=lambda item: (item[0], item[1].id), reverse=True)
    dated = dated[:LIMIT]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", "da")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{ctx.site_name}: nye og ændrede processer"
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _id(ctx, urls.FEED)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=ctx.absolute_url(urls.FEED))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=ctx.absolute_url("") or "./")
    newest = dated[0][0] if dated else dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(newest)
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = ctx.site_name
    for when, pp in dated:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = ctx.process_url(pp)
        municipality = ctx.resolver.municipality(pp.process.municipality).name
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{pp.process.title} ({municipality})"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = _id(ctx, url)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=ctx.absolute_url(url))
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _stamp(when)
        first = _when(ctx, pp, first=True)
        if first:
            ET.SubElement(entry, f"{{{ATOM}}}published").text = _stamp(first)
        entry_author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(entry_author, f"{{{ATOM}}}name").text = municipality
        ET.SubElement(entry, f"{{{ATOM}}}category", term=pp.process.phase.value, label=pp.process.phase.label)
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = pp.process.short_description
        changes = ctx.history.history_for(pp)[:5]
        if changes:
            lines = [f"{c.date.isoformat()}: {c.subject}" for c in changes]
            ET.SubElement(entry, f"{{{ATOM}}}content", type="text").text = "Seneste ændringer:\n" + "\n".join(lines)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_feed(ctx: Publication, out_dir: Path) -> None:
    write_bytes_atomic(out_dir / urls.FEED, feed_xml(ctx))
