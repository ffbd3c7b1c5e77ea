"""The fast reader (libyaml) and the positioned reader agree on every file; unknown positions are None."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.catalogue import BASE
from tests.corpus.generated import GENERATED
from generator import loading_fast
from generator.diagnostics import Finding, format_github, format_text
from generator.loading import MAX_DEPTH, Document, Position, load_bytes

CORPUS = sorted((ROOT / "tests" / "corpus" / "processes").rglob("*.yaml"))
EXAMPLES = sorted((ROOT / "processes").rglob("*.yaml"))


def comparable(value):
    """NaN is not equal to itself; everything else compares as it is."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    return value


def both_readers(raw: bytes, path: Path):
    fast, positioned = load_bytes(raw, path), load_bytes(raw, path, fast=False)
    return [(comparable(d.data), d.findings, d.key_positions, d.value_positions, d.scalar_texts)
            for d in (fast, positioned)]


def takes_the_fast_path(raw: bytes) -> bool:
    text = raw.decode("utf-8")
    try:
        data = loading_fast.build(text, MAX_DEPTH, Position)[0]
    except loading_fast.NotPlain:
        return False
    return isinstance(data, dict)


@pytest.mark.parametrize("path", CORPUS + EXAMPLES, ids=lambda p: p.name)
def test_both_readers_give_the_same_document_for_every_corpus_and_example_file(path):
    fast, positioned = both_readers(path.read_bytes(), Path("processes/aarhus") / path.name)
    assert fast == positioned


@pytest.mark.parametrize("case", GENERATED, ids=lambda c: c.id)
def test_both_readers_agree_on_every_generated_case(case, tmp_path):
    case.build(tmp_path)
    files = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_symlink()]
    for path in files:
        fast, positioned = both_readers(path.read_bytes(), path)
        assert fast == positioned, path


def test_valid_files_take_the_fast_path():
    plain = [p for p in EXAMPLES + CORPUS if "-pass-" in p.name or p in EXAMPLES]
    slow = [p.name for p in plain if not takes_the_fast_path(p.read_bytes())]
    # the pass cases that need the positioned reader: empty values, tabs, harmless tags
    assert len(slow) <= len(plain) // 10, slow
    assert all(takes_the_fast_path(p.read_bytes()) for p in EXAMPLES)


SNIPPETS = [
    BASE + "search_words: [a, 'b c', \"d\"]\nlinks:\n  - {url: 'https://x.dk', title: X}\n",
    BASE + "long_description: |\n  Linje et\n\n  linje to\nsolution_requests: >-\n  foldet\n  tekst\n",
    BASE + "kle: 27.24\ntime_spend_occurrences: 1_000\nrating: 0x1F\nx: 0o17\ny: +.5\nz: -1e3\nw: .inf\n",
    BASE + "'quoted key': ja\n\"dq\": nej\nnull_value: ~\nyes_value: yes\nflag: True\n",
    BASE + "note: en tekst\n  over to linjer\n# en kommentar\n...\n",
    "---\n" + BASE + "title_nfd: \"A\u030angstrom\"\nname: Ame\u0301lie\n",
    BASE + "empty:\nnext: value\n",
    BASE + "k: \"tab\\there\"\nj: \"\\u00e6\\/\"\n",
    BASE + "a:\n- 1\n- [2, {b: c}]\n-   - nested\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_both_readers_agree_on_the_ways_yaml_can_be_written(text):
    fast, positioned = both_readers(text.encode("utf-8"), Path("processes/aarhus/proces.yaml"))
    assert fast == positioned


def test_both_readers_agree_on_thousands_of_damaged_files():
    """Files broken at random (characters added, removed, repeated): the same document or the same finding."""
    rng = random.Random(14)
    sources = [p.read_text(encoding="utf-8") for p in EXAMPLES + CORPUS[:60]]
    pieces = list(" :-#'\"[]{},?|>!&*@`\n\\%~0123456789.eæ") + [": ", "\n  ", "\n- ", "'", "|-\n", "? ", "---\n"]
    fast_path = 0
    for _ in range(1500):
        text = rng.choice(sources)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.5:
                text = text[:at] + rng.choice(pieces) + text[at:]
            else:
                text = text[:at] + text[at + rng.randint(1, 4):]
        raw = text.encode("utf-8")
        fast, positioned = both_readers(raw, Path("processes/aarhus/proces.yaml"))
        assert fast == positioned, text
        fast_path += takes_the_fast_path(raw)
    assert fast_path > 300  # many damaged files are still plain YAML and took the fast path


def test_an_unknown_position_is_none_and_prints_as_the_whole_file():
    doc = Document(path=Path("processes/aarhus/proces.yaml"), data={"title": "x"})
    assert doc.position(("title",)) is None and doc.line_column(("title",), key=True) == (None, None)
    line, column = doc.line_column(("phase",))
    finding = Finding.make("AP104", doc.path, line, column, value="ide", label="Fase", key="phase", suggestion="",
                           allowed="idea")
    assert (finding.line, finding.column) == (None, None)
    assert format_text([finding]).startswith("processes/aarhus/proces.yaml: error AP104 felt phase: ")
    assert format_github([finding]).startswith("::error file=processes/aarhus/proces.yaml,title=AP104 ")
    known = load_bytes(BASE.encode("utf-8"), doc.path)
    assert known.position(("contact", "email")) == Position(9, 10)
    assert known.position(("contact", "nothing")) == Position(8, 3)  # the nearest parent: the mapping under contact
