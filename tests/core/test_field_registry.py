"""The field registry (``generator.model.fields``) is the one place that says what a field means.

The lists the checks, pages, exports and search used to write by hand are derived from it; a new
field that references a list shows up on the page, in the exports and in the search with no other
change than the model (shown with a fixture field in a real build).
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from generator.checks.phase_rules import LIST_OF_VALUES_FIELDS
from generator.checks.relations import UMBRELLA_FIELDS
from generator.checks.schema import SUB_FIELDS
from generator.model import PROCESS_FIELDS, Domain, ItemVisibility, Level
from generator.model.fields import SECTION_IDS, field_at
from generator.search.documents import CODE_FIELDS, LABEL_FIELDS, LONG_TEXT_FIELDS
from generator.search.output import family_files
from generator.taxonomies.report import CODE_FIELDS as REPORTED_FIELDS, LIST_LABELS
from tests.conftest import ROOT, copy_project


def test_the_hand_written_lists_are_derived_with_the_same_content():
    assert UMBRELLA_FIELDS == {
        "title", "short_description", "municipality", "phase", "status", "visibility", "type", "kle", "kl_id",
        "kla", "form", "contact", "other_contact_email", "domains", "long_description", "run_period",
        "search_words", "links", "os2autoproces_id", "created", "internal_notes", "reporter", "owner"}
    assert set(LONG_TEXT_FIELDS) == {
        "long_description", "status_text", "solution_requests", "process_challenges", "it_systems_description",
        "time_spend_comment", "legal_clause", "technical_implementation_notes",
        "organizational_implementation_notes", "automation_description", "rating_comment", "vendor"}
    assert set(LIST_OF_VALUES_FIELDS) == {"domains", "it_systems", "services", "technologies", "umbrellas",
                                          "org_units", "search_words", "adopted_by"}
    assert set(SUB_FIELDS) == {"contact", "owner", "reporter", "users", "links", "attachments", "validations"}
    assert SECTION_IDS["general"] == "grundlaeggende-oplysninger" and SECTION_IDS["attachments"] == "bilag-og-links"
    assert REPORTED_FIELDS == {"municipality": "municipalities", "kle": "kle", "form": "form", "kla": "kla",
                               "it_systems": "it_systems", "technologies": "technologies", "services": "it_systems"}
    assert LIST_LABELS["it_systems"] == "IT-systemer (KITOS)"
    assert set(CODE_FIELDS) == {"municipality", "kle", "form", "kla", "kl_id", "os2autoproces_id", "it_systems",
                                "services", "technologies"} and LABEL_FIELDS == ("domains",)


def test_enumerations_and_sub_models_are_read_from_the_annotations():
    assert PROCESS_FIELDS["domains"].enum is Domain and PROCESS_FIELDS["domains"].is_list
    assert PROCESS_FIELDS["evaluated_level_of_roi"].enum is Level
    assert SUB_FIELDS["links"]["visibility"].enum is ItemVisibility
    assert not [k for k, info in PROCESS_FIELDS.items() if info.confidential and info.search]


def test_a_key_path_names_the_position_the_user_reads():
    found = field_at(PROCESS_FIELDS, ("links", 1, "title"))
    assert (found.label, found.key, found.leaf) == ("Links (nr. 2) › Titel", "links[2].title", "title")
    assert field_at(PROCESS_FIELDS, ("contact", "email")).key == "contact.email"
    assert field_at(PROCESS_FIELDS, ("tittel",)).label == "tittel"


# A fixture field added to the model, and nothing else, before the real command runs.
WITH_FIXTURE_FIELD = """\
import sys
import generator.model as model
from generator.model import process as models
from generator.model.fields import describe_fields, field


class Process(models.Process):
    robot_systems: list[models.Slug] = field(
        "Robottens systemer", "IT-systemer, robotten logger på.", "implementation", references="it_systems",
        search="code", default_factory=list)


Process.__name__ = Process.__qualname__ = "Process"
models.Process = model.Process = Process
model.PROCESS_FIELDS = describe_fields(Process)
from generator.cli import main
sys.exit(main(sys.argv[1:]))
"""

ROBOT = """\
title: Robot i journalen
short_description: En robot journaliserer post.
municipality: aarhus
phase: idea
status: inprogress
visibility: public
contact:
  name: Digitaliseringsenheden
other_contact_email: digitalisering@aarhus.dk
robot_systems: [kmd-nexus]
"""


def test_a_new_field_that_references_a_list_reaches_page_exports_and_search(tmp_path):
    project = copy_project(tmp_path, processes=False)
    (project / "processes" / "aarhus").mkdir()
    (project / "processes" / "aarhus" / "robot.yaml").write_text(ROBOT, encoding="utf-8")
    result = subprocess.run([sys.executable, "-c", WITH_FIXTURE_FIELD, "build", "--site-dir", "site"], cwd=project,
                            capture_output=True, text=True, timeout=600, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"

    page = (site / "processer/aarhus/robot/index.html").read_text(encoding="utf-8")
    assert "Robottens systemer" in page and 'href="../../../it-systemer/kmd-nexus/"' in page

    record = json.loads((site / "api/processes/aarhus/robot.json").read_text(encoding="utf-8"))
    assert record["robot_systems"] == ["kmd-nexus"]
    assert record["robot_systems_resolved"] == [{"slug": "kmd-nexus", "name": "KMD Nexus", "vendor": "KMD A/S"}]
    rows = list(csv.reader(io.StringIO((site / "api/processes.csv").read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert rows[1][rows[0].index("Robottens systemer")] == "KMD Nexus"

    data = site / "soeg" / "data"
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    short_terms = {t for name in family_files("kort", manifest["indexes"]["kort"])
                   for t in json.loads((data / name).read_text(encoding="utf-8"))["terms"]}
    assert {"kmd-nexus", "nexus"} <= short_terms  # the code, and the word of the system's name
