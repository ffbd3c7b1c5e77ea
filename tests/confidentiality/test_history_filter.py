"""Commit messages that name something withheld never reach a page."""

from __future__ import annotations

import datetime as dt

from generator.history import Change
from generator.history_filter import NEUTRAL_MESSAGE, redact_history

from tests.support.catalogue import publish_folder, write_process

WHEN = dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)


def changes(*subjects: str) -> list[Change]:
    return [Change(f"{i:040d}", WHEN, subject) for i, subject in enumerate(subjects)]


def catalogue(tmp_path):
    root = tmp_path / "processes"
    write_process(root, "offentlig", title="Offentlig proces", owner={"name": "Lars Holm"},
                  esdh_reference="24/998877")
    write_process(root, "hemmelig-robot", title="Hemmelig robot til løn", visibility="municipality")
    write_process(root, "kladde", "odense", title="Odenses kladde", visibility="personal")
    return root


def test_messages_naming_a_hidden_process_are_replaced(tmp_path):
    root = catalogue(tmp_path)
    commits = changes(
        "Tilføj aarhus/hemmelig-robot",
        "Ret titel: Hemmelig robot til løn",
        "hemmelig robot til LØN: ny fase",
        "Opdatér odenses kladde",
        "Ret stavefejl i Offentlig proces",
        "Ny ejer: Lars Holm",
        "Tilføj ESDH 24/998877",
        "Fjern CPR 010190-1234 fra beskrivelsen",
    )
    shown = redact_history(commits, publish_folder(root))
    assert [c.subject for c in shown] == [NEUTRAL_MESSAGE] * 4 + ["Ret stavefejl i Offentlig proces"] + \
        [NEUTRAL_MESSAGE] * 3
    assert [c.commit for c in shown] == [c.commit for c in commits]  # the commits themselves stay
    assert commits[0].subject == "Tilføj aarhus/hemmelig-robot"  # the input is not changed


def test_the_owning_municipality_reads_its_own_messages(tmp_path):
    root = catalogue(tmp_path)
    own = publish_folder(root, "aarhus")
    own_changes = changes("Tilføj aarhus/hemmelig-robot", "Ny ejer: Lars Holm")
    assert redact_history(own_changes, own) == own_changes
    assert [c.subject for c in redact_history(changes("Opdatér odenses kladde"), own)] == [NEUTRAL_MESSAGE]


def test_redaction_scales_to_a_large_catalogue():
    """Matching works with 30,000 withheld terms (the speed is measured in benchmarks, not here)."""
    from generator.audience import Withheld

    terms = [t for i in range(10_000) for t in (f"Hemmelig proces nummer {i}", f"aarhus/hemmelig-{i}", f"hemmelig-{i}")]
    withheld = Withheld(terms)
    hits = sum(withheld.mentions(f"Ret stavefejl i beskrivelsen af proces {i}") for i in range(20_000))
    assert hits == 0 and withheld.mentions("Flyt aarhus/hemmelig-9999")


def test_the_pipeline_keeps_only_the_history_of_published_files_and_redacts_it(tmp_path):
    from generator.history import load_history, history_key
    from generator.history_filter import redact
    from tests.support.git_repo import commit, init_repo

    init_repo(tmp_path)
    root = catalogue(tmp_path)
    commit(tmp_path, "Tilføj aarhus/hemmelig-robot", "2025-01-01T10:00:00+01:00")
    shown_file = history_key(root / "aarhus" / "offentlig.yaml")
    commit(tmp_path, "Ret stavefejl", "2025-01-02T10:00:00+01:00",
           {"processes/aarhus/offentlig.yaml": shown_file.read_text(encoding="utf-8") + "\n"})
    public = publish_folder(root)
    hidden_file = history_key(root / "aarhus" / "hemmelig-robot.yaml")
    raw = load_history([root], [shown_file, hidden_file])
    redacted = redact(raw, public)
    assert set(redacted.changes) == {shown_file} and not redacted.repositories
    assert [c.subject for c in redacted.history_for(public.by_id["aarhus/offentlig"])] == [
        "Ret stavefejl", NEUTRAL_MESSAGE]
    assert [c.subject for c in raw.changes[shown_file]] == ["Ret stavefejl", "Tilføj aarhus/hemmelig-robot"]


def test_changes_without_their_commits_are_never_shown(tmp_path):
    """A history that lacks the commits behind a change cannot prove it safe: only the date is shown."""
    from generator.history import GitHistory, history_key
    from generator.history_filter import redact

    root = catalogue(tmp_path)
    public = publish_folder(root)
    shown_file = history_key(root / "aarhus" / "offentlig.yaml")
    redacted = redact(GitHistory(changes={shown_file: changes("Ret stavefejl")}), public)
    assert [c.subject for c in redacted.history_for(public.by_id["aarhus/offentlig"])] == [NEUTRAL_MESSAGE]
