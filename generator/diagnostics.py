"""Findings (one problem in one file) and the ways they are printed.

A finding carries file, line, column, the key path of the field (``it_systems[2]``,
``contact.email``), a stable rule id, severity, a Danish message and a hint. A position or key
that is not known is ``None`` (a finding about the whole file has no line). Message and hint are rendered from the rule catalogue (``generator.checks.rules``), so a
rule's wording lives in one place.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

from generator.console import LEGACY_PREFIX, log_lines, log_text

from generator.checks.rule import ERROR, WARNING
from generator.checks.rules import RULES


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    line: int | None
    column: int | None
    rule: str
    severity: str
    message: str
    hint: str
    key: str | None = None  # 'links[2].title'; list positions count from 1

    @classmethod
    def make(cls, rule_id: str, path: Path | str, line: int | None, column: int | None, *,
             field_key: str | None = None, **params: Any) -> "Finding":
        """A finding of ``rule_id``; ``field_key`` is the key path (else the message's ``key``)."""
        rule = RULES[rule_id]
        if field_key is None and isinstance(params.get("key"), str) and params["key"]:
            field_key = params["key"]
        return cls(
            file=display_path(path),
            line=None if line is None else max(line, 1),
            column=None if line is None or column is None else max(column, 1),
            rule=rule_id,
            severity=rule.severity,
            message=rule.render_message(**params),
            hint=rule.render_hint(**params),
            key=field_key,
        )

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule)



def show_key_path(path: Iterable[Any]) -> str | None:
    """A path into YAML data as a user reads it: ``("links", 1, "title")`` is ``links[2].title``."""
    shown = ""
    for part in path:
        shown += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if shown else str(part))
    return shown or None


def display_path(path: Path | str) -> str:
    """A path relative to the working directory where possible, with forward slashes.

    A symbolic link is shown where it is, not where it points.
    """
    located = Path(os.path.abspath(path))
    cwd = Path.cwd()
    for base in (cwd, cwd.resolve()):
        if located.is_relative_to(base):
            return located.relative_to(base).as_posix()
    return located.as_posix()


SEVERITY_DA = {ERROR: "fejl", WARNING: "advarsel"}


def format_text(findings: Iterable[Finding]) -> str:
    """``file:line:col: severity AP101 felt links[2].title: message`` plus an indented hint line.

    Without a known position only the file is shown; without a known field, no ``felt``.

    File names and messages repeat file content, so each is escaped to stay on its line
    (``generator.console.log_text``): a name with a line break cannot forge another finding or a
    workflow command.
    """
    lines = []
    for f in findings:
        field = f" felt {log_text(f.key)}" if f.key else ""
        place = log_text(f.file) if f.line is None else f"{log_text(f.file)}:{f.line}:{f.column or 1}"
        lines.append(f"{place}: {f.severity} {f.rule}{field}: {log_text(f.message)}")
        if f.hint:
            lines.append(f"    Sådan retter du det: {log_text(f.hint)}")
    return "\n".join(lines)


def _github_escape(text: str, *, property_: bool = False) -> str:
    """GitHub's escaping of a command's data (and properties), after every other control is escaped."""
    text = log_lines(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(findings: Iterable[Finding]) -> str:
    """GitHub workflow commands, shown as annotations on the pull request's files."""
    lines = []
    for f in findings:
        level = "error" if f.is_error else "warning"
        field = f"Felt {f.key}: " if f.key else ""
        body = f"{field}{f.message}" + (f"\nSådan retter du det: {f.hint}" if f.hint else "")
        rule = RULES.get(f.rule)
        title = f"{f.rule} {rule.name}" if rule else f.rule
        where = "" if f.line is None else f"line={f.line},col={f.column or 1},"
        lines.append(
            f"::{level} file={_github_escape(f.file, property_=True)},{where}"
            f"title={_github_escape(title, property_=True)}::{_github_escape(body)}"
        )
    return "\n".join(lines)


def format_json(findings: Iterable[Finding]) -> str:
    """The findings as JSON; '##[' is written with an escaped bracket, so no log line holds a command."""
    text = json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2)
    return text.replace(LEGACY_PREFIX, "##\\u005b")


def summary_da(findings: list[Finding], files: int) -> str:
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    filer = "fil" if files == 1 else "filer"
    advarsler = "advarsel" if warnings == 1 else "advarsler"
    return f"{files} {filer} kontrolleret: {errors} fejl, {warnings} {advarsler}."
