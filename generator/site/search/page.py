"""The search page: a form that downloads nothing until the reader focuses the search field.

The page body is raw HTML inside Markdown (rendered from ``site_templates/search/page.html``). A
small inline loader fetches the scripts, the style sheet and the search data only when the field
gets focus, the form is submitted, or the address already holds a search (``?q=...``, a facet).
Every URL is relative to the page (``soeg/``), so the site works under a sub-path.
"""

from __future__ import annotations

import posixpath

import jinja2

from generator.site.search.assets import ASSETS_DIR, SCRIPTS, SITE_ASSETS, STYLESHEET, asset_version
from generator.site.search.facets import FACET_KEYS

SEARCH_PAGE_URI = "soeg/index.md"
SEARCH_PAGE_URL = "soeg/"
PAGE_TITLE = "Søg i kataloget"
STATE_PARAMS = ("q", "sort", "side")
TEMPLATE = ASSETS_DIR.parent.parent / "search" / "page.html"


def _relative(target: str) -> str:
    """A link from the search page to ``target`` (a path relative to the site root)."""
    return posixpath.relpath(target, SEARCH_PAGE_URL.rstrip("/")) + ("/" if target.endswith("/") else "")


def page_markdown(browse_url: str = "gennemse/") -> str:
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True,
                                     undefined=jinja2.StrictUndefined)
    html = environment.from_string(TEMPLATE.read_text(encoding="utf-8")).render(
        assets=_relative(SITE_ASSETS + "/"),
        data="data/",
        version=asset_version(),
        scripts=SCRIPTS,
        stylesheet=STYLESHEET,
        params=(*STATE_PARAMS, *FACET_KEYS),
        browse=_relative(browse_url),
    )
    # A blank line would end Markdown's raw HTML block.
    body = "\n".join(line for line in html.splitlines() if line.strip())
    return f"# {PAGE_TITLE}\n\n{body}\n"
