"""The hand-curated lists: IT-systems (``curated/it_systems.yaml``) and technologies.

Both files are keyed by the slug that process files use. The loaders check every entry and turn it
into cache items; a mistake in a curated file is reported with the slug and the field.
"""

from __future__ import annotations

import re
from typing import Any

from generator.taxonomies.errors import TaxonomyError

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
STATUSES = ("active", "retired")


def _table(document: Any, key: str, source: str) -> dict[str, dict[str, Any]]:
    table = (document or {}).get(key) if isinstance(document, dict) else None
    if not isinstance(table, dict) or not table:
        raise TaxonomyError(f"{source}: tabellen '{key}' mangler eller er tom")
    for slug, entry in table.items():
        if not isinstance(slug, str) or not SLUG.match(slug):
            raise TaxonomyError(f"{source}: {slug!r} er ikke et gyldigt kortnavn (små bogstaver, tal og '-')")
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise TaxonomyError(f"{source}: {slug}: 'name' mangler")
    return table


def it_system_items(document: Any, source: str) -> dict[str, dict]:
    """slug -> cache item, from ``{"systems": {slug: {name, vendor, kitos_uuid, local, status}}}``."""
    items = {}
    for slug, entry in _table(document, "systems", source).items():
        vendor, uuid = entry.get("vendor"), entry.get("kitos_uuid")
        local, status = entry.get("local", False), entry.get("status", "active")
        if vendor is not None and not isinstance(vendor, str):
            raise TaxonomyError(f"{source}: {slug}: 'vendor' skal være tekst eller null")
        if uuid is not None and not (isinstance(uuid, str) and UUID.match(uuid)):
            raise TaxonomyError(f"{source}: {slug}: 'kitos_uuid' er ikke en UUID")
        if not isinstance(local, bool):
            raise TaxonomyError(f"{source}: {slug}: 'local' skal være true eller false")
        if status not in STATUSES:
            raise TaxonomyError(f"{source}: {slug}: 'status' skal være {' eller '.join(STATUSES)}")
        items[slug] = {"code": slug, "title": entry["name"].strip(), "vendor": vendor,
                       "kitos_uuid": uuid.lower() if uuid else None, "local": local, "status": status,
                       "replaced_by": []}
    return items


def technology_items(document: Any, source: str) -> list[dict]:
    """Cache items from ``{"categories": {key: title}, "technologies": {slug: {name, category}}}``."""
    categories = (document or {}).get("categories") if isinstance(document, dict) else None
    if not isinstance(categories, dict) or not categories:
        raise TaxonomyError(f"{source}: tabellen 'categories' mangler eller er tom")
    items = []
    for slug, entry in _table(document, "technologies", source).items():
        category = entry.get("category")
        if category not in categories:
            raise TaxonomyError(f"{source}: {slug}: ukendt kategori {category!r}")
        status = entry.get("status", "active")
        if status not in STATUSES:
            raise TaxonomyError(f"{source}: {slug}: 'status' skal være {' eller '.join(STATUSES)}")
        items.append({"code": slug, "title": entry["name"].strip(), "category": category,
                      "category_title": str(categories[category]), "status": status, "replaced_by": []})
    return items
