"""Process files written into a temporary catalogue, and small reference lists, for the core tests."""

from __future__ import annotations

import functools
from pathlib import Path

from generator.catalogue import Catalogue, Entry
from generator.pipeline import load_catalogue
from generator.diagnostics import Finding
from generator.taxonomies import Taxonomies, load_taxonomies

ROOT = Path(__file__).resolve().parent.parent.parent

# A valid process in the idea phase. Tests append or replace lines, so positions are easy to read.
BASE = """\
title: Journalisering af lægeerklæringer
short_description: En robot journaliserer lægeerklæringer på den rigtige sag.
municipality: aarhus
phase: idea
status: inprogress
visibility: public
contact:
  name: Digitaliseringsenheden
  email: digitalisering@aarhus.dk
"""
BASE_LINES = BASE.count("\n")  # the next line written after BASE is BASE_LINES + 1

# A solution in operation, with every field its phase needs.
OPERATION = BASE.replace("phase: idea", "phase: operation") + """\
technologies: [uipath]
run_period: daily
put_into_operation: 2024-03-01
"""

NO_LISTS = Taxonomies({})

# Small lists with the shape of the real ones, so rules about the lists do not depend on them.
FIXTURE_LISTS = Taxonomies.from_mapping({
    "kle": [
        {"code": "27", "title": "Beskæftigelse", "level": 1},
        {"code": "27.24", "title": "Særlig støtte til børn og unge", "level": 2},
        {"code": "27.24.00", "title": "Særlig støtte i almindelighed", "level": 3, "forms": ["26.15.10"]},
        {"code": "27.24.03", "title": "Forebyggende foranstaltninger", "level": 3, "forms": []},
        {"code": "32", "title": "Sociale ydelser", "level": 1},
        {"code": "32.18", "title": "Ydelser efter serviceloven", "level": 2},
        {"code": "32.18.00", "title": "Ydelser efter serviceloven i almindelighed", "level": 3,
         "forms": ["26.25.08"]},
        {"code": "32.18.04", "title": "Hjælpemidler", "level": 3, "forms": ["26.25.08", "26.25.10"]},
        {"code": "00.10.00", "title": "Gammelt emne", "level": 3, "status": "retired", "replaced_by": []},
        {"code": "32.19.00", "title": "Flyttet emne", "level": 3, "status": "moved", "replaced_by": ["32.18.04"]},
    ],
    "form": [
        {"code": "26.15.10", "title": "Forebyggende indsatser"},
        {"code": "26.25.08", "title": "Hjælpemidler og forbrugsgoder"},
        {"code": "26.25.10", "title": "Boligindretning"},
        {"code": "26.25.99", "title": "Nedlagt opgave", "status": "retired", "replaced_by": ["26.25.10"]},
    ],
    "kla": [{"code": "10.88.11", "title": "Modtagelse af ansøgning"}],
    "it_systems": [
        {"code": "kmd-nexus", "title": "KMD Nexus", "vendor": "KMD A/S"},
        {"code": "kmd-momentum", "title": "KMD Momentum", "vendor": "KMD A/S"},
        {"code": "digital-post", "title": "Digital Post"},
        {"code": "gammelt-esdh", "title": "Gammelt ESDH", "status": "retired"},
    ],
    "technologies": [
        {"code": "uipath", "title": "UiPath"},
        {"code": "blue-prism", "title": "Blue Prism"},
        {"code": "ocr", "title": "OCR (tekstgenkendelse)"},
    ],
    "municipalities": [
        {"code": "aarhus", "title": "Aarhus Kommune"},
        {"code": "odense", "title": "Odense Kommune"},
        {"code": "koebenhavn", "title": "Københavns Kommune"},
    ],
})


@functools.lru_cache(maxsize=1)
def real_lists() -> Taxonomies:
    return load_taxonomies(ROOT / "taxonomies")


def write(root: Path, relative: str, content: str | bytes) -> Path:
    """Write ``content`` to ``root/relative`` (text as UTF-8) and return the path."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")
    return path


def catalogue_of(root: Path, lists: Taxonomies = NO_LISTS, **kwargs) -> Catalogue:
    """Load and check every file under ``root/processes``."""
    return load_catalogue([root / "processes"], lists, **kwargs)


def entry_for(catalogue: Catalogue, path: Path) -> Entry:
    return next(e for e in catalogue.entries if e.path.resolve() == path.resolve())


def check_text(tmp_path: Path, text: str | bytes, *, relative: str = "processes/aarhus/proces.yaml",
               lists: Taxonomies = NO_LISTS, others: dict[str, str] | None = None) -> list[Finding]:
    """The findings for one file (plus ``others`` in the same catalogue)."""
    for name, content in (others or {}).items():
        write(tmp_path, name, content)
    path = write(tmp_path, relative, text)
    return entry_for(catalogue_of(tmp_path, lists, extra_files=[path]), path).findings


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def only(findings: list[Finding], rule: str) -> Finding:
    """The single finding of ``rule``; fails with all findings shown otherwise."""
    matching = [f for f in findings if f.rule == rule]
    assert len(matching) == 1, findings
    return matching[0]
