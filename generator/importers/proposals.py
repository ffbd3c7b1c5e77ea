"""Unknown IT-systems proposed as entries of the curated list, in the same change as the processes.

The entries are appended to ``taxonomies/sources/curated/it_systems.yaml`` (the file reviewers and
``autoproces taxonomies build`` read), each marked as proposed by the import so a reviewer checks
its name and vendor; the vendor is the one OS2autoproces names, or ``null`` (unknown), never a
guess. A system OS2autoproces kept outside KITOS is proposed as ``local: true``. ``autoproces
check`` reads the curated file directly; the cached copy ``taxonomies/it_systems.json`` is rebuilt
as well, so the change stays consistent with ``autoproces taxonomies build``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.files import write_text_atomic
from generator.importers.records import ReadError
from generator.importers.systems import ProposedSystem

CURATED = Path("sources") / "curated" / "it_systems.yaml"
_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*):", re.MULTILINE)


def curated_file(taxonomies_dir: Path) -> Path:
    return taxonomies_dir / CURATED


def proposal_text(proposals: list[ProposedSystem]) -> str:
    lines = []
    for proposal in proposals:
        lines.append(f"  {proposal.slug}:  # foreslået ved import fra OS2autoproces; kontrollér navn og leverandør\n")
        lines.append(f"    name: {json.dumps(proposal.name, ensure_ascii=False)}\n")
        vendor = json.dumps(proposal.vendor, ensure_ascii=False) if proposal.vendor else "null"
        lines.append(f"    vendor: {vendor}\n")
        if proposal.kitos_uuid:
            lines.append(f"    kitos_uuid: {proposal.kitos_uuid}\n")
        if proposal.local:
            lines.append("    local: true\n")
    return "".join(lines)


def add_to_curated_list(taxonomies_dir: Path, proposals: list[ProposedSystem]) -> Path:
    """Append the entries under ``systems:`` (the file's last table) and rebuild the cached lists."""
    path = curated_file(taxonomies_dir)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ReadError(f"{path}: systemlisten kan ikke læses ({exc.strerror or exc})") from None
    keys = _TOP_LEVEL_KEY.findall(text)
    if not keys or keys[-1] != "systems":
        raise ReadError(f"{path}: tabellen 'systems' skal stå sidst i filen, før importen kan tilføje systemer")
    if not text.endswith("\n"):
        text += "\n"
    write_text_atomic(path, text + proposal_text(proposals))
    _rebuild(taxonomies_dir)
    return path


def _rebuild(taxonomies_dir: Path) -> None:
    from generator.taxonomies.build import build_all
    from generator.taxonomies.errors import TaxonomyError

    try:
        build_all(taxonomies_dir / "sources", taxonomies_dir)
    except TaxonomyError as exc:
        raise ReadError(f"Listerne kunne ikke genopbygges efter tilføjelsen af systemer: {exc}") from None
