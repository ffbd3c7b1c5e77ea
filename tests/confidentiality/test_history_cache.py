"""The history cache: earlier revisions kept by blob id give exactly the history that reading git gives,
and a cache that was tampered with, linked or made elsewhere is not trusted (real repositories, real commits)."""

from __future__ import annotations

import base64
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.history import load_history
from generator.history_cache import FILE_NAME, FOLDER, FORMAT, RevisionCache, _decode, _encode
from generator.verified_cache import ENV_KEY_FOLDER, checksum, user_key
from generator.history_filter import NEUTRAL_MESSAGE, redact
from tests.confidentiality.test_history_rule import Repo, process_text
from tests.confidentiality.test_history_whole import EXPECTED, lived  # noqa: F401 - the fixture
from tests.site.site_helpers import SITE_LISTS
from tests.support.catalogue import publish_folder

Table = dict[str, list[tuple[str, str, str | None, bool]]]


def _table(repo: Repo, *, write: bool | None) -> tuple[Table, RevisionCache | None]:
    """The redacted history of every published file; ``write`` None: no cache at all."""
    root = repo.path / "processes"
    published = publish_folder(root, taxonomies=SITE_LISTS)
    cache = RevisionCache(repo.path, write=write) if write is not None else None
    history = redact(load_history([root], [pp.path for pp in published]), published, cache)
    if cache is not None:
        cache.save()
    return ({pp.id: [(c.date.isoformat(), c.subject, c.author, c.shown) for c in history.history_for(pp)]
             for pp in sorted(published, key=lambda p: p.id)}, cache)


def _cache_file(repo: Repo) -> Path:
    return repo.path / FOLDER / FILE_NAME


def _kladde_first_blob(repo: Repo) -> str:
    """The blob of the draft's first revision, when it was only for its own organisation."""
    second = repo.git("rev-list", "--reverse", "HEAD").split()[1]
    return repo.git("rev-parse", f"{second}:processes/aarhus/kladde.yaml").strip()


def _rewrite(repo: Repo, change, key: bytes | None) -> None:
    """Decode the cache body, let ``change`` edit its revisions, and write it back with an HMAC made with ``key``
    (None: keep the old header, as an edit that does not know the key would)."""
    path = _cache_file(repo)
    header, _, body = path.read_bytes().partition(b"\n")
    data = json.loads(body)
    revisions = _decode(data)
    change(revisions)
    new_body = json.dumps({"version": data["version"], **_encode(revisions)}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
    head = (json.loads(header) if key is None
            else {"format": json.loads(header)["format"], "checksum": checksum(new_body, key)})
    path.write_bytes(json.dumps(head).encode("ascii") + b"\n" + new_body)


def _claim_public(blob: str):
    def change(revisions):
        old = revisions[blob]
        revisions[blob] = type(old)("public", old.municipality, old.hidden, old.titles, old.confidential)
    return change


def _key() -> bytes:
    """The user's signing key (the tests keep it in a folder of their own, see ``tests/conftest.py``)."""
    key = user_key(create=False)
    assert key is not None
    return key


def test_a_warm_cache_gives_the_exact_history_without_reading_git(lived):
    assert _table(lived, write=None)[0] == EXPECTED
    table, first = _table(lived, write=True)
    assert table == EXPECTED and first is not None and not first.trusted and first.added == 4
    table, second = _table(lived, write=True)
    assert table == EXPECTED  # the draft stays neutral: its first revision was only for its organisation
    assert second is not None and second.trusted and second.added == 0 and len(second.used) == 4


def test_a_full_build_reads_a_valid_cache_but_never_writes_one(lived, tmp_path, monkeypatch):
    keys = tmp_path / "keys"
    monkeypatch.setenv(ENV_KEY_FOLDER, str(keys))
    _table(lived, write=False)
    assert not _cache_file(lived).exists() and not keys.exists()  # nor does it make a key
    _table(lived, write=True)
    before = _cache_file(lived).read_bytes()
    table, cache = _table(lived, write=False)
    assert table == EXPECTED and cache is not None and cache.trusted and _cache_file(lived).read_bytes() == before


def test_an_entry_that_claims_an_old_private_version_was_public_is_not_trusted(lived):
    _table(lived, write=True)
    blob = _kladde_first_blob(lived)
    _rewrite(lived, _claim_public(blob), key=None)  # the old MAC no longer fits the body
    table, cache = _table(lived, write=False)
    assert cache is not None and not cache.trusted
    assert table["aarhus/kladde"] == EXPECTED["aarhus/kladde"]


def test_a_forged_cache_with_a_recomputed_checksum_is_not_trusted(lived):
    _table(lived, write=True)
    blob = _kladde_first_blob(lived)
    _rewrite(lived, _claim_public(blob), key=hashlib.sha256(b"guessed").digest())
    table, cache = _table(lived, write=False)
    assert cache is not None and not cache.trusted
    assert table["aarhus/kladde"][-1] == ("2025-01-02", NEUTRAL_MESSAGE, None, False)


def test_the_forgery_is_what_the_key_protects_against(lived):
    """The same edit signed with the user's own key is believed: the key, not the shape, is the guard."""
    _table(lived, write=True)
    _rewrite(lived, _claim_public(_kladde_first_blob(lived)), key=_key())
    table, cache = _table(lived, write=False)
    assert cache is not None and cache.trusted
    assert table["aarhus/kladde"][-1] == ("2025-01-02", "Kladde oprettet", "Test", True)


def test_a_cache_copied_from_another_user_or_machine_is_not_trusted(lived, tmp_path, monkeypatch):
    """A clone with the cache of someone else (a restored CI cache, a committed folder): another key."""
    _table(lived, write=True)
    mine = _key()
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(lived.path), str(clone)], check=True)
    shutil.copytree(lived.path / FOLDER, clone / FOLDER)
    other = Repo.__new__(Repo)
    other.path, other.day = clone, 0
    monkeypatch.setenv(ENV_KEY_FOLDER, str(tmp_path / "other-user"))
    table, cache = _table(other, write=False)
    assert cache is not None and not cache.trusted and cache.key is None  # that user has no key yet
    assert table == EXPECTED
    table, cache = _table(other, write=True)  # an incremental build there makes its own key
    assert table == EXPECTED and cache is not None and not cache.trusted and cache.key not in (None, mine)


