"""The one factory of test catalogues: real process files, read, checked and published by the pipeline.

Every test that needs processes, a catalogue or a publication makes it here, so each goes through the
same steps as a build (``generator.pipeline``: read -> check -> check for the audience -> publish):

    write(root, "processes/aarhus/x.yaml", text)    a file with exactly this text (positions are the test's)
    write_process(root, slug, folder, **fields)     a valid process file written by the project's writer
    catalogue_of(project) / load(processes, ...)    every file read and checked (a ``Catalogue``)
    check_text(tmp_path, text)                      the findings of one file
    published({"aarhus/x": process(...)}, ...)      models or texts written as files, then published
    publish_folder(processes, audience, overlays)   a folder of files, published for an audience

Nothing here builds a ``Published`` by hand: what a test sees is what the outputs of a build see.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from pathlib import Path
from typing import Any, Iterable, Mapping

from generator.audience import Audience, Published
from generator.catalogue import Catalogue, Entry
from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, Process
from generator.pipeline import check_for_audience, load_catalogue, publish
from generator.process_text import process_text
from generator.publication import Publication
from generator.taxonomies import Taxonomies, load_taxonomies
from generator.taxonomies.lookup import TaxonomyList

ROOT = Path(__file__).resolve().parents[2]

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
def lists_from(data: Mapping[str, Iterable[Mapping[str, object]]]) -> Taxonomies:
    """Reference lists built from plain dicts ({list name: [{"code": ..., "title": ...}, ...]})."""
    return Taxonomies({name: TaxonomyList.from_items(name, items) for name, items in data.items()})


FIXTURE_LISTS = lists_from({
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


# --- process data and files ---------------------------------------------------------------------

def process_data(municipality: str = "aarhus", **fields: Any) -> dict[str, Any]:
    """A valid public process in the idea phase with the fields every process needs, plus ``fields``."""
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


def process(**fields: Any) -> Process:
    """:func:`process_data` as a model (fails at once when the test's fields do not fit the schema)."""
    return Process.model_validate(process_data(**fields))


def write(root: Path, relative: str, content: str | bytes) -> Path:
    """Write ``content`` to ``root/relative`` (text as UTF-8, LF line ends) and return the path."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")
    return path


def file_text(content: str | Mapping[str, Any] | Process) -> str:
    """A process file's text: a text as given; data or a model as the project's writer writes it."""
    if isinstance(content, str):
        return content
    if isinstance(content, Process):
        dumped = content.model_dump(mode="json", exclude_defaults=True)
        content = {key: value for key, value in dumped.items() if key in PROCESS_FIELDS}  # not derived figures
    return process_text(dict(content))


def write_process(root: Path, slug: str, folder: str = "aarhus", **fields: Any) -> Path:
    """``<root>/<folder>/<slug>.yaml``: :func:`process_data` (municipality ``folder``) plus ``fields``."""
    fields.setdefault("municipality", folder)
    return write(root, f"{folder}/{slug}.yaml", file_text(process_data(**fields)))


# --- read and check -----------------------------------------------------------------------------

def load(processes: Path, overlays: Iterable[Path] = (), taxonomies: Taxonomies = NO_LISTS,
         **kwargs: Any) -> Catalogue:
    """Every file under ``processes`` (and the private ``overlays``) read and checked."""
    roots = [processes] if processes.is_dir() else []
    return load_catalogue(roots, taxonomies, overlay_roots=list(overlays), **kwargs)


def catalogue_of(root: Path, lists: Taxonomies = NO_LISTS, **kwargs: Any) -> Catalogue:
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


def rules_of(findings: Iterable[Finding] | Catalogue, process_id: str | None = None) -> list[str]:
    """The rule ids of ``findings``, or of one process of a catalogue."""
    if isinstance(findings, Catalogue):
        assert process_id is not None
        findings = findings.by_id[process_id].findings
    return [f.rule for f in findings]


def only(findings: list[Finding], rule: str) -> Finding:
    """The single finding of ``rule``; fails with all findings shown otherwise."""
    matching = [f for f in findings if f.rule == rule]
    assert len(matching) == 1, findings
    return matching[0]


# --- publish ------------------------------------------------------------------------------------

def publish_catalogue(catalogue: Catalogue, audience: Audience | str = "public") -> Published:
    """What a build for ``audience`` publishes of a checked catalogue (``generator.pipeline``)."""
    audience = Audience(audience) if isinstance(audience, str) else audience
    check_for_audience(catalogue, audience)
    return publish(catalogue, audience)


def publish_folder(processes: Path, audience: Audience | str = "public", overlays: Iterable[Path] = (),
                   taxonomies: Taxonomies = NO_LISTS) -> Published:
    """Every file under ``processes`` (and the private ``overlays``) read, checked and published."""
    return publish_catalogue(load(processes, overlays, taxonomies), audience)


def published(processes: Mapping[str, str | Mapping[str, Any] | Process], taxonomies: Taxonomies | None = None,
              audience: Audience | str = "public", *, folder: Path | None = None) -> Published:
    """``{"aarhus/slug": model, data or text}`` written as files under ``folder`` (a fresh temporary
    folder when None), read, checked and published. A file with an error fails the test: a process
    must never drop out of a test catalogue unnoticed."""
    folder = folder or _scratch_folder()
    for process_id, content in processes.items():
        write(folder, f"{process_id}.yaml", file_text(content))
    catalogue = load(folder, taxonomies=taxonomies or NO_LISTS)
    result = publish_catalogue(catalogue, audience)
    errors = [f for f in catalogue.findings if f.is_error]
    assert not errors, "\n".join(f"{f.path}:{f.line}: {f.rule} {f.message}" for f in errors)
    return result


def _scratch_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="autoproces-test-")) / "processes"
    atexit.register(shutil.rmtree, folder.parent, ignore_errors=True)
    folder.mkdir()
    return folder


def publication(published: Published, **settings: Any) -> Publication:
    """The build's :class:`Publication` of ``published`` (the site's name unless ``settings`` say otherwise)."""
    settings.setdefault("site_name", "Fælles katalog over automatiseringer")
    return Publication(published=published, **settings)
