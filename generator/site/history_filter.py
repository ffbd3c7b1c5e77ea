"""Commit messages as an audience may read them.

A process page shows the commits that touched its file. In a shared repository a commit
message may name a process the audience cannot see ("Tilføj aarhus/hemmelig-proces", its
title or slug), a confidential value (an owner's name, an ESDH reference) or, by mistake, a
CPR number. :func:`redact_history` replaces every such message with a neutral Danish text;
the commit itself (date, hash) stays, so the page still shows *that* the file changed.

The site's ``GitHistory.history_for`` calls this for every process, so no commit message
reaches a page, feed or export without it.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Iterable, TypeVar

from generator.checks.confidentiality import find_cpr_numbers

if TYPE_CHECKING:
    from generator.audience import Published

NEUTRAL_MESSAGE = "Ændring af procesbeskrivelsen"

# Attributes (or keys) of a commit record that hold free text written by a committer.
MESSAGE_FIELDS = ("subject", "message", "body", "summary", "title", "description")

C = TypeVar("C")


def message_may_be_shown(message: str | None, published: "Published") -> bool:
    """False when the text names anything withheld from the audience, or holds a CPR number."""
    if not message:
        return True
    return not published.withheld.mentions(message) and not find_cpr_numbers(message)


def redact_message(message: str | None, published: "Published") -> str | None:
    if message_may_be_shown(message, published):
        return message
    return NEUTRAL_MESSAGE


def redact_history(commits: Iterable[C], published: "Published") -> list[C]:
    """The commits with every message that names something withheld replaced by a neutral text.

    A commit is a dataclass, a named tuple, a dict or any object with ``subject``/``message``/
    ``body``/... attributes; a redacted commit is a copy of the same kind (the input is not
    changed).
    """
    return [_redact_one(commit, published) for commit in commits]


def _redact_one(commit: C, published: "Published") -> C:
    if isinstance(commit, str):
        return redact_message(commit, published)  # type: ignore[return-value]
    texts: dict[str, str] = {}
    for name in MESSAGE_FIELDS:
        value = commit.get(name) if isinstance(commit, dict) else getattr(commit, name, None)
        if isinstance(value, str):
            texts[name] = value
    if all(message_may_be_shown(text, published) for text in texts.values()):
        return commit
    # One withheld name anywhere in the message hides all of it (a body explains its subject).
    changes: dict[str, Any] = {name: NEUTRAL_MESSAGE if name in ("subject", "message", "title", "summary") else ""
                               for name in texts}
    if not changes:
        return commit
    if isinstance(commit, dict):
        return {**commit, **changes}  # type: ignore[return-value]
    if dataclasses.is_dataclass(commit) and not isinstance(commit, type):
        return dataclasses.replace(commit, **changes)  # type: ignore[type-var]
    if hasattr(commit, "_replace"):
        return commit._replace(**changes)  # type: ignore[attr-defined, no-any-return]
    raise TypeError(f"cannot redact a commit of type {type(commit).__name__}")
