"""The published site's address (in ``mkdocs.yml``) and the schema's address under it.

The JSON Schema's ``$id`` and the ``# yaml-language-server: $schema=...`` line of every file that
``autoproces new``, ``import`` and ``copy`` write point to ``<address>schema/process.schema.json``. The address is mkdocs'
``site_url`` when set, else the plugin option ``published_url`` (``site_url`` also makes mkdocs write
absolute links into the 404 page, the feed and the exports, which a site served from any folder avoids).
``mkdocs.yml`` is read as plain text, so the core does not depend on mkdocs or on its YAML tags.
"""

from __future__ import annotations

import re
from pathlib import Path

SCHEMA_PATH = "schema/process.schema.json"
MODELINE_PREFIX = "# yaml-language-server: $schema="
_ADDRESS = r"""\s*["']?(https://[^\s"'#]+?)["']?\s*(?:#.*)?$"""
_SITE_URL = re.compile(r"^site_url:" + _ADDRESS, re.MULTILINE)
_PUBLISHED_URL = re.compile(r"^\s+published_url:" + _ADDRESS, re.MULTILINE)  # the autoproces plugin's option


def site_url(config: Path = Path("mkdocs.yml")) -> str | None:
    """The published address from ``mkdocs.yml`` with a trailing slash: ``site_url`` when it is set, else the
    autoproces plugin's ``published_url``; None when neither is set."""
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = _SITE_URL.search(text) or _PUBLISHED_URL.search(text)
    if not match:
        return None
    url = match.group(1)
    return url if url.endswith("/") else url + "/"


def schema_url(config: Path = Path("mkdocs.yml")) -> str | None:
    base = site_url(config)
    return base + SCHEMA_PATH if base else None


def modeline(url: str | None) -> str:
    """The first line that makes VS Code's YAML extension use the published schema ('' without an address)."""
    return f"{MODELINE_PREFIX}{url}\n" if url else ""
