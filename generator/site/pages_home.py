"""The front page, the open-data page and the stand-in search page."""

from __future__ import annotations

import heapq

import jinja2

from generator import urls
from generator.publication import Publication
from generator.site.fragments import process_row
from generator.site.pages_dashboard import totals
from generator.site.templates import PageLinks, Rendered, render
from generator.site.views import process_rows

from generator.search import SEARCH_PAGE_URI as SEARCH_URI  # the front page's form submits here
RECENT = 6


def render_home(env: jinja2.Environment, ctx: Publication) -> Rendered:
    links = PageLinks(ctx.url(urls.HOME), ctx.use_directory_urls)
    recent = heapq.nlargest(RECENT, ctx.published, key=_recency(ctx))  # = sorted(..., reverse=True)[:RECENT]
    rows = process_rows(ctx, links, recent)
    rows.sort(key=lambda r: (r.updated is not None, r.updated or 0), reverse=True)
    html = render(env, "home.html", ctx=ctx, links=links, totals=totals(ctx), recent=[process_row(r) for r in rows],
                  search=links(SEARCH_URI),
                  site_name=ctx.site_name)
    toc = [("find", "Find en proces"), ("tal", "Kataloget i tal"), ("bidrag", "Sådan bidrager din organisation")]
    if rows:
        toc.append(("senest", "Senest ændret"))
    return Rendered(html, toc)


def _recency(ctx: Publication):
    def key(p):
        updated = ctx.updated(p)
        return (updated is not None, updated or 0, p.id)
    return key


def render_open_data(env: jinja2.Environment, ctx: Publication) -> Rendered:
    links = PageLinks(ctx.url(urls.OPEN_DATA), ctx.use_directory_urls)
    html = render(env, "open_data.html", ctx=ctx, links=links, urls=urls, count=len(ctx.published))
    return Rendered(html, [("filer", "Filerne"), ("felter", "Felter og beregnede tal"), ("vilkaar", "Stabile adresser")])
