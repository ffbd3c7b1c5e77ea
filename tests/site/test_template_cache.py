"""The compiled templates an incremental build keeps (``generator.site.template_cache``).

Compiled code runs when a page renders, and the cache folder is hostile input: an entry counts only
when it is signed with the user's own key. The test plants a compiled ``main.html`` that writes a
marker into every page: signed with another key it is ignored (the site is the clean build's), signed
with the user's key it is used, which shows that the planted entry sits where a build looks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.config import load_config

from generator.site.template_cache import SignedBytecodeCache
from generator.verified_cache import user_key
from tests.conftest import copy_project
from tests.site.test_site_pages_parity import assert_same_site, build

MARKER = "<!-- planted compiled template -->"


def _plant(project: Path, key: bytes) -> None:
    """A compiled ``main.html`` (the theme's page template) with the marker in front, signed with ``key``."""
    env = load_config(str(project / "mkdocs.yml")).theme.get_env()
    source, filename, _ = env.loader.get_source(env, "main.html")
    cache = SignedBytecodeCache(project, "theme", key)
    bucket = cache.get_bucket(env, "main.html", filename, source)
    bucket.code = env.compile(MARKER + source, "main.html", filename)
    cache.set_bucket(bucket)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    project = copy_project(tmp_path)
    monkeypatch.chdir(project)  # mkdocs resolves the theme's folders from where it runs, as the build does
    return project


def test_a_compiled_template_signed_elsewhere_is_not_run(project):
    clean = build(project, "site-clean")
    assert MARKER.encode() not in clean["index.html"]
    first = build(project, "site", "--incremental")
    entries = sorted((project / ".autoproces-cache" / "templates").rglob("*.bin"))
    assert len(entries) >= 10  # mkdocs-material's templates and ours, compiled once

    _plant(project, os.urandom(32))
    again = build(project, "site", "--incremental")
    assert_same_site(again, clean)
    assert_same_site(first, clean)

    key = user_key(create=False)
    assert key is not None
    _plant(project, key)
    trusted = build(project, "site", "--incremental")
    assert trusted["index.html"].startswith(MARKER.encode())  # the build does load what the user's key signed
