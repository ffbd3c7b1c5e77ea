"""Read the cached lists in ``taxonomies/`` and answer lookups.

Cache format (written by ``generator.taxonomies.build`` / ``refresh``, read here):

``taxonomies/<list>.json`` is a JSON object ``{"list": "<list>", "items": [ ... ]}`` with one
item per line, sorted by code, so that a refresh shows as a readable diff. Each item has at least

    code       the identifier processes use (KLE "00.01.00", FORM "65.50.05", an IT-system slug ...)
    title      the official title without markers such as "[udgået]" (null when the source has none)
    status     "active" | "retired" | "moved"
    replaced_by  list of codes that replace a retired or moved item (may be empty)

and may carry list-specific fields (``uuid``, ``vendor``, ``level``, ``parent``, ``forms`` ...),
which are exposed through :attr:`Term.extra`.

``taxonomies/<list>.manifest.json`` describes provenance; here only its ``items_sha256`` is read: a
list whose bytes do not match it (edited by hand, cut short, a merge that went wrong) is refused
with a Danish message that says how to rebuild it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from generator.code_digest import tree_hash
from generator.diagnostics import display_path
from generator.taxonomies.errors import TaxonomyError

LIST_NAMES = ("kle", "form", "kla", "it_systems", "technologies", "municipalities")
# Lists only some outputs read (the search's KLE keywords): loaded on first use, so that
# ``autoproces check`` never pays for them.
ON_DEMAND_LIST_NAMES = ("kle_keywords",)

ACTIVE = "active"


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    title: str | None = None
    status: str = ACTIVE
    replaced_by: tuple[str, ...] = ()
    extra: Mapping[str, object] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.status == ACTIVE

    def label(self) -> str:
        """``code title`` for display; a code without a known title shows only its code."""
        return f"{self.code} {self.title}" if self.title else self.code

    def get(self, key: str, default: object = None) -> object:
        return self.extra.get(key, default)


class TaxonomyList:
    """One list: code -> Term, with nearest-match suggestions."""

    def __init__(self, name: str, terms: Iterable[Term]):
        self.name = name
        self._terms: dict[str, Term] = {t.code: t for t in terms}

    @classmethod
    def from_items(cls, name: str, items: Iterable[Mapping[str, object]]) -> "TaxonomyList":
        terms = []
        for item in items:
            extra = {k: v for k, v in item.items() if k not in ("code", "title", "status", "replaced_by")}
            terms.append(
                Term(
                    code=str(item["code"]),
                    title=item.get("title"),  # type: ignore[arg-type]
                    status=str(item.get("status") or ACTIVE),
                    replaced_by=tuple(item.get("replaced_by") or ()),  # type: ignore[arg-type]
                    extra=extra,
                )
            )
        return cls(name, terms)

    def __contains__(self, code: object) -> bool:
        return code in self._terms

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms.values())

    def __len__(self) -> int:
        return len(self._terms)

    def get(self, code: str) -> Term | None:
        return self._terms.get(code)

    def title(self, code: str) -> str | None:
        term = self._terms.get(code)
        return term.title if term else None

    def nearest(self, code: str, n: int = 3, active_only: bool = True) -> list[Term]:
        """The closest codes to a misspelt one, best first.

        Codes that share the longest prefix win (a KLE typo usually keeps the main group);
        ties are broken by string similarity.
        """
        candidates = [t for t in self._terms.values() if t.active or not active_only]
        if not candidates:
            return []
        lowered = code.lower()

        def score(term: Term) -> tuple[float, float]:
            other = term.code.lower()
            prefix = 0
            for a, b in zip(lowered, other):
                if a != b:
                    break
                prefix += 1
            similarity = difflib.SequenceMatcher(None, lowered, other).ratio()
            if term.title:
                similarity = max(similarity, difflib.SequenceMatcher(None, lowered, term.title.lower()).ratio())
            return (prefix / max(len(lowered), 1) + similarity, similarity)

        ranked = sorted(candidates, key=score, reverse=True)
        return [t for t in ranked[:n] if score(t)[1] > 0.3] or ranked[:1]


class Taxonomies:
    """All lists by name. Missing lists behave as empty lists.

    ``source_findings`` are the problems found in the curated source files that
    :func:`load_taxonomies` read directly (AP413-AP417); the check reports them with the rest.
    """

    def __init__(self, lists: Mapping[str, TaxonomyList], directory: Path | None = None,
                 source_findings: Iterable[object] = ()):
        self._lists = dict(lists)
        self._directory = directory
        self.source_findings = list(source_findings)

    def __getitem__(self, name: str) -> TaxonomyList:
        if name not in self._lists:
            path = self._directory / f"{name}.json" if self._directory else None
            if name in ON_DEMAND_LIST_NAMES and path and path.is_file():
                self._lists[name] = _read_list(name, path)
            else:
                self._lists[name] = TaxonomyList(name, [])
        return self._lists[name]

    @property
    def directory(self) -> Path | None:
        """The folder the lists were loaded from (None for lists made in memory)."""
        return self._directory

    def has(self, name: str) -> bool:
        return name in self._lists and len(self._lists[name]) > 0

    def forms_for_kle(self, kle_code: str) -> frozenset[str]:
        """FORM codes that the KLE->FORM crosswalk maps to a KLE subject (empty when unknown)."""
        term = self["kle"].get(kle_code)
        forms = term.get("forms") if term else None
        return frozenset(forms or ())  # type: ignore[arg-type]



def load_taxonomies(directory: Path, *, curated_sources: bool = True) -> Taxonomies:
    """Load every ``<list>.json`` in ``directory`` (on-demand lists on first use); a missing file gives an
    empty list.

    With ``curated_sources`` (the default), the curated IT-systems and technologies in
    ``directory/sources/curated/`` are read directly and override their cached copies, so an entry
    added there counts without rebuilding the cache.
    """
    raw: dict[str, list[dict]] = {}
    for name in LIST_NAMES:
        path = directory / f"{name}.json"
        if path.is_file():
            raw[name] = _read_items(path)
    findings: list[object] = []
    if curated_sources:
        from generator.taxonomies.curated_direct import apply_curated_sources

        findings = list(apply_curated_sources(raw, directory))
    lists = {name: TaxonomyList.from_items(name, items) for name, items in raw.items()}
    return Taxonomies(lists, directory, findings)


def lists_version(directory: Path) -> str | None:
    """A hash of every file :func:`load_taxonomies` may read: the lists and their curated sources (None
    when the folder cannot be read)."""
    try:
        top = [p for p in directory.iterdir() if p.is_file() and not p.is_symlink()]
        curated = directory / "sources" / "curated"
        below = [p for p in curated.rglob("*") if p.is_file() and not p.is_symlink()] if curated.is_dir() else []
        return tree_hash(sorted(top) + sorted(below), directory)
    except (OSError, ValueError):
        return None


def _read_items(path: Path) -> list[dict]:
    """The items of ``<list>.json``, after checking the file against its manifest's checksum."""
    name = path.name.removesuffix(".json")
    raw = path.read_bytes()
    _check_against_manifest(name, path, raw)
    try:
        items = json.loads(raw)["items"]
    except (ValueError, KeyError, TypeError):
        items = None
    if not isinstance(items, list):
        raise TaxonomyError(f"Referencelisten {display_path(path)} er ikke gyldig JSON med en liste 'items'. "
                            f"{_rebuild_advice(name)}")
    return items


