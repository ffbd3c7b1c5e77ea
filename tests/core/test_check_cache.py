"""``autoproces check`` at scale: the process pool gives the serial output byte for byte, and a check of
a few files with the facts cache gives exactly the findings of a full check, whatever state the cache is in."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.catalogue import BASE, real_lists
from tests.support.git_repo import commit, init_repo
from tests.support.workers import record_checking_processes
from generator.checks import batch, cache
from generator.checks import selection as selection_module
from generator.checks.selection import Selection, check_selection
from generator.cli import main
from generator.verified_cache import user_key

CORPUS = ROOT / "tests" / "corpus" / "processes"
TAXONOMIES = str(ROOT / "taxonomies")
UMBRELLA = "processes/aarhus/support-egen-paraply.yaml"
# Files whose findings depend on other files: a duplicate id, umbrellas, a copy's source.
REQUESTED = [
    "processes/aarhus/dobbelt.yaml",
    "processes/aarhus/ap302-pass-egen-paraply.yaml",
    "processes/aarhus/ap302-fail-almindelig-proces-som-paraply.yaml",
    "processes/aarhus/ap301-fail-ukendt-paraply.yaml",
    "processes/aarhus/ap307-fail-ukendt-kilde.yaml",
]


@pytest.fixture
def catalogue(tmp_path, monkeypatch):
    """The whole rule corpus plus two files with the same id, committed to a real git repository."""
    shutil.copytree(CORPUS, tmp_path / "processes")
    (tmp_path / "processes" / "aarhus" / "dobbelt.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "processes" / "aarhus" / "dobbelt.yml").write_text(BASE, encoding="utf-8")
    init_repo(tmp_path)
    commit(tmp_path, "katalog", "2026-11-02T10:00:00+01:00")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check_output(capsys, *args: str) -> tuple[int, str]:
    code = main(["--taxonomies", TAXONOMIES, "check", *args])
    return code, capsys.readouterr().out


def test_the_pool_prints_byte_for_byte_what_a_serial_check_prints(catalogue, capsys, monkeypatch):
    monkeypatch.setattr(batch, "usable_cores", lambda: 1)
    serial = [check_output(capsys, "--no-cache", "--format", form) for form in ("text", "json")]

    checking_processes = record_checking_processes(monkeypatch, catalogue / "workers")
    monkeypatch.setattr(batch, "usable_cores", lambda: 2)
    monkeypatch.setattr(batch, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(batch, "CHUNK_FILES", 7)
    parallel = [check_output(capsys, "--no-cache", "--format", form) for form in ("text", "json")]

    assert parallel == serial
    pids = checking_processes()
    assert pids and os.getpid() not in pids  # the files were checked in other processes
    code, text = serial[0]
    assert code == 1 and "AP015" in text and "AP302" in text and "AP005" in text
    assert text.splitlines()[-1].startswith(f"{len(list((catalogue / 'processes').rglob('*.y*ml')))} filer kontrolleret")


def selection(files, cache_file=None, versions=None, key=None) -> Selection:
    return Selection([Path(f) for f in files], Path("processes"), cache_file=cache_file,
                     versions=versions if versions is not None else {"code": "c", "taxonomies": "t"}, key=key)


def full_findings_of(files):
    """What a check of the whole catalogue, without a cache, reports for ``files``."""
    everything = check_selection(selection(["processes"]), real_lists()).findings
    return [f for f in everything if f.file in files]


def cached_check(files, versions=None, key=None):
    """A check through the cache in ``processes/..``; ``key`` signs it (and then stat signatures are kept)."""
    return check_selection(selection(files, cache.cache_file(Path("processes")), versions, key), real_lists())


def test_a_check_of_changed_files_with_a_warm_cache_reports_what_a_full_check_reports(catalogue):
    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    cold = cached_check(["processes"])
    assert cold.read_in_full == total and cache.cache_file(Path("processes")).is_file()

    warm = cached_check(REQUESTED)
    assert warm.read_in_full == len(REQUESTED)  # every other file came from the cache
    assert warm.checked == len(REQUESTED)
    assert warm.findings == full_findings_of(REQUESTED)
    rules = {(f.file, f.rule) for f in warm.findings}
    assert ("processes/aarhus/dobbelt.yaml", "AP015") in rules  # the other file was not checked, only placed
    assert ("processes/aarhus/ap302-fail-almindelig-proces-som-paraply.yaml", "AP302") in rules
    duplicate = next(f for f in warm.findings if f.rule == "AP015")
    assert "processes/aarhus/dobbelt.yml" in duplicate.message


def test_the_command_reports_the_same_for_changed_files_with_and_without_the_cache(catalogue, capsys):
    assert check_output(capsys, "--format", "json")[0] == 1  # warms the cache
    assert (catalogue / ".autoproces-cache" / "check-facts.json").is_file()
    assert (catalogue / ".autoproces-cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    with_cache = check_output(capsys, "--format", "json", *REQUESTED)
    without = check_output(capsys, "--format", "json", "--no-cache", *REQUESTED)
    assert with_cache == without
    everything = json.loads(check_output(capsys, "--format", "json", "--no-cache")[1])
    assert json.loads(with_cache[1]) == [f for f in everything if f["file"] in REQUESTED]


def test_a_changed_unrequested_file_is_read_again_and_changes_the_findings(catalogue):
    cached_check(["processes"])
    umbrella = catalogue / UMBRELLA
    umbrella.write_text(umbrella.read_text(encoding="utf-8").replace("type: parent", "type: child"), encoding="utf-8")
    stale = cached_check(REQUESTED)
    assert stale.read_in_full == len(REQUESTED) + 1  # the requested files and the changed umbrella
    assert stale.findings == full_findings_of(REQUESTED)
    assert any(f.rule == "AP302" and f.file == "processes/aarhus/ap302-pass-egen-paraply.yaml" for f in stale.findings)


@pytest.mark.parametrize("signed", [False, True])
@pytest.mark.parametrize("damage", ["garbage", "truncated", "tampered", "link"])
def test_a_cache_that_cannot_be_trusted_is_rebuilt_and_the_findings_stay_right(catalogue, damage, signed,
                                                                               tmp_path_factory):
    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    key = user_key() if signed else None
    cached_check(["processes"], key=key)
    path = cache.cache_file(Path("processes"))
    original = path.read_bytes()
    if damage == "garbage":
        path.write_bytes(b"\x00\xff garbage \x9c" * 50)
    elif damage == "truncated":
        path.write_bytes(original[: len(original) // 2])
    elif damage == "tampered":  # one fact changed, the old checksum kept
        umbrella_line = f"{batch.digest((catalogue / UMBRELLA).read_bytes())}\t1\tparent\taarhus\n".encode()
        assert original.count(umbrella_line) == 1
        path.write_bytes(original.replace(umbrella_line, umbrella_line.replace(b"parent", b"child")))
    else:  # the cache folder replaced by a link to somewhere else: never read or written through
        elsewhere = tmp_path_factory.mktemp("elsewhere")
        shutil.copy2(path, elsewhere / path.name)
        shutil.rmtree(path.parent)
        path.parent.symlink_to(elsewhere, target_is_directory=True)

    rebuilt = cached_check(REQUESTED, key=key)
    assert rebuilt.read_in_full == total
    assert rebuilt.findings == full_findings_of(REQUESTED)
    assert not any(f.rule == "AP302" and "pass" in f.file for f in rebuilt.findings)
    again = cached_check(REQUESTED, key=key)
    if damage == "link":
        assert again.read_in_full == total and (path.parent / path.name).read_bytes() == original
    else:
        assert again.read_in_full == len(REQUESTED)  # the rewritten cache is trusted again


def settled_check(files):
    """Checks signed with the user's key until every file is known by its stat signature (a file written in the
    clock tick the first check began in is read again by the next)."""
    key = user_key()
    cached_check(["processes"], key=key)
    cached_check(files, key=key)
    outcome = cached_check(files, key=key)
    assert outcome.hashed == 0 and outcome.read_in_full == len(files)
    return key


def rewrite_keeping_size_and_mtime(path: Path, old: str, new: str) -> None:
    """Change the file's bytes, keep its size, and set its modification time back (``touch -d``)."""
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert len(old) == len(new) and text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    assert after.st_ctime_ns != before.st_ctime_ns  # no user can set the change time back


