"""The catalogue's own check, run on the files an import has just written.

The import refuses files that break the schema before writing them, but some rules need the whole
catalogue or the lists (a process in operation without a known technology, an umbrella elsewhere).
Running the real check afterwards puts those errors in the report, with file, line and rule.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Finding


def errors_in(paths: list[Path], out_dir: Path, overlay: Path | None, taxonomies_dir: Path) -> list[Finding]:
    from generator.pipeline import load_catalogue
    from generator.taxonomies import load_taxonomies

    if not paths:
        return []
    catalogue = load_catalogue([out_dir] if out_dir.is_dir() else [], load_taxonomies(taxonomies_dir),
                               overlay_roots=[overlay] if overlay is not None and overlay.is_dir() else [])
    wanted = {os.path.abspath(p) for p in paths}
    return sorted((f for e in catalogue.entries if os.path.abspath(e.path) in wanted for f in e.findings
                   if f.is_error), key=Finding.sort_key)
