"""Facets and sort figures of the search, as compact columns (one entry per process).

The browser counts facets live from these columns: OR within a facet, AND across facets, and each
facet's counts computed as if its own selection were empty, so a reader sees how far a choice would
widen the result. A facet is ``single`` (one value per process, ``-1`` for none), ``multi`` (a list of
value numbers) or ``tree`` (one KLE code per process; the browser counts it under each ancestor).

Labels are the model's Danish field and enum labels. The values in the URL are codes (slugs, KLE and
FORM codes) and, for the model's enumerations (phase, status, domain, run period), Danish words made
from their labels (``fase=i-drift``, ``koersel=dagligt``), since a reader sees the address.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Container, Iterable, Sequence

from generator.audience import Published, PublishedProcess
from generator.model import PROCESS_FIELDS, Domain, Phase, RunPeriod, Status
from generator.search.danish import fold, sort_key
from generator.search.documents import SearchDocument, kle_path, system_slugs
from generator.taxonomies import Taxonomies

SINGLE, MULTI, TREE = "single", "multi", "tree"
EPOCH = dt.date(1970, 1, 1)

IT_SYSTEMS_LABEL = "IT-systemer"
FORM_AREA_LABEL = "FORM-serviceområde"
UMBRELLA_VALUES = (("er", "Er en paraplyproces"), ("under", "Hører under en paraplyproces"))
KLA_VALUE = ("ja", "Har et nummer i KL's Arbejdsgangsbank")
SEP_MEP_VALUE = ("ja", "Del af KL's fælles automatiseringsprojekter (SEP/MEP)")
VALIDATED_LABEL = "Valideret af andre kommuner"
VALIDATED_VALUE = ("ja", "Valideret af mindst én anden organisation")
# URL parameters of the facets, in the order the page shows them (``build_facets`` follows it).
FACET_KEYS = ("kommune", "fase", "status", "omraade", "kle", "form", "system", "teknologi", "koersel", "paraply",
              "kla", "sepmep", "valideret")


@dataclass
class Facet:
    key: str  # the URL parameter
    label: str
    kind: str
    values: list[tuple[str, str]] = field(default_factory=list)  # (code, Danish label), in display order
    column: list[object] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {"key": self.key, "label": self.label, "kind": self.kind,
                "values": [list(v) for v in self.values], "column": self.column}


def _label(key: str) -> str:
    return PROCESS_FIELDS[key].label


def _coded(key: str, label: str, kind: str, per_doc: Sequence[Sequence[str]],
           names: Callable[[str], str], order: Callable[[str], object] | None = None) -> Facet:
    """A facet whose values are the codes that occur, named by ``names`` and ordered by ``order``."""
    used = {code for codes in per_doc for code in codes}
    ordered = sorted(used, key=order or (lambda c: sort_key(names(c))))
    number = {code: i for i, code in enumerate(ordered)}
    facet = Facet(key, label, kind, [(c, names(c)) for c in ordered])
    if kind == MULTI:  # most processes hold one value or none
        facet.column = [[number[codes[0]]] if len(codes) == 1 else sorted({number[c] for c in codes})
                        for codes in per_doc]
    else:
        facet.column = [number[codes[0]] if codes else -1 for codes in per_doc]
    return facet


def url_value(member) -> str:
    """An enumeration value as the URL shows it: its Danish label in lower case ASCII with hyphens
    (``Phase.OPERATION`` "I drift" -> ``i-drift``)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(member.label)).strip("-")


def _enum_facet(key: str, field_key: str, kind: str, enum: type, per_doc: Sequence[Sequence[str]]) -> Facet:
    """A facet of an enumeration (``per_doc``: URL values, ``url_value``), in the enumeration's order."""
    members = list(enum)
    values = _url_values(enum)
    labels = {values[m]: m.label for m in members}
    position = {values[m]: i for i, m in enumerate(members)}
    return _coded(key, _label(field_key), kind, per_doc, labels.__getitem__, position.__getitem__)


@functools.lru_cache(maxsize=None)
def _url_values(enum: type) -> dict:
    """Each member's URL value; no two alike."""
    values = {member: url_value(member) for member in enum}
    assert len(set(values.values())) == len(values), f"two values of {enum.__name__} give the same URL value"
    return values


def facet_values(item: PublishedProcess, by_id: Container[str]) -> tuple[tuple[str, ...], ...]:
    """What one process holds of each facet, in ``FACET_KEYS`` order: codes and URL values (``by_id``: the
    ids of the build's processes, for "under an umbrella")."""
    p = item.process
    umbrella = (("er",) if p.is_umbrella else ()) + (("under",) if any(ref in by_id for ref in p.umbrellas) else ())
    return (
        (p.municipality,),
        (_url_values(Phase)[p.phase],),
        (_url_values(Status)[p.status],),
        tuple(_url_values(Domain)[d] for d in p.domains),
        (p.kle,) if p.kle else (),
        (p.form.split(".")[0],) if p.form else (),
        tuple(system_slugs(p)),
        tuple(p.technologies),
        (_url_values(RunPeriod)[p.run_period],) if p.run_period else (),
        umbrella,
        (KLA_VALUE[0],) if p.kla else (),
        (SEP_MEP_VALUE[0],) if p.sep_mep else (),
        (VALIDATED_VALUE[0],) if any(v.municipality != p.municipality for v in p.validations) else (),
    )


