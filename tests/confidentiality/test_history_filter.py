"""Commit messages that name something withheld never reach a page."""

from __future__ import annotations

import datetime as dt
from collections import namedtuple
from dataclasses import dataclass

from generator.site.history_filter import NEUTRAL_MESSAGE, redact_history

from tests.confidentiality.builders import published, write_process


@dataclass(frozen=True, slots=True)
class Commit:
    commit: str
    when: dt.datetime
    subject: str
    body: str = ""


def catalogue(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "offentlig", title="Offentlig proces", owner={"name": "Lars Holm"},
                  esdh_reference="24/998877")
    write_process(root, "hemmelig-robot", title="Hemmelig robot til løn", visibility="municipality")
    write_process(root, "kladde", "odense", title="Odenses kladde", visibility="personal")
    return root


def test_messages_naming_a_hidden_process_are_replaced(tmp_path):
    root = catalogue(tmp_path)
    when = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    commits = [
        Commit("a" * 40, when, "Tilføj aarhus/hemmelig-robot"),
        Commit("b" * 40, when, "Ret titel: Hemmelig robot til løn"),
        Commit("c" * 40, when, "hemmelig robot til LØN: ny fase"),
        Commit("d" * 40, when, "Opdatér odenses kladde"),
        Commit("e" * 40, when, "Ret stavefejl i Offentlig proces"),
        Commit("f" * 40, when, "Ny ejer: Lars Holm"),
        Commit("0" * 40, when, "Tilføj ESDH 24/998877"),
        Commit("1" * 40, when, "Fjern CPR 010190-1234 fra beskrivelsen"),
        Commit("2" * 40, when, "Ret tal", body="Se også aarhus/hemmelig-robot"),
    ]
    shown = redact_history(commits, published(root))
    assert [c.subject for c in shown] == [NEUTRAL_MESSAGE] * 4 + ["Ret stavefejl i Offentlig proces"] + \
        [NEUTRAL_MESSAGE] * 4
    assert shown[-1].body == ""
    assert [c.commit for c in shown] == [c.commit for c in commits]  # the commits themselves stay
    assert commits[0].subject == "Tilføj aarhus/hemmelig-robot"  # the input is not changed


def test_the_owning_municipality_reads_its_own_messages(tmp_path):
    root = catalogue(tmp_path)
    own = published(root, "aarhus")
    assert redact_history(["Tilføj aarhus/hemmelig-robot", "Ny ejer: Lars Holm"], own) == \
        ["Tilføj aarhus/hemmelig-robot", "Ny ejer: Lars Holm"]
    assert redact_history(["Opdatér odenses kladde"], own) == [NEUTRAL_MESSAGE]


def test_dicts_and_named_tuples_are_redacted_too(tmp_path):
    public = published(catalogue(tmp_path))
    Row = namedtuple("Row", "sha message")
    assert redact_history([{"sha": "1", "message": "Tilføj aarhus/hemmelig-robot"}], public) == \
        [{"sha": "1", "message": NEUTRAL_MESSAGE}]
    assert redact_history([Row("1", "Hemmelig robot til løn")], public) == [Row("1", NEUTRAL_MESSAGE)]
    assert redact_history([Row("1", "Ret stavefejl")], public) == [Row("1", "Ret stavefejl")]


def test_redaction_scales_to_a_large_catalogue():
    """10,000 hidden processes and 20,000 commit messages take seconds, not minutes."""
    import time

    from generator.audience import Withheld

    terms = [t for i in range(10_000) for t in (f"Hemmelig proces nummer {i}", f"aarhus/hemmelig-{i}", f"hemmelig-{i}")]
    started = time.monotonic()
    withheld = Withheld(terms)
    hits = sum(withheld.mentions(f"Ret stavefejl i beskrivelsen af proces {i}") for i in range(20_000))
    assert hits == 0 and withheld.mentions("Flyt aarhus/hemmelig-9999")
    assert time.monotonic() - started < 10
