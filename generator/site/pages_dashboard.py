"""The dashboard ``overblik/``: counts and figures of the PUBLISHED catalogue only.

OS2autoproces counted every process, also private ones, and showed their titles on its dashboard;
here every number comes from the Published catalogue of the build's audience.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import jinja2

from generator.model import Domain, Phase
from generator import formatting, urls
from generator.site.charts import Chart, bar_chart, column_chart
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
    chart: Chart
    columns: tuple[str, ...]
    rows: list[tuple[LinkView | str, ...]]
    note: str = ""


def _counted(counter: Counter[str], limit: int | None = None, name=lambda k: k) -> list[tuple[str, int]]:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], danish_sort_key(name(kv[0])), kv[0]))
    return items[:limit] if limit else items


def _count_panel(panel_id: str, heading: str, items: list[tuple[str, int]], name, link=None, note: str = "") -> Panel:
    chart = bar_chart(f"graf-{panel_id}", heading, [(name(k), v, str(v)) for k, v in items])
    rows = [(LinkView(name(k), link(k)) if link else name(k), str(v)) for k, v in items]
    return Panel(panel_id, heading, chart, ("Navn", "Processer"), rows, note)


def quarter_of(date) -> tuple[int, int]:
    return date.year, (date.month - 1) // 3 + 1


def growth(ctx: Publication) -> tuple[list[tuple[str, int, int]], int]:
    """(quarter label, new, cumulative) per quarter from the first to the last, and undated count."""
    firsts = Counter()
    undated = 0
    for pp in ctx.published:
        first = ctx.first_seen(pp)
        if first is None:
            undated += 1
        else:
            firsts[quarter_of(first)] += 1
    if not firsts:
        return [], undated
    (year, quarter), last = min(firsts), max(firsts)
    series, total = [], 0
    while (year, quarter) <= last:
        total += firsts[(year, quarter)]
        series.append((formatting.quarter_da(year, quarter), firsts[(year, quarter)], total))
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return series, undated


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
    series, undated = growth(ctx)
    chart = column_chart("graf-vaekst", "Antal processer i kataloget pr. kvartal",
                         [(label, total, str(total)) for label, _, total in series])
    note = "Tællingen bruger datoen for den første ændring af hver procesfil i git."
    if undated:
        note += f" {undated} {'proces' if undated == 1 else 'processer'} uden dato er ikke talt med."
    panels.append(Panel("vaekst", "Katalogets vækst", chart, ("Kvartal", "Nye processer", "I alt"),
                        [(label, str(new), str(total)) for label, new, total in series], note))
    return panels


def totals(ctx: Publication) -> dict[str, object]:
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
    }


def render_dashboard(env: jinja2.Environment, ctx: Publication) -> Rendered:
    links = PageLinks(ctx.url(urls.DASHBOARD), ctx.use_directory_urls)
    panels = build_panels(ctx, links)
    html = render(env, "dashboard.html", panels=panels, totals=totals(ctx), ctx=ctx)
    toc = [("noegletal", "Nøgletal")] + [(p.id, p.heading) for p in panels]
    return Rendered(html, toc)