def build_facets(published: Published, documents: Sequence[SearchDocument]) -> list[Facet]:
    """Every facet of the search page, in the order the page shows them."""
    by_id = published.by_id
    return facets_of(published.taxonomies, [facet_values(by_id[d.id], by_id) for d in documents])


def facets_of(lists: Taxonomies, per_doc: Sequence[Sequence[Sequence[str]]]) -> list[Facet]:
    """Every facet, from each process's :func:`facet_values` (in title order)."""

    def named(list_name: str) -> Callable[[str], str]:
        return lambda code: lists[list_name].title(code) or code

    def with_code(list_name: str) -> Callable[[str], str]:
        def name(code: str) -> str:
            title = lists[list_name].title(code)
            return f"{code} {title}" if title else code
        return name

    column = {key: [values[n] for values in per_doc] for n, key in enumerate(FACET_KEYS)}
    umbrella_names = dict(UMBRELLA_VALUES)
    facets = [
        _coded("kommune", _label("municipality"), SINGLE, column["kommune"], named("municipalities")),
        _enum_facet("fase", "phase", SINGLE, Phase, column["fase"]),
        _enum_facet("status", "status", SINGLE, Status, column["status"]),
        _coded("omraade", _label("domains"), MULTI, column["omraade"],
               {value: d.label for d, value in _url_values(Domain).items()}.__getitem__),
        _kle_facet(column["kle"], with_code("kle")),
        _coded("form", FORM_AREA_LABEL, SINGLE, column["form"], with_code("form"), lambda c: c),
        _coded("system", IT_SYSTEMS_LABEL, MULTI, column["system"], named("it_systems")),
        _coded("teknologi", _label("technologies"), MULTI, column["teknologi"], named("technologies")),
        _enum_facet("koersel", "run_period", SINGLE, RunPeriod, column["koersel"]),
        _coded("paraply", _label("umbrellas"), MULTI, column["paraply"], umbrella_names.__getitem__,
               [c for c, _ in UMBRELLA_VALUES].index),
        _coded("kla", _label("kla"), SINGLE, column["kla"], lambda c: KLA_VALUE[1]),
        _coded("sepmep", _label("sep_mep"), SINGLE, column["sepmep"], lambda c: SEP_MEP_VALUE[1]),
        _coded("valideret", VALIDATED_LABEL, SINGLE, column["valideret"], lambda c: VALIDATED_VALUE[1]),
    ]
    assert tuple(f.key for f in facets) == FACET_KEYS, "FACET_KEYS must list the facets in page order"
    return facets


def _kle_facet(per_doc: Sequence[Sequence[str]], names: Callable[[str], str]) -> Facet:
    """KLE as a tree: main group > group > subject. Values hold every code used and its ancestors."""
    used = {code for codes in per_doc for kle in codes for code in kle_path(kle)}
    ordered = sorted(used)
    number = {code: i for i, code in enumerate(ordered)}
    facet = Facet("kle", _label("kle"), TREE, [(c, names(c)) for c in ordered])
    facet.column = [number[codes[0]] if codes else -1 for codes in per_doc]
    return facet


def sort_columns(items: Sequence[PublishedProcess],
                 updated: Callable[[PublishedProcess], dt.date | None]) -> dict[str, list[object]]:
    """Figures to sort by: last change (days since 1970) and expected hours freed per year (whole hours).

    ``items``: the processes in Danish title order (the order the search numbers them in), which needs
    no column.
    """
    days: list[object] = []
    hours: list[object] = []
    for item in items:
        when = updated(item)
        days.append((when - EPOCH).days if when else None)
        freed = item.process.expected_hours_freed_per_year
        hours.append(round(freed) if freed is not None else None)
    return {"updated": days, "hours": hours}


def counts(facet: Facet) -> dict[str, int]:
    """How many processes carry each value (for a tree: each code and everything under it)."""
    result = {code: 0 for code, _ in facet.values}
    codes = [code for code, _ in facet.values]
    for entry in facet.column:
        numbers: Iterable[int] = entry if isinstance(entry, list) else ([] if entry == -1 else [entry])  # type: ignore[assignment]
        for n in numbers:
            if facet.kind == TREE:
                for ancestor in kle_path(codes[n]):
                    result[ancestor] += 1
            else:
                result[codes[n]] += 1
    return result
