"""Where a process file lives: ``<root>/<municipality>/<slug>.yaml`` (AP012-AP014)."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Iterable

from generator.diagnostics import Finding

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def slugify(text: str) -> str:
    """A readable ASCII slug: 'Ansøgning om Boligstøtte' -> 'ansoegning-om-boligstoette'."""
    text = text.translate(_DANISH)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "proces"


def check_location(entry: "Entry") -> Iterable[Finding]:
    if entry.root is None:
        yield Finding.make("AP012", entry.path, 1, 1, problem="filen ligger ikke under en mappe ved navn processes")
        return
    parts = entry.relative
    if len(parts) != 2:
        problem = ("filen ligger direkte i processes/" if len(parts) == 1
                   else f"filen ligger {len(parts) - 1} mapper nede i stedet for én")
        yield Finding.make("AP012", entry.path, 1, 1, problem=problem)
        return
    folder, name = parts
    if entry.path.suffix not in (".yaml", ".yml") or not SLUG.match(entry.path.stem):
        yield Finding.make("AP013", entry.path, 1, 1, name=name, suggestion=f"{slugify(entry.path.stem)}.yaml")
    if not SLUG.match(folder):
        yield Finding.make("AP012", entry.path, 1, 1, problem=f"mappenavnet '{folder}' er ikke et gyldigt kortnavn")


def check_municipality_folder(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    folder = entry.folder
    if process is None or folder is None or process.municipality == folder:
        return
    pos = entry.document.position(("municipality",))
    yield Finding.make("AP014", entry.path, pos.line, pos.column, declared=process.municipality, folder=folder)
