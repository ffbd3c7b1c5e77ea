"""The throwaway projects a benchmark measures: a copy of this project with a synthetic catalogue, and a
bare mkdocs-material project with one minimal page per process (the build's reference)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from synthetic import to_yaml

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "site_templates", "taxonomies", "docs", "pyproject.toml")
GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.org"}
REFERENCE_CONFIG = """\
site_name: Reference
docs_dir: docs
use_directory_urls: true
theme:
  name: material
  language: da
  font: false
plugins: []
nav:
  - Forside: index.md
validation:
  nav:
    omitted_files: ignore
"""


def make_project(target: Path, records: list[tuple[str, dict]]) -> Path:
    """``target/project``: the site configuration, templates and lists of this project (with the curated
    source lists that ``check`` and ``build`` read directly), and the catalogue."""
    project = target / "project"
    project.mkdir(parents=True)
    for name in PROJECT_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name)
        elif source.exists():
            shutil.copy2(source, project / name)
    for process_id, data in records:
        path = project / "processes" / f"{process_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(to_yaml(data), encoding="utf-8")
    return project


def commit(project: Path) -> None:
    """Commit the project to a new git repository, as a catalogue lives (the pages show its history)."""
    env = {**os.environ, **GIT_ENV}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "Syntetisk katalog"]):
        subprocess.run(["git", *args], cwd=project, env=env, check=True)


def make_reference_site(target: Path, records: list[tuple[str, dict]]) -> Path:
    """``target/reference``: a bare mkdocs-material project with one page per process (title and résumé)."""
    project = target / "reference"
    docs = project / "docs"
    docs.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(REFERENCE_CONFIG, encoding="utf-8")
    (docs / "index.md").write_text(f"# Reference\n\n{len(records)} sider.\n", encoding="utf-8")
    for process_id, data in records:
        page = docs / "processer" / f"{process_id}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"# {data['title']}\n\n{data['short_description']}\n", encoding="utf-8")
    return project


def change_files(project: Path, process_ids: list[str]) -> list[str]:
    """Change one figure in each of these process files, as a pull request would; returns their paths."""
    paths = []
    for process_id in process_ids:
        relative = f"processes/{process_id}.yaml"
        path = project / relative
        text = path.read_text(encoding="utf-8")
        changed = re.sub(r"^time_spend_occurrences: (\d+)$", lambda m: f"time_spend_occurrences: {int(m[1]) + 1}",
                         text, count=1, flags=re.M)
        path.write_text(changed, encoding="utf-8")
        paths.append(relative)
    return paths

