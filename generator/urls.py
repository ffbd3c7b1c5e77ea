"""Where every generated page lives, and relative links between pages.

Every link on the site is relative, so the site works under a sub-path (a GitHub Pages project
site) and from any local web server. These URLs are a public contract: the catalogue search
links to ``processer/<municipality>/<slug>/`` and readers bookmark browse pages.
"""

from __future__ import annotations

import posixpath

HOME = "index.md"
BROWSE = "gennemse/index.md"
DASHBOARD = "overblik/index.md"
RULES = "regler/index.md"
OPEN_DATA = "data/index.md"

# Browse families: URL folder -> what the folder lists.
KLE, FORM, MUNICIPALITIES, IT_SYSTEMS, TECHNOLOGIES, PHASES = (
    "kle", "form", "organisationer", "it-systemer", "teknologier", "faser",
)
BROWSE_FAMILIES = (KLE, FORM, MUNICIPALITIES, IT_SYSTEMS, TECHNOLOGIES, PHASES)
# The browse family of each reference list whose codes have browse pages.
LIST_FAMILIES = {"kle": KLE, "form": FORM, "municipalities": MUNICIPALITIES, "it_systems": IT_SYSTEMS,
                 "technologies": TECHNOLOGIES}

# Files written after the pages (exports); paths relative to the site root.
API_JSON = "api/processes.json"
API_CSV = "api/processes.csv"
API_XLSX = "api/processes.xlsx"
API_PROCESS_DIR = "api/processes"
FEED = "feed.xml"
SCHEMA = "schema/process.schema.json"


def process_uri(process_id: str) -> str:
    """``aarhus/slug`` -> ``processer/aarhus/slug/index.md``."""
    return f"processer/{process_id}/index.md"


def browse_uri(family: str, key: str | None = None) -> str:
    """The index page of a family (``key=None``) or the page of one code or slug."""
    return f"{family}/index.md" if key is None else f"{family}/{key}/index.md"


def url_of(src_uri: str, use_directory_urls: bool = True) -> str:
    """The URL mkdocs gives a page (relative to the site root), e.g. ``kle/32/``."""
    if not use_directory_urls:
        return src_uri[:-3] + ".html"
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri[: -len("index.md")]
    return src_uri[:-3] + "/"


def relative(from_url: str, to_url: str) -> str:
    """A relative link from the page at ``from_url`` to ``to_url`` (both relative to the site root).

    The result is :func:`posixpath.relpath`'s; addresses made only of plain segments (the site's own
    shapes) take a quick way through their common folders, anything else (``.``, ``..``, ``//``, a
    leading ``/``) goes through ``relpath`` itself.
    """
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    base = base.rstrip("/") or "."
    target = to_url.rstrip("/") or "."
    link = _quick_relpath(target, base)
    if link is None:
        link = posixpath.relpath(target, base)
    if to_url.endswith("/") or not to_url:
        link = "./" if link == "." else link + "/"
    return link


def _plain_parts(path: str) -> list[str] | None:
    """The segments of a path relative to the root (``.`` is the root), None for any other path."""
    if path == ".":
        return []
    parts = path.split("/")
    if "" in parts or "." in parts or ".." in parts:
        return None
    return parts


def _quick_relpath(target: str, base: str) -> str | None:
    to_parts, from_parts = _plain_parts(target), _plain_parts(base)
    if to_parts is None or from_parts is None:
        return None
    common = 0
    for left, right in zip(to_parts, from_parts):
        if left != right:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
