"""Where each mapped process goes, with which slug, and how umbrellas and children link up.

Public processes go to the shared folder (``--out``), all others only to the overlay
(``--overlay``) and never into the shared folder; without an overlay they are skipped. A record
keeps the file an earlier import gave it (found by id); a new record gets the slug of its title,
unique within its municipality across both folders. Relations are written in the child's file
(``umbrellas:``) from OS2autoproces's ``parents`` and the umbrellas' ``children``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.importers.existing import ExistingFile, scan
from generator.importers.mapping import MappedProcess, label_of
from generator.importers.records import Problem
from generator.model import Visibility
from generator.taxonomies.slugs import slugify, unique_slug

SLUG_BASE_MAX = 72


@dataclass
class Placed:
    mapped: MappedProcess
    path: Path
    ref: str                       # municipality/slug
    previous: Path | None = None   # the earlier import's file, when it moves


@dataclass
class Plan:
    placed: list[Placed] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class _Target:
    ref: str
    municipality: str
    visibility: str | None
    type: str | None


def place(processes: list[MappedProcess], out_dir: Path, overlay: Path | None) -> Plan:
    existing, taken = scan([out_dir] + ([overlay] if overlay else []))
    plan = Plan()
    seen: set[int] = set()
    for mapped in sorted(processes, key=lambda m: m.source_id):
        if mapped.source_id in seen:
            plan.skipped.append(_problem(mapped, "Posten står flere gange i kilden; kun den første er importeret"))
            continue
        seen.add(mapped.source_id)
        root = out_dir if mapped.public else overlay
        if root is None:
            visibility = Visibility(mapped.fields["visibility"]).label
            plan.skipped.append(_problem(mapped, f"Processen er ikke offentlig ('{visibility}') og hører ikke "
                                         "hjemme i det fælles katalog; angiv --overlay MAPPE for at importere "
                                         "den til jeres private mappe"))
            continue
        before = existing.get(mapped.source_id)
        slug = before.slug if before else _new_slug(mapped, taken)
        path = root / mapped.municipality / f"{slug}.yaml"
        previous = before.path if before and before.path.resolve() != path.resolve() else None
        plan.placed.append(Placed(mapped=mapped, path=path, ref=f"{mapped.municipality}/{slug}", previous=previous))
    _link_umbrellas(plan, existing)
    return plan


def _new_slug(mapped: MappedProcess, taken: dict[str, set[str]]) -> str:
    base = slugify(mapped.title)[:SLUG_BASE_MAX].strip("-") or "proces"
    return unique_slug(base, taken.setdefault(mapped.municipality, set()))


def _problem(mapped: MappedProcess, reason: str, key: str = "", value: str = "", fatal: bool = False) -> Problem:
    return Problem(origin=mapped.origin, reason=reason, record_id=mapped.source_id, title=mapped.title,
                   field=label_of(key) if key else "", value=value, fatal=fatal)


def _link_umbrellas(plan: Plan, existing: dict[int, ExistingFile]) -> None:
    targets = {i: _Target(f"{e.municipality}/{e.slug}", e.municipality, e.visibility, e.type)
               for i, e in existing.items()}
    for placed in plan.placed:
        f = placed.mapped.fields
        targets[placed.mapped.source_id] = _Target(placed.ref, placed.mapped.municipality, f["visibility"],
                                                   f.get("type", "child"))
    parents: dict[int, list[int]] = {p.mapped.source_id: list(p.mapped.parent_ids) for p in plan.placed}
    for placed in plan.placed:
        for child in placed.mapped.child_ids:
            if placed.mapped.source_id not in parents.setdefault(child, []):
                parents[child].append(placed.mapped.source_id)
    for placed in plan.placed:
        if placed.mapped.fields.get("type", "child") != "child":
            continue
        refs = []
        for parent_id in parents.get(placed.mapped.source_id, []):
            target = targets.get(parent_id)
            reason = _why_not(placed.mapped, target, parent_id)
            if reason:
                placed.mapped.problems.append(_problem(placed.mapped, reason, "umbrellas", str(parent_id)))
            elif target is not None and target.ref not in refs:
                refs.append(target.ref)
        if refs:
            placed.mapped.fields["umbrellas"] = refs


def _why_not(child: MappedProcess, target: _Target | None, parent_id: int) -> str | None:
    """Why the relation to an umbrella cannot be written (Danish), or None when it can."""
    if target is None:
        return (f"Paraplyprocessen med OS2autoproces-id {parent_id} er ikke importeret; relationen er udeladt. "
                "Importér paraplyprocessen, og kør importen igen")
    visibility = child.fields["visibility"]
    if target.type == "global_parent" and visibility != "public":
        return f"Processen er ikke offentlig, men hører under den fælles paraply '{target.ref}'; relationen er udeladt"
    if target.type == "parent" and target.municipality != child.municipality:
        return f"Den egne paraply '{target.ref}' tilhører en anden organisation; relationen er udeladt"
    if target.type == "parent" and visibility == "personal":
        return f"En privat proces kan ikke høre under paraplyen '{target.ref}'; relationen er udeladt"
    if target.type not in ("parent", "global_parent"):
        return f"Processen '{target.ref}' er ikke en paraplyproces; relationen er udeladt"
    if visibility == "public" and target.visibility != "public":
        return (f"Paraplyen '{target.ref}' er ikke offentlig og ligger kun i den private mappe; en offentlig proces "
                "kan ikke henvise til den. Gør paraplyen offentlig for at bevare relationen")
    return None
