"""Bytes -> a plain YAML mapping with the position of every key and value.

All safety limits live here and nowhere else: size, encoding, NUL bytes and control
characters, bidirectional overrides, tabs, tags, anchors and aliases, duplicate keys and nesting
depth. Every text is normalised to NFC, so a word has one spelling whichever way it was typed. The document is built from the
YAML *event stream*, one event at a time, so no constructor ever runs: a
``!!python/object`` tag is refused before anything is built, an alias bomb stops at its
first anchor, and deep nesting stops at the depth limit without reading the rest.

Scalars follow the YAML 1.2 core schema (``yes``/``no`` stay text, as do ``ja``/``nej``);
a plain scalar that looks like an ISO date stays a string and the model parses it. The text
of every scalar that did not become a string is kept (``Document.scalar_texts``), so a
message can quote ``1.200`` as the user wrote it and a code written as ``kle: 27.24`` can be
read as text.

Files that Windows editors write are accepted as they are: a UTF-8 byte-order mark is
skipped and CRLF line endings are read as LF, so positions stay right.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from generator import loading_fast
from generator.yaml_problems import os_error_da
from generator.diagnostics import Finding

from generator.loading_limits import MAX_DEPTH, MAX_FILE_BYTES
from generator.yaml_text import SIZE_LIMIT, decode, describe_size, is_empty

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


def _read_fast(text: str, doc: Document) -> bool:
    """Fill ``doc`` from libyaml when the file is plainly a mapping of fields; False leaves it untouched.

    The positions are found only when a rule asks for one (see :class:`Document`).
    """
    try:
        data, _, _, texts = loading_fast.build(text, MAX_DEPTH, Position, positions=False)
    except loading_fast.NotPlain:
        return False
    if not isinstance(data, dict):
        return False
    doc.data, doc.scalar_texts = data, texts
    doc.locate_later(lambda: _positions_of(text))
    return True


def _positions_of(text: str) -> tuple[dict[Path_, Position], dict[Path_, Position]]:
    """The (key, value) positions of a text the fast reader read: the same reader, with positions
    (it takes the same decisions on the same text, so it reads it again)."""
    _, keys, values, _ = loading_fast.build(text, MAX_DEPTH, Position)
    return keys, values


def load_bytes(raw: bytes, path: Path, *, fast: bool = True) -> Document:
    """Parse one file's bytes. Problems become findings, never exceptions.

    A file that is plainly fine is read by libyaml (``generator.loading_fast``); any other file,
    and every file when ``fast`` is False, by the positioned reader here, which explains what is wrong.
    """
    doc = Document(path=path, data=None, raw=raw)

    def refuse(rule: str, line: int | None = 1, column: int | None = 1, **params: Any) -> Document:
        doc.findings.append(Finding.make(rule, path, line, column, **params))
        doc.forget_positions()
        return doc

    if len(raw) > MAX_FILE_BYTES:
        return refuse("AP001", size=describe_size(len(raw)), limit=SIZE_LIMIT)
    text, problem = decode(raw)
    if text is None:
        assert problem is not None
        rule, line, column, params = problem
        return refuse(rule, line, column, **params)
    if is_empty(text):
        return refuse("AP004", None, None)

    if fast and _read_fast(text, doc):
        return doc
    from generator.loading_events import read_positioned  # the ruamel.yaml reader, needed for few files

    refusal = read_positioned(text, doc)
    if refusal is not None:
        rule, line, column, params = refusal
        return refuse(rule, line, column, **params)
    return doc


def read_document(path: Path) -> tuple[Document, bytes | None]:
    """Read and parse one file, with the bytes read (None when it was not read); size is checked first."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc = Document(path=path, data=None)
            doc.findings.append(Finding.make("AP001", path, None, None, size=describe_size(size), limit=SIZE_LIMIT))
            return doc, None
        raw = path.read_bytes()
    except OSError as exc:
        doc = Document(path=path, data=None)
        doc.findings.append(Finding.make("AP000", path, None, None, problem=os_error_da(exc)))
        return doc, None
    return load_bytes(raw, path), raw


def load_document(path: Path) -> Document:
    """Read and parse one file; size is checked before the file is read."""
    return read_document(path)[0]
