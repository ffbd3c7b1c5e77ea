"""The pull-request report as GitHub Markdown (job summary and the sticky comment).

Everything from the repository is hostile text: it is escaped so that it cannot add links,
images, HTML, tables or ``@mentions`` to the comment, and cut to one line.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from generator.checks.rules import RULES
from generator.diagnostics import Finding
from generator.sharing.report import ProcessChange, Report

MARKER = "<!-- autoproces-pr-report -->"
STATUS_DA = {"added": "Ny proces", "changed": "Ændret proces", "renamed": "Omdøbt proces", "removed": "Fjernet proces"}
COUNT_DA = {"added": "ny", "changed": "ændret", "renamed": "omdøbt", "removed": "fjernet"}
_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
MAX_TEXT = 600


def md(text: object) -> str:
    """One line of plain text, safe inside GitHub Markdown and a table cell."""
    value = " ".join(str(text).split())
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT - 1] + "…"
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    value = _SPECIAL.sub(r"\\\1", value)
    return value.replace("@", "&#64;").replace("://", "&#58;//")  # no @mentions, no autolinks


def _line_link(report: Report, path: str, line: int | None) -> str:
    if line is None:
        return _file_link(report, path)
    label = f"linje {line}"
    if not report.repo_url:
        return label
    return f"[{label}]({report.repo_url}/blob/{report.head}/{quote(path)}#L{line})"


def _file_link(report: Report, path: str) -> str:
    if not report.repo_url:
        return f"`{path}`" if "`" not in path else md(path)
    return f"[{md(path)}]({report.repo_url}/blob/{report.head}/{quote(path)})"


def _summary(report: Report) -> str:
    counts = {}
    for change in report.changes:
        counts[change.status] = counts.get(change.status, 0) + 1
    parts = ", ".join(f"{counts[s]} {COUNT_DA[s]}" for s in COUNT_DA if s in counts)
    total = len(report.changes)
    what = (f"**{total} {'proces' if total == 1 else 'processer'}**: {parts}." if total
            else "Ingen procesfiler er ændret.")
    files = len(report.findings)
    check = (f"**Kontrol**: {report.errors} fejl og {report.warnings} "
             f"{'advarsel' if report.warnings == 1 else 'advarsler'} i {files} {'fil' if files == 1 else 'filer'}."
             if files else "**Kontrol**: ingen fejl eller advarsler i de ændrede filer.")
    return f"{what} {check}"


def _card(report: Report, change: ProcessChange) -> list[str]:
    heading = f"### {STATUS_DA[change.status]}: {md(change.title)}"
    lines = [heading, ""]
    where = _file_link(report, change.path)
    if change.old_id:
        where += f" (før `{change.old_id}`)"
    lines += [where, "", "| Felt | Værdi |", "|---|---|"]
    lines += [f"| {md(label)} | {md(value)} |" for label, value in change.card]
    if change.diff:
        lines += ["", "**Ændringer**", ""]
        lines += [f"- {_diff_line(entry)}" for entry in change.diff]
    return lines + [""]


def _diff_line(entry: dict) -> str:
    label = f"{md(entry['label'])} (`{entry['key']}`)" if re.fullmatch(r"[a-z0-9_]+", entry["key"]) else md(entry["label"])
    if entry.get("added") or entry.get("removed"):
        parts = []
        if entry.get("added"):
            parts.append("tilføjet " + ", ".join(md(v) for v in entry["added"]))
        if entry.get("removed"):
            parts.append("fjernet " + ", ".join(md(v) for v in entry["removed"]))
        return f"{label}: {'; '.join(parts)}"
    if entry.get("old") is not None and entry.get("new") is not None:
        return f"{label}: {md(entry['old'])} → {md(entry['new'])}"
    if entry["change"] == "tilføjet" and entry.get("new") is not None:
        return f"{label}: tilføjet ({md(entry['new'])})"
    return f"{label}: {entry['change']}"


def _finding(report: Report, finding: Finding) -> list[str]:
    rule = RULES.get(finding.rule)
    severity = "fejl" if finding.is_error else "advarsel"
    name = f" {md(rule.name)}" if rule else ""
    lines = [f"- {_line_link(report, finding.file, finding.line)}: {severity} **{finding.rule}**{name}: {md(finding.message)}"]
    if finding.hint:
        lines.append(f"  Sådan retter du det: {md(finding.hint)}")
    return lines


def render_markdown(report: Report) -> str:
    lines = [MARKER, "## Ændringer i kataloget", "", _summary(report), ""]
    for change in report.changes:
        lines += _card(report, change)
    if report.findings:
        lines += ["## Fund i de ændrede filer", ""]
        for path, findings in report.findings.items():
            errors = sum(1 for f in findings if f.is_error)
            lines += [f"### {_file_link(report, path)}: {errors} fejl, {len(findings) - errors} "
                      f"{'advarsel' if len(findings) - errors == 1 else 'advarsler'}", ""]
            for finding in findings:
                lines += _finding(report, finding)
            lines.append("")
    lines += ["## Betydning for kataloget", ""]
    lines += [f"- {md(sentence)}" for sentence in report.impact] or ["Ændringen flytter ikke på kataloget som helhed."]
    return "\n".join(lines).rstrip() + "\n"
