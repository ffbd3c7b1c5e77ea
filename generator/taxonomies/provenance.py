"""The source files under ``taxonomies/sources/`` and their provenance (``provenance.yaml``).

Every source file that a build reads must be listed in ``provenance.yaml``; its entry (repository,
commit, licence, dates) goes into the manifests. Downloaded sources may be stored gzip-compressed
(``*.gz``); :meth:`Sources.read` returns the uncompressed bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any, Mapping

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.files import sha256

PROVENANCE_FILE = "provenance.yaml"


def load_yaml(path: Path, label: str) -> Any:
    """Safe-load a small YAML file; a missing or broken file is a TaxonomyError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TaxonomyError(f"{label}: filen {path} findes ikke") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TaxonomyError(f"{label}: filen {path} kan ikke læses ({exc})") from None
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (linje {mark.line + 1})" if mark is not None else ""
        raise TaxonomyError(f"{label}: {path} er ikke gyldig YAML{where}") from None


class Sources:
    """The source directory: file access plus the provenance entry of each file."""

    def __init__(self, root: Path, retrieved: Mapping[str, str] | None = None):
        self.root = root
        data = load_yaml(root / PROVENANCE_FILE, "Kildeoversigt") if (root / PROVENANCE_FILE).exists() else {}
        entries = (data or {}).get("sources") or {}
        if not isinstance(entries, dict):
            raise TaxonomyError(f"Kildeoversigt: {root / PROVENANCE_FILE} skal have en 'sources'-tabel")
        self.entries: dict[str, dict[str, Any]] = {str(k): dict(v or {}) for k, v in entries.items()}
        for name, date in (retrieved or {}).items():
            self.entries.setdefault(name, {})["retrieved"] = date
        self._cache: dict[str, bytes] = {}

    def exists(self, name: str) -> bool:
        return (self.root / name).is_file()

    def read(self, name: str) -> bytes:
        """The bytes of a source file (uncompressed when stored as ``.gz``)."""
        if name not in self._cache:
            if name not in self.entries:
                raise TaxonomyError(
                    f"Kilde {name}: filen er ikke beskrevet i {PROVENANCE_FILE}; tilføj dens oprindelse først")
            path = self.root / name
            try:
                raw = path.read_bytes()
            except OSError as exc:
                raise TaxonomyError(f"Kilde {name}: filen kan ikke læses ({exc.strerror or exc})") from None
            if name.endswith(".gz"):
                try:
                    raw = gzip.decompress(raw)
                except (OSError, EOFError) as exc:
                    raise TaxonomyError(f"Kilde {name}: den komprimerede fil er ødelagt ({exc})") from None
            self._cache[name] = raw
        return self._cache[name]

    def describe(self, name: str, **extra: Any) -> dict[str, Any]:
        """The manifest entry of a source: its provenance plus the checksum of the stored file."""
        entry = {key: value for key, value in self.entries.get(name, {}).items() if value is not None}
        entry = {key: str(value) if not isinstance(value, (str, int, float, bool, list, dict)) else value
                 for key, value in entry.items()}
        entry["file"] = f"sources/{name}"
        entry["sha256"] = sha256((self.root / name).read_bytes())
        entry.update({key: value for key, value in extra.items() if value is not None})
        return entry

    def release(self, name: str) -> str | None:
        value = self.entries.get(name, {}).get("release")
        return str(value) if value is not None else None
