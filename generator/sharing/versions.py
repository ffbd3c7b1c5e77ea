"""A process file as it was at one revision: its data, its model (when valid) and what a reader may see.

Both sides of a pull request are read from git (``git ls-tree`` + one ``git cat-file --batch``),
never from a checkout, and judged by the schema only; the full check runs on the head tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.checks.schema import validate_document
from generator.loading import Document, load_bytes
from generator.model import PROCESS_FIELDS, Process, Visibility
from generator.sharing import git

PROCESS_ROOT = "processes"


@dataclass
class Version:
    path: str  # relative to the repository, e.g. processes/aarhus/x.yaml
    document: Document
    process: Process | None

    @property
    def id(self) -> str:
        parts = Path(self.path).parts
        return f"{parts[-2]}/{Path(parts[-1]).stem}" if len(parts) >= 2 else Path(self.path).stem

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data if isinstance(self.document.data, dict) else {}

    @property
    def is_public(self) -> bool:
        """Only a valid, public process shows its values; anything else may hold what must stay private."""
        return self.process is not None and self.process.visibility == Visibility.PUBLIC

    @property
    def title(self) -> str:
        if self.is_public and self.process is not None:
            return self.process.title
        return self.id

    @property
    def declared_public(self) -> bool:
        """The file says ``visibility: public`` (also when other fields have errors)."""
        return self.data.get("visibility") == Visibility.PUBLIC.value

    def shows(self, key: str) -> bool:
        """True when a field's value may be printed in a public report: a public file's public field."""
        info = PROCESS_FIELDS.get(key)
        return self.declared_public and info is not None and not info.confidential


def parse(path: str, raw: bytes) -> Version:
    document = load_bytes(raw, Path(path))
    process, _ = validate_document(document)
    return Version(path, document, process)


def versions_at(top: Path, commit: str, folder: str = PROCESS_ROOT) -> dict[str, Version]:
    return {path: parse(path, raw) for path, raw in git.tree_files(top, commit, folder).items()}


def enum_label(key: str, value: Any) -> str | None:
    """The Danish label of an enum value of the top-level field ``key`` (also for lists of enums)."""
    info = PROCESS_FIELDS.get(key)
    enum_cls = info.enum if info is not None else None
    if enum_cls is None or not isinstance(value, str):
        return None
    return enum_cls.labels().get(value)
