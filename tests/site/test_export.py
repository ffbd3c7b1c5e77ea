"""``autoproces export --out DIR``: the exports and the search files through the pipeline, without mkdocs."""

from __future__ import annotations

import json
import subprocess
import sys

from generator.output_folder import MARKER
from tests.conftest import ROOT, copy_project, run_cli
from tests.site.test_site_build_errors import BROKEN

# Runs the command in a Python where importing mkdocs (or anything below it) fails.
WITHOUT_MKDOCS = """\
import importlib.abc, sys

class NoMkdocs(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith(("mkdocs.", "material")):
            raise ImportError(f"mkdocs is not installed here ({name})")
        return None

sys.meta_path.insert(0, NoMkdocs())
from generator.cli import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("mkdocs", "material") or m.startswith("generator.site"))
print("LOADED", loaded)
sys.exit(code)
"""


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_export_without_mkdocs_writes_the_same_files_as_the_site_build(tmp_path, site_root):
    out = tmp_path / "open-data"
    result = subprocess.run([sys.executable, "-c", WITHOUT_MKDOCS, "export", "--out", str(out)], cwd=ROOT,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "LOADED []" in result.stdout
    exported = _files(out)
    document = json.loads(exported["api/processes.json"])
    assert document["count"] == 40 and document["audience"] == "public"
    manifest = json.loads(exported["soeg/data/manifest.json"])
    assert manifest["count"] == 40
    for name in ("api/processes.csv", "api/processes.xlsx", "feed.xml", "schema/process.schema.json"):
        assert name in exported
    built = _files(site_root)
    assert {name: built.get(name) for name in exported} == exported  # byte for byte what the site has


def test_export_of_a_catalogue_with_errors_writes_nothing(tmp_path):
    project = copy_project(tmp_path)
    (project / "processes" / "aarhus" / "stavefejl.yaml").write_text(BROKEN, encoding="utf-8")
    out = project / "data"
    out.mkdir()
    (out / MARKER).write_text("skrevet af en tidligere eksport\n", encoding="utf-8")
    (out / "gammel.json").write_text("{}", encoding="utf-8")
    result = run_cli("export", "--out", "data", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output
    assert "processes/aarhus/stavefejl.yaml:4:" in output and "AP104" in output
    assert "Intet er skrevet i data." in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "gammel.json"]
    assert [p.name for p in project.iterdir() if p.name.startswith(".data")] == []


def test_export_for_an_unknown_audience_is_refused(tmp_path):
    result = run_cli("export", "--out", str(tmp_path / "x"), "--audience", "Aarhus Kommune")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "'Aarhus Kommune' er ikke et gyldigt publikum" in result.stderr
    assert not (tmp_path / "x").exists()
