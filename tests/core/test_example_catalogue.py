"""The example catalogue in processes/ passes ``autoproces check`` with no errors."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_the_example_catalogue_has_no_errors(project_root):
    files = sorted((project_root / "processes").glob("*/*.yaml"))
    assert len(files) >= 30, "the example catalogue should show the catalogue's breadth"
    result = run_cli("check", "--format", "json", "processes/")
    findings = json.loads(result.stdout)
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors == [] and result.returncode == 0, errors
    text = run_cli("check", "processes/")
    assert text.returncode == 0 and f"{len(files)} filer kontrolleret: 0 fejl" in text.stdout
