"""A file's commits and its bytes at a commit, as the validation rules (AP312, AP314) and the process
page read them from a real repository: renames followed, copies and earlier files of the same name not,
every file answered from one indexed log, and ``file_at`` through one running ``git cat-file``."""

from __future__ import annotations

import os

from generator.sharing import git
from tests.support.git_repo import commit, git as run_git, init_repo

TEXT = "title: {title}\nshort_description: Kort.\n"


def dates(commits):
    return [c.when.date().isoformat() for c in commits]


def test_each_file_gets_its_own_commits_with_renames_followed(tmp_path):
    repo = init_repo(tmp_path / "katalog")
    first = commit(repo, "Katalog", "2026-01-05T10:00:00+01:00",
                   {f"processes/aarhus/p{i}.yaml": TEXT.format(title=f"Proces {i}") for i in range(5)})
    commit(repo, "Ændring", "2026-01-10T10:00:00+01:00", {"processes/aarhus/p1.yaml": TEXT.format(title="Ny")})
    run_git(repo, "mv", "processes/aarhus/p1.yaml", "processes/aarhus/omdoebt.yaml")
    renamed = commit(repo, "Omdøbt", "2026-01-12T10:00:00+01:00")
    commit(repo, "Ny fil med et gammelt navn", "2026-01-15T10:00:00+01:00",
           {"processes/aarhus/p1.yaml": "title: En helt anden proces\nshort_description: Noget andet end før.\n"})
    commit(repo, "Slettet", "2026-01-20T10:00:00+01:00", {"processes/aarhus/p2.yaml": None})
    top, history = git.file_commits(repo / "processes" / "aarhus" / "omdoebt.yaml")
    assert top == repo.resolve()
    assert [(c.commit, c.path) for c in history][0] == (renamed, "processes/aarhus/omdoebt.yaml")
    assert [c.path for c in history] == ["processes/aarhus/omdoebt.yaml", "processes/aarhus/p1.yaml",
                                         "processes/aarhus/p1.yaml"]
    assert dates(history) == ["2026-01-12", "2026-01-10", "2026-01-05"]
    # the new file of the old name begins with its own addition: the renamed file's past is not its own
    assert dates(git.file_commits(repo / "processes" / "aarhus" / "p1.yaml")[1]) == ["2026-01-15"]
    assert dates(git.file_commits(repo / "processes" / "aarhus" / "p3.yaml")[1]) == ["2026-01-05"]
    assert git.file_commits(repo / "processes" / "aarhus" / "findes-ikke.yaml")[1] == []
    assert git.file_at(repo, first, "processes/aarhus/p1.yaml") == TEXT.format(title="Proces 1").encode()
    assert git.file_at(repo, history[1].commit, "processes/aarhus/p1.yaml") == TEXT.format(title="Ny").encode()


def test_file_at_answers_missing_names_and_odd_names_without_stopping(tmp_path):
    repo = init_repo(tmp_path / "katalog")
    first = commit(repo, "Katalog", "2026-01-05T10:00:00+01:00",
                   {"processes/aarhus/med mellemrum.yaml": "title: A\n", "processes/aarhus/b.yaml": "title: B\n"})
    assert git.file_at(repo, first, "processes/aarhus/findes-ikke.yaml") is None
    assert git.file_at(repo, first, "processes/aarhus") is None  # a folder is not a file
    assert git.file_at(repo, first, "processes/aarhus/b.yaml\nHEAD:processes/aarhus/b.yaml") is None
    assert git.file_at(repo, "HEAD~9", "processes/aarhus/b.yaml") is None
    assert git.file_at(repo, first, "processes/aarhus/med mellemrum.yaml") == b"title: A\n"
    assert git.file_at(repo, first, "processes/aarhus/b.yaml") == b"title: B\n"


def test_a_forked_process_reads_through_its_own_git_process(tmp_path):
    repo = init_repo(tmp_path / "katalog")
    first = commit(repo, "Katalog", "2026-01-05T10:00:00+01:00", {"processes/aarhus/b.yaml": "title: B\n"})
    assert git.file_at(repo, first, "processes/aarhus/b.yaml") == b"title: B\n"
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child must not talk to the parent's cat-file (their answers would interleave)
        ok = git.file_at(repo, first, "processes/aarhus/b.yaml") == b"title: B\n"
        ok = ok and len({k for k in git._READERS if k[1] == repo}) == 2
        os.write(write, b"1" if ok else b"0")
        os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"1"
    os.waitpid(child, 0)
    assert git.file_at(repo, first, "processes/aarhus/b.yaml") == b"title: B\n"
