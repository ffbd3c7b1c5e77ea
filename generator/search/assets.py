"""The search's static files: scripts, style sheet and the vendored lunr, copied into the site."""

from __future__ import annotations

import hashlib
from pathlib import Path

from generator.files import write_bytes_atomic

ASSETS_DIR = Path(__file__).resolve().parents[2] / "site_templates" / "assets" / "search"
SITE_ASSETS = "assets/search"

# Loaded in this order after the reader focuses the search field (lunr first, the Danish stemmer
# needs lunr.stemmerSupport, the engine needs both, the page script needs the engine).
SCRIPTS: tuple[str, ...] = (
    "vendor/lunr.min.js",
    "vendor/lunr.stemmer.support.min.js",
    "vendor/lunr.da.min.js",
    "search-core.js",
    "search-ui.js",
)
STYLESHEET = "search.css"


def asset_files() -> list[Path]:
    return sorted(p for p in ASSETS_DIR.rglob("*") if p.is_file())


def asset_version() -> str:
    """A short hash of every asset, appended to their URLs so browsers never run stale scripts."""
    digest = hashlib.sha256()
    for path in asset_files():
        digest.update(path.relative_to(ASSETS_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def copy_assets(site_dir: Path) -> None:
    """Copy the assets (with their licences and provenance note) into ``site_dir/assets/search``."""
    for path in asset_files():
        target = site_dir / SITE_ASSETS / path.relative_to(ASSETS_DIR)
        data = path.read_bytes()
        if not target.is_file() or target.read_bytes() != data:
            write_bytes_atomic(target, data)
