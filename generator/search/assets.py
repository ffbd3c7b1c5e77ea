"""The search's static files: scripts, style sheet and the vendored lunr, copied into the site."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.files import write_bytes_atomic
from generator.search.js_compact import compact

ASSETS_DIR = Path(__file__).resolve().parents[2] / "site_templates" / "assets" / "search"
SITE_ASSETS = "assets/search"

# The engine (no DOM; also run in Node by the tests): each part adds to one namespace and may use the
# parts before it (search-core.js defines the Engine the later parts add methods to).
ENGINE_SCRIPTS: tuple[str, ...] = (
    "search-text.js",
    "search-files.js",
    "search-score.js",
    "search-core.js",
    "search-compounds.js",
    "search-filter.js",
    "search-state.js",
)
# The page: the node builders first, then the page (search-ui.js) whose methods the last two add to.
PAGE_SCRIPTS: tuple[str, ...] = ("search-ui-dom.js", "search-ui.js", "search-ui-results.js", "search-ui-facets.js")
# The part of lunr the browser needs (the Danish stemmer's needs, search-lunr.js) in place of the
# vendored lunr.min.js, which only the tests load (they compare the engine's answers with lunr.js).
LUNR_CORE = "search-lunr.js"
# Loaded in this order after the reader focuses the search field (lunr first, the Danish stemmer
# needs lunr.stemmerSupport, the engine needs both, the page scripts need the engine).
SCRIPTS: tuple[str, ...] = (
    LUNR_CORE,
    "vendor/lunr.stemmer.support.min.js",
    "vendor/lunr.da.min.js",
    *ENGINE_SCRIPTS,
    *PAGE_SCRIPTS,
)
STYLESHEET = "search.css"
# What the page loads: SCRIPTS joined into one file in their order (written into the site by
# copy_assets), so one download gzips them together (about 6 kB less than eighteen files at 10,000
# processes' budget) and one request starts the search.
BUNDLE = "search-bundle.js"


def asset_files() -> list[Path]:
    return sorted(p for p in ASSETS_DIR.rglob("*") if p.is_file())


def asset_version() -> str:
    """A short hash of every asset and of the bundle (made from them by code that may change too),
    appended to their URLs so browsers never run stale scripts."""
    digest = hashlib.sha256()
    for path in asset_files():
        digest.update(path.relative_to(ASSETS_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(bundle())
    return digest.hexdigest()[:10]


def bundle() -> bytes:
    """SCRIPTS in their order as one script, each ended by a line with a semicolon: the vendored ones
    unchanged (with their licence comments), ours without comments and indentation (``js_compact.py``;
    about 5 kB gzip less, the sources are copied beside the bundle)."""
    parts = []
    for name in SCRIPTS:
        text = (ASSETS_DIR / name).read_bytes()
        if not name.startswith("vendor/"):
            text = compact(text.decode("utf-8")).encode("utf-8")
        parts.append(f"/* {name} */\n".encode() + text.rstrip() + b"\n;\n")
    return b"".join(parts)


def copy_assets(site_dir: Path) -> None:
    """Copy the assets (with their licences and provenance note) into ``site_dir/assets/search``, and
    the bundle of the scripts beside them."""
    files = {path.relative_to(ASSETS_DIR).as_posix(): path.read_bytes() for path in asset_files()}
    files[BUNDLE] = bundle()
    for name, data in files.items():
        target = site_dir / SITE_ASSETS / name
        if not target.is_file() or target.read_bytes() != data:
            write_bytes_atomic(target, data)
