"""The Jinja2 environment for ``site_templates/``: autoescape on, Danish formatting filters.

Data is never marked safe: plain values are escaped by Jinja, Markdown fields go through
``generator.sanitize.render_markdown`` (the ``markdown`` filter), which returns cleaned HTML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator.sanitize import render_markdown
from generator import formatting, labels, urls
from generator.site import fragments
from generator.formatting import danish_sort_key


def make_environment(template_dir: Path, bytecode_cache: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The environment of the site's own templates; ``bytecode_cache``: compiled templates kept between
    incremental builds (``generator.site.template_cache``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        bytecode_cache=bytecode_cache,
        autoescape=True,  # every template, whatever its file name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=False,  # a build makes its own environment: no file check per page (mkdocs serve too)
    )
    env.filters.update(
        number=formatting.number_da,
        hours=formatting.hours_da,
        total_hours=formatting.total_hours_da,
        dkk=formatting.dkk_da,
        years=formatting.years_da,
        date_da=formatting.date_da,
        date_iso=formatting.date_iso,
        yes_no=formatting.yes_no_da,
        markdown=render_markdown,
        danish_sort=lambda items, attribute=None: sorted(
            items, key=lambda i: danish_sort_key(getattr(i, attribute) if attribute else i)),
    )
    env.globals.update(labels=labels, link=fragments.link, person=fragments.person, value=fragments.value,
                       field=fragments.field, fact=fragments.fact, sections_html=fragments.sections_html)
    return env


@dataclass
class Rendered:
    """A page body as HTML and the headings for the page's table of contents."""

    html: str
    toc: list[tuple[str, str]] = field(default_factory=list)  # (anchor id, heading text) of <h2>s


class PageLinks:
    """Relative links from one page (``link('kle/index.md')``, ``asset('api/processes.json')``)."""

    def __init__(self, page_url: str, use_directory_urls: bool = True):
        self.page_url = page_url
        self.use_directory_urls = use_directory_urls

    def __call__(self, src_uri: str) -> str:
        return urls.relative(self.page_url, urls.url_of(src_uri, self.use_directory_urls))

    def asset(self, path: str) -> str:
        """A link to a file (not a page) at ``path`` relative to the site root."""
        return urls.relative(self.page_url, path)


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    return env.get_template(name).render(**context)