def test_an_unchanged_file_is_known_by_its_stat_and_a_change_keeping_size_and_mtime_is_still_found(catalogue):
    key = settled_check(REQUESTED)
    assert not any(f.rule == "AP302" and f.file == "processes/aarhus/ap302-pass-egen-paraply.yaml"
                   for f in cached_check(REQUESTED, key=key).findings)

    rewrite_keeping_size_and_mtime(catalogue / UMBRELLA, "type: parent", "type: child ")
    changed = cached_check(REQUESTED, key=key)
    assert changed.hashed == 1  # only the file whose change time moved was read
    assert changed.read_in_full == len(REQUESTED) + 1  # and checked, as its bytes are new
    assert changed.findings == full_findings_of(REQUESTED)
    assert any(f.rule == "AP302" and f.file == "processes/aarhus/ap302-pass-egen-paraply.yaml"
               for f in changed.findings)
    cached_check(REQUESTED, key=key)  # written in the tick the last check began in, the file may be read once more
    assert cached_check(REQUESTED, key=key).hashed == 0  # then its new signature is known


def command_outcomes(monkeypatch) -> list:
    """The outcome of each ``check`` command run from now on."""
    outcomes = []

    def recorded(*args):
        outcomes.append(check_selection(*args))
        return outcomes[-1]

    monkeypatch.setattr(selection_module, "check_selection", recorded)
    return outcomes


