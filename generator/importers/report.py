"""The import report, in Danish: written, updated, unchanged, skipped, and every unmapped value.

Every line names the record's OS2autoproces id and title, so a municipality can find the process
in OS2autoproces and fix it there or in the file. Text from the source is printed without control
characters, so a hostile title cannot forge lines or terminal escapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.console import log_text
from generator.diagnostics import Finding
from generator.importers.records import Problem
from generator.importers.systems import ProposedSystem
from generator.importers.writer import NEW, UNCHANGED, UPDATED, Output

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def clean(text: object, limit: int = 160) -> str:
    shown = _CONTROL.sub(" ", str(text))
    return log_text(shown if len(shown) <= limit else shown[: limit - 1] + "…")


@dataclass
class Report:
    records: int = 0
    outputs: list[Output] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    source_errors: list[str] = field(default_factory=list)
    unmapped: list[Problem] = field(default_factory=list)
    proposals: list[ProposedSystem] = field(default_factory=list)
    proposals_file: Path | None = None
    check_errors: list[Finding] = field(default_factory=list)
    dry_run: bool = False

    def count(self, state: str) -> int:
        return sum(1 for o in self.outputs if o.state == state)

    @property
    def has_errors(self) -> bool:
        return bool(self.source_errors or self.check_errors) or any(p.fatal for p in self.skipped)


def _who(problem: Problem) -> str:
    who = f"id {problem.record_id}" if problem.record_id else clean(problem.origin)
    return f"{who} «{clean(problem.title, 80)}»" if problem.title else who


def _file_lines(report: Report, state: str, heading: str) -> list[str]:
    chosen = [o for o in report.outputs if o.state == state]
    lines = [f"{heading}: {len(chosen)}"]
    if state != UNCHANGED:
        for output in chosen:
            m = output.placed.mapped
            moved = f" (flyttet fra {output.placed.previous})" if output.placed.previous else ""
            lines.append(f"  - {output.placed.path}{moved}: id {m.source_id} «{clean(m.title, 80)}»")
    return lines


def render_report(report: Report) -> str:
    lines = ["Import fra OS2autoproces" + (" (prøvekørsel: intet er skrevet)" if report.dry_run else ""),
             f"Poster læst: {report.records}"]
    verb = "Ville blive" if report.dry_run else ""
    lines += _file_lines(report, NEW, f"{verb} skrevet (nye filer)".strip().capitalize())
    lines += _file_lines(report, UPDATED, f"{verb} opdateret".strip().capitalize())
    lines += _file_lines(report, UNCHANGED, "Uændret")
    lines.append(f"Sprunget over: {len(report.skipped)}")
    lines += [f"  - {_who(p)} ({clean(p.origin)}): {clean(p.reason, 400)}" for p in report.skipped]
    if report.source_errors:
        lines.append(f"Kilder, der ikke kunne læses: {len(report.source_errors)}")
        lines += [f"  - {clean(error, 400)}" for error in report.source_errors]
    if report.proposals:
        where = report.proposals_file or "taxonomies/sources/curated/it_systems.yaml"
        lines.append(f"Nye IT-systemer foreslået i {where}: {len(report.proposals)}")
        for proposal in report.proposals:
            kind = " (lokalt system)" if proposal.local else ""
            users = ", ".join(f"id {i} «{clean(t, 60)}»" for i, t in proposal.used_by)
            lines.append(f"  - {proposal.slug}: «{clean(proposal.name, 80)}»{kind}, brugt af {users}")
    lines.append(f"Værdier, der ikke kunne overføres uændret: {len(report.unmapped)}")
    for problem in report.unmapped:
        value = f" '{clean(problem.value, 80)}'" if problem.value else ""
        lines.append(f"  - {_who(problem)}, {problem.field or 'posten'}{value}: {clean(problem.reason, 400)}")
    if report.check_errors:
        lines.append(f"Fejl fundet af autoproces check i de skrevne filer: {len(report.check_errors)}")
        lines += [f"  - {f.file}{_at(f)}: {f.rule}: {clean(f.message, 400)}" for f in report.check_errors]
    return "\n".join(lines) + "\n"


def _at(finding: Finding) -> str:
    """``:line:col`` of a finding, empty when it concerns the whole file."""
    return f":{finding.line}:{finding.column}" if finding.line is not None else ""
