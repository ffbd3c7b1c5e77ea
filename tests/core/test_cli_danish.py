"""The command's usage, help and argument errors are Danish (argparse's own texts translated)."""

from __future__ import annotations

from tests.conftest import run_cli


def test_help_is_danish():
    result = run_cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("brug: autoproces [-h] [--version]")
    assert "\nkommandoer:\n" in result.stdout and "\ntilvalg:\n" in result.stdout
    assert "-h, --help            vis denne hjælp og afslut" in result.stdout
    assert "--version             vis versionsnummeret og afslut" in result.stdout
    assert "usage" not in result.stdout and "show " not in result.stdout


def test_argument_errors_are_danish_with_exit_code_2():
    cases = {
        ("check", "--bogus"): "autoproces: fejl i kommandoen: ukendte argumenter: --bogus",
        ("build", "--audience"): "autoproces build: fejl i kommandoen: argumentet --audience: kræver en værdi",
        (): "autoproces: fejl i kommandoen: disse argumenter mangler: KOMMANDO",
        ("nope",): "autoproces: fejl i kommandoen: argumentet KOMMANDO: ugyldigt valg: 'nope' (vælg mellem 'check'",
    }
    for args, expected in cases.items():
        result = run_cli(*args)
        assert result.returncode == 2, args
        assert result.stderr.startswith("brug: autoproces"), result.stderr
        assert expected in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
