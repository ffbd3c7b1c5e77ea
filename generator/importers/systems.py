"""IT-systems and technologies from OS2autoproces to the curated lists' slugs.

An IT-system is found by its KITOS UUID when the source carries one, else by its name. A system
the list does not know becomes a *proposed* entry of the curated list
(``taxonomies/sources/curated/it_systems.yaml``, see :mod:`generator.importers.proposals`): the
process file names the proposed slug, and the same change adds the entry, so a reviewer sees both.
A system OS2autoproces kept outside KITOS (``fromKitos: false``) is proposed as a local system.
Technologies are a list curated by hand; an unknown technology is reported, never invented.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.importers.names import NameIndex, fold
from generator.taxonomies.lookup import TaxonomyList
from generator.taxonomies.slugs import slugify, unique_slug

UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MAX_NAME = 255


@dataclass
class ProposedSystem:
    slug: str
    name: str
    vendor: str | None
    kitos_uuid: str | None
    local: bool
    used_by: list[tuple[int | None, str]] = field(default_factory=list)   # (OS2autoproces id, title)


class SystemResolver:
    """Slugs for the systems of every record of one import, collecting the proposals."""

    def __init__(self, it_systems: TaxonomyList):
        self.index = NameIndex(it_systems)
        self._taken = set(self.index.slugs)
        self.proposals: dict[str, ProposedSystem] = {}

    def slug_for(self, system: dict, record_id: int | None, title: str) -> str | None:
        """The list's slug, or a proposed one; None when the entry has no usable name."""
        name = " ".join(str(system.get("name") or "").split())
        uuid = system.get("uuid")
        uuid = uuid.lower() if isinstance(uuid, str) and UUID.match(uuid) else None
        found = self.index.by_uuid(uuid) if uuid else None
        if found is None and name:
            found = self.index.by_name(name)
        if found is not None:
            return found
        if not name or len(name) > MAX_NAME:
            return None
        key = fold(name)
        proposal = self.proposals.get(key)
        if proposal is None:
            slug = unique_slug(slugify(name)[:60].strip("-") or "system", self._taken)
            vendor = system.get("vendor")
            proposal = ProposedSystem(slug=slug, name=name, kitos_uuid=uuid,
                                      vendor=vendor.strip() if isinstance(vendor, str) and vendor.strip() else None,
                                      local=system.get("from_kitos") is False)
            self.proposals[key] = proposal
        if (record_id, title) not in proposal.used_by:
            proposal.used_by.append((record_id, title))
        return proposal.slug


class TechnologyResolver:
    def __init__(self, technologies: TaxonomyList):
        self.index = NameIndex(technologies)

    def slug_for(self, name: str) -> str | None:
        return self.index.by_name(name) if name.strip() else None
