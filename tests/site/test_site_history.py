"""The change history from git: one batched call, renames followed, no history outside git."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator import history as history_module
from generator.history import NO_BLOB, RECORD, content_changes, load_history, parse_log

GIT_ENV = {"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org"}


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, **GIT_ENV}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def process_file(repo: Path, relative: str, text: str = "title: x\n") -> Path:
    path = repo / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    return tmp_path


def test_history_follows_a_rename_and_lists_only_commits_that_changed_the_file(repo):
    process_file(repo, "processes/aarhus/gammelt-navn.yaml")
    process_file(repo, "processes/odense/anden.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Tilføj to processer", date="2024-01-10T10:00:00+01:00")
    process_file(repo, "processes/aarhus/gammelt-navn.yaml", "title: x\nphase: idea\n")
    git(repo, "commit", "-qam", "Ret fasen", date="2024-05-02T10:00:00+02:00")
    process_file(repo, "processes/odense/anden.yaml", "title: y\n")
    git(repo, "commit", "-qam", "Ret Odenses proces", date="2024-06-01T10:00:00+02:00")
    git(repo, "mv", "processes/aarhus/gammelt-navn.yaml", "processes/aarhus/nyt-navn.yaml")
    git(repo, "commit", "-qm", "Omdøb processen", date="2025-03-03T10:00:00+01:00")

    current = repo / "processes/aarhus/nyt-navn.yaml"
    history = load_history([repo / "processes"], [current, repo / "processes/odense/anden.yaml"])
    process = SimpleNamespace(path=current)

    subjects = [c.subject for c in history.history_for(process)]
    # the rename changed nothing in the file: it is followed, but not listed (only content changes are)
    assert subjects == ["Ret fasen", "Tilføj to processer"]
    assert str(history.first_date(process)) == "2024-01-10"
    assert str(history.last_date(process)) == "2024-05-02"
    odense = SimpleNamespace(path=repo / "processes/odense/anden.yaml")
    assert [c.subject for c in history.history_for(odense)] == ["Ret Odenses proces", "Tilføj to processer"]


def test_one_git_log_for_many_files(repo, monkeypatch):
    files = [process_file(repo, f"processes/aarhus/p{i}.yaml") for i in range(60)]
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Tilføj mange processer")
    calls: list[list[str]] = []
    real_run = subprocess.run

    def counting_run(args, *a, **kw):
        calls.append(list(args))
        return real_run(args, *a, **kw)

    monkeypatch.setattr(history_module.subprocess, "run", counting_run)
    history = load_history([repo / "processes"], files)
    assert all(history.history_for(SimpleNamespace(path=f)) for f in files)
    assert len(calls) <= 2, calls  # rev-parse once, log once
    assert sum(1 for c in calls if "log" in c) == 1


def test_outside_a_git_repository_there_is_no_history(tmp_path):
    path = process_file(tmp_path, "processes/aarhus/p.yaml")
    history = load_history([tmp_path / "processes"], [path])
    assert history.history_for(SimpleNamespace(path=path)) == []
    assert history.first_date(SimpleNamespace(path=path)) is None


def test_uncommitted_file_has_no_history_but_others_keep_theirs(repo):
    committed = process_file(repo, "processes/aarhus/a.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "Første")
    fresh = process_file(repo, "processes/aarhus/ny.yaml")
    history = load_history([repo / "processes"], [committed, fresh])
    assert history.history_for(SimpleNamespace(path=fresh)) == []
    assert len(history.history_for(SimpleNamespace(path=committed))) == 1


def test_parse_log_does_not_give_a_readded_file_the_past_of_an_older_file_of_the_same_name(tmp_path):
    blob1, blob3 = "1" * 40, "3" * 40

    def record(sha: str, day: int, subject: str, status: str, old: str, new: str) -> str:
        return (f"{RECORD}{sha}\0 2025-01-0{day}T00:00:00+00:00\0Test\0{subject}\0\n"
                f":100644 100644 {old} {new} {status}\0processes/a/p.yaml\0").replace("\0 ", "\0")

    log = (record("c3", 3, "Genopret", "A", NO_BLOB, blob3) + record("c2", 2, "Slet", "D", blob1, NO_BLOB)
           + record("c1", 1, "Første", "A", NO_BLOB, blob1))
    repository = parse_log(log, tmp_path)
    lineage = repository.by_path["processes/a/p.yaml"]
    assert [c.subject for c in content_changes(repository, lineage)] == ["Genopret"]
    assert lineage.revisions == [("processes/a/p.yaml", blob3)]


def test_parse_log_reads_a_file_name_with_a_record_separator_as_a_name(tmp_path):
    """Tokens are read by position: no byte of a hostile file name starts another commit."""
    name = f"processes/a/x{RECORD}ondt.yaml"
    log = f"{RECORD}c1\x002025-01-01T00:00:00+00:00\x00Test\x00Første\x00\n:000000 100644 {NO_BLOB} {'1' * 40} A\x00{name}\x00"
    repository = parse_log(log, tmp_path)
    assert [c.subject for c in repository.commits] == ["Første"]
    assert list(repository.by_path) == [name]
