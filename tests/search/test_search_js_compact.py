"""The bundle's scripts without comments (``generator/search/js_compact.py``): only comments and white
space go, and the compacted engine answers every query as its sources do."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from generator.search.assets import ASSETS_DIR, ENGINE_SCRIPTS, SCRIPTS, bundle
from generator.search.js_compact import CompactError, compact
from tests.search.helpers import NODE, NODE_HARNESS, run_node


def test_comments_and_indentation_go_strings_and_regular_expressions_stay():
    source = ('  /* a comment\n   * over lines */\n  var a = "not // a comment", b = \'nor /* this */\';  // gone\n'
              '\n    var r = /[/*]\\/+/g, half = a.length / 2 / 1; // gone too\n'
              '  if (x) return /^\\d+$/.test(s); /* inline */ y = 1;\n')
    assert compact(source) == ('var a = "not // a comment", b = \'nor /* this */\';\n'
                               'var r = /[/*]\\/+/g, half = a.length / 2 / 1;\n'
                               'if (x) return /^\\d+$/.test(s);   y = 1;\n')


@pytest.mark.parametrize("source", ["var t = `x`;", "var s = 'open;\n", "/* open", "var r = /open;\n"])
def test_what_it_does_not_read_is_refused(source):
    with pytest.raises(CompactError):
        compact(source)


def test_the_bundle_holds_the_vendored_scripts_unchanged_and_ours_compacted():
    written = bundle()
    for name in SCRIPTS:
        text = (ASSETS_DIR / name).read_text(encoding="utf-8")
        expected = text if name.startswith("vendor/") else compact(text)
        assert expected.rstrip().encode("utf-8") in written, name
    assert b"Parts 5-7" not in written  # a comment of search-core.js
    check = subprocess.run([NODE, "--check", "-"], input=written, capture_output=True)  # type: ignore[list-item]
    assert check.returncode == 0, check.stderr


def test_the_compacted_engine_answers_as_its_sources(query_data, tmp_path):
    assets = tmp_path / "assets"
    shutil.copytree(ASSETS_DIR, assets)
    for name in ("search-lunr.js", *ENGINE_SCRIPTS):
        source = (ASSETS_DIR / name).read_text(encoding="utf-8")
        (assets / name).write_text(compact(source), encoding="utf-8")
        assert (assets / name).read_text(encoding="utf-8") != source
    queries = [{"q": q} for q in ("borgere", "boligstøtte", "ansøgninger om boligstøtte", "27.24", "journal",
                                  "sygepleje robot", "pensionsberegning")]
    queries.append({"q": "", "selection": {"fase": ["i-drift"]}, "sort": "timer"})
    request = {"data": str(query_data), "queries": queries}
    result = subprocess.run([NODE, str(NODE_HARNESS), str(assets), *ENGINE_SCRIPTS],  # type: ignore[list-item]
                            input=json.dumps(request), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    timings = ("loadMs", "queryMs")

    def untimed(answers):
        return [{k: ({kk: vv for kk, vv in v.items() if kk not in timings} if k == "first" else v)
                 for k, v in a.items() if k not in timings} for a in answers]

    compacted, original = untimed(json.loads(result.stdout)), untimed(run_node(request))
    assert compacted == original
    assert [a["count"] for a in original][:2] == [a["count"] for a in compacted][:2] and original[0]["count"] > 0
