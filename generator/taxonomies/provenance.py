"""The source files under ``taxonomies/sources/`` and their provenance (``provenance.yaml``).

Every source file that a build reads must be listed in ``provenance.yaml``; its entry (repository,
commit, licence, dates) goes into the manifests. Downloaded sources are stored gzip-compressed
(``*.gz``); :meth:`Sources.read` returns the uncompressed bytes. A refresh builds from
:meth:`Sources.with_files`, which lays new files over the directory without touching it.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any, Mapping

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.files import sha256

PROVENANCE_FILE = "provenance.yaml"


def load_yaml_text(text: str, label: str) -> Any:
    try:
        return YAML(typ="safe", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (linje {mark.line + 1})" if mark is not None else ""
        raise TaxonomyError(f"{label}: ikke gyldig YAML{where}") from None


class Sources:
    """The source directory: file access plus the provenance entry of each file."""

    def __init__(self, root: Path, retrieved: Mapping[str, str] | None = None):
        self.root = root
        self._stored: dict[str, bytes] = {}      # files laid over the directory (stored form)
        self._plain: dict[str, bytes] = {}       # cache of uncompressed contents
        path = root / PROVENANCE_FILE
        data = load_yaml_text(self._read_text(path, PROVENANCE_FILE), f"Kilde {PROVENANCE_FILE}") \
            if path.is_file() else {}
        entries = (data or {}).get("sources") or {}
        if not isinstance(entries, dict):
            raise TaxonomyError(f"Kilde {PROVENANCE_FILE}: skal have en tabel 'sources'")
        self.entries: dict[str, dict[str, Any]] = {str(k): dict(v or {}) for k, v in entries.items()}
        for name, date in (retrieved or {}).items():
            self.entries.setdefault(name, {})["retrieved"] = date

    @staticmethod
    def _read_text(path: Path, name: str) -> str:
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TaxonomyError(f"Kilde {name}: filen kan ikke læses ({exc})") from None

    def with_files(self, files: Mapping[str, bytes], entries: Mapping[str, Mapping[str, Any]]) -> "Sources":
        """A view with ``files`` (name -> stored bytes) and their provenance laid over this one."""
        view = Sources.__new__(Sources)
        view.root = self.root
        view._stored = {**self._stored, **files}
        view._plain = {name: data for name, data in self._plain.items() if name not in files}
        view.entries = {**self.entries, **{name: dict(entry) for name, entry in entries.items()}}
        return view

    def exists(self, name: str) -> bool:
        return name in self._stored or (self.root / name).is_file()

    def stored(self, name: str) -> bytes:
        """The file as stored (compressed for ``.gz``)."""
        if name in self._stored:
            return self._stored[name]
        try:
            return (self.root / name).read_bytes()
        except OSError as exc:
            raise TaxonomyError(f"Kilde {name}: filen kan ikke læses ({exc.strerror or exc})") from None

    def read(self, name: str) -> bytes:
        """The contents of a source file (uncompressed when stored as ``.gz``)."""
        if name not in self._plain:
            if name not in self.entries:
                raise TaxonomyError(
                    f"Kilde {name}: filen er ikke beskrevet i {PROVENANCE_FILE}; tilføj dens oprindelse først")
            raw = self.stored(name)
            if name.endswith(".gz"):
                try:
                    raw = gzip.decompress(raw)
                except (OSError, EOFError) as exc:
                    raise TaxonomyError(f"Kilde {name}: den komprimerede fil er ødelagt ({exc})") from None
            self._plain[name] = raw
        return self._plain[name]

    def read_yaml(self, name: str) -> Any:
        try:
            text = self.read(name).decode("utf-8")
        except UnicodeDecodeError:
            raise TaxonomyError(f"Kilde {name}: filen er ikke UTF-8") from None
        return load_yaml_text(text, f"Kilde {name}")

    def read_json(self, name: str) -> Any:
        try:
            return json.loads(self.read(name))
        except ValueError as exc:
            raise TaxonomyError(f"Kilde {name}: ikke gyldig JSON ({exc})") from None

    def describe(self, name: str, **extra: Any) -> dict[str, Any]:
        """The manifest entry of a source: its provenance plus the checksum of the stored file."""
        entry = {key: value if isinstance(value, (str, int, float, bool)) else str(value)
                 for key, value in self.entries.get(name, {}).items() if value is not None}
        entry["file"] = f"sources/{name}"
        entry["sha256"] = sha256(self.stored(name))
        entry.update({key: value for key, value in extra.items() if value is not None})
        return entry

    def release(self, name: str) -> str | None:
        value = self.entries.get(name, {}).get("release")
        return str(value) if value is not None else None
