"""``autoproces build``: the pipeline, then the real mkdocs build for the pages, with Danish messages.

``generator.pipeline.prepare`` loads, checks and publishes the catalogue (errors stop here, before
mkdocs runs), mkdocs writes the pages from that publication, and ``generator.pipeline.write_outputs``
adds the exports and the search files, in a forked child at the same time as the pages
(``generator.site.concurrent_outputs``).

The site is built into a fresh folder beside the target and swapped in only when the build
succeeded, so a failed build (errors in the catalogue, a broken template) leaves the previous
site untouched and never a half-written one. The target must be safe to replace
(``generator.output_folder``: never the project's sources, never a foreign folder), and the
finished site gets a marker file and the modes 0755/0644. Exit code 0 on success, 1 on failure; never a
traceback (set ``AUTOPROCES_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Iterator

from generator import pipeline
from generator.audience import Audience
from generator.console import log_text
from generator.files import swap_directory
from generator.folder_skeleton import Skeleton
from generator.formatting import number_da
from generator.gc_pause import collections_paused, thawed
from generator.output_folder import (
    OutputFolderError,
    finish_site,
    fresh_staging,
    project_sources,
    site_folder_problem,
)
from generator.pipeline import Sources
from generator.site.concurrent_outputs import OutputsAlongside, UnexpectedOutputError, priorities, split_outputs
from generator.site.plugin import output_settings
from generator.site.previous_site import manifest_path

EXIT_OK, EXIT_FAILED = 0, 1


class _DanishHandler(logging.Handler):
    """Prints mkdocs' warnings and errors to stderr without a logger prefix."""

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            print(message, file=sys.stderr)
        elif record.levelno >= logging.WARNING:
            print(f"advarsel fra mkdocs: {message}", file=sys.stderr)


@contextlib.contextmanager
def lunr_py_left_out() -> Iterator[None]:
    """While mkdocs loads its search plugin: ``import lunr`` fails, as if lunr.py were not installed.

    mkdocs' search index module imports lunr.py (and through it nltk, about 0.2 s of every build) only
    to offer an index prebuilt in Python (``prebuild_index: python``), which this site does not use: its
    catalogue search has an index of its own (``generator.search``), and Material's box is replaced by a
    form to it. lunr.py stays installed for the tests that compare that index with lunr.py's."""
    if "lunr" in sys.modules:
        yield
        return
    sys.modules["lunr"] = None  # type: ignore[assignment]  # the import system's "not here"
    try:
        yield
    finally:
        if "lunr" in sys.modules and sys.modules["lunr"] is None:
            del sys.modules["lunr"]


@contextlib.contextmanager
def quiet_mkdocs_logging() -> Iterator[None]:
    logger = logging.getLogger("mkdocs")
    handler = _DanishHandler(logging.WARNING)
    saved = (logger.level, logger.propagate, list(logger.handlers))
    logger.handlers = [handler]
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


def _project_sources(args: argparse.Namespace, config_file: Path, config=None, plugin=None) -> list[Path]:
    """The project's sources; before the configuration is read, its default folders."""
    base = config_file.resolve().parent
    docs = Path(config.docs_dir) if config is not None else base / "docs"
    templates = Path(plugin.config["templates"] if plugin is not None else "site_templates")
    return project_sources(config_file, Path(args.processes), Path(args.taxonomies), docs,
                           templates if templates.is_absolute() else base / templates,
                           *(Path(o) for o in getattr(args, "overlay", None) or []))


def _refused(requested: Path, sources: list[Path]) -> bool:
    problem = site_folder_problem(requested, sources)
    if problem:
        print(f"autoproces build: {problem}", file=sys.stderr)
    return problem is not None


def _sources(args: argparse.Namespace) -> Sources:
    return Sources(Path(args.processes).resolve(), Path(args.taxonomies).resolve(),
                   tuple(Path(o).resolve() for o in (getattr(args, "overlay", None) or [])))


def _hand_over(plugin, sources: Sources, prepared, args: argparse.Namespace) -> None:
    """Give the plugin the prepared publication (and ``--incremental``); the command's paths are relative
    to where it runs."""
    plugin.prepared = prepared
    plugin.incremental = bool(getattr(args, "incremental", False))
    plugin.config["processes"] = str(sources.processes)
    plugin.config["taxonomies"] = str(sources.taxonomies)


def _write_site(config, plugin, staging: Path, target: Path) -> dict:
    """mkdocs writes the pages into ``staging`` while a forked process writes the outputs; the stats."""
    from mkdocs.commands.build import build

    plugin.previous_site = target if plugin.incremental else None  # unchanged pages are linked from it
    plugin.skeleton = Skeleton.take(os.fspath(target))  # the folders of the site before, empty, if kept
    split = split_outputs(plugin.prepared, plugin.incremental)
    manifest = manifest_path(Path(config.config_file_path).resolve().parent, target) if plugin.incremental else None
    linked = manifest is not None and manifest.is_file()  # the pages of the previous site are known
    chosen = priorities(split=split, pages_linked=linked)
    plugin.lowered_page_workers = chosen.lowered_page_workers
    outputs = OutputsAlongside(plugin.prepared, staging, target, parallel=plugin.workers() > 1,
                               incremental=plugin.incremental, split=split, lowered=chosen.lowered_parts)
    try:
        outputs.start()
        build(config)
        outputs.finish()
        if plugin.skeleton is not None:
            plugin.skeleton.prune()  # every folder is written: those of pages no longer made go
    finally:
        outputs.discard()
        if plugin.skeleton is not None:
            plugin.skeleton.discard()
        plugin.skeleton = None
    return dict(plugin.stats)


