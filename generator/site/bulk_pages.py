"""The plugin's side of the pages rendered outside mkdocs (``generator.site.bulk``).

For every page kind (``GeneratedPage.kind``) mkdocs builds, through its whole pipeline:

* the kind's first page (the *sample*), for real, as it always did, and
* one shell page per number of headings and per body with or without ``<h1>``
  (``generator.site.shell``); their output is kept here and never written.

After mkdocs' own pages the sample is filled into its shell too and must equal what mkdocs wrote,
byte for byte (a theme or plugin that makes pages differ in a way a shell cannot show stops the
build); then every other page of the kind is filled in the worker processes. The sitemap lists
every page in the order mkdocs would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator import urls
from generator.publication import Publication

from generator.site.page_cache import PageCache, shell_digest
from generator.site.pages import GeneratedPage
from generator.site.shell import TITLE, Shell, ShellError, shell_body, shell_uri, toc_id, toc_name
from generator.site.bulk import BulkJob, Made, ShellSet, render_pages
from generator.site.previous_site import PreviousSite
from generator.site.templates import Rendered


@dataclass(frozen=True)
class ShellPage:
    kind: str
    toc_entries: int
    has_h1: bool


@dataclass
class BulkPages:
    """The bulk pages of one build, split into what mkdocs renders and what the workers fill."""

    pages: list[GeneratedPage]
    shell_pages: dict[str, ShellPage] = field(default_factory=dict)  # src_uri -> shell
    samples: dict[str, str] = field(default_factory=dict)  # src_uri -> kind
    sample_bodies: dict[str, Rendered] = field(default_factory=dict)
    sample_outputs: dict[str, str] = field(default_factory=dict)
    shell_outputs: dict[str, tuple[str, str]] = field(default_factory=dict)  # src_uri -> (html, url)

    def __post_init__(self) -> None:
        first: dict[str, GeneratedPage] = {}
        for page in self.pages:
            assert page.kind is not None
            first.setdefault(page.kind, page)
        for kind, sample in first.items():
            self.samples[sample.src_uri] = kind
            for entries in range(sample.max_toc + 1):
                for has_h1 in (True, False):
                    uri = shell_uri(sample.src_uri, f"{kind}{entries}{'h' if has_h1 else 'n'}")
                    self.shell_pages[uri] = ShellPage(kind, entries, has_h1)
        self._templates = first

    def for_mkdocs(self) -> list[GeneratedPage]:
        """The samples and the shells, as pages for mkdocs."""
        shells = []
        for uri, shell in self.shell_pages.items():
            sample = self._templates[shell.kind]
            shells.append(GeneratedPage(uri, TITLE, _shell_render(shell), search=sample.search, hide=sample.hide,
                                        meta=dict(sample.meta)))
        return [self._templates[kind] for kind in self._templates] + shells

    def remaining(self) -> list[GeneratedPage]:
        return [page for page in self.pages if page.src_uri not in self.samples]

    # --- during mkdocs' build ----------------------------------------------------------------

    def is_shell(self, src_uri: str) -> bool:
        return src_uri in self.shell_pages

    def keep_output(self, src_uri: str, output: str, url: str) -> str:
        """``on_post_page``: keep a shell's output (and write nothing) and a sample's."""
        if src_uri in self.shell_pages:
            self.shell_outputs[src_uri] = (output, url)
            return ""
        if src_uri in self.samples:
            self.sample_outputs[src_uri] = output
        return output

    # --- after mkdocs' build -----------------------------------------------------------------

    def shell_sets(self) -> dict[str, ShellSet]:
        sets: dict[str, ShellSet] = {}
        for uri, shell in self.shell_pages.items():
            html, url = self.shell_outputs[uri]
            sets.setdefault(shell.kind, ShellSet()).shells[(shell.toc_entries, shell.has_h1)] = \
                Shell.parse(html, url, shell.toc_entries, shell.has_h1)
        for kind, shell_set in sets.items():
            outputs = [self.shell_outputs[u][0] for u, s in self.shell_pages.items() if s.kind == kind]
            shell_set.digest = shell_digest(outputs)
        return sets

    def check_samples(self, sets: dict[str, ShellSet], url_of) -> None:
        """Each kind's first page filled into its shell must be the page mkdocs wrote."""
        for uri, kind in self.samples.items():
            rendered = self.sample_bodies[uri]
            page = self._templates[kind]
            shell = sets[kind].for_body(len(rendered.toc), "<h1" in rendered.html)
            filled = shell.fill(title=page.title, content=rendered.html, url=url_of(uri), toc=rendered.toc)
            if filled != self.sample_outputs.get(uri):
                raise ShellError(f"siden {uri} bliver ikke den samme som den, mkdocs selv laver")


def _shell_render(shell: ShellPage):
    toc = [(toc_id(i), toc_name(i)) for i in range(shell.toc_entries)]
    return lambda: Rendered(shell_body(shell.has_h1), toc)



def settings_inputs(ctx: Publication) -> tuple:
    """The build's settings that a page can show (part of every page's cache key)."""
    return (ctx.published.audience.name, ctx.is_public, ctx.hourly_rate, ctx.edit_url, ctx.site_name, ctx.site_url,
            ctx.published_url, ctx.repo_url, ctx.use_directory_urls, str(ctx.project_dir))


def render_bulk(bulk: BulkPages, ctx: Publication, config, *, workers: int, cache: PageCache | None,
                previous: PreviousSite | None = None, keep: set[str] = frozenset(), lowered: bool = False) -> list[Made]:
    """Check the samples against mkdocs' own pages, then fill and write (or link) every other page;
    returns the pages made with a cache key (for the next incremental build's manifest). The cache keeps
    the entries of those pages and ``keep``; ``lowered``: the page workers run at a lower priority."""
    sets = bulk.shell_sets()

    def url_of(src_uri: str) -> str:
        return urls.url_of(src_uri, config.use_directory_urls)

    bulk.check_samples(sets, url_of)
    job = BulkJob(bulk.remaining(), sets, Path(config.site_dir), config.use_directory_urls, url_of, cache,
                  previous if cache is not None else None)
    made = render_pages(job, workers, lowered=lowered)
    if cache is not None:
        cache.prune({key for _dest, key, _identity in made} | keep)
    return made


def sitemap_pages(pages: list, order: list[str], bulk: BulkPages, config) -> list:
    """mkdocs' list of pages for the sitemap, with the pages mkdocs did not render, in mkdocs' order."""
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    generated = set(order)
    present = {file.src_uri: file for file in pages}
    listed = [file for file in pages if file.src_uri not in generated and not bulk.is_shell(file.src_uri)]
    for uri in order:
        file = present.get(uri)
        if file is None:
            if not config.site_url:
                continue  # without site_url mkdocs lists no page in the sitemap
            file = File.generated(config, uri, content="")
            Page(None, file, config)
        listed.append(file)
    return listed
