"""Danish questions on a terminal (or lines on stdin, for scripts and tests) for ``autoproces new``.

Every question reads one line. A choice from a reference list accepts the code itself, a search
(words from the title: "sygedagpenge") or the number of a search result; on a terminal, Tab
completes titles and codes (type-ahead). End of input before a required answer stops the
command without writing anything.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from typing import Callable, Iterable, TextIO

from generator.authoring.lists import Row, fold

SHOWN = 10
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Aborted(Exception):
    """The input ended before a required answer."""


class Asker:
    def __init__(self, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout):
        self.stdin, self.stdout = stdin, stdout
        self.terminal = bool(getattr(stdin, "isatty", lambda: False)())

    def say(self, text: str) -> None:
        print(text, file=self.stdout, flush=True)

    def line(self, prompt: str, completions: Iterable[str] = ()) -> str:
        if self.terminal:
            _complete_with(list(completions))
            try:
                return input(prompt).strip()
            except EOFError:
                raise Aborted() from None
        self.stdout.write(prompt)
        self.stdout.flush()
        answer = self.stdin.readline()
        if not answer:
            raise Aborted()
        self.stdout.write("\n")
        return answer.strip()


def _complete_with(words: list[str]) -> None:
    """Tab completion over ``words`` on a terminal (silently absent where readline is missing)."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return

    def complete(text: str, state: int) -> str | None:
        folded = fold(text)
        matches = [w for w in words if fold(w).startswith(folded)]
        return matches[state] if state < len(matches) else None

    readline.set_completer_delims("")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")


def ask_text(asker: Asker, prompt: str, *, max_length: int | None = None, required: bool = True,
             check: Callable[[str], str | None] | None = None) -> str | None:
    while True:
        answer = asker.line(prompt)
        if not answer:
            if not required:
                return None
            asker.say("  Feltet skal udfyldes.")
            continue
        problem = check(answer) if check else None
        if max_length and len(answer) > max_length:
            problem = f"Teksten er {len(answer)} tegn; højst {max_length} tegn."
        if problem:
            asker.say(f"  {problem}")
            continue
        return answer


def email_problem(text: str) -> str | None:
    return None if EMAIL.match(text) else "Det ligner ikke en e-mailadresse (fx digitalisering@aarhus.dk)."


def date_problem(text: str) -> str | None:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2024-03-15."
    return None if re.match(r"^\d{4}-\d{2}-\d{2}$", text) else "Skriv datoen som ÅÅÅÅ-MM-DD, fx 2024-03-15."


def ask_enum(asker: Asker, prompt: str, labels: dict[str, str], default: str | None) -> str:
    """One of ``labels`` (value -> Danish label), by number, value or label; empty gives the default."""
    values = list(labels)
    for number, value in enumerate(values, start=1):
        asker.say(f"  {number}) {value} – {labels[value]}")
    suffix = f" [{default}]" if default else ""
    while True:
        answer = asker.line(f"{prompt}{suffix}: ")
        if not answer and default:
            return default
        if answer.isdigit() and 1 <= int(answer) <= len(values):
            return values[int(answer) - 1]
        for value in values:
            if fold(answer) in (fold(value), fold(labels[value])):
                return value
        asker.say("  Vælg et af numrene ovenfor.")


def ask_choice(asker: Asker, prompt: str, search: Callable[[str], list[Row]], exact: Callable[[str], bool],
               *, required: bool, completions: Iterable[str] = ()) -> str | None:
    """A code from a list: the code itself, a search, or the number of a result shown."""
    shown: list[Row] = []
    words = list(completions)
    while True:
        answer = asker.line(prompt if not shown else "  Skriv nummeret, eller søg igen: ", words)
        if not answer:
            if not required:
                return None
            asker.say("  Feltet skal udfyldes; søg med et ord fra titlen.")
            continue
        if shown and answer.isdigit() and 1 <= int(answer) <= len(shown):
            return _chosen(asker, shown[int(answer) - 1])
        if exact(answer):
            return answer
        found = search(answer)
        if len(found) == 1:
            return _chosen(asker, found[0])
        if not found:
            asker.say(f"  Intet i listen passer til '{answer}'. Prøv et andet ord.")
            shown = []
            continue
        shown = found[:SHOWN]
        for number, row in enumerate(shown, start=1):
            asker.say(f"  {number}) {row.code}  {row.text}")
        if len(found) > SHOWN:
            asker.say(f"  … og {len(found) - SHOWN} mere. Skriv flere ord for at indsnævre søgningen.")


def _chosen(asker: Asker, row: Row) -> str:
    asker.say(f"  Valgt: {row.code}  {row.text}")
    return row.code
