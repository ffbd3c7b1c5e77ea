"""The warm build process of the preview (``generator.site.build_server``): each build in a fork gives
the bytes of a clean build, a failed build its Danish messages, and a cache line parsed ahead counts
only with the bytes of the line the build verified."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from generator.checks.results_ahead import ParsedLines, VerifiedLines, identity
from generator.checks.results_cache import Untrusted, parsed_line
from generator.checks.results_cache import FILE_NAME
from generator.verified_cache import FOLDER
from tests.conftest import copy_project
from tests.core.test_results_cache_build import tamper
from tests.site.test_site_pages_parity import FIXED_DATE, assert_same_site, build, snapshot

CHANGED = Path("processes/aalborg/indberetning-af-arbejdsskader.yaml")


def _start(project: Path) -> subprocess.Popen:
    """The preview's build process for ``project``, as ``autoproces serve`` starts it."""
    return subprocess.Popen([sys.executable, "-m", "generator.site.build_server", "build", "--incremental",
                             "--site-dir", "site"], cwd=project, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env={**os.environ, **FIXED_DATE})


def _request(server: subprocess.Popen) -> tuple[int, str]:
    server.stdin.write(b"build\n")
    server.stdin.flush()
    code, length = server.stdout.readline().split()
    output = server.stdout.read(int(length))
    assert len(output) == int(length)
    return int(code), output.decode("utf-8")


def test_builds_in_forks_equal_clean_builds_and_report_errors(tmp_path):
    project = copy_project(tmp_path)
    server = _start(project)
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
    line = (b'[[],[],[]]\t{"title":"Anmeldelse af arbejdsskader","short_description":"Kort.","municipality":"aalborg",'
            b'"phase":"idea","status":"inprogress","visibility":"public","contact":{"name":"Anne Andersen"}}')
    other = line.replace(b"Anne Andersen", b"Bo Berg")

    lines = {"k" * 40: line}
    ahead = ParsedLines()
    ahead.refresh(lines, parsed_line, Untrusted)
    found = ahead.get("k" * 40, line)
    assert found is not None and found[1].title == "Anmeldelse af arbejdsskader"
    assert found[1] == parsed_line(line)[1]
    assert ahead.get("k" * 40, other) is None  # the verified line of this build differs: parsed anew
    assert ahead.get("j" * 40, line) is None

    ahead.refresh({"k" * 40: b"[[], {}, 7]"}, parsed_line, Untrusted)  # a line of the wrong shape: left out
    assert ahead.by_key == {}


def test_lines_verified_ahead_count_only_while_the_file_is_the_one_that_was_read(tmp_path):
    path = tmp_path / FILE_NAME
    path.write_bytes(b"the verified file")
    lines = {"k" * 40: b"[]"}
    ahead = VerifiedLines()
    ahead.remember(path, b"header", identity(path), time.time(), lines)
    assert ahead.lines_for(path, b"header") is None  # written just now: a write in the same clock tick would not show

    ahead.remember(path, b"header", identity(path), time.time() + 3, lines)  # as if read 3 s after it was written
    assert ahead.lines_for(path, b"header") == lines
    assert ahead.lines_for(path, b"another header") is None  # other code, lists or date
    assert ahead.lines_for(tmp_path / "other.json", b"header") is None
    time.sleep(0.05)
    path.write_bytes(b"the verified file")  # the same bytes written again: a new change time
    assert ahead.lines_for(path, b"header") is None


def test_a_cache_tampered_with_between_two_preview_builds_is_not_trusted(tmp_path):
    project = copy_project(tmp_path)
    server = _start(project)
    try:
        assert _request(server)[0] == 0
        time.sleep(2.5)  # the cache file settles; the next build leaves it as it is, and it is verified ahead
        assert _request(server)[0] == 0
        cache = project / FOLDER / FILE_NAME
        tamper(cache)  # every title replaced and the checksum made anew, as a pull request could
        code, output = _request(server)
        assert code == 0, output
        site = snapshot(project / "site")
        assert not [name for name, data in site.items() if b"Forfalsket titel" in data]
        assert_same_site(site, build(project, "site-clean"))
        assert b"Forfalsket titel" not in cache.read_bytes()  # written anew
    finally:
        server.stdin.close()
        assert server.wait(timeout=60) == 0
