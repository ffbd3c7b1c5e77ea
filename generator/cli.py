"""The ``autoproces`` command: thin argument parsing around the core and the site layer.

Exit codes: 0 = no errors, 1 = errors in the catalogue (or a failed step), 2 = usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import NoReturn, Sequence

from generator import __version__
from generator.cli_danish import DanishArgumentParser
from generator.console import guarded_output, log_text, write_workflow_commands
from generator.console import tolerant_output
from generator.diagnostics import format_github, format_json, format_text, summary_da

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def project_paths(args: argparse.Namespace) -> tuple[Path, Path]:
    """The shared processes folder and the taxonomies folder for this run."""
    return Path(args.processes), Path(args.taxonomies)


def _load(args: argparse.Namespace, extra_files: Sequence[Path] = ()):
    from generator.pipeline import load_catalogue
    from generator.taxonomies import load_taxonomies

    processes, taxonomies_dir = project_paths(args)
    roots = [processes] if processes.is_dir() else []
    overlays = [Path(o) for o in getattr(args, "overlay", None) or []]
    return load_catalogue(roots, load_taxonomies(taxonomies_dir), extra_files=extra_files, overlay_roots=overlays)


def cmd_check(args: argparse.Namespace) -> int:
    from generator.gc_pause import collections_paused

    with collections_paused():  # a check only makes objects that live until it ends (as a build's reading)
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    from generator.checks import cache
    from generator.checks.selection import Selection, check_selection
    from generator.taxonomies import load_taxonomies
    from generator.verified_cache import user_key

    tolerant_output()
    requested = [Path(p) for p in args.paths] or [Path(args.processes)]
    missing = [p for p in requested if not os.path.lexists(p)]  # a dangling link is checked (AP510/AP511)
    if missing:
        for p in missing:
            print(f"autoproces check: '{log_text(p)}' findes ikke.", file=sys.stderr)
        return EXIT_USAGE
    processes, taxonomies_dir = project_paths(args)
    use_cache = not args.no_cache and processes.is_dir()
    selection = Selection(
        requested=requested, processes=processes, overlays=[Path(o) for o in getattr(args, "overlay", None) or []],
        cache_file=cache.cache_file(processes) if use_cache else None,
        versions={"code": cache.code_version(), "taxonomies": cache.taxonomy_version(taxonomies_dir)} if use_cache else None,
        key=user_key() if use_cache else None)
    outcome = check_selection(selection, load_taxonomies(taxonomies_dir))
    checked, findings = outcome.checked, outcome.findings
    if args.format == "json":
        print(format_json(findings))
    elif args.format == "github":
        if findings:
            write_workflow_commands(format_github(findings))
        print(summary_da(findings, checked), file=sys.stderr)
    else:
        if findings:
            print(format_text(findings))
        print(summary_da(findings, checked))
    return EXIT_FINDINGS if any(f.is_error for f in findings) else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.schema_address import schema_url
    from generator.authoring.schema_lists import schema_with_lists
    from generator.taxonomies import load_taxonomies

    tolerant_output()
    schema = schema_with_lists(load_taxonomies(Path(args.taxonomies)), schema_url(Path(args.config)))
    text = json.dumps(schema, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    if args.output:
        from generator.files import write_text_atomic

        write_text_atomic(Path(args.output), text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from generator.checks.docs import rules_markdown

    tolerant_output()
    sys.stdout.write(rules_markdown())
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from generator.site.build import build_site

    return build_site(args)


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.site.preview import serve

    return serve(args)


def cmd_export(args: argparse.Namespace) -> int:
    """The exports and the search files alone, through the pipeline and without mkdocs."""
    import shutil

    from generator import pipeline
    from generator.audience import Audience
    from generator.files import staging_directory, swap_directory
    from generator.output_folder import finish_site, project_sources, remove_stale_staging, site_folder_problem

    tolerant_output()
    sources = pipeline.Sources(Path(args.processes).resolve(), Path(args.taxonomies).resolve(),
                               tuple(Path(o).resolve() for o in args.overlay or []))
    config = Path(args.config)
    base = config.resolve().parent
    protected = project_sources(config, sources.processes, sources.taxonomies, base / "docs", base / "site_templates",
                                *sources.overlays)
    problem = site_folder_problem(Path(args.out), protected, option="--out")
    if problem:
        print(f"autoproces export: {problem}", file=sys.stderr)
        return EXIT_FINDINGS
    target = Path(args.out).resolve()
    try:
        remove_stale_staging(target)
        staging = staging_directory(target)
    except OSError as error:
        print(f"autoproces export: mappen '{args.out}' kan ikke oprettes: {error.strerror or error}.", file=sys.stderr)
        return EXIT_FINDINGS
    try:
        publication = pipeline.prepare(sources, Audience(args.audience), pipeline.read_settings(config))
        pipeline.write_outputs(publication, staging, previous=target, incremental=True)  # reuses its previous folder
        finish_site(staging)
    except pipeline.BuildError as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{error}\nIntet er skrevet i {args.out}.", file=sys.stderr)
        return EXIT_FINDINGS
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_directory(staging, target)
    print(f"Eksporterne og søgefilerne er skrevet i {args.out}: {len(publication.published)} processer.")
    return EXIT_OK


def _add_site_commands(sub) -> None:
    """``build`` (the site with mkdocs), ``serve`` (its live preview) and ``export`` (the open data and
    search files alone)."""
    build = sub.add_parser("build", help="kontrollér kataloget og byg websitet")
    build.add_argument("--audience", default="public",
                       help="'public' (standard) eller en organisations kortnavn for et privat site")
    build.add_argument("--overlay", action="append", metavar="DIR", help="privat mappe med egne processer")
    build.add_argument("--site-dir", default="site", help="hvor websitet skrives (standard: site)")
    build.add_argument("--config", default="mkdocs.yml", help="mkdocs-konfigurationen (standard: mkdocs.yml)")
    build.add_argument("--incremental", action="store_true",
                       help="genbrug uændrede sider fra sidste build (mellemlager i .autoproces-cache/)")
    build.set_defaults(func=cmd_build)

    serve = sub.add_parser("serve", help="byg websitet og vis det lokalt; bygges igen, når en kilde ændres")
    serve.add_argument("--audience", default="public",
                       help="'public' (standard) eller en organisations kortnavn for et privat site")
    serve.add_argument("--overlay", action="append", metavar="DIR", help="privat mappe med egne processer")
    serve.add_argument("--site-dir", default="site", help="hvor websitet skrives (standard: site)")
    serve.add_argument("--config", default="mkdocs.yml", help="mkdocs-konfigurationen (standard: mkdocs.yml)")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="VÆRT:PORT",
                       help="adressen, websitet vises på (standard: 127.0.0.1:8000)")
    serve.set_defaults(func=cmd_serve)

    export = sub.add_parser("export", help="skriv de åbne data og søgefilerne uden at bygge websitet")
    export.add_argument("--out", required=True, metavar="DIR", help="mappen, der skrives til (erstattes helt)")
    export.add_argument("--audience", default="public",
                        help="'public' (standard) eller en organisations kortnavn for private data")
    export.add_argument("--overlay", action="append", metavar="DIR", help="privat mappe med egne processer")
    export.add_argument("--config", default="mkdocs.yml",
                        help="læs sitets navn, adresse og timepris herfra (standard: mkdocs.yml)")
    export.set_defaults(func=cmd_export)


# The commands this module defines itself; a run of one of them does not import the other command modules.
CORE_COMMANDS = frozenset({"check", "schema", "rules", "build", "serve", "export"})
_GLOBAL_OPTIONS_WITH_VALUE = ("--processes", "--taxonomies")


def command_word(argv: Sequence[str]) -> str | None:
    """The command a command line names (``check`` in ``--processes p check x.yaml``), None if none."""
    tokens = iter(argv)
    for token in tokens:
        if token in _GLOBAL_OPTIONS_WITH_VALUE:
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; for a ``command`` of :data:`CORE_COMMANDS` only what it needs."""
    parser = DanishArgumentParser(
        prog="autoproces",
        description="Fælles katalog over kommunale arbejdsgange med automatiseringspotentiale.",
    )
    parser.add_argument("--version", action="version", version=f"autoproces {__version__}",
                        help="vis versionsnummeret og afslut")
    parser.add_argument("--processes", default="processes", help="mappen med procesfiler (standard: processes)")
    parser.add_argument("--taxonomies", default="taxonomies", help="mappen med referencelister (standard: taxonomies)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=DanishArgumentParser, metavar="KOMMANDO",
                                title="kommandoer")

    check = sub.add_parser("check", help="kontrollér procesfiler")
    check.add_argument("paths", nargs="*", help="filer eller mapper (standard: processes/)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text")
    check.add_argument("--overlay", action="append", metavar="DIR", help="privat mappe med egne processer")
    check.add_argument("--no-cache", action="store_true",
                       help="brug og skriv ikke mellemlageret i .autoproces-cache/ (alle filer læses helt)")
    check.set_defaults(func=cmd_check)

    schema = sub.add_parser("schema", help="udskriv JSON Schema for en procesfil")
    schema.add_argument("-o", "--output", help="skriv til denne fil i stedet for standard-output")
    schema.add_argument("--config", default="mkdocs.yml",
                        help="mkdocs-konfigurationen, hvis site_url giver skemaets adresse (standard: mkdocs.yml)")
    schema.set_defaults(func=cmd_schema)

    rules = sub.add_parser("rules", help="udskriv alle valideringsregler som Markdown")
    rules.set_defaults(func=cmd_rules)

    _add_site_commands(sub)
    if command not in CORE_COMMANDS:
        _add_other_commands(sub)
    return parser


