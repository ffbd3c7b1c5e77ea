"""One build's published catalogue with everything an output needs: lookups, history, URL rules.

The pipeline (``generator.pipeline``) makes one :class:`Publication` per build, after the
audience filter and the history redaction; the pages, the exports and the search read it and
nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, TypeVar

from generator import urls
from generator.audience import Published, PublishedProcess
from generator.history import Change, GitHistory
from generator.model import PROCESS_FIELDS
from generator.model.derived import payback_years, yearly_value_dkk
from generator.resolve import Named, Resolver

T = TypeVar("T")


# Fields whose codes come from a reference list (the catalogue's own processes are linked, not looked up).
REFERENCE_FIELDS: tuple[str, ...] = tuple(key for key, info in PROCESS_FIELDS.items()
                                          if info.references and info.references != "processes")


@dataclass(frozen=True)
class ProcessRecord:
    """One published process as every output shows it: resolved codes, derived figures, link, dates."""

    item: PublishedProcess
    references: dict[str, tuple[Named, ...]]  # field key -> its codes with what the lists say about them
    manual_hours: float | None
    hours_freed: float | None
    yearly_value_dkk: float | None
    payback_years: float | None
    url: str  # the process page, relative to the site root
    last_changed: dt.date | None  # the last commit of the file, else its ``created`` date
    first_seen: dt.date | None  # the first commit of the file, else its ``created`` date
    changes: tuple[Change, ...] = ()  # the commits of the file as the audience may read them, newest first
    validators: tuple[Named, ...] = ()  # the organisation of each validation, in the file's order
    adopted_by: tuple[Named, ...] = ()  # the organisations that use the process too

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def process(self):
        return self.item.process

    @property
    def municipality(self) -> Named:
        return self.references["municipality"][0]


@dataclass
class Publication:
    published: Published
    history: GitHistory = field(default_factory=GitHistory)
    hourly_rate: float = 450.0
    edit_url: str = ""  # e.g. https://github.com/<owner>/<repo>/edit/main/
    project_dir: Path = Path(".")
    use_directory_urls: bool = True
    site_name: str = ""
    site_url: str = ""  # mkdocs ``site_url``; when empty, exports carry URLs relative to the site root
    published_url: str = ""  # ``site_url`` or the plugin's ``published_url``: the schema's $id and schema line
    repo_url: str = ""  # mkdocs ``repo_url``, e.g. https://github.com/<owner>/<repo>

    _records: dict[str, ProcessRecord] = field(default_factory=dict, init=False, repr=False, compare=False)
    _in_project: dict[Path, str | None] = field(default_factory=dict, init=False, repr=False, compare=False)
    _once: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def record(self, process: PublishedProcess) -> ProcessRecord:
        """The resolved record of a published process, built once per build."""
        if process.id not in self._records:
            self._records[process.id] = self._build_record(process)
        return self._records[process.id]

    def once(self, name: str, make: Callable[[], T]) -> T:
        """``make()``, worked out once per build under ``name``: a figure of the whole catalogue that
        several pages show (the totals on the front page and the dashboard, say)."""
        if name not in self._once:
            self._once[name] = make()
        return self._once[name]

    def resolve_records(self) -> None:
        """Build the record of every published process now: a build forks the processes that write its
        pages and outputs after this, and each of them then reads the same records instead of building
        its own."""
        for pp in self.published:
            self.record(pp)

    def _build_record(self, pp: PublishedProcess) -> ProcessRecord:
        process = pp.process
        references = {}
        for key in REFERENCE_FIELDS:
            value = getattr(process, key)
            codes = value if isinstance(value, list) else ([value] if value else [])
            references[key] = tuple(self.resolver.named(PROCESS_FIELDS[key].references, c) for c in codes)
        changes = tuple(self.history.history_for(pp))
        return ProcessRecord(
            item=pp, references=references,
            manual_hours=process.manual_hours_per_year, hours_freed=process.expected_hours_freed_per_year,
            yearly_value_dkk=yearly_value_dkk(process, self.hourly_rate), payback_years=payback_years(process),
            url=self.process_url(pp), last_changed=changes[0].date if changes else process.created,
            first_seen=changes[-1].date if changes else process.created, changes=changes,
            validators=tuple(self.resolver.municipality(v.municipality) for v in process.validations),
            adopted_by=tuple(self.resolver.municipality(slug) for slug in process.adopted_by),
        )

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.published.taxonomies)

    @cached_property
    def by_id(self) -> dict[str, PublishedProcess]:
        return self.published.by_id

    @cached_property
    def children(self) -> dict[str, list[PublishedProcess]]:
        found: dict[str, list[PublishedProcess]] = {}
        for p in self.published:
            for umbrella in p.process.umbrellas:
                found.setdefault(umbrella, []).append(p)
        return found

    @cached_property
    def adopters(self) -> dict[str, list[PublishedProcess]]:
        found: dict[str, list[PublishedProcess]] = {}
        for p in self.published:
            if p.process.derived_from:
                found.setdefault(p.process.derived_from, []).append(p)
        return found

    @property
    def is_public(self) -> bool:
        return self.published.audience.is_public

    def url(self, src_uri: str) -> str:
        return urls.url_of(src_uri, self.use_directory_urls)

    def process_url(self, process: PublishedProcess) -> str:
        return self.url(urls.process_uri(process.id))

    def published_address(self, url: str) -> str | None:
        """``url`` (relative to the site root) at the site's public address, or None when it is unknown."""
        return self.published_url.rstrip("/") + "/" + url if self.published_url else None

    def absolute_url(self, url: str) -> str:
        """``url`` (relative to the site root) under ``site_url`` when one is configured."""
        return self.site_url.rstrip("/") + "/" + url if self.site_url else url

    def updated(self, process: PublishedProcess) -> dt.date | None:
        """Date of the last git change of the file, else the ``created`` date."""
        return self.record(process).last_changed

    def first_seen(self, process: PublishedProcess) -> dt.date | None:
        """Date of the first git commit of the file, else the ``created`` date."""
        return self.record(process).first_seen

    def yearly_value(self, process: PublishedProcess) -> float | None:
        return self.record(process).yearly_value_dkk

    def payback(self, process: PublishedProcess) -> float | None:
        return self.record(process).payback_years

    def _project_path(self, path: Path) -> str | None:
        """``path`` relative to the project, None outside it; each folder is resolved once per build
        (a published process file is never a symbolic link: the check refuses those)."""
        folder = path.parent
        if folder not in self._in_project:
            try:
                self._in_project[folder] = folder.resolve().relative_to(self._project_root).as_posix()
            except ValueError:
                self._in_project[folder] = None
        relative = self._in_project[folder]
        if relative is None:
            return None
        return path.name if relative == "." else f"{relative}/{path.name}"

    @cached_property
    def _project_root(self) -> Path:
        return self.project_dir.resolve()

    def edit_link(self, process: PublishedProcess) -> str | None:
        """The "Rediger på GitHub" address, for files inside the project (not private overlays)."""
        relative = self._project_path(process.path) if self.edit_url else None
        if relative is None:
            return None
        return self.edit_url.rstrip("/") + "/" + relative

    def commit_link(self, process: PublishedProcess, change: Change) -> str | None:
        """The commit on GitHub, from the configured edit address or repository; None when neither is set,
        for a file outside the project (a private overlay lives in another repository) and for a commit
        whose message is withheld."""
        base = github_repository(self.edit_url) or github_repository(self.repo_url)
        if base is None or not change.shown or self._project_path(process.path) is None:
            return None
        return f"{base}/commit/{change.commit}"


_GITHUB_REPOSITORY = re.compile(r"^(https://github\.com/[A-Za-z0-9][A-Za-z0-9-]*/[A-Za-z0-9._-]+?)(?:\.git)?(?:/.*)?$")


def github_repository(url: str) -> str | None:
    """``https://github.com/<owner>/<repo>`` from an address inside that repository, else None."""
    match = _GITHUB_REPOSITORY.match(url or "")
    return match.group(1) if match else None

