"""Small catalogues written to a temporary folder, for the confidentiality tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable

from generator.audience import Audience, Published, publish
from generator.catalogue import Catalogue
from generator.pipeline import load_catalogue
from generator.taxonomies import Taxonomies

NO_LISTS = Taxonomies({})


def process_data(municipality: str = "aarhus", **fields: Any) -> dict[str, Any]:
    """A valid process with the fields every process needs, plus ``fields``."""
    data: dict[str, Any] = {
        "title": "Automatisk journalisering",
        "short_description": "En robot journaliserer dokumenter på sagen.",
        "municipality": municipality,
        "phase": "idea",
        "status": "inprogress",
        "visibility": "public",
        "contact": {"name": "Digitaliseringsenheden", "email": "digitalisering@kommune.dk"},
    }
    data.update(fields)
    return data


def write_process(root: Path, slug: str, folder: str = "aarhus", **fields: Any) -> Path:
    """``<root>/<folder>/<slug>.yaml`` (JSON is YAML; the loader reads both)."""
    path = root / folder / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    fields.setdefault("municipality", folder)
    path.write_text(json.dumps(process_data(**fields), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8")
    return path


def write_text(root: Path, municipality: str, slug: str, text: str) -> Path:
    path = root / municipality / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load(processes: Path, overlays: Iterable[Path] = (), taxonomies: Taxonomies = NO_LISTS) -> Catalogue:
    roots = [processes] if processes.is_dir() else []
    return load_catalogue(roots, taxonomies, overlay_roots=list(overlays))


def published(processes: Path, audience: str = "public", overlays: Iterable[Path] = ()) -> Published:
    return publish(load(processes, overlays), Audience(audience))


def rules_of(catalogue: Catalogue, process_id: str) -> list[str]:
    return [f.rule for f in catalogue.by_id[process_id].findings]
