"""Index files cut into smaller files within their groups (``part_bytes`` in ``index.py``): the browser's
engine (in Node, on the real built files) finds exactly what it finds when every group is one file,
including the prefix of the last word (whose score depends on the group) and the prefix rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.search.index import INDEXES
from tests.search.helpers import build_data, run_node, synthetic
from tests.search.test_search_parity import PARITY_QUERIES

QUERIES = [*PARITY_QUERIES, "borg", "borger", "ansoeg", "kontant", "journal", "sag", "27", "ans boligst",
           "bevilling af hjælpemidler", "sygedagpenge opf", "kontanthjælp", "hjemmeplej"]


def _build(tmp_path: Path, part_bytes: int | None) -> Path:
    before = [spec.part_bytes for spec in INDEXES]
    try:
        for spec in INDEXES:
            object.__setattr__(spec, "part_bytes", part_bytes)  # the specs are frozen: patched for this build only
        return build_data(synthetic().synthetic_published(400, seed=3), tmp_path)
    finally:
        for spec, value in zip(INDEXES, before):
            object.__setattr__(spec, "part_bytes", value)


@pytest.fixture(scope="module")
def layouts(tmp_path_factory) -> dict[str, Path]:
    return {name: _build(tmp_path_factory.mktemp(name), part_bytes)
            for name, part_bytes in (("whole", None), ("default", INDEXES[0].part_bytes), ("small", 1_500))}


def _manifest(data: Path) -> dict:
    return json.loads((data / "manifest.json").read_text(encoding="utf-8"))


def test_the_groups_are_the_files_of_an_index_written_whole(layouts):
    whole = _manifest(layouts["whole"])
    for name in ("default", "small"):
        cut = _manifest(layouts[name])
        for index in ("kort", "fuld"):
            spec = cut["indexes"][index]
            assert sum(spec["groups"]) == len(spec["firsts"])
            starts = [sum(spec["groups"][:g]) for g in range(len(spec["groups"]))]
            assert [spec["firsts"][s] for s in starts] == whole["indexes"][index]["firsts"], (name, index)
    small = _manifest(layouts["small"])["indexes"]
    assert all(len(small[i]["firsts"]) > 2 * len(whole["indexes"][i]["firsts"]) for i in ("kort", "fuld"))


def test_the_engine_finds_the_same_whatever_the_files_of_a_group(layouts):
    request = {"queries": [{"q": q} for q in QUERIES], "allIds": True}
    answers = {name: run_node({**request, "data": str(data)}) for name, data in layouts.items()}
    prefixed = 0
    for whole, default, small in zip(answers["whole"], answers["default"], answers["small"]):
        for key in ("ids", "scores", "count", "counts"):
            assert default[key] == whole[key] and small[key] == whole[key], (whole["q"], key)  # bit for bit
        prefixed += whole["count"]
    assert prefixed > 3000
    fetched = {name: sum(f["gzip"] for a in answer for f in a["first"]["fetched"] if f["name"].startswith(("kort", "fuld")))
               for name, answer in answers.items()}
    assert fetched["small"] < fetched["default"] < fetched["whole"]


def test_lunr_js_scores_a_group_of_files_as_the_engine(layouts):
    request = {"data": str(layouts["small"]), "queries": [{"q": q} for q in QUERIES], "allIds": False}
    own = run_node(request)
    lunr_js = run_node({**request, "engine": "lunr"})
    for mine, theirs in zip(own, lunr_js):
        assert mine["count"] == theirs["count"], mine["q"]
        assert dict(map(tuple, mine["scores"] or [])) == pytest.approx(dict(map(tuple, theirs["scores"] or [])), rel=1e-12)
