"""Fixtures of the site tests: ONE real build of the example catalogue per session, served on 127.0.0.1,
small catalogues come from ``tests/support/catalogue.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.audience import Published
from tests.conftest import ROOT, run_cli
from tests.support.catalogue import publish_folder, real_lists
from tests.support.server import serve_directory

SUB_PATH = "sub/path/"


@pytest.fixture(scope="session")
def site_root(tmp_path_factory) -> Path:
    """The public site of the example catalogue, built with ``autoproces build`` into www/sub/path/."""
    www = tmp_path_factory.mktemp("www")
    site = www / SUB_PATH
    result = run_cli("build", "--site-dir", str(site))
    assert result.returncode == 0, f"build failed:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    return site


@pytest.fixture(scope="session")
def site_url(site_root) -> str:
    with serve_directory(site_root) as url:
        yield url


@pytest.fixture(scope="session")
def sub_path_url(site_root) -> str:
    """The same site served from its parent folder, i.e. under ``/sub/path/``."""
    with serve_directory(site_root.parent.parent) as url:
        yield url + SUB_PATH


@pytest.fixture(scope="session")
def example_published() -> Published:
    """The example catalogue as the public build sees it (what the site must show)."""
    return publish_folder(ROOT / "processes", "public", taxonomies=real_lists())




# The widths the browser tests run at: a laptop and a phone (CSS pixels).
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(params=list(VIEWPORTS))
def sized_page(request, browser):
    """A page at 1366 x 768 and, in a second run, at 390 x 844 (a phone, with touch)."""
    phone = request.param == "phone"
    context = browser.new_context(locale="da-DK", viewport=VIEWPORTS[request.param], has_touch=phone,
                                  is_mobile=phone, device_scale_factor=2 if phone else 1)
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()