def _unexpected(error: Exception) -> int:
    text = f"{type(error).__name__}: {log_text(error)}"
    if isinstance(error, UnexpectedOutputError):  # raised in the outputs' process: its text and traceback
        text = str(error)
        if error.detail:
            print(error.detail, file=sys.stderr)
    print(f"Websitet blev ikke bygget på grund af en uventet fejl: {text}\n"
          "Kør igen med AUTOPROCES_DEBUG=1 for detaljer, og meld fejlen, hvis den bliver ved.", file=sys.stderr)
    return EXIT_FAILED


def _prepared(sources: Sources, settings, args: argparse.Namespace):
    """The publication; ``--incremental`` reuses the check results of unchanged files (the results cache)."""
    return pipeline.prepare(sources, Audience(args.audience or "public"), settings,
                            incremental=bool(getattr(args, "incremental", False)))


def _released(staging: Path | None) -> None:
    """After a build, good or not: the frozen objects back to the collector, a staging folder left over removed."""
    thawed()
    if staging is not None:
        shutil.rmtree(staging, ignore_errors=True)


def _collections_while_writing(plugin):
    """No cycle collection while the pages and outputs are written, but in a full build of more than
    ``SPLIT_FULL_BUILDS_UP_TO`` processes, whose memory is what limits it. The build makes objects that
    live until it ends: at 10,000 processes the collections of those made after the publication was
    frozen cost the build process 0.3 s and freed next to nothing; at 50,000 a full build without them
    took 158 s and 185 s and a peak of 2,719 MB and 2,772 MB, against 226 s and 2,425 MB with them. The
    outputs' children inherit the pause; page workers collect (``generator.site.bulk``). What was made
    is frozen when the pause ends, so no first collection walks it all (the build's end thaws it)."""
    if not split_outputs(plugin.prepared, plugin.incremental):
        return contextlib.nullcontext()
    return collections_paused(freeze=True)


def _build_into(args: argparse.Namespace, config_file: Path, requested: Path, sources: Sources,
                made: list[Path]) -> dict | None:
    """Load the configuration, prepare the publication, write the site into a staging folder (noted in
    ``made`` until it is swapped in) and swap it in; the stats, or None when the configuration refuses."""
    from mkdocs.config import load_config

    target = requested.resolve()
    with quiet_mkdocs_logging():
        # Reading makes objects that live until the build ends: frozen after it (``gc_pause``), thawed at the end.
        with collections_paused(freeze=True):
            # Validated against a folder that is never created; the real staging folder comes later.
            with lunr_py_left_out():
                config = load_config(str(config_file), site_dir=str(target.with_name(f".{target.name}.new-check")))
            plugin = config.plugins.get("autoproces")
            if plugin is None:
                print(f"autoproces build: pluginet 'autoproces' mangler under plugins i {config_file}.", file=sys.stderr)
                return None
            if _refused(requested, _project_sources(args, config_file, config, plugin)):
                return None
            staging = fresh_staging(target)
            made.append(staging)
            config["site_dir"] = str(staging)
            settings = output_settings(config, plugin.config, config_file.resolve().parent)
            _hand_over(plugin, sources, _prepared(sources, settings, args), args)
        with _collections_while_writing(plugin):
            stats = _write_site(config, plugin, staging, target)
            finish_site(staging)
            swap_directory(staging, target, remove_old="skeleton")
            made.clear()
            plugin.record_site(target)
    return stats


def build_site(args: argparse.Namespace) -> int:
    """Prepare the publication (``generator.pipeline``), let mkdocs write the pages, then the outputs."""
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from generator.taxonomies.errors import TaxonomyError

    config_file = Path(args.config)
    if not config_file.is_file():
        print(f"autoproces build: konfigurationen '{config_file}' findes ikke.", file=sys.stderr)
        return EXIT_FAILED
    requested = Path(args.site_dir)
    if _refused(requested, _project_sources(args, config_file)):
        return EXIT_FAILED
    sources = _sources(args)
    started = time.monotonic()
    made: list[Path] = []  # the staging folder, until it is swapped in
    try:
        stats = _build_into(args, config_file, requested, sources, made)
        if stats is None:
            return EXIT_FAILED
    except (OutputFolderError, TaxonomyError) as error:  # a folder it may not write, a list off its manifest
        print(f"autoproces build: {error}\nWebsitet blev ikke bygget. Det tidligere website er uændret.",
              file=sys.stderr)
        return EXIT_FAILED
    except pipeline.BuildError as error:
        print(f"{error}\nWebsitet blev ikke bygget. Det tidligere website er uændret.", file=sys.stderr)
        return EXIT_FAILED
    except (Abort, ConfigurationError, PluginError) as error:
        if isinstance(error, PluginError) and not isinstance(error, Abort):  # raised here, not logged by mkdocs
            print(f"autoproces build: {error}", file=sys.stderr)
        print("Websitet blev ikke bygget. Det tidligere website er uændret.", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # noqa: BLE001 - the user gets a Danish message, never a traceback
        if os.environ.get("AUTOPROCES_DEBUG") and not isinstance(error, UnexpectedOutputError):
            raise
        return _unexpected(error)
    finally:
        _released(made[0] if made else None)
    seconds = number_da(time.monotonic() - started, 1)
    print(f"Websitet er bygget i {log_text(args.site_dir)}: {stats.get('processes', 0)} processer, "
          f"{stats.get('pages', 0)} sider, på {seconds} sekunder.")
    return EXIT_OK
