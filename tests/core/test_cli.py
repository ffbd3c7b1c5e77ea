"""``autoproces check``, ``schema`` and ``rules`` as a user runs them: output formats and exit codes."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import run_cli
from tests.support.catalogue import BASE, write
from generator.checks.docs import PLACEHOLDERS_DA
from generator.checks.rules import all_rules

LINE = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<severity>error|warning) (?P<rule>AP\d{3})"
                  r"(?: felt (?P<key>\S+))?: .+$")


@pytest.fixture
def project(tmp_path):
    """A scratch catalogue: one valid file, one with an error and one with a warning only."""
    write(tmp_path, "processes/aarhus/god.yaml", BASE)
    write(tmp_path, "processes/aarhus/fejl.yaml", BASE.replace("phase: idea", "phase: drift"))
    write(tmp_path, "processes/odense/advarsel.yaml",
          BASE.replace("aarhus", "odense").replace("status: inprogress", "status: rejected"))
    return tmp_path


def check(project, *args):
    result = run_cli("--taxonomies", str(project / "ingen-lister"), "check", *args, cwd=project)
    assert "Traceback" not in result.stdout + result.stderr
    return result


def test_text_format_prints_file_line_column_severity_rule_and_message(project):
    result = check(project)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if LINE.match(line)]
    assert lines == [
        "processes/aarhus/fejl.yaml:4:8: error AP104 felt phase: 'drift' er ikke en gyldig værdi for Fase (phase).",
        "processes/odense/advarsel.yaml:5:9: warning AP203 felt status: Status er 'Afvist', men der er ingen begrundelse "
        "(status_text).",
    ]
    assert "    Sådan retter du det: Mente du 'operation' (I drift)?" in result.stdout
    assert result.stdout.rstrip().endswith("3 filer kontrolleret: 1 fejl, 1 advarsel.")


def test_exit_code_is_0_without_errors_even_with_warnings(project):
    assert check(project, "processes/aarhus/god.yaml").returncode == 0
    warned = check(project, "processes/odense")
    assert warned.returncode == 0 and "warning AP203" in warned.stdout


def test_exit_code_is_1_with_errors_and_the_other_files_are_still_checked(project):
    write(project, "processes/aarhus/ikke-yaml.yaml", "title: [\n")
    result = check(project, "processes")
    assert result.returncode == 1
    rules = [LINE.match(line)["rule"] for line in result.stdout.splitlines() if LINE.match(line)]
    assert rules == ["AP104", "AP005", "AP203"]


@pytest.mark.parametrize("args", [
    ("findes-ikke.yaml",),
    ("--format", "xml"),
    ("--ukendt-flag",),
])
def test_exit_code_is_2_on_usage_errors_with_a_danish_message(project, args):
    result = check(project, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "findes ikke" in result.stderr or "fejl i kommandoen" in result.stderr


def test_no_command_is_a_usage_error():
    result = run_cli()
    assert result.returncode == 2 and "fejl i kommandoen" in result.stderr


def test_json_format_is_a_list_with_exactly_the_documented_fields(project):
    result = check(project, "--format", "json")
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    assert len(findings) == 2
    for finding in findings:
        assert set(finding) == {"file", "line", "column", "key", "rule", "severity", "message", "hint"}
    assert findings[0] == {
        "file": "processes/aarhus/fejl.yaml", "line": 4, "column": 8, "key": "phase", "rule": "AP104",
        "severity": "error",
        "message": "'drift' er ikke en gyldig værdi for Fase (phase).",
        "hint": findings[0]["hint"],
    }
    assert findings[0]["hint"].startswith("Mente du 'operation' (I drift)?")


def test_json_format_is_an_empty_list_for_a_clean_catalogue(project):
    result = check(project, "--format", "json", "processes/aarhus/god.yaml")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_github_format_prints_workflow_annotations(project):
    result = check(project, "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("::error file=processes/aarhus/fejl.yaml,line=4,col=8,title=AP104 Ugyldig værdi::")
    assert lines[1].startswith("::warning file=processes/odense/advarsel.yaml,line=5,col=9,title=AP203 ")
    assert "::Felt phase: 'drift' er ikke en gyldig værdi" in lines[0]
    assert "%0ASådan retter du det: Mente du" in lines[0]  # the hint on its own line in the annotation
    assert len(lines) == 2
    assert "3 filer kontrolleret" in result.stderr


def test_github_format_escapes_what_would_break_an_annotation(project):
    write(project, "processes/aarhus/procent.yaml", BASE.replace("phase: idea", "phase: 100%,drift"))
    line = check(project, "--format", "github", "processes/aarhus/procent.yaml").stdout.splitlines()[0]
    assert "100%25,drift" in line and line.count("::") == 2


def test_a_file_outside_processes_is_reported(project):
    write(project, "andet/proces.yaml", BASE)
    result = check(project, "andet/proces.yaml")
    assert result.returncode == 1
    assert result.stdout.startswith("andet/proces.yaml: error AP012: Filen ligger forkert: den ligger ikke")


def test_a_finding_about_the_whole_file_has_no_position_in_any_format(project):
    write(project, "andet/proces.yaml", BASE)
    [finding] = json.loads(check(project, "--format", "json", "andet/proces.yaml").stdout)
    assert (finding["rule"], finding["line"], finding["column"], finding["key"]) == ("AP012", None, None, None)
    [annotation] = check(project, "--format", "github", "andet/proces.yaml").stdout.splitlines()
    assert annotation.startswith("::error file=andet/proces.yaml,title=AP012 ")
    assert "line=" not in annotation and "col=" not in annotation


def test_rules_page_lists_every_rule_with_its_message_and_an_example():
    result = run_cli("rules")
    assert result.returncode == 0
    page = result.stdout
    for rule in all_rules().values():
        heading = f"### {rule.id}: {rule.name}"
        assert heading in page, rule.id
        section = page.split(heading, 1)[1].split("\n### ", 1)[0]
        assert "- Meddelelse: " in section and "- Sådan retter du det: " in section
        assert rule.example and f"```yaml\n{rule.example}\n```" in section, rule.id
    assert "AP501" in page  # rule families registered by their own modules are listed too
    placeholders = {name for rule in all_rules().values() for name in re.findall(r"\{(\w+)\}", rule.message + rule.hint)}
    assert placeholders <= set(PLACEHOLDERS_DA), "every placeholder reads in Danish on the page"


def test_a_console_that_cannot_show_danish_letters_gets_replacements_not_a_traceback(project):
    result = run_cli("--taxonomies", str(project / "ingen-lister"), "check", cwd=project,
                     env={"PYTHONIOENCODING": "ascii"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "S?dan retter du det" in result.stdout
