"""The warm build process of the preview (``generator.site.build_server``): each build in a fork gives
the bytes of a clean build, a failed build its Danish messages, and a cache line parsed ahead counts
only with the bytes of the line the build verified."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.checks.results_cache import ParsedLines, parsed_line
from tests.conftest import copy_project
from tests.site.test_site_pages_parity import FIXED_DATE, assert_same_site, build, snapshot

CHANGED = Path("processes/aalborg/indberetning-af-arbejdsskader.yaml")


def _request(server: subprocess.Popen) -> tuple[int, str]:
    server.stdin.write(b"build\n")
    server.stdin.flush()
    code, length = server.stdout.readline().split()
    output = server.stdout.read(int(length))
    assert len(output) == int(length)
    return int(code), output.decode("utf-8")


def test_builds_in_forks_equal_clean_builds_and_report_errors(tmp_path):
    project = copy_project(tmp_path)
    server = subprocess.Popen([sys.executable, "-m", "generator.site.build_server", "build", "--incremental",
                               "--site-dir", "site"], cwd=project, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              env={**os.environ, **FIXED_DATE})
    try:
        code, output = _request(server)
        assert code == 0 and output.startswith("Websitet er bygget i site: 40 processer"), output
        assert_same_site(snapshot(project / "site"), build(project, "site-clean"))

        source = project / CHANGED
        original = source.read_text(encoding="utf-8")
        source.write_text(original.replace("title: Anmeldelse af arbejdsskader til EASY",
                                           "title: Anmeldelse af arbejdsskader"), encoding="utf-8")
        code, output = _request(server)  # the cache lines parsed ahead stand in for the other 39 files
        assert code == 0, output
        changed = snapshot(project / "site")
        assert b"<h1 id=\"titel\">Anmeldelse af arbejdsskader</h1>" in changed["processer/aalborg/indberetning-af-arbejdsskader/index.html"]
        assert_same_site(changed, build(project, "site-clean"))

        source.write_text(original.replace("phase: idea", "phase: 3 0\nfoo"), encoding="utf-8")
        code, output = _request(server)
        assert code == 1
        assert "processes/aalborg/indberetning-af-arbejdsskader.yaml:" in output
        assert output.endswith("Websitet blev ikke bygget. Det tidligere website er uændret.\n")
        assert_same_site(snapshot(project / "site"), changed)  # the last good site stays
    finally:
        server.stdin.close()
        assert server.wait(timeout=60) == 0


def test_a_line_parsed_ahead_counts_only_with_the_same_bytes():
    line = (b'[[],{"title":"Anmeldelse af arbejdsskader","short_description":"Kort.","municipality":"aalborg",'
            b'"phase":"idea","status":"inprogress","visibility":"public","contact":{"name":"Anne Andersen"}},[]]')
    other = line.replace(b"Anne Andersen", b"Bo Berg")

    class Cache:
        trusted, stored = True, {"k" * 40: line}

    ahead = ParsedLines()
    ahead.refresh(Cache())
    found = ahead.get("k" * 40, line)
    assert found is not None and found[1].title == "Anmeldelse af arbejdsskader"
    assert found[1] == parsed_line(line)[1]
    assert ahead.get("k" * 40, other) is None  # the verified line of this build differs: parsed anew
    assert ahead.get("j" * 40, line) is None

    Cache.trusted = False  # a cache that did not verify leaves nothing parsed ahead
    ahead.refresh(Cache())
    assert ahead.by_key == {}
