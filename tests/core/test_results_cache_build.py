"""``autoproces build --incremental`` through the results cache (``generator.checks.results_cache``): the
site is byte for byte that of a clean build, after a change and after the cache was tampered with; a full
build writes no results cache."""

from __future__ import annotations

import hashlib
import json

from generator.checks.results_cache import FILE_NAME
from generator.verified_cache import FOLDER
from tests.site.test_site_pages_parity import assert_same_site, build, project  # noqa: F401 - the fixture
from tests.support.git_repo import commit

CHANGED = "processes/aarhus/loen-og-ferie.yaml"
PAGE = "processer/aarhus/loen-og-ferie/index.html"


def _retitled(line: bytes) -> bytes:
    key, _, value = line.partition(b"\t")
    meta, _, dumped = value.partition(b"\t")
    process = json.loads(dumped)
    process["title"] = "Forfalsket titel"
    return key + b"\t" + meta + b"\t" + json.dumps(process, ensure_ascii=False, separators=(",", ":")).encode()


def tamper(path) -> None:
    """Every cached title replaced, and the file's SHA-256 made anew, as a pull request could."""
    header, _, body = path.read_bytes().partition(b"\n")
    first, *lines = body.split(b"\n")
    body = b"\n".join([first, *(_retitled(line) for line in lines)])
    head = json.loads(header)
    head["checksum"] = hashlib.sha256(body).hexdigest()
    path.write_bytes(json.dumps(head).encode() + b"\n" + body)


def test_an_incremental_build_through_the_results_cache_equals_a_clean_build(project, tmp_path):  # noqa: F811
    key = {"AUTOPROCES_KEY_DIR": str(tmp_path / "key")}
    cache = project / FOLDER / FILE_NAME
    clean = build(project, "site-clean", **key)
    assert not cache.exists()  # a full build neither reads nor writes the results cache
    assert_same_site(build(project, "site", "--incremental", **key), clean)
    assert cache.is_file()
    assert_same_site(build(project, "site", "--incremental", **key), clean)  # every file from the cache

    path = project / CHANGED
    path.write_text(path.read_text(encoding="utf-8").replace("Kort resumé.", "Et nyt resumé."), encoding="utf-8")
    commit(project, "Nyt resumé", "2026-11-03T12:00:00+01:00")
    again = build(project, "site", "--incremental", **key)
    assert "Et nyt resumé.".encode() in again[PAGE]
    assert_same_site(again, build(project, "site-clean", **key))

    tamper(cache)
    again = build(project, "site", "--incremental", **key)
    assert not [name for name, data in again.items() if b"Forfalsket titel" in data]
    assert_same_site(again, build(project, "site-clean", **key))
    assert b"Forfalsket titel" not in cache.read_bytes()  # the cache was written anew
