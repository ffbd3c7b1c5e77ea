"""Nothing that check or build print can forge a GitHub workflow command, in any output format.

The runner reads a line that starts with ``::`` (after spaces) as a command, and ``##[`` anywhere
in a line as the older form. File and folder names and quoted values come from pull requests.
"""

from __future__ import annotations

import json
import re

import pytest

from generator.console import log_lines, log_text
from tests.conftest import ROOT, copy_project, run_cli
from tests.support.catalogue import BASE, write

FOLDER = "aarhus\n::error file=generator/cli.py,line=1::forged by a folder"
FILE = "p\n::warning::forged by a file name.yaml"
VALUE = 'phase: "drift\\n::error::forged by a value ##[add-mask]hemmelig \\u2028"\n'
COMMAND = re.compile(r"^\s*::")
OUR_COMMAND = re.compile(r"^::(error|warning) file=[^,:]*,(?:line=\d+,col=\d+,)?title=[^:]*::[^\n]*$")


def hostile_catalogue(root):
    write(root, f"processes/{FOLDER}/p.yaml", BASE)
    write(root, f"processes/aarhus/{FILE}", BASE)
    write(root, "processes/aarhus/vaerdi.yaml", BASE.replace("phase: idea\n", VALUE))
    return root / "processes"


def assert_no_forged_command(output: str) -> None:
    assert "##[" not in output
    forged = [line for line in output.splitlines() if COMMAND.match(line)]
    assert forged == [], forged


@pytest.fixture
def processes(tmp_path):
    return hostile_catalogue(tmp_path)


def check(processes, *extra: str):
    return run_cli("--processes", str(processes), "--taxonomies", str(ROOT / "taxonomies"), "check", str(processes),
                   *extra)


def test_text_output_keeps_every_finding_on_its_own_line(processes):
    result = check(processes)
    assert result.returncode == 1
    assert_no_forged_command(result.stdout + result.stderr)
    findings = [line for line in result.stdout.splitlines() if not line.startswith("    ") and " error " in line]
    assert findings and all(line.startswith(str(processes)) for line in findings), findings
    assert "aarhus\\n::error file=generator/cli.py" in result.stdout  # inside a line: no command
    assert "'drift\\n::error::forged by a value ##\u200b[add-mask]hemmelig \\u2028'" in result.stdout


def test_github_output_has_only_our_own_commands(processes):
    result = check(processes, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines and all(OUR_COMMAND.match(line) for line in lines), lines
    assert "##[" not in result.stdout + result.stderr
    assert_no_forged_command(result.stderr)
    assert any("aarhus%0A:\u200b:error file" in line for line in lines)


def test_json_output_keeps_the_values_and_holds_no_command(processes):
    result = check(processes, "--format", "json")
    assert_no_forged_command(result.stdout + result.stderr)
    findings = json.loads(result.stdout)
    messages = [f["message"] for f in findings if f["rule"] == "AP104"]
    assert messages == ["'drift\n::error::forged by a value ##[add-mask]hemmelig \u2028' er ikke en gyldig værdi "
                        "for Fase (phase)."]
    assert {f["file"] for f in findings} >= {f"{processes}/{FOLDER}/p.yaml"}


def test_the_build_prints_no_command_from_file_content(tmp_path):
    project = copy_project(tmp_path, processes=False)
    hostile_catalogue(project)
    result = run_cli("build", "--site-dir", str(tmp_path / "site"), cwd=project)
    assert result.returncode == 1
    assert "AP104" in result.stderr and "Traceback" not in result.stderr
    assert_no_forged_command(result.stdout + result.stderr)


def test_a_usage_error_that_repeats_an_argument_holds_no_command():
    result = run_cli("check", "--format", "x\n::error::forged")
    assert result.returncode == 2
    assert_no_forged_command(result.stdout + result.stderr)


@pytest.mark.parametrize("text, expected", [
    ("::error::x", ":\u200b:error::x"),
    ("  ::add-mask::x", "  :\u200b:add-mask::x"),
    ("a\nb\r\x1b[8m", "a\\nb\\r\\u001b[8m"),
    ("bilag ##[set-output name=x;]y", "bilag ##\u200b[set-output name=x;]y"),
    ("ret\u2028linje", "ret\\u2028linje"),
])
def test_log_text_escapes_one_value(text, expected):
    assert log_text(text) == expected


def test_log_lines_defuses_every_line_and_keeps_the_line_breaks():
    assert log_lines("ok\n::error::x\n  ::warning::y") == "ok\n:\u200b:error::x\n  :\u200b:warning::y"
