"""Every action runs at a reviewed commit: pinned to the tag's full SHA, the version in a comment."""

from __future__ import annotations

import re
from collections import Counter

# The commit of each tag, read from the action's own repository. To pin a new action or version,
# look the tag's commit up there (git ls-remote https://github.com/OWNER/NAME refs/tags/vX.Y.Z,
# peeled) and add it here.
VERIFIED_TAGS: dict[str, dict[str, str]] = {
    "actions/checkout": {"v7.0.1": "3d3c42e5aac5ba805825da76410c181273ba90b1"},
    "actions/setup-python": {"v7.0.0": "5fda3b95a4ea91299a34e894583c3862153e4b97"},
    "actions/upload-pages-artifact": {"v5.0.0": "fc324d3547104276b827a68afc52ff2a11cc49c9"},
    "actions/deploy-pages": {"v5.0.0": "cd2ce8fcbc39b97be8ca5fce6e763baed58fa128"},
    "actions/upload-artifact": {"v7.0.0": "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f"},
    "actions/download-artifact": {"v8.0.1": "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c"},
    "actions/github-script": {"v8.0.0": "ed597411d8f924073f98dfc5c65a23a2325f34cd"},
    "actions/cache": {"v5.0.5": "27d5ce7f107fe9357f9df03efb73ab90386fccae"},
}

USES_LINE = re.compile(r"""^\s*(?:-\s+)?uses:\s*["']?(?P<ref>[^\s"'#]+)["']?\s*(?:#\s*(?P<comment>.*?))?\s*$""")
PINNED = re.compile(r"^(?P<action>[\w.-]+/[\w.-]+)(?:/[^@]+)?@(?P<sha>[0-9a-f]{40})$")
VERSION = re.compile(r"^v\d+\.\d+\.\d+$")


def uses_in_yaml(workflow) -> list[str]:
    refs = [str(job["uses"]) for job in workflow.jobs.values() if job.get("uses")]
    return refs + [step.uses for step in workflow.steps() if step.uses]


def uses_lines(workflow) -> list[tuple[int, str, str]]:
    """(line number, ref, comment) of every ``uses:`` line in the file."""
    found = []
    for number, line in enumerate(workflow.text.splitlines(), start=1):
        match = USES_LINE.match(line)
        if match:
            found.append((number, match["ref"], match["comment"] or ""))
    return found


def pin_problem(ref: str, comment: str) -> str | None:
    if ref.startswith("./"):
        return None  # an action in this repository runs the reviewed code itself
    match = PINNED.match(ref)
    if not match:
        return "is not pinned to a full 40-character commit SHA"
    if not VERSION.match(comment):
        return "has no version comment such as '# v7.0.1' after the SHA"
    verified = VERIFIED_TAGS.get(match["action"], {}).get(comment)
    if verified != match["sha"]:
        return (f"is not the commit of {match['action']} {comment} that was verified "
                f"({verified or 'none listed'}); check the tag and VERIFIED_TAGS")
    return None


def test_every_uses_is_on_its_own_line(workflow):
    lines = Counter(ref for _, ref, _ in uses_lines(workflow))
    assert lines == Counter(uses_in_yaml(workflow)), (
        f"{workflow.name}: write each 'uses:' as 'uses: OWNER/NAME@SHA # vX.Y.Z' on a line of its own")


def test_every_action_is_pinned_to_a_verified_commit_with_its_version(workflow):
    problems = [f"{workflow.name}:{number}: uses {ref} {problem}"
                for number, ref, comment in uses_lines(workflow)
                if (problem := pin_problem(ref, comment))]
    assert problems == []


def test_checkout_never_keeps_the_token(workflow):
    kept = [step.label for step in workflow.steps() if step.uses.startswith("actions/checkout@")
            and (step.data.get("with") or {}).get("persist-credentials") not in (False, "false")]
    assert kept == [], (
        f"{workflow.name}: actions/checkout leaves the token in .git/config for the code that runs "
        f"after it; add 'persist-credentials: false' under 'with:' in {kept}")
