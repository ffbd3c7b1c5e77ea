"""``autoproces pr-report``: what a pull request does to the catalogue, for reviewers who do not read YAML.

For each added, changed, renamed or removed process: a card (title, organisation, KLE and FORM
with titles, phase, status, systems, technologies, hours and DKK, visibility) and a field-level
diff with the fields' Danish labels, never printing the value of a field that is not public;
then every finding of the changed files (the full check on the head revision); then what the
change does to the catalogue ("2 processer bruger nu KMD Nexus").
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterator

from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS
from generator.model.derived import yearly_value_dkk
from generator.sharing import git
from generator.sharing.diff import card, field_diff
from generator.sharing.versions import PROCESS_ROOT, Version, versions_at
from generator import formatting
from generator.resolve import Resolver
from generator.taxonomies import Taxonomies, load_taxonomies


@dataclass
class ProcessChange:
    status: str  # added, changed, renamed, removed
    id: str
    old_id: str | None
    path: str
    title: str
    card: list[tuple[str, str]]
    diff: list[dict[str, Any]]


@dataclass
class Report:
    base: str
    head: str
    changes: list[ProcessChange] = field(default_factory=list)
    findings: dict[str, list[Finding]] = field(default_factory=dict)
    impact: list[str] = field(default_factory=list)
    repo_url: str | None = None

    @property
    def errors(self) -> int:
        return sum(1 for fs in self.findings.values() for f in fs if f.is_error)

    @property
    def warnings(self) -> int:
        return sum(1 for fs in self.findings.values() for f in fs if not f.is_error)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["changes"] = [{**asdict(c), "card": [{"label": k, "value": v} for k, v in c.card]} for c in self.changes]
        data["counts"] = {"errors": self.errors, "warnings": self.warnings, "processes": len(self.changes)}
        return data


def build_report(top: Path, base: str, head: str, hourly_rate: float, repo_url: str | None = None) -> Report:
    base_commit, head_commit = git.verify(top, base), git.verify(top, head)
    start = git.merge_base(top, base_commit, head_commit)
    report = Report(base=start, head=head_commit, repo_url=repo_url)
    with _tree(top, head_commit) as tree:
        taxonomies = load_taxonomies(tree / "taxonomies")
        resolver = Resolver(taxonomies)
        before, after = versions_at(top, start), versions_at(top, head_commit)
        for change in git.changed_files(top, start, head_commit, PROCESS_ROOT):
            old = before.get(change.old) if change.old else None
            new = after.get(change.new) if change.new else None
            if old is None and new is None:
                continue
            report.changes.append(_change(change.status, old, new, resolver, hourly_rate))
        changed = {c.path for c in report.changes if c.status != "removed"}
        report.findings = _findings(tree, taxonomies, changed, after)
        report.impact = impact(before.values(), after.values(), resolver, hourly_rate)
    return report


def _change(status: str, old: Version | None, new: Version | None, resolver: Resolver, rate: float) -> ProcessChange:
    shown = new or old
    assert shown is not None
    return ProcessChange(
        status=status, id=shown.id, old_id=old.id if old is not None and new is not None and old.id != shown.id else None,
        path=shown.path, title=shown.title, card=card(shown, resolver, rate),
        diff=[] if status in ("added", "removed") else field_diff(old, new, resolver),
    )


class _tree:
    """The files of ``commit`` on disk: the checkout itself when it is at that commit, else a temporary worktree."""

    def __init__(self, top: Path, commit: str):
        self.top, self.commit, self.temp = top, commit, None

    def __enter__(self) -> Path:
        head = git.run_git(["rev-parse", "HEAD"], self.top)
        if head is not None and head.stdout.strip() == self.commit:
            return self.top
        self.temp = Path(tempfile.mkdtemp(prefix="autoproces-pr-"))
        result = git.run_git(["worktree", "add", "--detach", "--quiet", str(self.temp / "tree"), self.commit], self.top)
        if result is None or result.returncode != 0:
            raise git.GitError(f"Git kunne ikke hente revisionen {self.commit[:12]} frem.")
        return self.temp / "tree"

    def __exit__(self, *exc: object) -> None:
        if self.temp is not None:
            git.run_git(["worktree", "remove", "--force", str(self.temp / "tree")], self.top)
            shutil.rmtree(self.temp, ignore_errors=True)


def _findings(tree: Path, taxonomies: Taxonomies, changed: set[str], after: dict[str, Version]) -> dict[str, list[Finding]]:
    from generator.pipeline import load_catalogue

    catalogue = load_catalogue([tree / PROCESS_ROOT], taxonomies)
    grouped: dict[str, list[Finding]] = {}
    for entry in catalogue.entries:
        relative = Path(os.path.abspath(entry.path)).relative_to(Path(os.path.abspath(tree))).as_posix()
        if relative not in changed or not entry.findings:
            continue
        version = after.get(relative)
        grouped[relative] = [_public_finding(f, relative, version) for f in entry.findings]
    return dict(sorted(grouped.items()))


def _public_finding(finding: Finding, relative: str, version: Version | None) -> Finding:
    """The finding with the repository path; its text withheld when it sits in a field that is not public."""
    key = _key_at(version, finding.line) if version is not None and finding.line is not None else None
    private = version is not None and (not version.declared_public or (key in PROCESS_FIELDS and not version.shows(key)))
    if version is not None and key is not None and private:
        label = PROCESS_FIELDS[key].label if key in PROCESS_FIELDS else key
        return Finding(relative, finding.line, finding.column, finding.rule, finding.severity,
                       f"Feltet {label} ({key}) har et problem; se linjen i filen.", "", finding.key)
    return Finding(relative, finding.line, finding.column, finding.rule, finding.severity, finding.message, finding.hint,
                   finding.key)


def _key_at(version: Version, line: int) -> str | None:
    """The top-level key whose lines hold ``line``."""
    starts = sorted((pos.line, path[0]) for path, pos in version.document.key_positions.items() if len(path) == 1)
    found = None
    for start, key in starts:
        if start > line:
            break
        found = str(key)
    return found


def _public(versions: Iterator[Version] | Any) -> list[Version]:
    return [v for v in versions if v.is_public]


def impact(before, after, resolver: Resolver, rate: float) -> list[str]:
    """Sentences about what changed in the public catalogue as a whole."""
    old, new = _public(before), _public(after)
    lines: list[str] = []
    if len(old) != len(new):
        lines.append(f"Kataloget har nu {len(new)} offentlige processer (før {len(old)}).")
    counters = [
        (lambda v: set(v.process.it_systems) | set(v.process.services), resolver.it_system, "bruger nu"),
        (lambda v: set(v.process.technologies), resolver.technology, "bruger nu teknologien"),
        (lambda v: {v.process.phase.value}, None, "er nu i fasen"),
    ]
    for key_of, name_of, verb in counters:
        before_count = Counter(k for v in old for k in key_of(v))
        after_count = Counter(k for v in new for k in key_of(v))
        for code in sorted(set(before_count) | set(after_count)):
            if before_count[code] == after_count[code]:
                continue
            name = name_of(code).name if name_of else _phase_label(code)
            count = after_count[code]
            lines.append(f"{count} {'proces' if count == 1 else 'processer'} {verb} {name} (før {before_count[code]}).")
    hours = (sum(v.process.expected_hours_freed_per_year or 0 for v in old),
             sum(v.process.expected_hours_freed_per_year or 0 for v in new))
    if round(hours[0], 2) != round(hours[1], 2):
        value = sum(yearly_value_dkk(v.process, rate) or 0 for v in new)
        lines.append(f"Forventet årlig tidsbesparelse i alt: {formatting.hours_da(hours[1])} "
                     f"(før {formatting.hours_da(hours[0])}), svarende til {formatting.dkk_da(value)}.")
    return lines


def _phase_label(value: str) -> str:
    from generator.model import Phase

    return Phase(value).label
