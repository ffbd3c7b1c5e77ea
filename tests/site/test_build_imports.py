"""A build loads no more than it uses: mkdocs' search plugin would import lunr.py (and nltk) for an index
prebuilt in Python that this site never makes; the build keeps that import out, and the header's search
form is still on every page."""

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
