"""The catalogue search: a static, Danish search page with a prebuilt, split lunr index.

The site calls two functions (and nothing else in this package):

- :func:`search_page_markdown` gives the body of the page ``SEARCH_PAGE_URI`` (``soeg/index.md``);
- :func:`write_search_files` writes the index, the document store, the facets and the scripts
  into the built site.

Both read only a :class:`generator.audience.Published`. See ``index.py`` for the index design,
``danish.py`` for the language handling and ``site_templates/assets/search/`` for the browser side.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from generator.audience import Published, PublishedProcess
from generator.site.search.danish import SearchBuildError
from generator.site.search.page import SEARCH_PAGE_URI, page_markdown

__all__ = ["SEARCH_PAGE_URI", "SearchBuildError", "search_page_markdown", "write_search_files"]

LastChanged = Callable[[PublishedProcess], "dt.date | None"]


def search_page_markdown(published: Published) -> str:
    """The Markdown (with raw HTML) of the search page. It loads nothing from other hosts."""
    from generator.site import urls

    return page_markdown(browse_url=urls.url_of(urls.BROWSE))


def write_search_files(published: Published, site_dir: Path, *, history: object | None = None,
                       last_changed: LastChanged | None = None) -> None:
    """Write the search data and assets into ``site_dir``.

    "Sortér efter senest opdateret" uses ``last_changed(process)`` when given, else the
    ``last_date`` of ``history`` (a :class:`generator.site.history.GitHistory`; git is read here when
    it is not given), falling back to the process's ``created`` date. Raises :class:`SearchBuildError` (a Danish message) when the index cannot be built as
    required, e.g. without Danish stemming.
    """
    from generator.site import urls
    from generator.site.search.output import write_all

    if last_changed is None:
        source = history if history is not None else _load_history(published)

        def last_changed(item: PublishedProcess) -> dt.date | None:
            return source.last_date(item) or item.process.created  # type: ignore[union-attr]

    process_url = urls.relative("soeg/", urls.url_of(urls.process_uri("ID"))).replace("ID", "{id}")
    write_all(published, Path(site_dir), last_changed, process_url)


def _load_history(published: Published):
    from generator.site.history import load_history

    files = [p.path for p in published]
    roots = sorted({p.path.parent.parent for p in published})
    return load_history(roots, files)
