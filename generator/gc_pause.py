"""Cycle collection paused while a command makes objects that live on until it ends."""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collections_paused(*, freeze: bool = False) -> Iterator[None]:
    """No cycle collection while the catalogue is read: it only makes objects that live on (the processes,
    the findings), and a full collection of a heap that grows by 10,000 processes costs a third of the
    time of making them. Collection resumes afterwards, as it was; inside another pause, this one does
    nothing.

    ``freeze``: the objects made so far are moved out of the collector's reach (``gc.freeze``) before it
    resumes, so the first collection after the pause does not walk them all (about 0.3 s at 10,000, for
    some hundred unreachable objects); whoever asks for it calls :func:`thawed` when those objects are no
    longer needed (a build, when it ends)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if freeze:
                gc.freeze()
            gc.enable()


@contextmanager
def frozen_for_fork() -> Iterator[None]:
    """The objects made so far frozen while processes are forked (the collector then never writes to
    them, so their pages stay shared with the children); afterwards as before: thawed, unless something
    was frozen already (then all stays frozen until :func:`thawed`)."""
    frozen_before = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:
            gc.unfreeze()


def thawed() -> None:
    """Give the frozen objects back to the collector."""
    gc.unfreeze()
