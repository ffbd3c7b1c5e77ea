"""The build's matches of common compound words (``sam`` files, ``compound_matches.py``): the browser's
engine (in Node, on the real built files) finds exactly what it finds from the parts' index files,
and downloads none of those files for a word the build worked out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.search import compound_matches
from generator.search.output import family_files
from tests.search.helpers import build_data, run_node, synthetic


@pytest.fixture(scope="module")
def every_compound(tmp_path_factory) -> Path:
    """``soeg/data`` of 300 synthetic processes, with an entry for every compound of the vocabulary."""
    patch = pytest.MonkeyPatch()
    patch.setattr(compound_matches, "MIN_WORD_POSTINGS", 0)
    patch.setattr(compound_matches, "MIN_PART_POSTINGS", 0)
    patch.setattr(compound_matches, "KEPT_SHARE", 1_000_000)
    try:
        return build_data(synthetic().synthetic_published(300, seed=3), tmp_path_factory.mktemp("compound-matches"))
    finally:
        patch.undo()


def _entries(data: Path) -> dict[str, list]:
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    found = {}
    for name in family_files("sam", manifest["compoundMatches"]):
        found.update({entry[0]: entry for entry in json.loads((data / name).read_text(encoding="utf-8"))})
    return found


def _queries(entries: dict[str, list]) -> list[str]:
    words = sorted(entries)[::7]  # every seventh word with an entry, about 150
    with_kept = [w for w in sorted(entries) if entries[w][2]][:20]  # words with documents that hold only the parts
    return [*words, *with_kept, *(w + "en" for w in words[:20]), *(f"{w} borger" for w in words[:10]),
            *(f"borger {w}" for w in words[10:20]), *(w[:-1] for w in words[20:30])]


def test_the_engine_finds_the_same_with_and_without_the_builds_matches(every_compound):
    entries = _entries(every_compound)
    assert len(entries) > 500 and sum(1 for e in entries.values() if e[2]) > 50
    queries = [{"q": q} for q in _queries(entries)]
    used = run_node({"data": str(every_compound), "queries": queries})
    parts = run_node({"data": str(every_compound), "queries": queries, "compoundMatches": False})
    for with_matches, without in zip(used, parts):
        assert with_matches["count"] > 0, with_matches["q"]
        for key in ("ids", "scores", "count", "counts"):
            assert with_matches[key] == without[key], (with_matches["q"], key)  # scores bit for bit
    fetched = [{f["name"].split("-")[0] for f in answer["first"]["fetched"]} for answer in used]
    assert sum(1 for kinds in fetched if "sam" in kinds and "ord" not in kinds) > 150  # no vocabulary needed
    assert not any("sam" in {f["name"].split("-")[0] for f in answer["first"]["fetched"]} for answer in parts)


def test_a_worked_out_compound_downloads_only_its_own_index_files(every_compound):
    """With the build's matches of a compound, the index files of its parts and the vocabulary are not
    downloaded, and the results are the same."""
    entries = _entries(every_compound)
    word = next(w for w in sorted(entries) if entries[w][2] and len(w) >= 10)
    with_matches, without = (run_node({"data": str(every_compound), "queries": [{"q": word}], **extra})[0]
                             for extra in ({}, {"compoundMatches": False}))
    assert with_matches["ids"] == without["ids"] and with_matches["scores"] == without["scores"]
    names = lambda answer, kind: {f["name"] for f in answer["first"]["fetched"] if f["name"].startswith(kind)}
    assert names(with_matches, "kort") | names(with_matches, "fuld") < names(without, "kort") | names(without, "fuld")
    assert not names(with_matches, "ord") and names(without, "ord")
    assert sum(f["gzip"] for f in with_matches["first"]["fetched"]) < sum(f["gzip"] for f in without["first"]["fetched"])


def test_a_query_on_one_index_does_not_use_the_matches_of_two(every_compound):
    """The entries hold the scores of both indexes: a query on the short index alone finds through
    the parts' files of that index, as without the entries."""
    word = sorted(w for w, e in _entries(every_compound).items() if e[2])[0]
    query = [{"q": word, "indexes": ["kort"]}]
    alone = run_node({"data": str(every_compound), "queries": query})[0]
    assert alone == run_node({"data": str(every_compound), "queries": query, "compoundMatches": False})[0] | {
        "first": alone["first"], "fetched": alone["fetched"], "loadMs": alone["loadMs"], "queryMs": alone["queryMs"]}
    assert not any(f["name"].startswith("sam-") for f in alone["fetched"])


def test_only_common_compounds_get_entries_by_default(tmp_path):
    """Without lowered thresholds a small catalogue has no entry (its words are not common), and the
    family is one empty file that the manifest names."""
    data = build_data(synthetic().synthetic_published(40, seed=3), tmp_path)
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["compoundMatches"]["firsts"] == [""] and manifest["compoundMatches"]["indexes"] == ["kort", "fuld"]
    assert _entries(data) == {}
