"""Editors and commit hooks: the schema's reference lists, its address, the schema line, .vscode, pre-commit."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import ROOT, run_cli
from tests.support.catalogue import BASE, real_lists
from generator.schema_address import schema_url

PUBLISHED = "https://autoproces.github.io/autoproces/schema/process.schema.json"


def schema_from_cli(*args: str) -> dict:
    result = run_cli("schema", *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _string_branch(prop: dict) -> dict:
    node = prop.get("items", prop)
    return next((b for b in node.get("anyOf", []) if b.get("type") == "string"), node)


def test_the_schema_lists_every_code_of_the_reference_lists_with_its_title():
    schema = schema_from_cli()
    lists = real_lists()
    for key, list_name in [("kle", "kle"), ("form", "form"), ("municipality", "municipalities"),
                           ("it_systems", "it_systems"), ("services", "it_systems"),
                           ("technologies", "technologies")]:
        branch = _string_branch(schema["properties"][key])
        assert branch["enum"] == sorted(t.code for t in lists[list_name]), key
        assert len(branch["markdownEnumDescriptions"]) == len(branch["enum"]), key
    kle = _string_branch(schema["properties"]["kle"])
    described = dict(zip(kle["enum"], kle["markdownEnumDescriptions"]))
    assert described["32.30.04"] == "Udbetaling af sygedagpenge"
    assert described["00.10.00"] == "Integration og udlændinge i almindelighed \\[flyttet, brug 15.40.00\\]"
    systems = _string_branch(schema["properties"]["it_systems"])
    assert dict(zip(systems["enum"], systems["markdownEnumDescriptions"]))["kombit-kp"] == \
        "KP – Kommunernes Pensionssystem – leverandør ukendt, ejer: KOMBIT"
    municipalities = _string_branch(schema["properties"]["municipality"])
    assert dict(zip(municipalities["enum"], municipalities["markdownEnumDescriptions"]))["koebenhavn"] == \
        "Københavns Kommune"


def test_the_schema_id_is_the_sites_real_address(tmp_path):
    assert schema_url(ROOT / "mkdocs.yml") == PUBLISHED
    assert schema_from_cli()["$id"] == PUBLISHED
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\n", encoding="utf-8")
    assert "$id" not in schema_from_cli("--config", str(config))  # no address known: no made-up host


def test_every_example_process_starts_with_the_schema_line():
    line = f"# yaml-language-server: $schema={PUBLISHED}"
    files = sorted((ROOT / "processes").rglob("*.yaml"))
    assert len(files) >= 40
    for path in files:
        assert path.read_text(encoding="utf-8").split("\n", 1)[0] == line, path
    assert f"```yaml\n{line}\n" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_vscode_recommends_the_yaml_extension_and_maps_process_files_to_the_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {PUBLISHED: "processes/**/*.yaml"}
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert extensions["recommendations"] == ["redhat.vscode-yaml"]


def _hook() -> dict:
    hooks = YAML(typ="safe", pure=True).load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["autoproces-check"]
    return hooks[0]


def test_the_pre_commit_hook_runs_the_check_on_changed_process_files(tmp_path):
    hook = _hook()
    files = re.compile(hook["files"])
    assert files.search("processes/aarhus/proces.yaml") and files.search("processes/aarhus/proces.yml")
    assert not files.search("docs/bidrag.md") and not files.search("taxonomies/sources/curated/it_systems.yaml")
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    repo = tmp_path / "katalog"
    shutil.copytree(ROOT / "taxonomies", repo / "taxonomies", ignore=shutil.ignore_patterns("sources"))
    bad = repo / "processes" / "aarhus" / "proces.yaml"
    bad.parent.mkdir(parents=True)
    bad.write_text(BASE.replace("phase: idea", "phase: drift"), encoding="utf-8")
    good = repo / "processes" / "aarhus" / "god.yaml"
    good.write_text(BASE, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    # pre-commit runs the entry from the repository root with the changed files that match `files` appended.
    command = shlex.split(hook["entry"])
    command[0] = str(Path(sys.executable).with_name(command[0]))
    failed = subprocess.run([*command, "processes/aarhus/proces.yaml"], cwd=repo, capture_output=True, text=True)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "processes/aarhus/proces.yaml:4:8: error AP104 felt phase: 'drift' er ikke en gyldig værdi for Fase (phase)." \
        in failed.stdout
    passed = subprocess.run([*command, "processes/aarhus/god.yaml"], cwd=repo, capture_output=True, text=True)
    assert passed.returncode == 0 and "1 fil kontrolleret: 0 fejl, 0 advarsler." in passed.stdout
