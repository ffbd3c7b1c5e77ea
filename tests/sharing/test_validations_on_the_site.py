"""Validations on the published site: the page, the exports, the dashboard and the search facet (a real build)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from generator.search.documents import search_documents
from generator.search.facets import build_facets, counts
from tests.conftest import copy_project, run_cli
from tests.support.catalogue import BASE
from tests.support.catalogue import process, published
from tests.support.git_repo import commit, init_repo

VALIDATED = BASE + """\
validations:
  - municipality: odense
    date: 2024-03-01
    note: Tallene passer med vores egen løsning.
  - municipality: koebenhavn
    date: 2024-09-01
adopted_by: [odense]
"""
PAGE = "processer/aarhus/journalisering/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("validations"), processes=False)
    init_repo(project)
    commit(project, "Ny proces", "2024-02-01T10:00:00+01:00", {"processes/aarhus/journalisering.yaml": VALIDATED,
                                                              "processes/odense/anden.yaml": BASE.replace("aarhus", "odense")})
    commit(project, "Ny fase", "2024-06-01T10:00:00+02:00",
           {"processes/aarhus/journalisering.yaml": VALIDATED.replace("phase: idea", "phase: preanalysis")})
    result = run_cli("build", "--site-dir", "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_the_page_says_who_validated_it_when_and_whether_it_changed_since(site):
    html = (site / PAGE).read_text(encoding="utf-8")
    assert "Valideret af 2 kommuner" in html
    assert ("Odense Kommune, 1. marts 2024: Tallene passer med vores egen løsning. (forældet: Fase er ændret siden)"
            in html)
    assert "Københavns Kommune, 1. september 2024" in html
    assert "september 2024 (forældet" not in html  # validated after the change: not stale
    assert "Bruges også af" in html


def test_the_count_is_in_the_exports_and_on_the_dashboard(site):
    records = {r["id"]: r for r in json.loads((site / "api/processes.json").read_text(encoding="utf-8"))["processes"]}
    assert records["aarhus/journalisering"]["validation_count"] == 2
    assert records["odense/anden"]["validation_count"] == 0
    assert [v["municipality"] for v in records["aarhus/journalisering"]["validations"]] == ["odense", "koebenhavn"]
    rows = list(csv.DictReader(io.StringIO((site / "api/processes.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    row = next(r for r in rows if r["Id"] == "aarhus/journalisering")
    assert row["Antal valideringer fra andre kommuner"] == "2"
    assert row["Valideringer"] == "Odense Kommune (2024-03-01); Københavns Kommune (2024-09-01)"
    dashboard = (site / "overblik/index.html").read_text(encoding="utf-8")
    assert "<dt>Valideret af andre kommuner</dt><dd>1</dd>" in dashboard


def test_the_search_facet_counts_processes_validated_by_another_municipality():
    catalogue = published({
        "aarhus/a": process(title="Valideret", validations=[{"municipality": "odense", "date": "2024-03-01"}]),
        "aarhus/b": process(title="Ikke valideret"),
    })
    facet = {f.key: f for f in build_facets(catalogue, search_documents(catalogue))}["valideret"]
    assert facet.label == "Valideret af andre kommuner"
    assert counts(facet) == {"ja": 1}
