"""The AP5xx corpus cases: ``ap5NN-fail-*`` produce their rule, ``ap5NN-pass-*`` neither it nor any error.

(The general corpus runner covers every rule family; this keeps the AP5xx cases honest on their own.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.pipeline import load_catalogue
from generator.taxonomies import load_taxonomies

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "tests" / "corpus" / "processes"
NAME = re.compile(r"^(ap5\d\d)-(fail|pass)-")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue([CORPUS], load_taxonomies(ROOT / "taxonomies"))


CASES = sorted(p for p in CORPUS.rglob("ap5*.yaml"))


def test_every_ap5_rule_that_a_file_can_show_has_a_fail_and_a_pass_case():
    names = {NAME.match(p.name).groups() for p in CASES}
    rules = {rule for rule, _ in names}
    # AP509 needs a build audience (test_publish.py); AP511 (a linked folder) and AP514 (a file over
    # 10 MB) are written by tests/corpus/generated.py.
    assert rules == {f"ap5{n:02d}" for n in range(1, 15)} - {"ap509", "ap511", "ap514"}
    assert all((rule, kind) in names for rule in rules for kind in ("fail", "pass"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_corpus_case(catalogue, path):
    rule, kind = NAME.match(path.name).groups()
    entry = next(e for e in catalogue.entries if e.path == path)
    rules = [f.rule for f in entry.findings]
    if kind == "fail":
        assert rule.upper() in rules, entry.findings
    else:
        assert rule.upper() not in rules and not [f for f in entry.findings if f.is_error], entry.findings
