"""``autoproces copy``: a new file for the target municipality that passes the check and gives nothing away."""

from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import copy_project, run_cli

SOURCE = "esbjerg/bestilling-af-hjaelpemidler-fra-depotet"
NEVER_COPIED = ("owner", "reporter", "org_units", "users", "internal_notes", "esdh_reference",
                "other_contact_email", "attachments", "status_text", "validations", "umbrellas")


def _read(path: Path) -> dict:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def test_a_copy_belongs_to_the_target_points_to_its_source_and_passes_the_check(tmp_path):
    project = copy_project(tmp_path)
    result = run_cli("copy", SOURCE, "--to", "aarhus", "--contact-name", "Anne Jensen",
                     "--contact-email", "digitalisering@aarhus.dk", "--phase", "operation", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    target = project / "processes/aarhus/bestilling-af-hjaelpemidler-fra-depotet.yaml"
    assert result.stdout.startswith(f"Oprettet processes/aarhus/bestilling-af-hjaelpemidler-fra-depotet.yaml (kopi af {SOURCE}).")
    data = _read(target)
    source = _read(project / f"processes/{SOURCE}.yaml")
    assert (data["municipality"], data["visibility"], data["derived_from"]) == ("aarhus", "municipality", SOURCE)
    assert data["contact"] == {"name": "Anne Jensen", "email": "digitalisering@aarhus.dk"}
    assert (data["phase"], data["status"]) == ("operation", "not_rated")
    assert not set(NEVER_COPIED) & set(data)
    assert [link["url"] for link in data["links"]] == ["https://www.esbjerg.dk/borger/sundhed-og-omsorg/hjaelpemidler"]
    assert data["title"] == source["title"] and data["technologies"] == source["technologies"]
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == \
        "# yaml-language-server: $schema=https://autoproces.github.io/autoproces/schema/process.schema.json"
    for secret in ("Steen Rask", "Gitte Mortensen", "Hjælpemiddeldepotet", "intranet", "torsdage", "rpa-teamet@"):
        assert secret not in text
    check = run_cli("check", str(target.relative_to(project)), cwd=project)
    assert check.returncode == 0 and " 0 fejl" in check.stdout, check.stdout


def test_a_copy_in_the_idea_phase_leaves_out_the_later_phases_fields(tmp_path):
    project = copy_project(tmp_path)
    overlay = tmp_path / "aarhus-privat"
    result = run_cli("copy", SOURCE, "--to", "aarhus", "--contact-name", "Anne Jensen", "--overlay", str(overlay),
                     cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    data = _read(overlay / "aarhus/bestilling-af-hjaelpemidler-fra-depotet.yaml")
    assert data["phase"] == "idea"
    assert not {"technologies", "run_period", "rating", "put_into_operation", "automation_description"} & set(data)
    assert not (project / "processes/aarhus/bestilling-af-hjaelpemidler-fra-depotet.yaml").exists()
    check = run_cli("check", "--overlay", str(overlay), str(overlay / "aarhus"), cwd=project)
    assert check.returncode == 0 and "0 fejl, 0 advarsler" in check.stdout, check.stdout


def test_a_copy_is_refused_with_a_danish_reason_and_nothing_is_written(tmp_path):
    project = copy_project(tmp_path)
    before = sorted(p.name for p in (project / "processes/aarhus").iterdir())
    unknown = run_cli("copy", "esbjerg/findes-ikke", "--to", "aarhus", "--contact-name", "A", cwd=project)
    assert unknown.returncode == 1 and "Processen 'esbjerg/findes-ikke' findes ikke i kataloget" in unknown.stderr
    own = run_cli("copy", SOURCE, "--to", "esbjerg", "--contact-name", "A", cwd=project)
    assert own.returncode == 1 and "hører allerede til 'esbjerg'" in own.stderr
    nowhere = run_cli("copy", SOURCE, "--to", "atlantis", "--contact-name", "A", cwd=project)
    assert nowhere.returncode == 2 and "'atlantis' findes ikke" in nowhere.stderr
    hostile = run_cli("copy", SOURCE, "--to", "../../etc", "--contact-name", "A", cwd=project)
    assert hostile.returncode == 2 and "Traceback" not in hostile.stderr
    first = run_cli("copy", SOURCE, "--to", "aarhus", "--contact-name", "A", cwd=project)
    again = run_cli("copy", SOURCE, "--to", "aarhus", "--contact-name", "A", cwd=project)
    assert first.returncode == 0 and again.returncode == 1 and "findes allerede" in again.stderr
    after = sorted(p.name for p in (project / "processes/aarhus").iterdir())
    assert after == sorted(before + ["bestilling-af-hjaelpemidler-fra-depotet.yaml"])


def test_a_source_whose_check_finds_an_error_is_not_copied(tmp_path):
    project = copy_project(tmp_path)
    source = project / f"processes/{SOURCE}.yaml"
    source.write_text(source.read_text(encoding="utf-8").replace("kle: 27.60.08", "kle: 99.99.99"), encoding="utf-8")
    result = run_cli("copy", SOURCE, "--to", "aarhus", "--contact-name", "A", cwd=project)
    assert (result.returncode, result.stderr.strip()) == (
        1, f"autoproces copy: Processen '{SOURCE}' har fejl; ret dem, før den kopieres (autoproces check).")
    assert not (project / "processes/aarhus/bestilling-af-hjaelpemidler-fra-depotet.yaml").exists()
