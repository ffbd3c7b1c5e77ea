"""Where a process file lives: ``<root>/<municipality>/<slug>.yaml`` (AP012-AP015)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Protocol

from generator.diagnostics import Finding, display_path

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
# No replacement holds a letter replaced, so replacing one letter after the other is one translation.
_DANISH = (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "ae"), ("Ø", "oe"), ("Å", "aa"))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def ascii_folded(text: str) -> str:
    """The text in lower-case ASCII as a slug spells it: 'Ansøgning' -> 'ansoegning'."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)  # 'å' typed as 'a' + ring is 'aa' too
        for letter, spelt in _DANISH:
            if letter in text:
                text = text.replace(letter, spelt)
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return text.lower()


def slugify(text: str) -> str:
    """A readable ASCII slug: 'Ansøgning om Boligstøtte' -> 'ansoegning-om-boligstoette'."""
    return _NOT_SLUG.sub("-", ascii_folded(text)).strip("-") or "proces"


def check_location(entry: "Entry") -> Iterable[Finding]:
    if entry.root is None:
        yield Finding.make("AP012", entry.path, None, None, problem="den ligger ikke i en mappe ved navn processes")
        return
    parts = entry.relative
    if len(parts) != 2:
        if len(parts) == 1:
            problem = "den ligger direkte i processes/ og ikke i en organisationsmappe"
        else:
            problem = (f"den ligger i undermappen {'/'.join(parts[:-1])}/, men procesfiler skal ligge direkte i "
                       "organisationens mappe")
        yield Finding.make("AP012", entry.path, None, None, problem=problem)
        return
    folder, name = parts
    if entry.path.suffix not in (".yaml", ".yml") or not SLUG.match(entry.path.stem):
        yield Finding.make("AP013", entry.path, None, None, name=name, suggestion=f"{slugify(entry.path.stem)}.yaml")
    if not SLUG.match(folder):
        yield Finding.make("AP012", entry.path, None, None,
                           problem=f"mappenavnet '{folder}' er ikke en organisations kortnavn, fx 'aarhus'")


def check_municipality_folder(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    folder = entry.folder
    if process is None or folder is None or process.municipality == folder:
        return
    line, column = entry.document.line_column(("municipality",))
    yield Finding.make("AP014", entry.path, line, column, field_key="municipality", declared=process.municipality, folder=folder)


class Placed(Protocol):
    """A file with a place in the catalogue: an ``Entry``, or what the check's cache knows of one."""

    path: Path
    is_link: bool

    @property
    def folder(self) -> str | None: ...

    @property
    def id(self) -> str: ...


def duplicate_ids(files: Iterable[Placed]) -> Iterable[tuple[Placed, Finding]]:
    """AP015 for every file whose id (``<municipality>/<slug>``) another file has too.

    ``aarhus/x.yaml`` and ``aarhus/x.yml``, or the same file in the shared catalogue and in a
    private overlay, would be one page on the site; neither silently wins.
    """
    by_id: dict[str, list[Placed]] = defaultdict(list)
    for entry in files:
        if entry.folder is not None and not entry.is_link:
            by_id[entry.id].append(entry)
    for process_id, entries in by_id.items():
        if len(entries) < 2:
            continue
        for entry in entries:
            others = " og ".join(display_path(e.path) for e in entries if e is not entry)
            yield entry, Finding.make("AP015", entry.path, None, None, id=process_id, other=others)
