"""A build loads no more than it uses and does no work it does not need: mkdocs' search plugin would
import lunr.py (and nltk) for an index prebuilt in Python that this site never makes, so the build keeps
that import out (the header's search form is still on every page); and no cycle collection runs while
the pages and outputs are written, but in a full build too large for two output children."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import copy_project
from tests.support.catalogue import write_process

PROBE = ("import sys\n"
         "from generator.cli import main\n"
         "code = main(['build', '--site-dir', 'site'])\n"
         "print(code, 'lunr' in sys.modules, 'nltk' in sys.modules)\n")


def test_a_build_does_not_import_lunr_py_and_keeps_the_header_search_form(tmp_path):
    project = copy_project(tmp_path, processes=False)
    write_process(project / "processes", "en-proces")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=project, capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "0 False False", result.stderr
    page = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert 'role="search" aria-label="Søg i kataloget"' in page
    assert (project / "site" / "search" / "search_index.json").is_file()  # Material's plugin still runs


def _collector_while_writing(project, monkeypatch, *arguments: str) -> bool:
    """Whether cycle collection was on while a build in this process wrote its pages and outputs."""
    import gc

    from generator.cli import main
    from generator.site import build

    seen = []
    real = build._write_site

    def watched(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(build, "_write_site", watched)
    monkeypatch.chdir(project)
    assert main(["build", "--site-dir", "site", *arguments]) == 0
    assert gc.isenabled() and gc.get_freeze_count() == 0  # as before the build
    return seen == [True]


def test_the_collector_pauses_while_pages_are_written_but_in_a_large_full_build(tmp_path, monkeypatch):
    from generator.site import concurrent_outputs

    project = copy_project(tmp_path, processes=False)
    write_process(project / "processes", "en-proces")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    assert _collector_while_writing(project, monkeypatch) is False
    assert _collector_while_writing(project, monkeypatch, "--incremental") is False
    monkeypatch.setattr(concurrent_outputs, "SPLIT_FULL_BUILDS_UP_TO", 0)  # this catalogue is now "large"
    assert _collector_while_writing(project, monkeypatch) is True
    assert _collector_while_writing(project, monkeypatch, "--incremental") is False
