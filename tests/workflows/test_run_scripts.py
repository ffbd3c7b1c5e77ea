"""What the workflows run: no text from outside inside a script, and only hash-checked installs."""

from __future__ import annotations

import re
import shlex

import pytest

from tests.conftest import ROOT

EXPRESSION = re.compile(r"\$\{\{(?P<body>.*?)\}\}", re.S)
# Text anyone can choose: titles, bodies, comments, branch names, commit messages, ...
UNTRUSTED = re.compile(r"\bgithub\s*(?:\.\s*|\[\s*['\"])(?:event|head_ref)\b")
PIP_INSTALL = re.compile(r"\bpip3?\s+install\b")
SEPARATORS = {"&&", "||", ";", "|", "&", "(", ")"}


def scripts(workflow):
    """(label, text) of every inline script: ``run:`` and actions/github-script's ``script:``."""
    for step in workflow.steps():
        if step.data.get("run"):
            yield step.label, str(step.data["run"])
        if step.uses.startswith("actions/github-script@"):
            script = (step.data.get("with") or {}).get("script")
            if script:
                yield step.label, str(script)


def untrusted_expressions(script: str) -> list[str]:
    return [m.group(0) for m in EXPRESSION.finditer(script) if UNTRUSTED.search(m["body"])]


def pip_installs(script: str) -> list[list[str]]:
    """The arguments after ``pip install`` of every pip install command in a shell script."""
    commands = []
    for line in script.replace("\\\n", " ").splitlines():
        if not PIP_INSTALL.search(line):
            continue
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        command: list[str] = []
        for token in [*lexer, ";"]:
            if token not in SEPARATORS:
                command.append(token)
                continue
            for i, word in enumerate(command[:-1]):
                if word.rsplit("/", 1)[-1] in {"pip", "pip3"} and command[i + 1] == "install":
                    commands.append(command[i + 2:])
                    break
            command = []
    return commands


def is_hash_checked(args: list[str]) -> bool:
    """Installs from a lock file with --require-hashes, or only the local project with --no-deps."""
    if "--require-hashes" in args and ("-r" in args or "--requirement" in args):
        return True
    targets = [a for a in args if not a.startswith("-")]
    return "--no-deps" in args and bool(targets) and all(t == "." or t.startswith("./") for t in targets)


def test_no_untrusted_text_inside_scripts(workflow):
    found = [f"{label}: {expression}" for label, script in scripts(workflow)
             for expression in untrusted_expressions(script)]
    assert found == [], (
        f"{workflow.name}: text from the event reaches a script and can inject commands: {found}. "
        "Pass it through 'env:' (FOO: ${{ github.event... }}) and use \"$FOO\" in the script.")


def test_workflow_pip_installs_are_hash_checked(workflow):
    unchecked = [f"{label}: pip install {' '.join(args)}" for label, script in scripts(workflow)
                 for args in pip_installs(script) if not is_hash_checked(args)]
    assert unchecked == [], (
        f"{workflow.name}: install dependencies with 'pip install --require-hashes -r requirements.lock' "
        f"and the project with 'pip install --no-deps --no-build-isolation -e .': {unchecked}")


def test_quick_start_pip_installs_are_hash_checked():
    installs = pip_installs((ROOT / "run").read_text(encoding="utf-8"))
    assert [args for args in installs if not is_hash_checked(args)] == []


def test_quick_start_installs_from_the_lock_file():
    installs = pip_installs((ROOT / "run").read_text(encoding="utf-8"))
    assert any("--require-hashes" in args and "-r" in args for args in installs), installs


@pytest.mark.parametrize(("script", "expected"), [
    ('echo "${{ github.event.pull_request.title }}"', ["${{ github.event.pull_request.title }}"]),
    ("git checkout ${{ github.head_ref }}", ["${{ github.head_ref }}"]),
    ("echo ${{ toJSON(github['event']) }}", ["${{ toJSON(github['event']) }}"]),
    ('echo "$TITLE" ${{ github.sha }} ${{ env.eventful }}', []),
])
def test_untrusted_expression_finder(script, expected):
    assert untrusted_expressions(script) == expected


@pytest.mark.parametrize(("script", "expected"), [
    ("python -m pip install -e .", False),
    ("pip install --upgrade pip", False),
    ("pip3 install -r requirements.lock", False),
    ('"$VENV/bin/python" -m pip install --quiet -e \'.[test]\'', False),
    ("cd x && pip install --require-hashes -r requirements.lock && echo ok", True),
    ("pip install --no-deps --no-build-isolation -e .", True),
    ("pip install --no-deps requests", False),
])
def test_hash_check_finder(script, expected):
    (args,) = pip_installs(script)
    assert is_hash_checked(args) is expected