def _add_other_commands(sub) -> None:
    """The commands of the sharing, authoring, taxonomy and import modules (imported only when needed)."""
    from generator.sharing.commands import add_commands as add_sharing_commands

    add_sharing_commands(sub)

    from generator.authoring.commands import add_commands as add_authoring_commands

    add_authoring_commands(sub)
    try:
        from generator.taxonomies.commands import add_commands
    except ImportError:  # pragma: no cover - the taxonomy commands are optional during development
        pass
    else:
        add_commands(sub)
    from generator.importers.command import add_commands as add_import_commands

    add_import_commands(sub)


def main(argv: Sequence[str] | None = None) -> int:
    from generator.taxonomies.errors import TaxonomyError

    # Nothing printed, not even a usage error that repeats an argument, can be a CI workflow command.
    with guarded_output():
        arguments = sys.argv[1:] if argv is None else list(argv)
        parser = build_parser(command_word(arguments))
        args = parser.parse_args(arguments)
        try:
            return int(args.func(args))
        except TaxonomyError as error:  # a list that does not match its manifest, or cannot be read
            print(f"autoproces: {error}", file=sys.stderr)
            return EXIT_FINDINGS
        except KeyboardInterrupt:  # pragma: no cover
            print("Afbrudt.", file=sys.stderr)
            return EXIT_FINDINGS


def run() -> NoReturn:
    """The program (``autoproces``, ``python -m generator``): :func:`main`, then an exit without the
    interpreter's teardown. Freeing a built catalogue's objects one by one costs about 2 seconds at
    10,000 processes and serves no one: every file is written and closed by then, and the output is
    flushed here. Under a profiler or a tracer (coverage) the exit is the usual one, so they can write
    their results."""
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 1  # an output that could not be written is a failure
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