def settled_command(capsys, outcomes, requested: str) -> None:
    """``check`` until the command's own (signed) cache knows every file by its stat signature."""
    check_output(capsys, "--format", "json")
    check_output(capsys, "--format", "json", requested)
    assert check_output(capsys, "--format", "json", requested) == (0, "[]\n")
    assert (outcomes[-1].hashed, outcomes[-1].read_in_full) == (0, 1)


def test_the_command_reports_a_finding_a_change_of_another_file_causes_after_touch_d(catalogue, capsys, monkeypatch):
    outcomes = command_outcomes(monkeypatch)
    requested = "processes/aarhus/ap302-pass-egen-paraply.yaml"
    settled_command(capsys, outcomes, requested)
    rewrite_keeping_size_and_mtime(catalogue / UMBRELLA, "type: parent", "type: child ")
    code, out = check_output(capsys, "--format", "json", requested)
    assert (code, outcomes[-1].hashed) == (1, 1)
    assert [(f["file"], f["line"], f["column"], f["rule"], f["key"]) for f in json.loads(out)] == [
        (requested, 11, 13, "AP302", "umbrellas[1]")]


def test_a_changed_requested_file_gets_its_finding_with_file_line_and_key(catalogue, capsys, monkeypatch):
    outcomes = command_outcomes(monkeypatch)
    requested = "processes/aarhus/ap302-pass-egen-paraply.yaml"
    settled_command(capsys, outcomes, requested)
    path = catalogue / requested
    path.write_text(path.read_text(encoding="utf-8") + "resume: Et resumé under et forkert feltnavn.\n",
                    encoding="utf-8")
    line = path.read_text(encoding="utf-8").count("\n")
    code, out = check_output(capsys, "--format", "json", requested)
    found = [(f["file"], f["line"], f["rule"], f["key"]) for f in json.loads(out)]
    assert code == 1 and found == [(requested, line, "AP101", "resume")]
    assert (outcomes[-1].hashed, outcomes[-1].read_in_full) == (0, 1)
    assert json.loads(out) == json.loads(check_output(capsys, "--format", "json", "--no-cache", requested)[1])


def test_a_cache_from_before_a_fresh_clone_is_verified_by_the_bytes_of_every_file(catalogue, monkeypatch):
    """The cache of a working tree whose umbrella was edited, kept across a fresh clone of the commit (in which
    the umbrella is unedited) at the same place: no stat signature fits, every file is read and judged by its bytes."""
    umbrella = catalogue / UMBRELLA
    umbrella.write_text(umbrella.read_text(encoding="utf-8").replace("type: parent", "type: child"), encoding="utf-8")
    key = settled_check(REQUESTED)
    edited = cached_check(REQUESTED, key=key)
    assert any(f.rule == "AP302" and "pass" in f.file for f in edited.findings)

    kept = catalogue.with_name(catalogue.name + "-kept")
    monkeypatch.chdir(catalogue.parent)
    catalogue.rename(kept)
    subprocess.run(["git", "clone", "-q", str(kept), str(catalogue)], check=True, capture_output=True)
    (catalogue / ".autoproces-cache").mkdir()
    shutil.copy2(kept / ".autoproces-cache" / "check-facts.json", catalogue / ".autoproces-cache" / "check-facts.json")
    monkeypatch.chdir(catalogue)

    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    cloned = cached_check(REQUESTED, key=key)
    assert cloned.hashed == total - len(REQUESTED)  # every other file read: no signature was the recorded one
    assert cloned.read_in_full == len(REQUESTED) + 1  # the umbrella's committed bytes are new to the cache
    assert cloned.findings == full_findings_of(REQUESTED)
    assert not any(f.rule == "AP302" and "pass" in f.file for f in cloned.findings)


def test_a_file_not_older_than_the_check_is_never_known_by_its_stat(catalogue):
    key = settled_check(REQUESTED)
    ahead = time.time_ns() + 3600 * 10**9  # as a file written while the check ran would be: not settled
    os.utime(catalogue / UMBRELLA, ns=(ahead, ahead))
    for _ in range(2):
        outcome = cached_check(REQUESTED, key=key)
        assert outcome.hashed == 1 and outcome.read_in_full == len(REQUESTED)
        assert outcome.findings == full_findings_of(REQUESTED)


