"""Process files already written by an earlier import: found by their ``os2autoproces_id``.

A second import of the same data must update the same files, also when a process was renamed in
OS2autoproces, so the file of a record is looked up by its id, never by its title. Both the shared
folder and the overlay are searched; files are read with the catalogue's own safe loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.loading import load_document


@dataclass(frozen=True)
class ExistingFile:
    path: Path
    municipality: str           # the folder name
    slug: str
    visibility: str | None
    type: str | None


def scan(roots: list[Path]) -> tuple[dict[int, ExistingFile], dict[str, set[str]]]:
    """Files by OS2autoproces id, and every slug in use per municipality folder."""
    by_id: dict[int, ExistingFile] = {}
    taken: dict[str, set[str]] = {}
    for root in roots:
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()):
            for path in sorted(folder.glob("*.yaml")):
                taken.setdefault(folder.name, set()).add(path.stem)
                if path.is_symlink() or not path.is_file():
                    continue
                data = load_document(path).data or {}
                source_id = data.get("os2autoproces_id")
                if isinstance(source_id, int) and not isinstance(source_id, bool) and source_id not in by_id:
                    by_id[source_id] = ExistingFile(path=path, municipality=folder.name, slug=path.stem,
                                                    visibility=_text(data.get("visibility")),
                                                    type=_text(data.get("type")) or "child")
    return by_id, taken


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
