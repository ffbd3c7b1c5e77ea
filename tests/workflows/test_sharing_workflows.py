"""The sharing workflows are thin shells around tested commands, and the commenting one never runs PR code."""

from __future__ import annotations

import shlex

from generator.cli import build_parser
from tests.workflows.conftest import WORKFLOW_DIR, load_workflow, workflow_files


def test_the_comment_workflow_never_checks_out_or_runs_code_from_the_pull_request():
    comment = load_workflow(WORKFLOW_DIR / "pr-comment.yml")
    assert set(comment.data.get("on") or comment.data.get(True)) == {"workflow_run"}
    assert (comment.data.get("on") or comment.data.get(True))["workflow_run"]["workflows"] == ["Kontrol af processer"]
    steps = list(comment.steps())
    assert [s.uses.split("@")[0] for s in steps] == ["actions/download-artifact", "actions/github-script"]
    assert not [s for s in steps if s.data.get("run")], "no shell steps: nothing from the pull request is executed"
    assert "checkout" not in comment.text and "pip install" not in comment.text
    script = steps[1].data["with"]["script"]
    assert "pr.head.sha !== run.head_sha" in script  # the artifact's PR number is verified before commenting
    assert "updateComment" in script and "createComment" in script  # one sticky comment, updated
    assert comment.jobs["comment"]["permissions"] == {"actions": "read", "pull-requests": "write"}


def test_the_check_workflow_writes_the_report_summary_and_uploads_report_and_preview():
    check = load_workflow(WORKFLOW_DIR / "check.yml")
    steps = {s.data.get("name"): s for s in check.steps()}
    report = str(steps["Rapport til anmelderen"].data["run"])
    assert "autoproces pr-report --base HEAD^1 --head HEAD -o pr-report/report.md" in report
    assert '>> "$GITHUB_STEP_SUMMARY"' in report
    assert steps["Gem rapporten"].data["with"]["name"] == "pr-report"
    assert steps["Gem forhåndsvisning af websitet"].data["with"] == {
        "name": "forhaandsvisning-af-websitet", "path": "site/", "retention-days": 14}
    assert "annotations" not in report and "--format github" in str(steps["Kontrollér procesfilerne"].data["run"])


def test_the_taxonomy_workflow_skips_cleanly_without_its_token():
    refresh = load_workflow(WORKFLOW_DIR / "taxonomies.yml")
    steps = list(refresh.steps())
    assert steps[0].data["id"] == "access" and "exit 1" not in str(steps[0].data["run"])
    assert all(s.data.get("if") == "${{ steps.access.outputs.ready == 'true' }}" for s in steps[1:])


def test_every_autoproces_command_in_a_workflow_exists():
    parser = build_parser()
    found = 0
    for path in workflow_files():
        for step in load_workflow(path).steps():
            for line in str(step.data.get("run") or "").splitlines():
                words = shlex.split(line.split(">>")[0]) if line.strip().startswith("autoproces ") else []
                if words:
                    found += 1
                    parser.parse_args(words[1:])  # exits with status 2 on an unknown command or option
    assert found >= 6
