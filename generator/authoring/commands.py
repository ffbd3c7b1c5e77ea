"""``autoproces lists`` and ``autoproces new``: argument parsing and output; the work is in the modules."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from generator.authoring.lists import LIST_TITLES_DA, LISTS, format_rows, rows
from generator.authoring.new import QUESTIONS, Context, UsageError, collect, label
from generator.authoring.prompts import Aborted, Asker

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_commands(subparsers) -> None:
    lists = subparsers.add_parser(
        "lists", help="vis en referenceliste med titler (KLE, FORM, IT-systemer, teknologier, organisationer)",
        description="Viser en referenceliste med koder og titler. Et søgeord viser kun de poster, hvor alle ordene "
                    "står i koden eller titlen (store og små bogstaver, æ/ae, ø/oe og å/aa regnes for ens).")
    lists.add_argument("list", choices=list(LISTS), help="listen")
    lists.add_argument("--all", action="store_true", help="vis også udgåede og flyttede poster")
    # REMAINDER: '--all' may also come after the search words (argparse would refuse it there).
    lists.add_argument("search", nargs=argparse.REMAINDER, help="søgeord (fx sygedagpenge)")
    lists.set_defaults(func=cmd_lists)

    new = subparsers.add_parser(
        "new", help="opret en ny procesfil ved at svare på spørgsmål",
        description="Spørger om de vigtigste felter og skriver processes/<organisation>/<kortnavn>.yaml, som "
                    "består kontrollen. Alle spørgsmål kan også besvares med et flag, fx --title.")
    for key in QUESTIONS:
        new.add_argument(f"--{key.replace('_', '-')}", dest=key, metavar="VÆRDI", help=label(key))
    new.add_argument("--slug", help="filens kortnavn (standard: dannet af titlen)")
    new.add_argument("--no-input", action="store_true",
                     help="stil ingen spørgsmål: alle påkrævede felter skal gives som flag")
    new.set_defaults(func=cmd_new)


def _taxonomies(args: argparse.Namespace):
    from generator.taxonomies import load_taxonomies

    return load_taxonomies(Path(args.taxonomies))


def cmd_lists(args: argparse.Namespace) -> int:
    from generator.console import tolerant_output

    tolerant_output()
    list_name = LISTS[args.list]
    taxonomies = _taxonomies(args)
    if not taxonomies.has(list_name):
        print(f"autoproces lists: listen {args.list} findes ikke i {args.taxonomies}/.", file=sys.stderr)
        return EXIT_USAGE
    words = [w for w in args.search if w != "--all"]
    search = " ".join(words)
    found = rows(taxonomies, list_name, search, include_inactive=args.all or len(words) < len(args.search))
    if not found:
        print(f"Ingen {LIST_TITLES_DA[list_name]} passer til '{search}'.", file=sys.stderr)
        return EXIT_FAILED
    try:
        print(format_rows(found))
        sys.stdout.flush()
    except BrokenPipeError:  # `autoproces lists kle | head`: the reader stopped early, which is fine
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    total = len(taxonomies[list_name])
    print(f"{len(found)} af {total} poster i listen over {LIST_TITLES_DA[list_name]}.", file=sys.stderr)
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from generator.schema_address import schema_url
    from generator.authoring.writer import check_text, process_yaml, slug_for, target_path, write_process
    from generator.diagnostics import format_text

    from generator.console import tolerant_output

    tolerant_output()
    asker = Asker()
    ctx = Context(args, asker, _taxonomies(args), args.no_input)
    try:
        values = collect(ctx)
    except UsageError as exc:
        print(f"autoproces new: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Aborted:
        print("\nautoproces new: indtastningen sluttede, før alle påkrævede felter var udfyldt. "
              "Der er ikke skrevet nogen fil.", file=sys.stderr)
        return EXIT_USAGE
    slug = args.slug or slug_for(values["title"])
    processes = Path(args.processes)
    path = target_path(processes, values["municipality"], slug)
    if path.exists():
        print(f"autoproces new: {path.as_posix()} findes allerede; vælg et andet kortnavn med --slug.",
              file=sys.stderr)
        return EXIT_FAILED
    text = process_yaml(values, schema_url())
    findings = check_text(text, path, processes, ctx.taxonomies)
    if findings:
        print(format_text(findings))
    if any(f.is_error for f in findings):
        print("Filen er ikke skrevet, fordi kontrollen fandt fejl.", file=sys.stderr)
        return EXIT_FAILED
    write_process(path, text)
    print(f"Skrev {path.as_posix()}. Kontrollér den med: autoproces check {path.as_posix()}")
    return EXIT_OK
