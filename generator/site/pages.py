"""The list of generated pages of one build: where each lives and how its body is rendered.

A page's Markdown source is only front matter (title, Material's ``search``/``hide`` meta); its
HTML body is rendered from a template when mkdocs asks for the page's content, so the process
data never passes through the Markdown parser. The rule catalogue is real Markdown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import jinja2
import yaml
from markupsafe import escape

from generator.checks.docs import rules_markdown
from generator import labels, urls
from generator.publication import Publication
from generator.model import SECTIONS
from generator.site.pages_browse import ProcessTableLines, group_page_inputs, group_processes, index_inputs, ordered, \
    render_browse_home, render_group, render_index
from generator.site.pages_dashboard import render_dashboard
from generator.site.pages_home import render_home, render_open_data
from generator.site.pages_process import process_page_inputs, render_process
from generator.site.pages_propose import PROPOSE, render_propose
from generator.site.pages_reference import INDEX as LISTS_INDEX, PAGES as LIST_PAGES, reference_inputs, \
    render_reference, render_reference_index
from generator.site.templates import Rendered

GENERATED_MARKER = "<!-- autoproces: generated page, body rendered by generator.site -->"


@dataclass
class GeneratedPage:
    src_uri: str
    title: str
    render: Callable[[], Rendered] | None = None  # None: ``markdown`` is the page
    markdown: str = ""
    in_nav: bool = False
    search: bool = True  # False: left out of Material's search index
    hide: tuple[str, ...] = ()
    meta: dict = field(default_factory=dict)
    # Pages of one ``kind`` are many and alike: they are filled into a shell of the theme
    # (``generator.site.shell``) outside mkdocs' per-page pipeline, at most ``max_toc`` headings each.
    kind: str | None = None
    max_toc: int = 0
    # What the page cache's key is made of (``page_cache``): a page of a kind, or a body mkdocs renders itself.
    inputs: Callable[[], tuple] | None = None

    def source(self) -> str:
        # mkdocs' theme templates print the title without autoescape (Material prints ``page.meta.title``
        # raw in the header and in <title>): escape it here. tests/site/test_site_build_errors.py checks it.
        meta: dict = {"title": str(escape(self.title)), **self.meta}
        if not self.search:
            meta["search"] = {"exclude": True}
        if self.hide:
            meta["hide"] = list(self.hide)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True, default_flow_style=False)
        body = self.markdown if self.render is None else GENERATED_MARKER
        return f"---\n{front}---\n\n{body}\n"


def site_pages(env: jinja2.Environment, ctx: Publication) -> list[GeneratedPage]:
    """Every generated page of the build (the search page is added by the plugin)."""
    pages = [
        GeneratedPage(urls.HOME, "Forside", lambda: render_home(env, ctx), in_nav=True, hide=("navigation",)),
        GeneratedPage(urls.DASHBOARD, "Overblik", lambda: render_dashboard(env, ctx), in_nav=True,
                      hide=("navigation",)),
        GeneratedPage(urls.OPEN_DATA, "Åbne data", lambda: render_open_data(env, ctx), in_nav=True),
        GeneratedPage(urls.RULES, "Valideringsregler", markdown=rules_markdown(), in_nav=True),
    ]
    pages.append(GeneratedPage(PROPOSE, "Foreslå en proces", lambda: render_propose(env, ctx), in_nav=True,
                               search=False))
    pages.append(GeneratedPage(LISTS_INDEX, "Referencelister", lambda: render_reference_index(env, ctx), in_nav=True,
                               search=False))
    for list_name, (src_uri, title, _family, _intro) in LIST_PAGES.items():
        pages.append(GeneratedPage(src_uri, title, _bind(render_reference, env, ctx, list_name), search=False,
                                   hide=("navigation",), inputs=_bind(reference_inputs, ctx, list_name)))
    families = group_processes(ctx)
    tables = ProcessTableLines(ctx)  # one line per process and pair of links, shared by the browse pages
    pages.append(GeneratedPage(urls.BROWSE, "Gennemse", lambda: render_browse_home(env, ctx, families), in_nav=True,
                               search=False))
    for family in urls.BROWSE_FAMILIES:
        groups = families[family]
        pages.append(GeneratedPage(urls.browse_uri(family), labels.BROWSE_TITLES[family],
                                   _bind(render_index, env, ctx, family, groups), search=False,
                                   hide=("navigation",), inputs=_bind(index_inputs, family, groups)))
        for group in ordered(family, groups):
            pages.append(GeneratedPage(group.src_uri, group.title, _bind(render_group, env, ctx, group, groups, tables),
                                       search=False, hide=("navigation",), kind="browse",
                                       inputs=_bind(group_page_inputs, ctx, group, groups, tables)))
    for pp in ctx.published:
        pages.append(GeneratedPage(urls.process_uri(pp.id), pp.process.title, _bind(render_process, env, ctx, pp),
                                   search=False, hide=("navigation",), kind="process", max_toc=len(SECTIONS) + 1,
                                   inputs=_bind(process_page_inputs, ctx, pp)))
    return pages


def _bind(function, *args) -> Callable[[], Rendered]:
    return lambda: function(*args)
