"""``autoproces codeowners``: one owner team per municipality folder, and the committed file is current."""

from __future__ import annotations

from tests.conftest import ROOT, copy_project, run_cli


def test_the_committed_codeowners_file_is_up_to_date():
    result = run_cli("codeowners", "--check", cwd=ROOT)
    assert result.returncode == 0, (result.stderr + " Run `autoproces codeowners` and commit .github/CODEOWNERS.")


def test_every_municipality_folder_is_owned_by_its_team_in_the_configured_organisation(tmp_path):
    project = copy_project(tmp_path, processes=False)
    (project / "pyproject.toml").write_text('[tool.autoproces]\ngithub_org = "os2-kommuner"\n'
                                            'codeowners_team = "kommune-{slug}"\n', encoding="utf-8")
    result = run_cli("codeowners", cwd=project)
    assert result.returncode == 0 and result.stdout == "Skrev .github/CODEOWNERS (103 organisationer).\n"
    lines = (project / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [line.split() for line in lines if line and not line.startswith("#")]
    assert len(rules) == 103
    assert ["/processes/aarhus/", "@os2-kommuner/kommune-aarhus"] in rules
    assert ["/processes/region-hovedstaden/", "@os2-kommuner/kommune-region-hovedstaden"] in rules
    assert rules == sorted(rules)


def test_a_stale_file_fails_the_check_and_a_bad_setting_is_a_usage_error(tmp_path):
    project = copy_project(tmp_path, processes=False)
    assert run_cli("codeowners", cwd=project).returncode == 0
    owners = project / ".github/CODEOWNERS"
    owners.write_text(owners.read_text(encoding="utf-8").replace("@autoproces/odense", "@autoproces/aarhus"),
                      encoding="utf-8")
    stale = run_cli("codeowners", "--check", cwd=project)
    assert stale.returncode == 1
    assert stale.stderr == ".github/CODEOWNERS er forældet. Kør 'autoproces codeowners', og commit filen.\n"
    (project / "pyproject.toml").write_text('[tool.autoproces]\ngithub_org = "a b; rm -rf"\n', encoding="utf-8")
    bad = run_cli("codeowners", cwd=project)
    assert bad.returncode == 2 and "github_org" in bad.stderr and "Traceback" not in bad.stderr