@pytest.mark.parametrize("damage", ["cut", "not json", "wrong format", "broken numbers"])
def test_a_damaged_cache_is_rebuilt(lived, damage):
    _table(lived, write=True)
    path = _cache_file(lived)
    header, _, body = path.read_bytes().partition(b"\n")
    if damage == "cut":
        path.write_bytes(header + b"\n" + body[: len(body) // 2])
    elif damage == "not json":
        path.write_bytes(b"{not json\n" + body)
    elif damage == "wrong format":
        path.write_bytes(json.dumps({**json.loads(header), "format": 1}).encode() + b"\n" + body)
    else:  # a correctly signed body whose numbers point past the table of texts
        data = json.loads(body)
        data["numbers"] = base64.b64encode(b"\x01\x00\x00\x00" + b"\xff\xff\x00\x00" * 6).decode()
        signed = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        path.write_bytes(json.dumps({"format": FORMAT, "checksum": checksum(signed, _key())}).encode() + b"\n" + signed)
    table, cache = _table(lived, write=True)
    assert table == EXPECTED and cache is not None and not cache.trusted and cache.added == 4
    assert _table(lived, write=False)[1].trusted  # written anew


def test_a_cache_file_that_is_a_link_is_neither_read_nor_written(lived, tmp_path):
    _table(lived, write=True)
    elsewhere = tmp_path / "elsewhere.json"
    _cache_file(lived).rename(elsewhere)
    _cache_file(lived).symlink_to(elsewhere)
    before = elsewhere.read_bytes()
    table, cache = _table(lived, write=True)
    assert table == EXPECTED and cache is not None and not cache.trusted
    assert _cache_file(lived).is_symlink() and elsewhere.read_bytes() == before


def test_renames_and_odd_file_names_give_the_same_history_cached(tmp_path):
    repo = Repo(tmp_path / "repo")
    odd = "processes__aarhus__æble med mellemrum.yaml"
    repo.commit("Kladde med et sært navn", **{odd: process_text("Sært navn", visibility="personal")})
    repo.commit("Offentliggjort", **{odd: process_text("Sært navn")})
    repo.git("mv", "processes/aarhus/æble med mellemrum.yaml", 'processes/aarhus/"citat".yaml')
    repo.commit("Omdøbt")
    repo.commit("Rettet", **{'processes__aarhus__"citat".yaml': process_text("Sært navn", extra="status_text: Ny\n")})
    plain = _table(repo, write=None)[0]
    assert plain == {'aarhus/"citat"': [("2025-01-04", NEUTRAL_MESSAGE, None, False),
                                        ("2025-01-02", NEUTRAL_MESSAGE, None, False),
                                        ("2025-01-01", NEUTRAL_MESSAGE, None, False)]}
    _table(repo, write=True)
    table, cache = _table(repo, write=True)
    assert table == plain and cache is not None and cache.trusted and cache.added == 0


def test_a_site_built_with_a_warm_history_cache_is_the_site_built_without_one(tmp_path):
    """Real ``autoproces build`` runs: a private draft made public, a rename; the incremental builds fill and
    then use the cache, and their sites are byte for byte the clean build's, the draft's message withheld."""
    from tests.conftest import copy_project
    from tests.site.test_site_pages_parity import BEFORE_VALIDATIONS, assert_same_site, build
    from tests.support.git_repo import commit, init_repo

    project = copy_project(tmp_path)
    init_repo(project)
    commit(project, "Eksempelkataloget", BEFORE_VALIDATIONS)
    draft = project / "processes" / "aarhus" / "hemmelig-kladde.yaml"
    draft.write_text(process_text("Hemmelig lønrobotkladde", visibility="municipality"), encoding="utf-8")
    commit(project, "Lønrobotkladde oprettet", "2026-11-03T12:00:00+01:00")
    draft.write_text(process_text("Offentlig kladde"), encoding="utf-8")
    commit(project, "Kladden offentliggjort", "2026-11-04T12:00:00+01:00")
    subprocess.run(["git", "mv", "processes/aarhus/hemmelig-kladde.yaml", "processes/aarhus/ny-kladde.yaml"],
                   cwd=project, check=True)
    commit(project, "Omdøbt", "2026-11-05T12:00:00+01:00")
    filled = build(project, "site", "--incremental")
    assert (project / FOLDER / FILE_NAME).is_file()
    warm = build(project, "site", "--incremental")
    clean = build(project, "site-clean", AUTOPROCES_WORKERS="1")
    assert_same_site(filled, clean)
    assert_same_site(warm, clean)
    page = warm["processer/aarhus/ny-kladde/index.html"]
    assert NEUTRAL_MESSAGE.encode() in page and "Lønrobotkladde".encode() not in page
    assert not [name for name, data in warm.items() if "lønrobot".encode() in data.lower()]
