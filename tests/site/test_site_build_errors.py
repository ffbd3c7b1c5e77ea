"""A catalogue with an error stops ``autoproces build`` with the check's diagnostics, exit 1, no traceback,
and leaves the previous site as it was (the build goes to a fresh folder that is swapped in on success)."""

from __future__ import annotations

import re

from generator.output_folder import MARKER
from tests.conftest import copy_project, run_cli

BROKEN = """\
title: En proces med en stavefejl i fasen
short_description: Fasen findes ikke.
municipality: aarhus
phase: drift
status: inprogress
visibility: public
contact:
  name: Anne Andersen
other_contact_email: digitalisering@aarhus.dk
"""


def test_error_in_catalogue_stops_the_build_and_keeps_the_old_site(tmp_path):
    project = copy_project(tmp_path)
    (project / "processes" / "aarhus" / "stavefejl.yaml").write_text(BROKEN, encoding="utf-8")
    site = project / "site"
    site.mkdir()
    (site / MARKER).write_text("skrevet af en tidligere build\n", encoding="utf-8")
    (site / "index.html").write_text("det gamle website", encoding="utf-8")

    result = run_cli("build", "--site-dir", "site", cwd=project)

    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert re.search(r"processes/aarhus/stavefejl\.yaml:4:\d+: (fejl|error) AP\d{3}", output), output
    assert "Sådan retter du det" in output
    assert "Websitet blev ikke bygget" in output
    assert (site / "index.html").read_text(encoding="utf-8") == "det gamle website"
    assert sorted(p.name for p in site.iterdir()) == [MARKER, "index.html"]
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


WITH_ATTACHMENTS = BROKEN.replace("phase: drift", "phase: idea") + """\
attachments:
  - file: procesdiagram.pdf
    title: Procesdiagram
    visibility: public
  - file: intern-budget.pdf
    title: Internt budget
"""


def test_successful_build_replaces_the_old_site_and_publishes_public_attachments(tmp_path):
    project = copy_project(tmp_path)
    (project / "processes" / "aarhus" / "med-bilag.yaml").write_text(WITH_ATTACHMENTS, encoding="utf-8")
    (project / "processes" / "aarhus" / "bilag").mkdir()
    (project / "processes" / "aarhus" / "bilag" / "procesdiagram.pdf").write_bytes(b"%PDF-1.4 diagram")
    (project / "processes" / "aarhus" / "bilag" / "intern-budget.pdf").write_bytes(b"%PDF-1.4 budget")
    site = project / "site"
    site.mkdir()
    (site / MARKER).write_text("skrevet af en tidligere build\n", encoding="utf-8")
    (site / "forældet.html").write_text("gammel side", encoding="utf-8")

    result = run_cli("build", "--site-dir", "site", cwd=project)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Websitet er bygget" in result.stdout
    assert (site / "index.html").is_file()
    assert not (site / "forældet.html").exists()
    page = site / "processer" / "aarhus" / "med-bilag"
    assert (page / "bilag" / "procesdiagram.pdf").read_bytes() == b"%PDF-1.4 diagram"
    assert '<a href="bilag/procesdiagram.pdf">Procesdiagram</a>' in (page / "index.html").read_text(encoding="utf-8")
    assert not list(site.rglob("intern-budget.pdf")), "an attachment for the own organisation is never published"
    assert "Internt budget" not in (page / "index.html").read_text(encoding="utf-8")


def test_unknown_audience_is_refused_in_danish(tmp_path):
    project = copy_project(tmp_path, processes=False)
    result = run_cli("build", "--site-dir", "site", "--audience", "Ikke Gyldig", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert "publikum" in output
    assert not (project / "site").exists()


HOSTILE_TITLES = ["</title><img src=x onerror=alert(1)>", "&lt;/title&gt;&lt;img src=x onerror=alert(2)&gt;"]


def test_hostile_titles_never_become_markup_anywhere_on_the_page(tmp_path):
    project = copy_project(tmp_path)
    for index, title in enumerate(HOSTILE_TITLES):
        text = BROKEN.replace("phase: drift", "phase: idea").replace(
            "title: En proces med en stavefejl i fasen", "title: '" + title + "'")
        (project / "processes" / "aarhus" / f"fjendtlig-{index}.yaml").write_text(text, encoding="utf-8")
    result = run_cli("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    for index in range(len(HOSTILE_TITLES)):
        html = (project / "site" / "processer" / "aarhus" / f"fjendtlig-{index}" / "index.html").read_text(
            encoding="utf-8")
        assert "<img" not in html, "a title must never turn into a tag"
        assert "</title><" not in html
        assert html.count("</title>") == 1
