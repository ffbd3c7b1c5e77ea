"""The build pipeline: load -> check -> publish -> outputs, as plain functions with no mkdocs import.

    load_catalogue(roots, taxonomies)     every process file read and checked (``Catalogue``)
    check_for_audience(catalogue, aud.)   the findings that depend on who the build is for (AP509)
    publish(catalogue, audience)          the pure audience filter (``generator.audience``)
    prepare(sources, audience, settings)  all of the above plus the redacted git history: a Publication
    write_outputs(publication, out_dir)   the exports, the feed, the schema and the search files

``autoproces build`` calls :func:`prepare`, lets mkdocs turn the publication into pages and then
calls :func:`write_outputs`; ``autoproces export`` calls the same two functions without mkdocs.
Nothing here (or in the modules it calls) imports mkdocs or the site layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.audience import Audience, Published, audience_problem, publish, remembered_texts
from generator.catalogue import Catalogue, read_catalogue
from generator.checks.confidentiality.visibility import record_audience_findings
from generator.checks.results_cache import ResultsCache, open_cache
from generator.checks.run import run_checks
from generator.checks.whole import check_catalogue
from generator.diagnostics import Finding, format_text, summary_da
from generator.gc_pause import collections_paused
from generator.history import load_history
from generator.history_cache import RevisionCache
from generator.history_filter import redact
from generator.model.derived import configured_hourly_rate, is_valid_hourly_rate
from generator.publication import Publication
from generator.taxonomies import Taxonomies, load_taxonomies

__all__ = ["BuildError", "OutputSettings", "Sources", "check_for_audience", "load_catalogue", "prepare",
           "publish", "read_settings", "write_outputs", "OUTPUT_PARTS"]


class BuildError(Exception):
    """The build cannot go on; the message is Danish and says what to fix."""


@dataclass(frozen=True)
class Sources:
    """Where a build reads from: the shared processes folder, the lists and private overlays."""

    processes: Path
    taxonomies: Path
    overlays: tuple[Path, ...] = ()

    @property
    def roots(self) -> list[Path]:
        return [self.processes] if self.processes.is_dir() else []


@dataclass(frozen=True)
class OutputSettings:
    """How the outputs present the catalogue (from ``mkdocs.yml`` and ``pyproject.toml``)."""

    hourly_rate: float
    site_name: str = ""
    site_url: str = ""
    published_url: str = ""  # site_url, else the plugin's published_url: the schema's $id and schema line
    edit_url: str = ""
    repo_url: str = ""
    project_dir: Path = Path(".")
    use_directory_urls: bool = True


def load_catalogue(roots: list[Path], taxonomies: Taxonomies, *, extra_files: Iterable[Path] = (),
                   overlay_roots: Iterable[Path] = ()) -> Catalogue:
    """Read every process under the roots (plus loose files) and run every check."""
    catalogue = read_catalogue(roots, taxonomies, extra_files=extra_files, overlay_roots=overlay_roots)
    run_checks(catalogue)
    return catalogue


def check_for_audience(catalogue: Catalogue, audience: Audience) -> list[Finding]:
    """Record the findings that depend on the build's audience; return every error of the catalogue."""
    record_audience_findings(catalogue, audience.name)
    return [f for f in catalogue.findings if f.is_error]


def _load_for(sources: Sources, audience: Audience, cache: ResultsCache | None = None) -> Catalogue:
    taxonomies = load_taxonomies(sources.taxonomies)
    problem = audience_problem(audience.name, taxonomies)
    if problem:
        raise BuildError(problem)
    for overlay in sources.overlays:
        if not overlay.is_dir():
            raise BuildError(f"Den private mappe '{overlay}' findes ikke.")
    return check_catalogue(sources.roots, taxonomies, overlay_roots=sources.overlays, cache=cache)


def prepare(sources: Sources, audience: Audience, settings: OutputSettings, *, incremental: bool = False) -> Publication:
    """Load, check and publish the catalogue for ``audience``; raises :class:`BuildError` on errors.

    ``incremental`` (``build --incremental``, ``serve``): each file's own check results are reused from
    the project's results cache when its bytes are the same, and the cache is written afterwards (so is
    the history cache, which every build reads when it can trust it); the publication is the same as
    without it.
    """
    with collections_paused():
        cache = open_cache(settings.project_dir, sources.taxonomies, remembered_texts) if incremental else None
        catalogue = _load_for(sources, audience, cache)
        written = cache.write_behind() if cache is not None else _nothing
        try:
            errors = check_for_audience(catalogue, audience)
            if errors:
                raise BuildError(
                    f"Kataloget har {len(errors)} fejl, som skal rettes, før websitet kan bygges:\n"
                    f"{format_text(errors)}\n{summary_da(catalogue.findings, len(catalogue.entries))}"
                )
            published = publish(catalogue, audience)
            history = _redacted_history(sources, published, settings.project_dir, write_cache=incremental)
            publication = Publication(
                published=published,
                history=history,
                hourly_rate=settings.hourly_rate,
                edit_url=settings.edit_url,
                project_dir=settings.project_dir,
                use_directory_urls=settings.use_directory_urls,
                site_name=settings.site_name,
                site_url=settings.site_url,
                published_url=settings.published_url,
                repo_url=settings.repo_url,
            )
            publication.resolve_records()  # here, once, for every process a build forks later
        finally:
            written()  # no thread outlives this function: the build forks after it
    return publication


