"""The hand-curated lists: IT-systems (``curated/it_systems.yaml``) and technologies.

Both files are keyed by the slug that process files use. Every entry is checked on its own and
each mistake is a :class:`Problem` (rule id, slug, field, parameters), so the same checks serve two
callers: the cache build (``build.py``), which stops at the first problem, and the direct read
(``curated_direct.py``), which reports every problem as a finding with its line and uses the valid
entries at once, so a contributor's new entry needs no rebuild.

Entry formats (the field names are documented at the top of each YAML file):

    systems:       slug: {name, vendor, owner?, source?, kitos_uuid?, local?, status?}
    technologies:  slug: {name, category, source?, status?}

``vendor`` must be present: a text, or null when no source names the vendor (shown as "ukendt").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.slugs import slugify

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
STATUSES = ("active", "retired")
NEAR_DUPLICATE_RATIO = 0.9

RULE_INCOMPLETE, RULE_SLUG, RULE_DUPLICATE, RULE_VALUE, RULE_FILE = "AP413", "AP414", "AP415", "AP416", "AP417"

WHAT_DA = {"systems": "IT-systemer", "technologies": "teknologier"}


@dataclass(frozen=True)
class Problem:
    rule: str
    slug: str | None
    key: str | None          # the entry's field the problem is about (None: the entry or the file)
    params: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """A one-line Danish description, for the cache build's error message."""
        from generator.checks.rules import RULES

        return RULES[self.rule].render_message(**self.params)


def _compact(text: str) -> str:
    return slugify(text).replace("-", "")


def example_entry(table: str, slug: str) -> str:
    """A ready entry to paste under ``systems:`` or ``technologies:`` (one line, YAML flow style)."""
    name = slug.replace("-", " ").capitalize() if SLUG.match(slug) else "Navn"
    safe = slug if SLUG.match(slug) else slugify(slug) or "kortnavn"
    if table == "systems":
        return f"{safe}: {{name: {name}, vendor: null, source: null}}"
    return f"{safe}: {{name: {name}, category: rules}}"


