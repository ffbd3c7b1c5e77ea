"""The audience filter: the only way from the Catalogue to an output.

A public build sees public processes and only their public fields. A municipality's private
build sees the public catalogue plus that municipality's own processes with visibility
``municipality`` (from ``processes/`` and its overlay), with all their fields. Processes with
visibility ``personal`` are drafts and are never published. Other municipalities' processes
are always shown as the public sees them.

Outputs (pages, search index, exports, feed, dashboard) receive a :class:`Published` and
never the Catalogue itself, so no output can forget the filter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from generator.catalogue import Catalogue, Entry
from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS, ItemVisibility, Process, Visibility
from generator.taxonomies import Taxonomies

PUBLIC = "public"

# Fields blanked for everyone outside the owning municipality (field-level confidentiality).
CONFIDENTIAL_FIELDS: tuple[str, ...] = tuple(k for k, info in PROCESS_FIELDS.items() if info.confidential)


@dataclass(frozen=True)
class Audience:
    """Who a build is for: ``public`` or one municipality's folder slug."""

    name: str = PUBLIC

    @property
    def is_public(self) -> bool:
        return self.name == PUBLIC

    def owns(self, process: Process) -> bool:
        return not self.is_public and process.municipality == self.name

    def can_see(self, process: Process) -> bool:
        if process.visibility == Visibility.PUBLIC:
            return True
        return process.visibility == Visibility.MUNICIPALITY and self.owns(process)

    def shield(self, process: Process) -> Process:
        """The process as this audience may see it: confidential fields and private items removed."""
        if self.owns(process):
            return process
        update: dict[str, object] = {}
        for key in CONFIDENTIAL_FIELDS:
            default = Process.model_fields[key].get_default(call_default_factory=True)
            update[key] = default
        update["links"] = [item for item in process.links if item.visibility == ItemVisibility.PUBLIC]
        update["attachments"] = [item for item in process.attachments if item.visibility == ItemVisibility.PUBLIC]
        return process.model_copy(update=update)


@dataclass(frozen=True)
class PublishedProcess:
    """One process as an output may show it."""

    id: str
    process: Process
    path: Path  # the source file, for "Rediger på GitHub" and the history
    findings: tuple[Finding, ...]  # warnings for editors (never shown to readers of a public build)
    own: bool  # True when the audience's municipality owns it (private build)

    @property
    def municipality(self) -> str:
        return self.process.municipality


@dataclass
class Published:
    """The filtered catalogue: what one audience may see, and nothing else."""

    audience: Audience
    taxonomies: Taxonomies
    processes: list[PublishedProcess] = field(default_factory=list)
    # ids of every process left out of this build; outputs use it to drop dangling links
    hidden_ids: frozenset[str] = frozenset()

    def __iter__(self) -> Iterator[PublishedProcess]:
        return iter(self.processes)

    def __len__(self) -> int:
        return len(self.processes)

    @property
    def by_id(self) -> dict[str, PublishedProcess]:
        return {p.id: p for p in self.processes}

    def link_target(self, process_id: str | None) -> PublishedProcess | None:
        """A linked process (umbrella, copy source) if this audience may see it."""
        if not process_id:
            return None
        return self.by_id.get(process_id)

    def children_of(self, process_id: str) -> list[PublishedProcess]:
        return [p for p in self.processes if process_id in p.process.umbrellas]

    def adopted_by(self, process_id: str) -> list[PublishedProcess]:
        """Processes that say they are derived from this one."""
        return [p for p in self.processes if p.process.derived_from == process_id]


def publish(catalogue: Catalogue, audience: Audience) -> Published:
    """Filter the catalogue for one audience. Entries with schema errors are never published."""
    visible: list[PublishedProcess] = []
    hidden: set[str] = set()
    for entry in catalogue.entries:
        process = entry.process
        if process is None or not audience.can_see(process) or (entry.overlay and not audience.owns(process)):
            hidden.add(entry.id)
            continue
        visible.append(_published(entry, process, audience))
    visible.sort(key=lambda p: p.id)
    return Published(audience=audience, taxonomies=catalogue.taxonomies, processes=visible,
                     hidden_ids=frozenset(hidden))


def _published(entry: Entry, process: Process, audience: Audience) -> PublishedProcess:
    shielded = audience.shield(process)
    # Links to processes the audience cannot see are cut here, once, for every output.
    return PublishedProcess(
        id=entry.id,
        process=shielded,
        path=entry.path,
        findings=tuple(f for f in entry.findings if not f.is_error),
        own=audience.owns(process),
    )
