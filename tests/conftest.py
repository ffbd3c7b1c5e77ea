"""Shared fixtures: the project root, the CLI, and a real Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("AUTOPROCES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(autouse=True)
def _cache_key_in_a_scratch_folder(tmp_path_factory, monkeypatch):
    """The results cache's signing key (``generator.verified_cache.user_key``) is never made in the user's home."""
    if "AUTOPROCES_KEY_DIR" not in os.environ:
        monkeypatch.setenv("AUTOPROCES_KEY_DIR", str(tmp_path_factory.getbasetemp() / "cache-key"))


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Run ``autoproces`` as a user would, in a subprocess."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, through Playwright (never a downloaded browser)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does this)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


def copy_project(tmp_path: Path, *, processes: bool = True) -> Path:
    """A scratch copy of the project (config, templates, lists; optionally the example processes)."""
    target = tmp_path / "project"
    target.mkdir()
    for name in ("mkdocs.yml", "site_templates", "taxonomies", "docs"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("sources"))
        elif src.exists():
            shutil.copy2(src, target / name)
    if processes:
        shutil.copytree(ROOT / "processes", target / "processes")
    else:
        (target / "processes").mkdir()
    return target
