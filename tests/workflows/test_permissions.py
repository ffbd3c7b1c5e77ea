"""Least privilege: every workflow reads the repository only; a job that must write says so itself."""

from __future__ import annotations

from tests.workflows.conftest import WORKFLOW_DIR, load_workflow, workflow_files

# The write scopes a job may hold, keyed by (workflow file, job id). A job that needs to write lists
# its scopes here, with the reason; every other job runs with the top-level read-only token.
WRITE_GRANTS: dict[tuple[str, str], set[str]] = {
    # actions/deploy-pages publishes the site (pages) and proves who it is with an OIDC token.
    ("pages.yml", "deploy"): {"pages", "id-token"},
    # posts the pull-request report as one sticky comment (reads the check run's artifact)
    ("pr-comment.yml", "comment"): {"pull-requests"},
    # one audit issue per municipality, updated or closed
    ("audit.yml", "audit"): {"issues"},
}


def write_scopes(permissions: object) -> set[str]:
    if permissions == "write-all":
        return {"write-all"}
    if isinstance(permissions, dict):
        return {str(scope) for scope, level in permissions.items() if level == "write"}
    return set()


def test_the_workflow_folder_holds_the_known_workflows():
    assert {"check.yml", "pages.yml"} <= {p.name for p in workflow_files()}


def test_top_level_token_only_reads_contents(workflow):
    assert workflow.data.get("permissions") == {"contents": "read"}, (
        f"{workflow.name}: the workflow must start with 'permissions: contents: read' at the top level; "
        f"it has {workflow.data.get('permissions')!r}. Grant more only on the job that needs it."
    )


def test_write_scopes_only_on_jobs_listed_as_needing_them(workflow):
    extra = {}
    for job_id, job in workflow.jobs.items():
        granted = write_scopes(job.get("permissions"))
        allowed = WRITE_GRANTS.get((workflow.name, job_id), set())
        if granted - allowed:
            extra[job_id] = sorted(granted - allowed)
    assert extra == {}, (
        f"{workflow.name}: jobs hold write scopes that are not listed as needed: {extra}. "
        "Drop them, or list the job and why in WRITE_GRANTS in tests/workflows/test_permissions.py."
    )


def test_pages_deploy_job_holds_exactly_the_grants_it_needs():
    pages = load_workflow(WORKFLOW_DIR / "pages.yml")
    assert pages.jobs["deploy"].get("permissions") == {"pages": "write", "id-token": "write"}
    assert pages.jobs["build"].get("permissions") is None
