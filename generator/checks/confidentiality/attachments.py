"""AP506/AP507: attachments must be regular files in ``<municipality>/bilag/`` next to the
process file (no symlinks out of that folder)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from generator.checks.confidentiality.paths import finding_at
from generator.diagnostics import Finding

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

ATTACHMENT_FOLDER = "bilag"


def attachment_folder(entry: "Entry") -> Path:
    return entry.path.parent / ATTACHMENT_FOLDER


def check_attachments(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    folder = attachment_folder(entry)
    shown_folder = f"{entry.folder or process.municipality}/{ATTACHMENT_FOLDER}/"
    for index, attachment in enumerate(process.attachments):
        path = ("attachments", index, "file")
        name = attachment.file
        candidate = folder / name
        if "/" in name or "\\" in name or name in (".", "..") or "%2e" in name.lower():
            yield finding_at("AP507", entry, path, file=name, problem="en sti uden for bilagsmappen",
                             folder=shown_folder)
            continue
        if candidate.is_symlink():
            try:
                target = candidate.resolve(strict=True)
                inside = target.parent == folder.resolve()
            except (OSError, RuntimeError):
                inside = False
            if not inside:
                yield finding_at("AP507", entry, path, file=name, folder=shown_folder,
                                 problem="et symbolsk link, der peger uden for bilagsmappen")
                continue
        if not candidate.exists():
            yield finding_at("AP506", entry, path, file=name, folder=shown_folder)
        elif not candidate.is_file():
            yield finding_at("AP507", entry, path, file=name, folder=shown_folder,
                             problem="ikke en almindelig fil (en mappe eller en speciel fil)")