def _nothing() -> None:
    pass


def _redacted_history(sources: Sources, published: Published, project_dir: Path | None = None, *,
                      write_cache: bool = False):
    """The git history of the published files, redacted before any output sees it (the earlier revisions
    through the project's history cache, see ``generator.history_cache``)."""
    raw = load_history([*sources.roots, *sources.overlays], [pp.path for pp in published])
    cache = RevisionCache(project_dir, write=write_cache) if project_dir is not None and raw.repositories else None
    history = redact(raw, published, cache)
    if cache is not None:
        cache.save()
    return history


# The two parts of the outputs; each reads only the publication, so they may be written apart.
OUTPUT_PARTS: tuple[str, ...] = ("exports", "search")


def write_outputs(publication: Publication, out_dir: Path, previous: Path | None = None, *,
                  incremental: bool = False, parts: tuple[str, ...] = OUTPUT_PARTS) -> None:
    """The exports, the feed, the schema and the search files, written into ``out_dir``.

    ``incremental`` (``build --incremental``, ``serve``, ``export``): use and keep the caches that serve
    the next such build: the previous build's exports in ``previous`` are reused when they were made from
    the same inputs, and its search index files when no searchable text changed; the exports' layout
    and the search's token and index caches are read and written in ``.autoproces-cache/``. A build that is not incremental reads and writes none of them (the same bytes).
    ``parts``: which of :data:`OUTPUT_PARTS` to write (``concurrent_outputs`` writes them in two processes).
    """
    # Imported here, not at the top: ``autoproces check`` loads this module and writes no outputs.
    from generator import search
    from generator.exports import write_exports
    from generator.search.token_cache import cache_file

    if "exports" in parts:
        write_exports(publication, out_dir, previous if incremental else None, keep_caches=incremental)
    if "search" not in parts:
        return
    try:
        search.write_search_files(publication, out_dir,
                                  token_cache=cache_file(publication.project_dir) if incremental else None,
                                  previous=previous if incremental else None)
    except search.SearchBuildError as error:
        raise BuildError(str(error)) from None


class _IgnoreTags(YAML):
    """Reads ``mkdocs.yml`` as plain data: a tag such as ``!!python/name:...`` becomes None."""

    def __init__(self) -> None:
        super().__init__(typ="safe", pure=True)
        self.constructor.add_multi_constructor("", lambda loader, suffix, node: None)


def read_settings(config_file: Path, *, overrides: dict[str, Any] | None = None) -> OutputSettings:
    """The output settings in ``mkdocs.yml`` (read as data, without mkdocs) and ``pyproject.toml``.

    A missing or unreadable file gives the defaults; the site name, address and edit address are
    only used for links and the feed's title.
    """
    config: dict[str, Any] = {}
    try:
        loaded = _IgnoreTags().load(config_file.read_text(encoding="utf-8"))
        config = loaded if isinstance(loaded, dict) else {}
    except (OSError, UnicodeDecodeError, YAMLError):
        config = {}
    options = _plugin_options(config)
    options.update(overrides or {})
    project_dir = config_file.resolve().parent
    rate = options.get("hourly_rate")
    if not is_valid_hourly_rate(rate):
        rate = configured_hourly_rate(project_dir / "pyproject.toml")
    return OutputSettings(
        hourly_rate=float(rate),
        site_name=str(config.get("site_name") or ""),
        site_url=str(config.get("site_url") or ""),
        published_url=str(config.get("site_url") or options.get("published_url") or ""),
        edit_url=str(options.get("edit_url") or ""),
        project_dir=project_dir,
        use_directory_urls=config.get("use_directory_urls", True) is not False,
    )


def _plugin_options(config: dict[str, Any]) -> dict[str, Any]:
    for item in config.get("plugins") or []:
        if isinstance(item, dict) and isinstance(item.get("autoproces"), dict):
            return dict(item["autoproces"])
    return {}