def _table(document: Any, key: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    table = document.get(key) if isinstance(document, dict) else None
    if not isinstance(table, dict) or not table:
        return None, [Problem(RULE_FILE, None, key, {"problem": f"tabellen '{key}' mangler eller er tom"})]
    return table, []


def _common(table: str, slug: Any, entry: Any) -> list[Problem]:
    what = WHAT_DA[table]
    if not isinstance(slug, str) or not SLUG.match(slug):
        return [Problem(RULE_SLUG, str(slug), None, {"slug": slug, "list_da": what, "suggestion": slugify(str(slug))})]
    if not isinstance(entry, dict):
        return [Problem(RULE_INCOMPLETE, slug, None, {"slug": slug, "list_da": what, "field": "name",
                                                      "example": example_entry(table, slug)})]
    problems = []
    if not isinstance(entry.get("name"), str) or not entry["name"].strip():
        problems.append(Problem(RULE_INCOMPLETE, slug, "name", {"slug": slug, "list_da": what, "field": "name",
                                                               "example": example_entry(table, slug)}))
    status = entry.get("status", "active")
    if status not in STATUSES:
        problems.append(_value(table, slug, "status", f"skal være {' eller '.join(STATUSES)}"))
    source = entry.get("source")
    if source is not None and not (isinstance(source, str) and source.strip()):
        problems.append(_value(table, slug, "source", "skal være en tekst (en adresse eller repo:sti@commit) "
                                                      "eller null"))
    return problems


def _value(table: str, slug: str, key: str, problem: str) -> Problem:
    return Problem(RULE_VALUE, slug, key, {"slug": slug, "list_da": WHAT_DA[table], "field": key, "problem": problem})


def check_system(slug: Any, entry: Any) -> list[Problem]:
    problems = _common("systems", slug, entry)
    if problems and problems[0].rule == RULE_SLUG or not isinstance(entry, dict):
        return problems
    if "vendor" not in entry:
        problems.append(Problem(RULE_INCOMPLETE, slug, None, {"slug": slug, "list_da": WHAT_DA["systems"],
                                                              "field": "vendor",
                                                              "example": example_entry("systems", slug)}))
    for key in ("vendor", "owner"):
        if entry.get(key) is not None and not (isinstance(entry[key], str) and entry[key].strip()):
            problems.append(_value("systems", slug, key, "skal være en tekst eller null (ukendt)"))
    uuid = entry.get("kitos_uuid")
    if uuid is not None and not (isinstance(uuid, str) and UUID.match(uuid)):
        problems.append(_value("systems", slug, "kitos_uuid", "er ikke en UUID"))
    if not isinstance(entry.get("local", False), bool):
        problems.append(_value("systems", slug, "local", "skal være true eller false"))
    return problems


def check_technology(slug: Any, entry: Any, categories: dict[str, Any]) -> list[Problem]:
    problems = _common("technologies", slug, entry)
    if problems and problems[0].rule == RULE_SLUG or not isinstance(entry, dict):
        return problems
    category = entry.get("category")
    if category is None:
        problems.append(Problem(RULE_INCOMPLETE, slug, None, {"slug": slug, "list_da": WHAT_DA["technologies"],
                                                              "field": "category",
                                                              "example": example_entry("technologies", slug)}))
    elif category not in categories:
        problems.append(_value("technologies", slug, "category",
                               f"ukendt kategori {category!r}; brug en af {', '.join(categories)}"))
    return problems


def near_duplicates(table: str, entries: dict[str, dict]) -> list[Problem]:
    """Entries whose slug or name is (almost) that of an earlier entry in the file."""
    problems = []
    seen: list[tuple[str, str, str]] = []   # (slug, name, compact name)
    for slug, entry in entries.items():
        name = entry["name"].strip()
        keys = {_compact(name), slug.replace("-", "")}
        for other, other_name, other_key in seen:
            other_keys = {other_key, other.replace("-", "")}
            close = SequenceMatcher(None, _compact(name), other_key).ratio() >= NEAR_DUPLICATE_RATIO \
                and min(len(other_key), len(_compact(name))) >= 5
            if keys & other_keys or close:
                problems.append(Problem(RULE_DUPLICATE, slug, None, {
                    "slug": slug, "entry_name": name, "other_slug": other, "other_name": other_name,
                    "list_da": WHAT_DA[table]}))
                break
        seen.append((slug, name, _compact(name)))
    return problems


def system_item(slug: str, entry: dict) -> dict:
    uuid = entry.get("kitos_uuid")
    return {"code": slug, "title": entry["name"].strip(), "vendor": _text(entry.get("vendor")),
            "owner": _text(entry.get("owner")), "source": _text(entry.get("source")),
            "kitos_uuid": uuid.lower() if uuid else None, "local": entry.get("local", False),
            "status": entry.get("status", "active"), "replaced_by": []}


def technology_item(slug: str, entry: dict, categories: dict[str, Any]) -> dict:
    category = entry["category"]
    return {"code": slug, "title": entry["name"].strip(), "category": category,
            "category_title": str(categories[category]), "source": _text(entry.get("source")),
            "status": entry.get("status", "active"), "replaced_by": []}


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def read_systems(document: Any) -> tuple[dict[str, dict], list[Problem]]:
    """(slug -> cache item for every valid entry, every problem)."""
    table, problems = _table(document, "systems")
    valid: dict[str, dict] = {}
    for slug, entry in (table or {}).items():
        found = check_system(slug, entry)
        problems += found
        if not found:
            valid[slug] = entry
    duplicates = near_duplicates("systems", valid)
    problems += duplicates
    dropped = {p.slug for p in duplicates}
    return {slug: system_item(slug, e) for slug, e in valid.items() if slug not in dropped}, problems


def read_technologies(document: Any) -> tuple[list[dict], list[Problem]]:
    categories = document.get("categories") if isinstance(document, dict) else None
    if not isinstance(categories, dict) or not categories:
        return [], [Problem(RULE_FILE, None, "categories", {"problem": "tabellen 'categories' mangler eller er tom"})]
    table, problems = _table(document, "technologies")
    valid: dict[str, dict] = {}
    for slug, entry in (table or {}).items():
        found = check_technology(slug, entry, categories)
        problems += found
        if not found:
            valid[slug] = entry
    duplicates = near_duplicates("technologies", valid)
    problems += duplicates
    dropped = {p.slug for p in duplicates}
    return [technology_item(slug, e, categories) for slug, e in valid.items() if slug not in dropped], problems


def _strict(result: tuple[Any, list[Problem]], source: str) -> Any:
    items, problems = result
    if problems:
        raise TaxonomyError(f"{source}: {problems[0].text()}")
    return items


def it_system_items(document: Any, source: str) -> dict[str, dict]:
    """slug -> cache item; the first problem stops the build (``TaxonomyError``)."""
    return _strict(read_systems(document), source)


def technology_items(document: Any, source: str) -> list[dict]:
    """Cache items; the first problem stops the build (``TaxonomyError``)."""
    return _strict(read_technologies(document), source)
