"""Municipalities and regions (and other OS2autoproces member organisations), keyed by folder slug.

``code`` is the folder under ``processes/`` (``koebenhavn``, ``hoeje-taastrup``, ``region-hovedstaden``);
``title`` is the official name. Titles come, in this order, from the curated names (genitive forms such
as "Københavns Kommune"), the OS2autoproces member list, the region list, and otherwise
``"<navn> Kommune"`` with the DAR short name, which is already genitive where the official name is
("Nordfyns", "Vesthimmerlands").
"""

from __future__ import annotations

import csv
import io
import re
from typing import Mapping

from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.slugs import slugify

MUNICIPALITY, REGION, OTHER = "municipality", "region", "other"


def read_table(data: bytes, source: str, columns: list[str]) -> list[dict[str, str]]:
    """A ``;``-separated UTF-8 table with the given header."""
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";")
    if reader.fieldnames is None or [name.strip() for name in reader.fieldnames] != columns:
        raise TaxonomyError(f"{source}: forventede kolonnerne {';'.join(columns)}")
    rows = [{key: (value or "").strip() for key, value in row.items()} for row in reader]
    for number, row in enumerate(rows, start=2):
        if not all(row.get(column) for column in columns if column != "note"):
            raise TaxonomyError(f"{source}: række {number} mangler en værdi")
        if "cvr" in row and not re.fullmatch(r"\d{8}", row["cvr"]):
            raise TaxonomyError(f"{source}: række {number}: ugyldigt CVR-nummer {row['cvr']!r}")
    return rows


def municipality_items(municipalities: list[dict[str, str]], regions: list[dict[str, str]],
                       members: list[dict[str, str]], names: Mapping[str, str]) -> list[dict]:
    member_names = {row["cvr"]: row["navn"] for row in members}
    region_slugs = {row["regionskode"]: slugify(row["navn"]) for row in regions}
    items: dict[str, dict] = {}

    def add(item: dict) -> None:
        if item["code"] in items:
            raise TaxonomyError(f"Kommuner og regioner: to organisationer får mappenavnet {item['code']!r}")
        items[item["code"]] = item

    for row in regions:
        add(_item(slugify(row["navn"]), member_names.get(row["cvr"]) or row["navn"], REGION, None, row["cvr"],
                  None, row["regionskode"], row["cvr"] in member_names))
    known_cvrs = {row["cvr"] for row in regions}
    for row in municipalities:
        code = row["kommunekode"]
        if row["regionskode"] not in region_slugs:
            raise TaxonomyError(f"Kommuner og regioner: {row['navn']} har en ukendt regionskode {row['regionskode']}")
        title = names.get(code) or member_names.get(row["cvr"]) or f"{row['navn']} Kommune"
        add(_item(slugify(row["navn"]), title, MUNICIPALITY, code, row["cvr"], region_slugs[row["regionskode"]],
                  row["regionskode"], row["cvr"] in member_names))
        known_cvrs.add(row["cvr"])
    for row in members:
        if row["cvr"] not in known_cvrs:
            add(_item(slugify(row["navn"]), row["navn"], OTHER, None, row["cvr"], None, None, True))
            known_cvrs.add(row["cvr"])
    return list(items.values())


def _item(code: str, title: str, kind: str, municipality_code: str | None, cvr: str, region: str | None,
          region_code: str | None, member: bool) -> dict:
    return {"code": code, "title": title, "status": "active", "replaced_by": [], "kind": kind,
            "municipality_code": municipality_code, "cvr": cvr, "region": region, "region_code": region_code,
            "os2autoproces_member": member}