def _read_list(name: str, path: Path) -> TaxonomyList:
    return TaxonomyList.from_items(name, _read_items(path))


def _check_against_manifest(name: str, path: Path, raw: bytes) -> None:
    manifest = path.with_name(f"{name}.manifest.json")
    if not manifest.is_file():
        return  # a hand-made list (tests, a municipality's own copy) has no manifest to check
    try:
        expected = json.loads(manifest.read_bytes()).get("items_sha256")
    except (ValueError, AttributeError):
        expected = "?"
    if expected and hashlib.sha256(raw).hexdigest() != expected:
        raise TaxonomyError(
            f"Referencelisten {display_path(path)} passer ikke med kontrolsummen (items_sha256) i "
            f"{display_path(manifest)}: listen er ændret i hånden, kun delvist skrevet eller flettet forkert. "
            f"{_rebuild_advice(name)}")


def _rebuild_advice(name: str) -> str:
    advice = (f"Byg listen '{name}' igen fra kilderne i taxonomies/sources/ med 'autoproces taxonomies build' "
              f"(eller hent den gemte udgave igen med 'git checkout -- taxonomies/{name}.json "
              f"taxonomies/{name}.manifest.json')")
    refresh = {"kle": "kle", "form": "form", "it_systems": "kitos"}.get(name)
    if refresh:
        advice += f", eller hent den fra kilden med 'autoproces taxonomies refresh --only {refresh}'"
    return advice + "."