def test_an_unsigned_cache_never_holds_stat_signatures(catalogue):
    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    cached_check(["processes"])
    for _ in range(2):
        outcome = cached_check(REQUESTED)
        assert outcome.hashed == total - len(REQUESTED) and outcome.read_in_full == len(REQUESTED)
    assert not cache.signatures_file(cache.cache_file(Path("processes"))).exists()


def test_forged_stat_signatures_are_not_used(catalogue):
    """Signatures that claim the edited umbrella still holds its old bytes, with a checksum anyone can compute
    (not the user's key): every file is read and judged by its bytes."""
    key = settled_check(REQUESTED)
    path = cache.signatures_file(cache.cache_file(Path("processes")))
    umbrella = catalogue / UMBRELLA
    old_digest = batch.digest(umbrella.read_bytes())
    umbrella.write_text(umbrella.read_text(encoding="utf-8").replace("type: parent", "type: child"), encoding="utf-8")
    body = path.read_bytes().split(b"\n", 1)[1]
    lines = [line for line in body.split(b"\n")[1:] if not line.endswith(str(umbrella).encode())]
    forged = b"\n".join(body.split(b"\n")[:1] + lines + [
        f"{old_digest}\t{cache.signature(umbrella.stat())}\t{umbrella}".encode()])
    path.write_bytes(json.dumps({"format": cache.FORMAT, "checksum": hashlib.sha256(forged).hexdigest()}).encode()
                     + b"\n" + forged)

    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    outcome = cached_check(REQUESTED, key=key)
    assert outcome.hashed == total - len(REQUESTED)
    assert outcome.findings == full_findings_of(REQUESTED)
    assert any(f.rule == "AP302" and f.file == "processes/aarhus/ap302-pass-egen-paraply.yaml" for f in outcome.findings)


@pytest.mark.parametrize("changed", ["code", "taxonomies"])
def test_a_cache_from_other_code_or_other_lists_is_not_used(catalogue, changed):
    total = len(list((catalogue / "processes").rglob("*.y*ml")))
    versions = {"code": "c", "taxonomies": "t"}
    cached_check(["processes"], versions)
    assert cached_check(REQUESTED, versions).read_in_full == len(REQUESTED)
    other = {**versions, changed: "other"}
    rebuilt = cached_check(REQUESTED, other)
    assert rebuilt.read_in_full == total
    assert rebuilt.findings == full_findings_of(REQUESTED)


def test_the_versions_change_with_the_lists_and_the_code(tmp_path):
    lists = tmp_path / "taxonomies"
    shutil.copytree(ROOT / "taxonomies", lists, ignore=shutil.ignore_patterns("sources"))
    before = cache.taxonomy_version(lists)
    assert cache.taxonomy_version(lists) == before
    kla = lists / "kla.json"
    kla.write_bytes(kla.read_bytes() + b"\n")
    assert cache.taxonomy_version(lists) != before
    assert len(cache.code_version()) == 64 and cache.code_version() == cache.code_version()


def test_a_check_imports_none_of_the_other_commands(tmp_path):
    (tmp_path / "processes" / "aarhus").mkdir(parents=True)
    (tmp_path / "processes" / "aarhus" / "proces.yaml").write_text(BASE, encoding="utf-8")
    probe = ("import sys; from generator.cli import main; code = main(['--taxonomies', sys.argv[1], 'check', "
             "'processes/aarhus/proces.yaml']); print(sorted(m for m in sys.modules if m.startswith('generator.')));"
             "print(sorted(m for m in sys.modules if '.' not in m))")
    result = subprocess.run([sys.executable, "-c", probe, TAXONOMIES], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 fil kontrolleret: 0 fejl, 0 advarsler.\n")
    modules, packages = result.stdout.splitlines()[-2:]
    for heavy in ("generator.taxonomies.refresh", "generator.importers.command", "generator.sharing.commands",
                  "generator.authoring.commands", "generator.search", "generator.exports", "generator.sanitize"):
        assert f"'{heavy}" not in modules, heavy
    # A plain file is read by libyaml and has no HTML: neither the positioned reader nor the Markdown renderer loads
    assert "'yaml'" in packages and "'pydantic'" in packages
    assert "'ruamel'" not in packages and "'markdown'" not in packages
    listing = subprocess.run([sys.executable, "-m", "generator", "--help"], cwd=tmp_path, capture_output=True, text=True)
    assert all(name in listing.stdout for name in ("check", "copy", "pr-report", "import", "taxonomies", "new"))
