"""``autoproces taxonomies build|refresh``: argument parsing only; the work is in build and refresh.

The folders come from the main parser's ``--taxonomies`` and ``--processes`` options (defaults
``taxonomies`` and ``processes``); handlers are stored as ``func`` like the other commands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.taxonomies import refresh as refresh_module
from generator.taxonomies.build import build_all
from generator.taxonomies.errors import TaxonomyError


def add_commands(subparsers) -> None:
    """Register ``taxonomies`` with the sub-commands ``build`` and ``refresh``."""
    parser = subparsers.add_parser(
        "taxonomies", help="byg eller opdater referencelisterne (KLE, FORM, KLA, IT-systemer, kommuner)",
        description="Referencelisterne i taxonomies/: byg dem fra kildefilerne, eller hent nye fra de officielle "
                    "kilder.")
    commands = parser.add_subparsers(dest="taxonomies_command", metavar="{build,refresh}")
    commands.required = True

    build = commands.add_parser("build", help="byg listerne igen fra taxonomies/sources (giver samme bytes)",
                                description="Bygger listerne i taxonomies/ fra kildefilerne i taxonomies/sources/.")
    build.set_defaults(func=run_build)

    refresh = commands.add_parser(
        "refresh", help="hent KLE, FORM og KITOS fra de officielle API'er og opdater listerne",
        description="Henter KLE-Online, FORM-Online og KITOS, kontrollerer svarene og opdaterer listerne. KITOS "
                    "kræver KITOS_TOKEN eller KITOS_EMAIL og KITOS_PASSWORD. Adresserne kan ændres med "
                    "AUTOPROCES_KLE_URL, AUTOPROCES_FORM_URL og AUTOPROCES_KITOS_URL.")
    refresh.add_argument("--only", choices=refresh_module.SOURCES, help="hent kun én kilde")
    refresh.add_argument("--max-drop", type=_fraction, default=refresh_module.DEFAULT_MAX_DROP, metavar="ANDEL",
                         help="stop, hvis mere end denne andel af de aktive koder forsvinder (standard: 0.1)")
    refresh.add_argument("--timeout", type=_seconds, default=refresh_module.DEFAULT_TIMEOUT, metavar="SEKUNDER",
                         help="ventetid pr. forespørgsel (standard: 20)")
    refresh.set_defaults(func=run_refresh)


def _folders(args: argparse.Namespace) -> tuple[Path, Path]:
    return Path(getattr(args, "taxonomies", "taxonomies")), Path(getattr(args, "processes", "processes"))


def run_build(args: argparse.Namespace) -> int:
    directory, _ = _folders(args)
    try:
        files = build_all(directory / "sources", directory)
    except TaxonomyError as exc:
        print(f"Fejl: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Fejl: kunne ikke skrive {exc.filename or directory}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    lists = sorted(name[:-5] for name in files if name.endswith(".json") and not name.endswith(".manifest.json"))
    print(f"Byggede {len(lists)} lister i {directory}: {', '.join(lists)}")
    return 0


def run_refresh(args: argparse.Namespace) -> int:
    directory, processes = _folders(args)
    settings = refresh_module.Settings(taxonomies_dir=directory, processes_dir=processes, only=args.only,
                                       max_drop=args.max_drop, timeout=args.timeout)
    return refresh_module.refresh(settings)


def _fraction(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} er ikke et tal; skriv fx 0.1 for 10 %") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("skal være mellem 0 og 1, fx 0.1 for 10 %")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} er ikke et antal sekunder") from None
    if value <= 0:
        raise argparse.ArgumentTypeError("skal være større end 0")
    return value


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry point with the same folder options as ``autoproces``."""
    parser = argparse.ArgumentParser(prog="autoproces")
    parser.add_argument("--processes", default="processes", help="mappen med procesfiler (standard: processes)")
    parser.add_argument("--taxonomies", default="taxonomies", help="mappen med referencelister (standard: taxonomies)")
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
