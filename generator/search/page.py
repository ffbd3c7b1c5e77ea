"""The search page: a form that downloads nothing until the reader focuses the search field.

The page body is raw HTML inside Markdown (rendered from ``site_templates/search/page.html``). A
small inline loader fetches the scripts, the style sheet and the search data only when the field
gets focus, the form is submitted, or the address already holds a search (``?q=...``, a facet).
Every URL is relative to the page (``soeg/``), so the site works under a sub-path.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from typing import Iterable
from urllib.parse import urlencode

import jinja2

from generator.audience import Published
from generator.search.danish import fold, sort_key, stem, tokens
from generator.search.documents import kle_path

from generator.search.assets import ASSETS_DIR, BUNDLE, SITE_ASSETS, STYLESHEET, asset_version
from generator.search.facets import FACET_KEYS

SEARCH_PAGE_URI = "soeg/index.md"
SEARCH_PAGE_URL = "soeg/"
PAGE_TITLE = "Søg i kataloget"
STATE_PARAMS = ("q", "sort", "side")
TEMPLATE = ASSETS_DIR.parent.parent / "search" / "page.html"


def _relative(target: str) -> str:
    """A link from the search page to ``target`` (a path relative to the site root)."""
    return posixpath.relpath(target, SEARCH_PAGE_URL.rstrip("/")) + ("/" if target.endswith("/") else "")


def example_queries(published: Published) -> list[str]:
    """Queries that find something in this catalogue: the commonest long title word, the organisation
    with the most processes and the KLE group the most processes use (each left out when there is none)."""
    examples = []
    word = _common_title_word(p.process.title for p in published)
    if word:
        examples.append(word)
    organisations = Counter(p.process.municipality for p in published)
    if organisations:
        code = min(organisations, key=lambda c: (-organisations[c], c))
        name = published.taxonomies["municipalities"].title(code) or code
        examples.append(name.removesuffix(" Kommune"))
    groups = Counter(path[1] for p in published if len(path := kle_path(p.process.kle)) >= 2)
    if groups:
        examples.append(min(groups, key=lambda g: (-groups[g], g)))
    return examples


def _common_title_word(titles: Iterable[str]) -> str | None:
    """The word of at least 8 letters whose stem is in the most titles (ties: Danish alphabetical order)."""
    in_titles: Counter[str] = Counter()
    shown: dict[str, str] = {}  # each stem as the first title word that has it is written
    # Titles share most of their words: each distinct word (lower case, as split) is stripped, folded and
    # stemmed once, in the order the titles first use it, so ``shown`` holds each stem's first word.
    stem_of: dict[str, str | None] = {}
    for title in titles:
        words = title.lower().split()
        for word in words:
            if word not in stem_of:
                stripped = word.strip(".,:;!?()\"'")
                folded = tokens(stripped)
                found = stem_of[word] = stem(folded[0]) if len(folded) == 1 and len(folded[0]) >= 8 else None
                if found is not None and found not in shown:
                    shown[found] = stripped
        stems = {stem_of[word] for word in words}
        stems.discard(None)
        in_titles.update(stems)
    if not in_titles:
        return None
    best = min(in_titles, key=lambda s: (-in_titles[s], sort_key(shown[s])))
    return shown[best]


def example_links(examples: Iterable[str]) -> list[tuple[str, str]]:
    """(text, relative address of the search) of each example."""
    return [(q, "?" + urlencode({"q": q})) for q in examples]


def page_markdown(browse_url: str = "gennemse/", examples: Iterable[str] = ()) -> str:
    environment = jinja2.Environment(autoescape=True, keep_trailing_newline=True,
                                     undefined=jinja2.StrictUndefined)
    html = environment.from_string(TEMPLATE.read_text(encoding="utf-8")).render(
        assets=_relative(SITE_ASSETS + "/"),
        data="data/",
        version=asset_version(),
        scripts=(BUNDLE,),
        stylesheet=STYLESHEET,
        params=(*STATE_PARAMS, *FACET_KEYS),
        browse=_relative(browse_url),
        examples=example_links(examples),
    )
    # A blank line would end Markdown's raw HTML block.
    body = "\n".join(line for line in html.splitlines() if line.strip())
    return f"# {PAGE_TITLE}\n\n{body}\n"
