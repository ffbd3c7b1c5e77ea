"""A municipality's private build (``--audience``, ``--overlay``, or the environment variables for a plain
``mkdocs build``) shows its own internal processes and notes; the public build never does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

from generator.site.plugin import AutoprocesPlugin
from tests.conftest import copy_project, run_cli

INTERNAL_NOTE = "Licens til robotten fornyes hvert år i september."
OWN_PAGE = "processer/aarhus/automatisk-journalisering-af-sygedagpengesager/index.html"
OVERLAY_PROCESS = """\
title: Intern proces i overlay
short_description: Kun til Aarhus' egne medarbejdere.
municipality: aarhus
phase: idea
status: inprogress
visibility: municipality
contact:
  name: Anne Andersen
  email: anne.andersen@aarhus.dk
"""


def test_private_build_with_overlay_shows_own_processes_and_notes(tmp_path):
    project = copy_project(tmp_path)
    overlay = tmp_path / "aarhus-privat"
    (overlay / "aarhus").mkdir(parents=True)
    (overlay / "aarhus" / "intern-proces.yaml").write_text(OVERLAY_PROCESS, encoding="utf-8")

    result = run_cli("build", "--audience", "aarhus", "--overlay", str(overlay), "--site-dir", "privat",
                     cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "privat"
    own = (site / OWN_PAGE).read_text(encoding="utf-8")
    assert INTERNAL_NOTE in own and "Interne noter" in own and "Privat udgave" in own
    assert (site / "processer/aarhus/intern-proces/index.html").is_file()
    ids = {r["id"] for r in json.loads((site / "api/processes.json").read_text(encoding="utf-8"))["processes"]}
    assert "aarhus/intern-proces" in ids


def test_plain_mkdocs_build_reads_the_audience_from_the_environment(tmp_path):
    project = copy_project(tmp_path)
    env = {**os.environ, "AUTOPROCES_AUDIENCE": "aarhus"}
    env.pop("AUTOPROCES_OVERLAY", None)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "privat"], cwd=project, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert INTERNAL_NOTE in (project / "privat" / OWN_PAGE).read_text(encoding="utf-8")

    env["AUTOPROCES_AUDIENCE"] = "public"
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "offentlig"], cwd=project,
                            env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    public = (project / "offentlig" / OWN_PAGE).read_text(encoding="utf-8")
    assert INTERNAL_NOTE not in public and "Privat udgave" not in public
    # Without ``autoproces build`` the plugin asks the pipeline for the exports and the search files.
    exported = json.loads((project / "offentlig" / "api/processes.json").read_text(encoding="utf-8"))
    assert exported["audience"] == "public" and exported["count"] == 40
    assert json.loads((project / "offentlig" / "soeg/data/manifest.json").read_text(encoding="utf-8"))["count"] == 40


def test_serve_rebuilds_when_a_process_file_changes(tmp_path):
    plugin = AutoprocesPlugin()
    plugin.load_config({})
    (tmp_path / "processes").mkdir()
    (tmp_path / "taxonomies").mkdir()
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"))
    plugin.on_config(config)
    watched: list[str] = []
    server = SimpleNamespace(watch=lambda path, *a, **kw: watched.append(path))
    plugin.on_serve(server, config=config, builder=None)
    assert str(tmp_path / "processes") in watched
    assert str(tmp_path / "taxonomies") in watched
    assert all(Path(p).is_absolute() for p in watched)
