"""The example on the rules page (``autoproces rules``) really breaks its rule, so the page cannot drift."""

from __future__ import annotations

import re

import pytest

from tests.support.catalogue import BASE, catalogue_of, entry_for, real_lists, write
from generator.checks.rules import all_rules

# Examples that are a whole file rather than a fragment of one.
WHOLE_FILE = {"AP004", "AP011"}
# Examples that describe what cannot be shown as YAML text, with the test that covers the rule instead.
NOT_A_FRAGMENT = {
    "AP000": "a file that cannot be read (tests/corpus/generated.py)",
    "AP001": "a file over 1 MB (generated.py)",
    "AP002": "bytes that are not UTF-8 (generated.py)",
    "AP012": "a path, not file content (generated.py)",
    "AP013": "a file name (generated.py)",
    "AP015": "two file names (generated.py, test_location.py)",
    "AP119": "more than 60,000 characters of text (tests/corpus/generated.py, tests/core/test_text_rules.py)",
    "AP314": "needs git history (tests/corpus/generated.py, tests/core/test_validations.py)",
    "AP406": "the real KITOS list has no retired system yet (fixture list in test_references.py)",
    "AP411": "the real KLA list is empty (fixture list in test_references.py)",
    "AP412": "the real FORM list has no retired code (fixture list in test_references.py)",
    "AP507": "a symbolic link (tests/confidentiality)",
    "AP509": "a build audience (tests/confidentiality)",
    "AP510": "a symbolic link (tests/confidentiality)",
    "AP511": "a symbolic link (generated.py, tests/confidentiality/test_attachments.py)",
    "AP513": "the content of an attachment file (corpus bilag/, test_attachments.py)",
    "AP514": "an attachment over 10 MB (generated.py)",
}
# Examples that are a fragment of a curated list file (read directly by load_taxonomies), by file.
CURATED_FILE = {"AP413": "it_systems.yaml", "AP414": "it_systems.yaml", "AP415": "it_systems.yaml",
                "AP416": "it_systems.yaml", "AP417": "it_systems.yaml"}
OTHER_FILES = {
    "processes/odense/faelles-paraply.yaml": BASE.replace("aarhus", "odense") + "type: global_parent\n",
    "processes/odense/egen-paraply.yaml": BASE.replace("aarhus", "odense") + "type: parent\n",
    "processes/aarhus/almindelig-proces.yaml": BASE,
    "processes/aarhus/anden-paraply.yaml": BASE + "type: parent\n",
}


def with_example(example: str) -> str:
    """BASE with the example's fields in place of BASE's own (and without fields it says are missing)."""
    replaced = set(re.findall(r"(?m)^(\w+):", example)) | set(re.findall(r"#\s*(\w+) mangler", example))
    kept, skipping = [], False
    for line in BASE.splitlines():
        if key := re.match(r"^(\w+):", line):
            skipping = key.group(1) in replaced
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n" + example + "\n"


@pytest.mark.parametrize("rule", sorted(set(all_rules()) - set(NOT_A_FRAGMENT) - set(CURATED_FILE)))
def test_the_example_breaks_its_rule(tmp_path, rule):
    example = all_rules()[rule].example
    for name, text in OTHER_FILES.items():
        write(tmp_path, name, text)
    folder = re.search(r"# i processes/([a-z-]+)/", example)
    path = write(tmp_path, f"processes/{folder.group(1) if folder else 'aarhus'}/eksempel.yaml",
                 example + "\n" if rule in WHOLE_FILE else with_example(example))
    findings = entry_for(catalogue_of(tmp_path, real_lists(), extra_files=[path]), path).findings
    assert rule in [f.rule for f in findings], findings


@pytest.mark.parametrize("rule", sorted(CURATED_FILE))
def test_the_example_of_a_curated_list_rule_breaks_it(tmp_path, rule):
    from generator.taxonomies import load_taxonomies

    write(tmp_path, f"taxonomies/sources/curated/{CURATED_FILE[rule]}", all_rules()[rule].example + "\n")
    findings = load_taxonomies(tmp_path / "taxonomies").source_findings
    assert rule in [f.rule for f in findings], findings


def test_the_exceptions_are_real_rules():
    assert set(NOT_A_FRAGMENT) <= set(all_rules()) and set(CURATED_FILE) <= set(all_rules())
