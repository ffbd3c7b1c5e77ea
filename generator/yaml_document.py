"""A loaded YAML document: its data, its findings and the position of every key and value (the type that
the readers, ``generator.loading`` and ``generator.loading_events``, both make).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from generator.diagnostics import Finding

Path_ = tuple[str | int, ...]



@dataclass(slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


class Document:
    """A loaded YAML file: its data (None when unreadable) and positions by path.

    The positions of a file that the fast reader read are found when first asked for (most files
    have no finding, and no rule asks where anything in them is), from the same text; ``raw`` holds
    the bytes the document was read from (None when it was not read from bytes).
    """

    __slots__ = ("path", "data", "findings", "scalar_texts", "raw", "_tables", "_locate")

    def __init__(self, path: Path, data: dict[str, Any] | None, findings: list[Finding] | None = None,
                 key_positions: dict[Path_, Position] | None = None,
                 value_positions: dict[Path_, Position] | None = None,
                 scalar_texts: dict[Path_, str] | None = None, raw: bytes | None = None):
        self.path = path
        self.data = data
        self.findings: list[Finding] = [] if findings is None else findings
        # The source text of every scalar that YAML read as a number, true/false or null.
        self.scalar_texts: dict[Path_, str] = {} if scalar_texts is None else scalar_texts
        self.raw = raw
        self._tables: tuple[dict[Path_, Position], dict[Path_, Position]] | None = (
            {} if key_positions is None else key_positions, {} if value_positions is None else value_positions)
        self._locate: Callable[[], tuple[dict[Path_, Position], dict[Path_, Position]]] | None = None

    def locate_later(self, locate: Callable[[], tuple[dict[Path_, Position], dict[Path_, Position]]]) -> None:
        """Find the (key, value) position tables with ``locate`` when they are first asked for."""
        self._tables, self._locate = None, locate

    def forget_positions(self) -> None:
        self._tables, self._locate = ({}, {}), None
        self.scalar_texts = {}

    def _positions(self) -> tuple[dict[Path_, Position], dict[Path_, Position]]:
        if self._tables is None:
            locate, self._locate = self._locate, None
            self._tables = locate() if locate is not None else ({}, {})
        return self._tables

    @property
    def key_positions(self) -> dict[Path_, Position]:
        return self._positions()[0]

    @property
    def value_positions(self) -> dict[Path_, Position]:
        return self._positions()[1]

    @property
    def positions_found(self) -> bool:
        """True when the positions are known (read eagerly, or asked for already)."""
        return self._tables is not None

    def position(self, path: Path_, *, key: bool = False) -> Position | None:
        """The position of a value (or of its key), falling back to the nearest parent; None when unknown."""
        table = self.key_positions if key else self.value_positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_positions:
                return self.key_positions[probe]
            probe = probe[:-1]
        return None

    def line_column(self, path: Path_, *, key: bool = False) -> tuple[int | None, int | None]:
        """(line, column) of :meth:`position`, or (None, None) when the position is not known."""
        found = self.position(path, key=key)
        return (None, None) if found is None else (found.line, found.column)

    def source_text(self, path: Path_, value: Any) -> str:
        """How the user wrote the value at ``path`` (``1.200`` rather than ``1.2``)."""
        return self.scalar_texts.get(tuple(path), value if isinstance(value, str) else str(value))
