"""Cycle collection during a build (``generator.gc_pause``): paused while the catalogue is read, its
objects frozen afterwards (so the first collection does not walk them all), kept frozen across the
forks of the outputs process and the page workers, and thawed when the build ends, so a process that
builds again and again (``serve``) keeps nothing frozen."""

from __future__ import annotations

import gc
import subprocess
import sys

from generator.gc_pause import collections_paused, frozen_for_fork, thawed
from tests.conftest import ROOT, copy_project


def test_a_pause_with_freeze_leaves_what_it_made_frozen_and_collection_on():
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    try:
        with collections_paused(freeze=True):
            assert not gc.isenabled()
            kept = [{"n": n} for n in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= len(kept)
    finally:
        thawed()
    assert gc.get_freeze_count() == 0


def test_a_pause_inside_a_pause_does_nothing_on_leaving():
    with collections_paused():
        with collections_paused(freeze=True):
            pass
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_fork_freeze_thaws_only_when_nothing_was_frozen_before():
    with frozen_for_fork():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        with frozen_for_fork():
            pass
        assert gc.get_freeze_count() > 0  # the earlier freeze holds
    finally:
        thawed()


def test_a_build_leaves_nothing_frozen_in_its_process(tmp_path):
    project = copy_project(tmp_path)
    script = ("import gc, sys\nfrom generator.cli import main\n"
              "code = main(['build', '--site-dir', 'site', '--incremental'])\n"
              "code = main(['build', '--site-dir', 'site', '--incremental']) or code\n"
              "print(code, gc.get_freeze_count(), gc.isenabled())\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "AUTOPROCES_WORKERS": "2"},
                            timeout=600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 0 True"
