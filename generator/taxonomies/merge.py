"""Merging dated snapshots of a code list into one list with status and history.

A *snapshot* is what one source says at its release date: the codes it lists, with title, UUID and,
where the source knows it, a status (retired or moved, with replacements). Snapshots are applied
oldest first:

- a code the snapshot lists takes the snapshot's status (active unless the source says otherwise),
  and its title and UUID when the snapshot has them (so the newest known title wins);
- an active code that a complete snapshot no longer lists becomes ``retired`` (a code is never
  dropped, and KLE never reuses numbers);
- a *titles-only* snapshot (a change list) only updates titles of codes it names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

ACTIVE = "active"
RETIRED = "retired"
MOVED = "moved"


@dataclass(slots=True)
class Entry:
    """One code as one source lists it. ``title`` is raw (markers included); None when unknown."""

    code: str
    title: str | None = None
    uuid: str | None = None
    status: str = ACTIVE
    replaced_by: tuple[str, ...] = ()
    status_date: str | None = None


@dataclass(slots=True)
class Snapshot:
    source: str                      # file name under taxonomies/sources/
    release: str                     # ISO date or prefix ("2026-02"); orders the snapshots
    entries: dict[str, Entry]
    titles_only: bool = False


@dataclass(slots=True)
class Merged:
    code: str
    title: str | None = None
    uuid: str | None = None
    status: str = ACTIVE
    replaced_by: tuple[str, ...] = ()
    status_date: str | None = None
    sources: list[str] = field(default_factory=list)


def merge_snapshots(snapshots: Iterable[Snapshot]) -> dict[str, Merged]:
    """Apply the snapshots in release order (full snapshots before change lists of the same release)."""
    merged: dict[str, Merged] = {}
    for snapshot in sorted(snapshots, key=lambda s: (s.release, s.titles_only)):
        for code, entry in snapshot.entries.items():
            if snapshot.titles_only:
                if code in merged and entry.title is not None:
                    merged[code].title = entry.title
                continue
            state = merged.setdefault(code, Merged(code))
            state.sources.append(snapshot.source)
            if entry.title is not None:
                state.title = entry.title
            if entry.uuid is not None:
                state.uuid = entry.uuid
            state.status = entry.status
            state.replaced_by = entry.replaced_by if entry.status != ACTIVE else ()
            state.status_date = entry.status_date if entry.status != ACTIVE else None
        if not snapshot.titles_only:
            for code, state in merged.items():
                if code not in snapshot.entries and state.status == ACTIVE:
                    state.status = RETIRED
                    state.replaced_by = ()
                    state.status_date = None
    return merged
