"""argparse in Danish: usage, help and argument errors of the ``autoproces`` command.

argparse builds its texts with ``gettext``; :class:`DanishArgumentParser` swaps in Danish texts while it
builds itself, prints help or parses, and reports usage errors in Danish with exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Iterator

EXIT_USAGE = 2

DANISH: dict[str, str] = {
    "usage: ": "brug: ",
    "positional arguments": "argumenter",
    "options": "tilvalg",
    "show this help message and exit": "vis denne hjælp og afslut",
    "show program's version number and exit": "vis versionsnummeret og afslut",
    "unrecognized arguments: %s": "ukendte argumenter: %s",
    "the following arguments are required: %s": "disse argumenter mangler: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ugyldigt valg: %(value)r (vælg mellem %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "expected one argument": "kræver en værdi",
    "expected at least one argument": "kræver mindst en værdi",
    "expected at most one argument": "tager højst en værdi",
    "expected %s argument": "kræver %s værdi",
    "expected %s arguments": "kræver %s værdier",
    "invalid %(type)s value: %(value)r": "ugyldig værdi af typen %(type)s: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydigt tilvalg: %(option)s kan betyde %(matches)s",
    "not allowed with argument %s": "kan ikke bruges sammen med %s",
    "one of the arguments %s is required": "et af argumenterne %s skal angives",
    "ignored explicit argument %r": "argumentet %r tager ingen værdi",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "ukendt kommando %(parser_name)r (vælg mellem %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan ikke åbne '%(filename)s': %(error)s",
}


@contextlib.contextmanager
def danish() -> Iterator[None]:
    """argparse's texts in Danish for the duration of the block."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda text: DANISH.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = lambda one, many, n: DANISH.get(one if n == 1 else many, one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class DanishArgumentParser(argparse.ArgumentParser):
    """argparse with Danish usage, help and errors, and exit code 2 for a usage error."""

    def __init__(self, *args, **kwargs) -> None:
        with danish():
            super().__init__(*args, **kwargs)

    def add_argument(self, *args, **kwargs):
        with danish():
            return super().add_argument(*args, **kwargs)

    def parse_args(self, *args, **kwargs):
        with danish():
            return super().parse_args(*args, **kwargs)

    def parse_known_args(self, *args, **kwargs):
        with danish():
            return super().parse_known_args(*args, **kwargs)

    def format_usage(self) -> str:
        with danish():
            return super().format_usage()

    def format_help(self) -> str:
        with danish():
            return super().format_help()

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: fejl i kommandoen: {message}\n")
