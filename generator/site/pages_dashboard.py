"""The dashboard ``overblik/``: counts and figures of the PUBLISHED catalogue only.

OS2autoproces counted every process, also private ones, and showed their titles on its dashboard;
here every number comes from the Published catalogue of the build's audience.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import jinja2

from generator.checks.validations import validation_count
from generator.model import Domain, Phase
from generator import formatting, urls
from generator.site.charts import NARROW_WIDTH, Chart, bar_chart, column_chart, narrow_bar_chart
from generator.publication import Publication
from generator.formatting import danish_sort_key
from generator.site.templates import PageLinks, Rendered, render
from generator.site.views import LinkView

TOP = 10


@dataclass
class Panel:
    """One chart with its table of numbers."""

    id: str
    heading: str
    chart: Chart | None  # None: a sentence (``summary``) says more than a chart would
    columns: tuple[str, ...]
    rows: list[tuple[LinkView | str, ...]]
    note: str = ""
    narrow: Chart | None = None  # the phone layout of the same chart
    summary: str = ""


def _counted(counter: Counter[str], limit: int | None = None, name=lambda k: k) -> list[tuple[str, int]]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], danish_sort_key(name(kv[0])), kv[0]))
    return items[:limit] if limit else items


def _count_panel(panel_id: str, heading: str, items: list[tuple[str, int]], name, link=None, note: str = "") -> Panel:
    data = [(name(k), v, str(v)) for k, v in items]
    chart = bar_chart(f"graf-{panel_id}", heading, data)
    rows = [(LinkView(name(k), link(k)) if link else name(k), str(v)) for k, v in items]
    return Panel(panel_id, heading, chart, ("Navn", "Processer"), rows, note,
                 narrow=narrow_bar_chart(f"graf-{panel_id}-smal", heading, data))


def quarter_of(date) -> tuple[int, int]:
    return date.year, (date.month - 1) // 3 + 1


def _periods(dates: list) -> tuple[str, list[tuple[tuple[int, int, int], str]]]:
    """The finest useful period for a growth chart: quarters when the dates span two or more, else
    months, else days. Returns (the period's name for the table, [(key, label)] from first to last)."""
    quarters = sorted({quarter_of(d) for d in dates})
    if len(quarters) >= 2:
        keys, (year, quarter) = [], quarters[0]
        while (year, quarter) <= quarters[-1]:
            keys.append(((year, quarter, 0), formatting.quarter_da(year, quarter)))
            year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        return "Kvartal", keys
    months = sorted({(d.year, d.month) for d in dates})
    if len(months) >= 2:
        keys, (year, month) = [], months[0]
        while (year, month) <= months[-1]:
            keys.append(((year, month, 0), f"{formatting.MONTHS_DA[month - 1]} {year}"))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return "Måned", keys
    return "Dato", [((d.year, d.month, d.day), formatting.date_da(d)) for d in sorted(set(dates))]


def _period_key(date, period: str) -> tuple[int, int, int]:
    if period == "Kvartal":
        return (*quarter_of(date), 0)
    return (date.year, date.month, 0) if period == "Måned" else (date.year, date.month, date.day)


def growth(ctx: Publication) -> tuple[str, list[tuple[str, int, int]], int]:
    """(period name, [(period label, new, cumulative)] from the first period to the last, undated count).

    Periods are quarters, or months or days when the catalogue is younger than two quarters, so that
    the chart shows growth even with one quarter of data."""
    dates, undated = [], 0
    for pp in ctx.published:
        first = ctx.first_seen(pp)
        if first is None:
            undated += 1
        else:
            dates.append(first)
    if not dates:
        return "Kvartal", [], undated
    period, keys = _periods(dates)
    new = Counter(_period_key(d, period) for d in dates)
    series, total = [], 0
    for key, label in keys:
        total += new[key]
        series.append((label, new[key], total))
    return period, series, undated


def _growth_panel(ctx: Publication) -> Panel:
    period, series, undated = growth(ctx)
    note = "Tællingen bruger datoen for den første ændring af hver procesfil i git."
    if undated:
        note += f" {undated} {'proces' if undated == 1 else 'processer'} uden dato er ikke talt med."
    rows = [(label, str(new), str(total)) for label, new, total in series]
    columns = (period, "Nye processer", "I alt")
    if len(series) < 2:
        summary = (f"Alle {series[0][2]} processer kom med i kataloget {series[0][0]}. Grafen over væksten "
                   "vises, når kataloget har vokset over mere end én dag." if series else
                   "Der er endnu ingen daterede processer.")
        return Panel("vaekst", "Katalogets vækst", None, columns, rows, note, summary=summary)
    data = [(label, total, str(total)) for label, _, total in series]
    title = f"Antal processer i kataloget pr. {period.lower()}"
    return Panel("vaekst", "Katalogets vækst", column_chart("graf-vaekst", title, data), columns, rows, note,
                 narrow=column_chart("graf-vaekst-smal", title, data, width=NARROW_WIDTH))


def build_panels(ctx: Publication, links: PageLinks) -> list[Panel]:
    published = list(ctx.published)
    resolver = ctx.resolver
    phases = Counter(p.process.phase.value for p in published)
    domains = Counter(d.value for p in published for d in p.process.domains)
    systems = Counter(s for p in published for s in dict.fromkeys([*p.process.it_systems, *p.process.services]))
    technologies = Counter(t for p in published for t in dict.fromkeys(p.process.technologies))
    municipalities = Counter(p.process.municipality for p in published)

    phase_items = [(ph.value, phases[ph.value]) for ph in Phase]
    panels = [
        _count_panel("faser", "Processer pr. fase", phase_items, lambda k: Phase(k).label,
                     lambda k: links(urls.browse_uri(urls.PHASES, k)) if phases[k] else None),
        _count_panel("fagomraader", "Processer pr. fagområde", _counted(domains, name=lambda k: Domain(k).label),
                     lambda k: Domain(k).label, note="En proces kan høre til flere fagområder."),
        _count_panel("it-systemer", f"De {TOP} mest brugte IT-systemer",
                     _counted(systems, TOP, lambda k: resolver.it_system(k).name),
                     lambda k: resolver.it_system(k).name, lambda k: links(urls.browse_uri(urls.IT_SYSTEMS, k)),
                     note="Systemer, processerne bruger i dag eller i automatiseringen."),
        _count_panel("teknologier", f"De {TOP} mest brugte teknologier",
                     _counted(technologies, TOP, lambda k: resolver.technology(k).name),
                     lambda k: resolver.technology(k).name, lambda k: links(urls.browse_uri(urls.TECHNOLOGIES, k))),
        _count_panel("organisationer", "Processer pr. organisation",
                     _counted(municipalities, name=lambda k: resolver.municipality(k).name),
                     lambda k: resolver.municipality(k).name, lambda k: links(urls.browse_uri(urls.MUNICIPALITIES, k))),
    ]
    panels.append(_growth_panel(ctx))
    return panels


def totals(ctx: Publication) -> dict[str, object]:
    """The catalogue's key figures (the front page and the dashboard show them), once per build."""
    return ctx.once("totals", lambda: _totals(ctx))


def _totals(ctx: Publication) -> dict[str, object]:
    published = list(ctx.published)
    hours = [p.process.expected_hours_freed_per_year for p in published
             if p.process.expected_hours_freed_per_year is not None]
    values = [v for v in (ctx.yearly_value(p) for p in published) if v is not None]
    return {
        "processes": len(published),
        "municipalities": len({p.process.municipality for p in published}),
        "in_operation": sum(1 for p in published if p.process.phase == Phase.OPERATION),
        "hours": round(sum(hours), 2),
        "with_hours": len(hours),
        "value": round(sum(values), 2),
        "hourly_rate": ctx.hourly_rate,
        "validated": sum(1 for p in published if validation_count(p.process)),
    }


def render_dashboard(env: jinja2.Environment, ctx: Publication) -> Rendered:
    links = PageLinks(ctx.url(urls.DASHBOARD), ctx.use_directory_urls)
    panels = build_panels(ctx, links)
    html = render(env, "dashboard.html", panels=panels, totals=totals(ctx), ctx=ctx)
    toc = [("noegletal", "Nøgletal")] + [(p.id, p.heading) for p in panels]
    return Rendered(html, toc)
