"""Every file in .github/workflows, parsed once.

A test that takes the ``workflow`` argument runs on each workflow file, so a workflow added later
is covered without touching the tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import ROOT

WORKFLOW_DIR = ROOT / ".github" / "workflows"


@dataclass(frozen=True)
class Step:
    job: str
    number: int  # 1-based, as GitHub shows it
    data: dict

    @property
    def uses(self) -> str:
        return str(self.data.get("uses") or "")

    @property
    def label(self) -> str:
        title = self.data.get("name") or self.uses or "run"
        return f"job {self.job!r}, step {self.number} ({title})"


@dataclass(frozen=True)
class Workflow:
    path: Path
    text: str
    data: dict

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def jobs(self) -> dict[str, dict]:
        return dict(self.data.get("jobs") or {})

    def steps(self) -> Iterator[Step]:
        for job_id, job in self.jobs.items():
            for index, step in enumerate(job.get("steps") or []):
                yield Step(job_id, index + 1, dict(step))


def workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOW_DIR.iterdir() if p.suffix in {".yml", ".yaml"} and p.is_file())


def load_workflow(path: Path) -> Workflow:
    text = path.read_text(encoding="utf-8")
    data = YAML(typ="safe", pure=True).load(text)
    assert isinstance(data, dict), f"{path.name}: a workflow must be a YAML mapping"
    return Workflow(path, text, data)


def pytest_generate_tests(metafunc):
    if "workflow" in metafunc.fixturenames:
        paths = workflow_files()
        metafunc.parametrize("workflow", [load_workflow(p) for p in paths], ids=[p.name for p in paths])
