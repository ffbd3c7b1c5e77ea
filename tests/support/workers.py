"""Which processes checked the files: a test of the process pool asks, after the check, where the work ran."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from generator.checks import batch


def record_checking_processes(monkeypatch, folder: Path) -> Callable[[], set[int]]:
    """Make ``batch.check_source`` leave a file in ``folder`` named by the id of the process it ran in (the
    forked workers inherit the patch); gives a function that returns those ids."""
    folder.mkdir()
    real_check = batch.check_source

    def check_in_worker(source, *arguments):
        (folder / str(os.getpid())).touch()
        return real_check(source, *arguments)

    monkeypatch.setattr(batch, "check_source", check_in_worker)
    return lambda: {int(path.name) for path in folder.iterdir()}
