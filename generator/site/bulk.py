"""The many pages of a build (processes, browse groups) rendered outside mkdocs, on every core.

Each page's body comes from its template (``GeneratedPage.render``) and is filled into the shell of
its kind (``generator.site.shell``); the page is written as soon as it is made, so memory does not
grow with the catalogue. With a page cache (incremental build) a page whose inputs are unchanged
is taken from the cache instead, or hard-linked from the previous site when it is still the very
file that build wrote (``generator.site.previous_site``). Workers are forked from the build process and inherit the
publication; they return only the pages they wrote or linked (path, cache key, file identity). One worker, or a process with other
threads (``mkdocs serve``), renders in the build process itself, with the same result; so does an
incremental build that links nearly every page (:data:`PROBE_PAGES`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from generator.gc_pause import frozen_for_fork
from generator.site.concurrent_outputs import lower_priority
from generator.site.page_cache import PageCache
from generator.site.pages import GeneratedPage
from generator.site.previous_site import Identity, PreviousSite, identity
from generator.site.shell import Shell, ShellError, dest_path

CHUNK = 64
# Chunks a worker renders before a fresh one is forked: a worker copies (on write) the parts of the
# publication it reads, so a long-lived one ends up with a private copy of half the catalogue (about
# 480 MB each at 50,000 processes); a fresh fork every 8 chunks (512 pages) keeps that to its chunks.
# An incremental build links most pages and renders few, so its workers stay small, and a fresh fork
# would only copy again the pages of the publication it reads: at 10,000 (one changed file) its
# workers live on, with 46,000 page faults and 5 s of CPU instead of 397,000 and 15 s.
TASKS_PER_WORKER = 8
# An incremental build first makes this many pages (an eighth of them, when fewer) in the build process,
# and goes on there while no more than MOSTLY_LINKED of them had to be rendered (the others were linked
# or taken from the page cache): linking a page costs less than the page faults a forked worker pays to
# read the publication, and the outputs' children are using the other core (at 10,000 with one changed
# file: 0.2 s faster, 0.6 s less CPU). When more had to be rendered (a changed template, a first
# incremental build), the workers make the rest. Either way the same files.
PROBE_PAGES = 512
MOSTLY_LINKED = 0.05


class PageRenderError(Exception):
    """A page could not be rendered; the message names the page (picklable: one string)."""


@dataclass
class ShellSet:
    """The shells of one page kind: by (number of headings, whether the body has its own <h1>)."""

    shells: dict[tuple[int, bool], Shell] = field(default_factory=dict)
    digest: bytes = b""

    def for_body(self, toc_entries: int, has_h1: bool) -> Shell:
        shell = self.shells.get((toc_entries, has_h1))
        if shell is None:
            raise ShellError(f"temaet gav ingen skabelon til en side med {toc_entries} overskrifter")
        return shell


@dataclass
class BulkJob:
    pages: list[GeneratedPage]
    shells: dict[str, ShellSet]
    site_dir: Path
    use_directory_urls: bool
    url_of: object  # src_uri -> the page's URL, as mkdocs makes it
    cache: PageCache | None = None
    previous: PreviousSite | None = None  # the site an incremental build replaces (needs ``cache``)
    folders: set[str] = field(default_factory=set)  # folders of the site made so far (per process)
    rendered: int = 0  # pages rendered here so far (neither linked nor from the page cache)

    def destination(self, page: GeneratedPage) -> tuple[str, str]:
        """The page's path in the site and its path on disk; its folder exists."""
        dest = dest_path(page.src_uri, self.use_directory_urls)
        path = os.path.join(self.site_dir, dest)
        folder = os.path.dirname(path)
        if folder not in self.folders:
            try:
                os.mkdir(folder)  # one call: a page's folder is its own, its parent usually exists
            except FileNotFoundError:
                os.makedirs(folder, exist_ok=True)
            except FileExistsError:
                pass
            self.folders.add(folder)
        return dest, path


_JOB: BulkJob | None = None  # the job of a forked worker (inherited, never pickled)


def page_html(job: BulkJob, page: GeneratedPage) -> bytes:
    """The page's whole HTML as mkdocs would write it."""
    assert page.render is not None and page.kind is not None
    rendered = page.render()
    shell = job.shells[page.kind].for_body(len(rendered.toc), "<h1" in rendered.html)
    html = shell.fill(title=page.title, content=rendered.html, url=job.url_of(page.src_uri), toc=rendered.toc)
    return html.encode("utf-8", errors="xmlcharrefreplace")


def _write(path: str, data: bytes) -> Identity:
    """Write a new page file (the staging folder is fresh); its identity for the next build's manifest."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return identity(os.fstat(fd))
    finally:
        os.close(fd)


Made = tuple[str, str, Identity]  # a page's path in the site, its cache key, the file's identity


def _make(job: BulkJob, page: GeneratedPage) -> Made | None:
    dest, path = job.destination(page)
    if job.cache is None or page.inputs is None:
        _write(path, page_html(job, page))
        return None
    key = job.cache.key(page.kind or "", job.shells[page.kind or ""].digest, page.inputs())
    linked = job.previous.link(dest, key, path) if job.previous is not None else None
    if linked is not None:
        return dest, key, linked
    data = job.cache.get(key)
    if data is None:
        job.rendered += 1
        data = page_html(job, page)
        job.cache.put(key, data)
    return dest, key, _write(path, data)


def _render_range(job: BulkJob, start: int, stop: int) -> list[Made]:
    made = []
    for page in job.pages[start:stop]:
        try:
            result = _make(job, page)
        except Exception as error:  # noqa: BLE001 - re-raised with the page's name, across processes
            raise PageRenderError(f"Siden {page.src_uri} kunne ikke bygges: {type(error).__name__}: {error}") from None
        if result is not None:
            made.append(result)
    return made


def _start_worker(lowered: bool) -> None:
    gc.enable()
    if lowered:
        lower_priority()


def _worker(bounds: tuple[int, int]) -> list[Made]:
    assert _JOB is not None
    return _render_range(_JOB, *bounds)


def render_pages(job: BulkJob, workers: int, lowered: bool = False) -> list[Made]:
    """Render and write (or link) every page of the job; returns the pages made with a cache key.
    ``lowered``: the workers run at a lower priority (``concurrent_outputs.priorities``)."""
    global _JOB
    start, made = 0, []
    if job.previous is not None and job.cache is not None:  # an incremental build: probe here first
        start = min(PROBE_PAGES, max(CHUNK, len(job.pages) // 8), len(job.pages))
        made = _render_range(job, 0, start)
        if job.rendered <= MOSTLY_LINKED * start:
            workers = 1
    chunks = [(i, min(i + CHUNK, len(job.pages))) for i in range(start, len(job.pages), CHUNK)]
    serial = workers <= 1 or len(chunks) <= 1 or threading.active_count() > 1 \
        or "fork" not in multiprocessing.get_all_start_methods()
    if serial:
        return made + [m for bounds in chunks for m in _render_range(job, *bounds)]
    _JOB = job
    try:
        with frozen_for_fork():  # the inherited publication stays shared with the workers
            context = multiprocessing.get_context("fork")
            tasks = None if job.previous is not None else TASKS_PER_WORKER
            # A worker renders hundreds of pages, each leaving cycles of its own: it collects them, even
            # when the build process pauses its collector (``generator.site.build``).
            with context.Pool(min(workers, len(chunks)), maxtasksperchild=tasks, initializer=_start_worker,
                              initargs=(lowered,)) as pool:
                return made + [m for part in pool.imap_unordered(_worker, chunks) for m in part]
    finally:
        _JOB = None
