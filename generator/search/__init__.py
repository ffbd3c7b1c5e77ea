"""The catalogue search: a static, Danish search page with a prebuilt, split lunr index.

Two functions are the whole interface (the pipeline and the site call nothing else here):

- :func:`search_page_markdown` gives the body of the page ``SEARCH_PAGE_URI`` (``soeg/index.md``);
- :func:`write_search_files` writes the index, the document store, the facets and the scripts
  into the built site.

Both read only the build's :class:`generator.publication.Publication` (the search documents are made
from its resolved records); a bare :class:`generator.audience.Published` also works (no history:
processes are dated by their ``created`` date). See ``index.py`` for the index design,
``danish.py`` for the language handling and ``site_templates/assets/search/`` for the browser side.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from generator.audience import Published, PublishedProcess
from generator.publication import Publication
from generator.search.danish import SearchBuildError
from generator.search.page import SEARCH_PAGE_URI, example_queries, page_markdown

__all__ = ["SEARCH_PAGE_URI", "SearchBuildError", "search_page_markdown", "write_search_files"]

LastChanged = Callable[[PublishedProcess], "dt.date | None"]


def search_page_markdown(published: Published) -> str:
    """The Markdown (with raw HTML) of the search page, with example queries that find something in
    this catalogue. It loads nothing from other hosts."""
    from generator import urls

    return page_markdown(browse_url=urls.url_of(urls.BROWSE), examples=example_queries(published))


def write_search_files(source: Publication | Published, site_dir: Path, *, last_changed: LastChanged | None = None,
                       token_cache: Path | None = None, previous: Path | None = None) -> None:
    """Write the search data and assets into ``site_dir``.

    ``token_cache``: a file that keeps each document's counted words and the compound splits between
    builds (``generator.search.token_cache``; the files are the same bytes with or without it).
    ``previous``: the site this build replaces; with ``token_cache``, its index files are reused when
    no document's searchable text changed (``generator.search.packed_reuse``).

    Each process is dated for "Sortér efter senest opdateret" by its record's last change, or by
    ``last_changed(process)`` when given. Raises
    :class:`SearchBuildError` (a Danish message) when the index cannot be built as required, e.g.
    without Danish stemming.
    """
    from generator import urls
    from generator.search.documents import as_publication
    from generator.search.output import write_all

    publication = as_publication(source)
    dates = last_changed or (lambda item: publication.record(item).last_changed)
    process_url = urls.relative("soeg/", urls.url_of(urls.process_uri("ID"))).replace("ID", "{id}")
    write_all(publication, Path(site_dir), dates, process_url, token_cache, previous)
