"""KITOS IT-systems (API v2 ``ItSystemResponseDTO``) merged with the curated list.

Process files refer to IT-systems by slug, so a KITOS system must keep its slug for ever. The slug of a
KITOS system is, in this order: the one recorded in the slug map (``kitos/kitos-api/slugs.json``,
written by ``refresh``), the curated entry with its ``kitos_uuid``, the curated entry with the same name,
or a new slug derived from the name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from generator.taxonomies.curated import UUID
from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.slugs import slugify, unique_slug


@dataclass(frozen=True, slots=True)
class KitosSystem:
    uuid: str
    name: str
    vendor: str | None
    deactivated: bool
    scope: str | None


def parse_it_systems(rows: Any, source: str) -> list[KitosSystem]:
    """Check a list of ``ItSystemResponseDTO`` objects and keep the fields the catalogue needs."""
    if not isinstance(rows, list):
        raise TaxonomyError(f"{source}: uventet svar; forventede en liste af IT-systemer")
    systems = []
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise TaxonomyError(f"{source}: element {index} er ikke et IT-system")
        uuid, name, deactivated = row.get("uuid"), row.get("name"), row.get("deactivated")
        if not isinstance(uuid, str) or not UUID.match(uuid):
            raise TaxonomyError(f"{source}: element {index} har ingen gyldig 'uuid'")
        if not isinstance(name, str) or not name.strip():
            raise TaxonomyError(f"{source}: IT-system {uuid} har intet navn")
        if not isinstance(deactivated, bool):
            raise TaxonomyError(f"{source}: IT-system {uuid} mangler 'deactivated' (true/false)")
        holder = row.get("rightsHolder")
        vendor = holder.get("name") if isinstance(holder, dict) and isinstance(holder.get("name"), str) else None
        scope = row.get("scope") if isinstance(row.get("scope"), str) else None
        systems.append(KitosSystem(uuid.lower(), " ".join(name.split()), vendor, deactivated, scope))
    return systems


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def merge_it_systems(curated: Mapping[str, dict], systems: list[KitosSystem],
                     slug_map: Mapping[str, str]) -> tuple[list[dict], dict[str, str]]:
    """(items, the slug map to keep): curated entries plus every KITOS system under a stable slug."""
    items = {slug: dict(item) for slug, item in curated.items()}
    by_uuid = {item["kitos_uuid"]: slug for slug, item in curated.items() if item["kitos_uuid"] and not item["local"]}
    by_name = {_name_key(item["title"]): slug for slug, item in curated.items()
               if not item["local"] and not item["kitos_uuid"]}
    taken = set(items) | set(slug_map.values())
    claimed: set[str] = set()
    new_map: dict[str, str] = {}
    # Active, global systems first, so that they get the plain slug when names collide.
    ordered = sorted(systems, key=lambda s: (s.uuid not in slug_map, s.deactivated, s.scope != "Global",
                                              _name_key(s.name), s.uuid))
    for system in ordered:
        slug = slug_map.get(system.uuid) or by_uuid.get(system.uuid)
        if slug is None:
            candidate = by_name.get(_name_key(system.name))
            if candidate is not None and candidate not in claimed:
                slug = candidate
        if slug is None or slug in claimed:
            slug = unique_slug(slugify(system.name), taken)
        claimed.add(slug)
        new_map[system.uuid] = slug
        item = items.get(slug, {"code": slug, "local": False, "replaced_by": []})
        item.update({"title": system.name, "vendor": system.vendor or item.get("vendor"),
                     "kitos_uuid": system.uuid, "local": False,
                     "status": "retired" if system.deactivated else "active"})
        items[slug] = item
    # The map only grows: a slug once given to a KITOS system is never given to another one.
    return list(items.values()), dict(sorted({**slug_map, **new_map}.items()))
