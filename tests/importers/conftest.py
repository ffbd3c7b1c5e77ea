"""Fixtures for the OS2autoproces importer: a scratch project with the real lists, recorded API pages,
the importer run as the ``autoproces`` command, and the recorded-response server of the list tests."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ROOT
from tests.taxonomies.conftest import server, snapshot  # noqa: F401  (the real HTTP server on 127.0.0.1)

RECORDED = Path(__file__).parent / "recorded"
API_PAGES = [RECORDED / "api" / f"processes-page-{n}.json" for n in range(2)]


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A scratch project (the real lists with their sources, no processes) as the working directory."""
    target = tmp_path / "project"
    shutil.copytree(ROOT / "taxonomies", target / "taxonomies")
    (target / "processes").mkdir()
    monkeypatch.chdir(target)
    return target


def run_import(*args: str) -> tuple[int, str, str]:
    """``autoproces import os2autoproces ARGS`` in the current directory; (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["import", "os2autoproces", *args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def run_check(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", *args])
    return code, out.getvalue() + err.getvalue()
