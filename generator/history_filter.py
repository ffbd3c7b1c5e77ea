"""Commit messages as an audience may read them.

A process page shows the commits that touched its file. In a shared repository a commit
message may name a process the audience cannot see ("Tilføj aarhus/hemmelig-proces", its
title or slug), a confidential value (an owner's name, an ESDH reference) or, by mistake, a
CPR number. :func:`redact_history` replaces every such message with a neutral Danish text;
the commit itself (date, hash) stays, so the page still shows *that* the file changed.

The pipeline calls :func:`redact` once, right after reading git and before any output (page,
feed, export, search) sees the history, so no output can forget it.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable

from generator.audience import Published
from generator.checks.confidentiality import find_cpr_numbers
from generator.history import Change, GitHistory, history_key

NEUTRAL_MESSAGE = "Ændring af procesbeskrivelsen"


def message_may_be_shown(message: str | None, published: Published) -> bool:
    """False when the text names anything withheld from the audience, or holds a CPR number."""
    if not message:
        return True
    return not published.withheld.mentions(message) and not find_cpr_numbers(message)


def redact_history(changes: Iterable[Change], published: Published) -> list[Change]:
    """The changes with every message that names something withheld replaced by a neutral text.

    The commits themselves (hash, date) stay, so a page still shows *that* the file changed.
    """
    return [change if message_may_be_shown(change.subject, published)
            else dataclasses.replace(change, subject=NEUTRAL_MESSAGE)
            for change in changes]


def redact(history: GitHistory, published: Published) -> GitHistory:
    """The history of the published files only, every message checked for the audience."""
    kept: dict = {}
    for item in published:
        key = history_key(item.path)
        if key in history.changes:
            kept[key] = redact_history(history.changes[key], published)
    return GitHistory(changes=kept)
