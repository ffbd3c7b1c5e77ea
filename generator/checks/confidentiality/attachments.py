"""AP506/AP507/AP511-AP514: an attachment is a regular file of an allowed type in
``<municipality>/bilag/`` next to the process file, at most 10 MB, never reached through a link.

:func:`attachment_problem` is the one decision, used by the check (a finding on the attachment's
line) and by the site (which copies only an attachment without a problem, see
:func:`publishable_attachment`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from generator.checks.confidentiality.attachment_types import (
    ALLOWED,
    ALLOWED_LABEL,
    MAX_ATTACHMENT_BYTES,
    MAX_ATTACHMENT_LABEL,
    content_problem,
    extension_of,
)
from generator.checks.confidentiality.paths import finding_at
from generator.checks.confidentiality.symlinks import first_link, link_target, shown
from generator.diagnostics import Finding

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

ATTACHMENT_FOLDER = "bilag"


def attachment_problem(process_file: Path, name: str) -> tuple[str, dict[str, Any]] | None:
    """The rule an attachment breaks and the message's parameters, or None when it may be published."""
    municipality_folder = process_file.parent
    folder = municipality_folder / ATTACHMENT_FOLDER
    shown_folder = f"{municipality_folder.name}/{ATTACHMENT_FOLDER}/"
    common = {"file": shown(name), "folder": shown_folder}
    if "/" in name or "\\" in name or name in (".", "..") or "%2e" in name.lower():
        return "AP507", {**common, "problem": "en sti uden for bilagsmappen"}
    extension = extension_of(name)
    if extension not in ALLOWED:
        return "AP512", {**common, "extension": f".{extension}" if extension else "(ingen)", "allowed": ALLOWED_LABEL}
    candidate = folder / name
    link = first_link(candidate, municipality_folder)
    if link is not None and link != candidate:
        return "AP511", {**common, "item": f"Bilagsmappen '{shown_folder}' (med bilaget '{shown(name)}')",
                         "target": link_target(link), "link": shown_folder.rstrip("/")}
    if link is not None:
        return "AP507", {**common, "problem": f"et symbolsk link (til '{link_target(link)}')"}
    try:
        info = candidate.lstat()
    except FileNotFoundError:
        return "AP506", common
    except OSError:
        return "AP507", {**common, "problem": "en fil, der ikke kan læses"}
    if not stat.S_ISREG(info.st_mode):
        return "AP507", {**common, "problem": "ikke en almindelig fil (en mappe eller en speciel fil)"}
    if not Path(os.path.realpath(candidate)).is_relative_to(os.path.realpath(municipality_folder)):
        return "AP507", {**common, "problem": "uden for organisationens mappe"}
    if info.st_size > MAX_ATTACHMENT_BYTES:
        return "AP514", {**common, "size": _megabytes(info.st_size), "limit": MAX_ATTACHMENT_LABEL}
    try:
        problem = content_problem(candidate, extension)
    except OSError:
        return "AP507", {**common, "problem": "en fil, der ikke kan læses"}
    if problem is not None:
        return "AP513", {**common, "extension": extension, "problem": problem, "kind": ALLOWED[extension].kind}
    return None


def publishable_attachment(process_file: Path, name: str) -> Path | None:
    """The real path of an attachment that may be copied to the site, or None."""
    if attachment_problem(process_file, name) is not None:
        return None
    return Path(os.path.realpath(process_file.parent / ATTACHMENT_FOLDER / name))


def check_attachments(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    for index, attachment in enumerate(process.attachments):
        problem = attachment_problem(entry.path, attachment.file)
        if problem is not None:
            rule, params = problem
            if entry.folder:
                params["folder"] = f"{entry.folder}/{ATTACHMENT_FOLDER}/"
            yield finding_at(rule, entry, ("attachments", index, "file"), **params)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
