"""One build's published catalogue with everything an output needs: lookups, history, URL rules.

The pipeline (``generator.pipeline``) makes one :class:`Publication` per build, after the
audience filter and the history redaction; the pages, the exports and the search read it and
nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from generator import urls
from generator.audience import Published, PublishedProcess
from generator.history import GitHistory
from generator.model.derived import payback_years, yearly_value_dkk
from generator.resolve import Resolver


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

    def absolute_url(self, url: str) -> str:
        """``url`` (relative to the site root) under ``site_url`` when one is configured."""
        return self.site_url.rstrip("/") + "/" + url if self.site_url else url

    def updated(self, process: PublishedProcess) -> dt.date | None:
        """Date of the last git change of the file, else the ``created`` date."""
        return self.history.last_date(process) or process.process.created

    def first_seen(self, process: PublishedProcess) -> dt.date | None:
        """Date of the first git commit of the file, else the ``created`` date."""
        return self.history.first_date(process) or process.process.created

    def yearly_value(self, process: PublishedProcess) -> float | None:
        return yearly_value_dkk(process.process, self.hourly_rate)

    def payback(self, process: PublishedProcess) -> float | None:
        return payback_years(process.process)

    def edit_link(self, process: PublishedProcess) -> str | None:
        """The "Rediger på GitHub" address, for files inside the project (not private overlays)."""
        if not self.edit_url or _outside(process.path, self.project_dir):
            return None
        relative = process.path.resolve().relative_to(self.project_dir.resolve()).as_posix()
        return self.edit_url.rstrip("/") + "/" + relative


def _outside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return False
    except ValueError:
        return True
