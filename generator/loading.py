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

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from generator import loading_fast
from generator.yaml_problems import os_error_da, yaml_problem_da
from generator.yaml_scalars import resolve_plain_scalar
from generator.diagnostics import Finding, show_key_path

from generator.loading_limits import MAX_DEPTH, MAX_FILE_BYTES
from generator.yaml_text import SIZE_LIMIT, decode, describe_size, is_empty, tab_near

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


class _Refused(Exception):
    def __init__(self, rule: str, line: int, column: int, **params: Any):
        super().__init__(rule)
        self.rule = rule
        self.line = line
        self.column = column
        self.params = params


_CORE = "tag:yaml.org,2002:"
_STR_TAGS = {_CORE + "str", "!!str"}
_RESOLVED_TAGS = {_CORE + "int", _CORE + "float", _CORE + "bool", _CORE + "null"}
# Tags a plain YAML file may carry explicitly without surprising anyone.
_HARMLESS_TAGS = _STR_TAGS | _RESOLVED_TAGS | {_CORE + "map", _CORE + "seq"}


def _check_tag(event: Any) -> None:
    tag = getattr(event, "tag", None)
    if tag is None or str(tag) in _HARMLESS_TAGS:
        return
    mark = event.start_mark
    raise _Refused("AP008", mark.line + 1, mark.column + 1, tag=str(tag))


def _check_anchor(event: Any) -> None:
    if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
        mark = event.start_mark
        raise _Refused("AP009", mark.line + 1, mark.column + 1)


def _scalar_value(event: ScalarEvent) -> Any:
    tag = None if event.tag is None else str(event.tag)
    if tag in _STR_TAGS or event.style:  # quoted and block scalars are text
        return event.value
    if tag is None or tag in _RESOLVED_TAGS:
        return resolve_plain_scalar(event.value)
    return event.value


# Control characters other than tab and line breaks: written as escapes ("\0", "\x07") they
# pass the byte checks, but they break exports and have no place in a description.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# Bidirectional embeddings, overrides and isolates: they make text display in another order than
# it is stored ("Trojan Source"), so a reviewer and a reader could see different things.
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def _control_name(char: str) -> str:
    return "NUL" if char == "\x00" else f"U+{ord(char):04X}"


def _position(event: Any) -> Position:
    return Position(event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    """Plain Python data from a stream of YAML events, with positions; refuses what is unsafe."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.stack: list[tuple[Any, Path_, str | None]] = []  # (container, path, pending key)
        self.root: Any = None
        self.documents = 0

    def feed(self, events: Iterable[Any]) -> Any:
        for event in events:
            if isinstance(event, DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise _Refused("AP005", event.start_mark.line + 1, 1,
                                   problem="filen indeholder flere YAML-dokumenter adskilt af '---'")
                continue
            if isinstance(event, (StreamStartEvent, StreamEndEvent, DocumentEndEvent)):
                continue
            _check_anchor(event)
            _check_tag(event)
            if isinstance(event, ScalarEvent):
                self._scalar(event)
            elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
                if len(self.stack) + 1 > MAX_DEPTH:
                    pos = _position(event)
                    raise _Refused("AP010", pos.line, pos.column, limit=MAX_DEPTH)
                container: Any = {} if isinstance(event, MappingStartEvent) else []
                path = self._attach(container, event, None)
                self.stack.append((container, path or (), None))
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                self.stack.pop()
        return self.root

    def _scalar(self, event: ScalarEvent) -> None:
        value = _scalar_value(event)
        if isinstance(value, str):
            if control := _CONTROL.search(value):
                pos = _position(event)
                raise _Refused("AP003", pos.line, pos.column, field_key=self._key_here(value),
                               char=_control_name(control.group()))
            if bidi := _BIDI.search(value):
                pos = _position(event)
                raise _Refused("AP116", pos.line, pos.column, field_key=self._key_here(value),
                               char=f"U+{ord(bidi.group()):04X}")
            # One spelling per text: 'å' typed as one character or as 'a' + ring is the same word.
            value = unicodedata.normalize("NFC", value)
        path = self._attach(value, event, unicodedata.normalize("NFC", event.value))
        if path is not None and not isinstance(value, str):
            self.doc.scalar_texts[path] = event.value

    def _key_here(self, scalar: str) -> str | None:
        """The key path of the scalar about to be placed (a key names itself): ``contact.email``."""
        if not self.stack:
            return None
        container, path, pending = self.stack[-1]
        if isinstance(container, list):
            return show_key_path(path + (len(container),))
        return show_key_path(path + ((scalar if pending is None else pending),))

    def _attach(self, value: Any, event: Any, text: str | None) -> Path_ | None:
        """Place a value in its parent and return its path; a key returns None (its value has the path).

        ``text`` is the scalar as written, used for keys; a collection (``text`` None) cannot be a key.
        """
        pos = _position(event)
        if not self.stack:
            self.root = value
            self.doc.value_positions[()] = pos
            return ()
        container, path, pending = self.stack[-1]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
            self.doc.value_positions[child] = pos
            return child
        if pending is None:  # this value is a key; keep it exactly as written
            if text is None:
                raise _Refused("AP005", pos.line, pos.column,
                               problem="et feltnavn skal være almindelig tekst, ikke en liste eller samling")
            key = text
            if key in container:
                first = self.doc.key_positions.get(path + (key,), Position(0, 0))
                raise _Refused("AP007", pos.line, pos.column, field_key=show_key_path(path + (key,)), key=key,
                               first_line=first.line)
            self.stack[-1] = (container, path, key)
            self.doc.key_positions[path + (key,)] = pos
            return None
        child = path + (pending,)
        container[pending] = value
        self.stack[-1] = (container, path, None)
        self.doc.value_positions[child] = pos
        return child


_PARSER = YAML(typ="safe", pure=True)


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
    builder = _Builder(doc)
    try:
        data = builder.feed(_PARSER.parse(text))
    except _Refused as exc:
        return refuse(exc.rule, exc.line, exc.column, **exc.params)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        reason = yaml_problem_da(exc)
        tab = tab_near(text, line, column, str(exc.problem or ""))
        if tab:
            return refuse("AP006", tab[0], tab[1])
        return refuse("AP005", line, column, problem=reason)
    except (YAMLError, RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        # The YAML reader failed in an unexpected way: still a clear message, never a traceback.
        return refuse("AP005", problem=f"YAML-læseren kunne ikke læse filen ({type(exc).__name__})")

    if data is None:
        return refuse("AP004", None, None)
    if not isinstance(data, dict):
        kind = "en liste" if isinstance(data, list) else f"kun en enkelt værdi ('{str(data)[:40]}')"
        return refuse("AP011", None, None, kind=kind)  # the whole file is not a set of fields
    doc.data = data
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
