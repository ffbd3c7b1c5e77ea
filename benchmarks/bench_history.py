"""A realistic multi-commit git history for a synthetic catalogue: every file has ``commits`` versions.

The files on disk (the newest version) are the synthetic catalogue itself, so a build reads exactly what
it reads with one commit; only the history behind them grows. The earlier versions of a file differ from
it as a catalogue's files do over time: another title, résumé, search words, figures, contact and internal
notes; one file in twenty was not public for a while (``municipality`` or ``personal``, then ``public``
again), one in fifty had another name before a rename. The versions are committed round by round (round
one adds every file), 25 files a commit in a shuffled order, through one ``git fast-import``, and packed
as a clone is (``git repack -f``).
"""

from __future__ import annotations

import os
import random
import subprocess
from pathlib import Path

from bench_projects import GIT_ENV
from synthetic import to_yaml

PER_COMMIT = 25
HIDDEN_EVERY = 20  # one file in twenty was not public in some of its earlier versions
RENAMED_EVERY = 50  # one file in fifty had another name in its earlier versions


def _earlier(data: dict, rng: random.Random, version: int, commits: int, hidden: bool) -> dict:
    """Version ``version`` (1 is the first) of a process whose newest version is ``data``."""
    older = dict(data)
    steps = commits - version  # how many edits before today
    if steps == 0:
        return older
    words = str(data.get("title", "")).split()
    if len(words) > 2 and rng.random() < 0.6:
        older["title"] = " ".join(words[:-1])
    if "short_description" in data and rng.random() < 0.5:
        older["short_description"] = str(data["short_description"]).rsplit(" ", 1)[0] + " (udkast)"
    if rng.random() < 0.5:
        older["search_words"] = list(data.get("search_words", []))[: max(0, steps - 1)]
    if "time_spend_occurrences" in data:
        older["time_spend_occurrences"] = max(1, int(data["time_spend_occurrences"]) - 37 * steps)
    if rng.random() < 0.3:
        older["contact"] = {"name": f"Tidligere Kontakt {version}", "email": f"tidligere{version}@example.dk"}
    if "internal_notes" in data:
        older["internal_notes"] = f"{data['internal_notes']} Version {version}."
    if hidden and 1 <= version <= max(1, commits - 3):
        older["visibility"] = "municipality" if version % 2 else "personal"
    return older


def _path(process_id: str, version: int, commits: int, renamed: bool) -> str:
    if renamed and version <= max(1, commits // 2):
        folder, slug = process_id.split("/", 1)
        return f"processes/{folder}/{slug}-gammel.yaml"
    return f"processes/{process_id}.yaml"


def _versions(records: list[tuple[str, dict]], commits: int, seed: int) -> list[list[tuple[str, bytes]]]:
    """For each round, the (path, text) of every file in it (the last round is today's files)."""
    rng = random.Random(seed)
    rounds: list[list[tuple[str, bytes]]] = [[] for _ in range(commits)]
    for n, (process_id, data) in enumerate(records):
        hidden, renamed = n % HIDDEN_EVERY == 3, n % RENAMED_EVERY == 11
        for version in range(1, commits + 1):
            text = to_yaml(_earlier(data, rng, version, commits, hidden)).encode("utf-8")
            rounds[version - 1].append((_path(process_id, version, commits, renamed), text))
    return rounds


def commit_history(project: Path, records: list[tuple[str, dict]], commits: int, seed: int = 11) -> int:
    """Commit the project with ``commits`` versions of every process file; returns the number of commits.

    The project's own files (configuration, templates, lists) come first in one commit, as in
    ``bench_projects.commit``; the process files on disk must be the records' newest versions.
    """
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q"], cwd=project, env=env, check=True)
    subprocess.run(["git", "add", "-A", "--", ".", ":!processes"], cwd=project, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", "Projektet"], cwd=project, env=env, check=True)
    branch = subprocess.run(["git", "symbolic-ref", "HEAD"], cwd=project, capture_output=True,
                            check=True).stdout.strip()
    stream, count, when = [], 0, 1_700_000_000
    at: dict[str, str] = {}  # process id -> its path in the last commit
    order = random.Random(seed + 1)
    for number, files in enumerate(_versions(records, commits, seed), start=1):
        indexed = list(zip(records, files))
        order.shuffle(indexed)
        for start in range(0, len(indexed), PER_COMMIT):
            count, when = count + 1, when + 3600
            message = (f"Runde {number}: {min(PER_COMMIT, len(indexed) - start)} processer "
                       f"{'tilføjet' if number == 1 else 'rettet'} ({start // PER_COMMIT + 1})").encode()
            stream.append(b"commit %s\ncommitter bench <bench@example.org> %d +0100\ndata %d\n%s\n"
                          % (branch, when, len(message), message))
            if count == 1:
                stream.append(b"from %s^0\n" % branch)
            for (process_id, _data), (path, text) in indexed[start:start + PER_COMMIT]:
                before = at.get(process_id)
                if before is not None and before != path:
                    stream.append(b"D %s\n" % before.encode())
                at[process_id] = path
                stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(text), text))
    subprocess.run(["git", "fast-import", "--quiet"], cwd=project, input=b"".join(stream), env=env, check=True)
    subprocess.run(["git", "reset", "-q", "--hard"], cwd=project, env=env, check=True)
    # fast-import's deltas run from the oldest version up; a clone's pack (as GitHub serves it) is made anew
    subprocess.run(["git", "repack", "-a", "-d", "-f", "-q"], cwd=project, env=env, check=True)
    return count + 1
