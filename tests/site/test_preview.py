"""``autoproces serve`` (``./run serve``): the live preview a contributor watches while editing a file.

A real ``autoproces serve`` in a subprocess on a free port of 127.0.0.1, a page open in Chromium, and
real edits of a process file: the open page reloads by itself with the change, shows the build's
Danish messages while the file is broken, and comes back when it is fixed."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from generator.site.preview import failure_page
from tests.conftest import copy_project

PROCESS = Path("processes/aalborg/indberetning-af-arbejdsskader.yaml")
PAGE = "processer/aalborg/indberetning-af-arbejdsskader/"
TITLE = "Anmeldelse af arbejdsskader til EASY"
READY = "Forhåndsvisningen kører på"
REBUILD = "En kilde er ændret; websitet bygges igen ..."


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Preview:
    """``autoproces serve`` in a subprocess; its output collected line by line."""

    def __init__(self, project: Path, port: int):
        self.url = f"http://127.0.0.1:{port}/"
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"], cwd=project,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, count: int = 1, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while sum(text in line for line in self.lines) < count:
            if time.monotonic() > deadline or self.process.poll() is not None and not self.reader.is_alive():
                raise AssertionError(f"{text!r} x{count} not seen; output:\n" + "\n".join(self.lines))
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def preview(tmp_path):
    project = copy_project(tmp_path)
    running = Preview(project, _free_port())
    try:
        running.wait_for(READY)
        yield project, running
    finally:
        running.stop()


def test_an_open_page_reloads_with_the_change_shows_the_errors_and_comes_back(preview, page):
    project, running = preview
    source = project / PROCESS
    original = source.read_text(encoding="utf-8")
    page.goto(running.url + PAGE)
    assert page.locator("h1").first.inner_text() == TITLE

    source.write_text(original.replace(f"title: {TITLE}", "title: Anmeldelse af arbejdsskader til EASY og forsikring"),
                      encoding="utf-8")
    page.wait_for_function("document.querySelector('h1').textContent.includes('og forsikring')", timeout=90_000)
    running.wait_for("Websitet er bygget i site", count=2)

    broken = original.replace("phase: idea", "phase: <b>ide</b>")
    source.write_text(broken, encoding="utf-8")
    page.wait_for_function("document.title === 'Websitet kunne ikke bygges'", timeout=90_000)
    shown = page.locator("pre").inner_text()
    assert re.search(r"processes/aalborg/indberetning-af-arbejdsskader\.yaml:5:\d+: error AP\d+ felt phase", shown), shown
    assert "<b>ide</b>" in shown and page.locator("pre b").count() == 0  # the file's text is shown, not obeyed
    assert "Websitet blev ikke bygget. Det tidligere website er uændret." in shown
    assert "Forhåndsvisningen viser fejlene i stedet for siderne, indtil en build lykkes." in running.lines

    source.write_text(original, encoding="utf-8")
    page.wait_for_function(f"document.querySelector('h1') && document.querySelector('h1').textContent === {TITLE!r}",
                           timeout=90_000)
    assert (project / "site" / PAGE / "index.html").is_file()


def test_a_build_that_reads_every_file_does_not_start_the_next(preview):
    """The file events of a build's own reading are no change: after a build the preview stays idle."""
    project, running = preview
    (project / PROCESS).write_text((project / PROCESS).read_text(encoding="utf-8") + "\n", encoding="utf-8")
    running.wait_for("Websitet er bygget i site", count=2)
    time.sleep(4)
    assert sum(line == REBUILD for line in running.lines) == 1, running.lines
    with urllib.request.urlopen(running.url + PAGE) as response:
        body = response.read().decode("utf-8")
    assert TITLE in body and "/livereload/" in body  # served with the reload script injected


def test_an_address_in_use_is_refused_in_danish_before_any_build(tmp_path):
    project = copy_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == (f"autoproces serve: 127.0.0.1:{port} kan ikke bruges (adressen bruges allerede, måske af "
                             "en anden forhåndsvisning). Vælg en anden adresse med --dev-addr, fx 127.0.0.1:8001.\n")
    assert not (project / "site").exists()


def test_a_malformed_address_is_refused(tmp_path):
    project = copy_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "generator", "serve", "--dev-addr", "localhost"],
                            cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr == ("autoproces serve: adressen 'localhost' skal have formen vært:port, "
                             "fx 127.0.0.1:8000.\n")


def test_the_failure_page_escapes_what_the_build_said():
    page = failure_page("processes/x.yaml:3:1: <script>alert(1)</script> & mere").decode("utf-8")
    assert "<pre>processes/x.yaml:3:1: &lt;script&gt;alert(1)&lt;/script&gt; &amp; mere</pre>" in page
    assert page.count("<script") == 0 and '<html lang="da">' in page
