"""The ``taxonomies`` command: argparse wiring, exit codes, and running as a module."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys

import pytest

from generator.taxonomies.commands import add_commands, main

from .conftest import ROOT, TAXONOMIES, snapshot


def test_add_commands_registers_build_and_refresh():
    parser = argparse.ArgumentParser(prog="autoproces")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["taxonomies", "refresh", "--only", "form", "--max-drop", "0,25"])
    assert (args.only, args.max_drop, args.func.__name__) == ("form", 0.25, "run_refresh")
    assert parser.parse_args(["taxonomies", "build"]).func.__name__ == "run_build"
    with pytest.raises(SystemExit):
        parser.parse_args(["taxonomies", "refresh", "--only", "kla"])


def test_build_command_rebuilds_identical_files(tmp_path, capsys, built):
    shutil.copytree(TAXONOMIES / "sources", tmp_path / "taxonomies" / "sources")
    assert main(["--taxonomies", str(tmp_path / "taxonomies"), "taxonomies", "build"]) == 0
    assert "Byggede 8 lister" in capsys.readouterr().out
    files = snapshot(tmp_path / "taxonomies")
    assert all(files[name] == data for name, data in snapshot(built).items())


def test_build_command_reports_a_broken_source_in_one_line(tmp_path, capsys):
    shutil.copytree(TAXONOMIES / "sources", tmp_path / "sources")
    (tmp_path / "sources" / "curated" / "technologies.yaml").write_text("technologies: [\n", encoding="utf-8")
    assert main(["--taxonomies", str(tmp_path), "taxonomies", "build"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fejl: Kilde curated/technologies.yaml: ikke gyldig YAML") and err.count("\n") == 1
    assert not (tmp_path / "kle.json").exists()       # nothing written when one list fails


def test_autoproces_cli_runs_the_taxonomy_commands(tmp_path):
    shutil.copytree(TAXONOMIES / "sources", tmp_path / "taxonomies" / "sources")
    result = subprocess.run([sys.executable, "-m", "generator", "taxonomies", "build"], cwd=tmp_path,
                            capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "taxonomies" / "kle.json").read_bytes() == (TAXONOMIES / "kle.json").read_bytes()


def test_module_entry_point_runs_without_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator.taxonomies.commands", "taxonomies", "refresh",
                             "--only", "kitos"], cwd=tmp_path, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("Fejl: KITOS: mangler adgangsoplysninger") and "Traceback" not in result.stderr
