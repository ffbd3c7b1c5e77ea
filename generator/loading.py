"""Bytes -> a plain YAML mapping with the position of every key and value.

All safety limits live here and nowhere else: size, encoding, NUL bytes, tabs, tags,
anchors and aliases, duplicate keys and nesting depth. The document is built from the
YAML *event stream*, so no constructor ever runs: a ``!!python/object`` tag is refused
before anything is built, and an alias bomb costs no more than reading its text.

Scalars follow the YAML 1.2 core schema (``yes``/``no`` stay text, as do ``ja``/``nej``);
a plain scalar that looks like an ISO date stays a string and the model parses it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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

from generator.diagnostics import Finding

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 20

Path_ = tuple[str | int, ...]


@dataclass(slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class Document:
    """A loaded YAML file: its data (None when unreadable) and positions by path."""

    path: Path
    data: dict[str, Any] | None
    findings: list[Finding] = field(default_factory=list)
    key_positions: dict[Path_, Position] = field(default_factory=dict)
    value_positions: dict[Path_, Position] = field(default_factory=dict)

    def position(self, path: Path_, *, key: bool = False) -> Position:
        """The position of a value (or of its key), falling back to the nearest parent."""
        table = self.key_positions if key else self.value_positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if not key and probe in self.key_positions:
                return self.key_positions[probe]
            probe = probe[:-1]
        return Position(1, 1)


class _Refused(Exception):
    def __init__(self, rule: str, line: int, column: int, **params: Any):
        super().__init__(rule)
        self.rule = rule
        self.line = line
        self.column = column
        self.params = params


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_BOOL_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")


def resolve_plain_scalar(text: str) -> Any:
    """YAML 1.2 core schema resolution of an unquoted scalar."""
    if _NULL.match(text):
        return None
    if _BOOL_TRUE.match(text):
        return True
    if _BOOL_FALSE.match(text):
        return False
    if _INT.match(text):
        return int(text)
    if _INT_OCT.match(text):
        return int(text[2:], 8)
    if _INT_HEX.match(text):
        return int(text[2:], 16)
    if _FLOAT.match(text):
        return float(text)
    if _INF.match(text):
        return float("-inf") if text.startswith("-") else float("inf")
    if _NAN.match(text):
        return float("nan")
    return text


# Tags a plain YAML file may carry explicitly without surprising anyone.
_HARMLESS_TAGS = {"tag:yaml.org,2002:str", "!!str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
                  "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
                  "tag:yaml.org,2002:seq", "!"}


def _check_tag(event: Any) -> None:
    tag = getattr(event, "tag", None)
    if tag is None:
        return
    if tag in _HARMLESS_TAGS and tag != "!":
        return
    mark = event.start_mark
    raise _Refused("AP008", mark.line + 1, mark.column + 1, tag=str(tag))


def _check_anchor(event: Any) -> None:
    if isinstance(event, AliasEvent) or getattr(event, "anchor", None):
        mark = event.start_mark
        raise _Refused("AP009", mark.line + 1, mark.column + 1, anchor=str(getattr(event, "anchor", "") or ""))


def _scalar_value(event: ScalarEvent) -> Any:
    tag = event.tag
    if tag in ("tag:yaml.org,2002:str", "!!str"):
        return event.value
    if event.style is None or event.style == "":
        plain = event.implicit[0] if isinstance(event.implicit, tuple) else True
        if plain and tag is None:
            return resolve_plain_scalar(event.value)
    return event.value


def _build(events: list[Any], doc: Document) -> Any:
    """Build plain Python data from the event list, recording positions."""
    stack: list[tuple[Any, Path_, str | None]] = []  # (container, path, pending key)
    root: Any = None
    depth = 0

    def attach(value: Any, event: Any) -> Path_ | None:
        nonlocal root
        mark = event.start_mark
        pos = Position(mark.line + 1, mark.column + 1)
        if not stack:
            root = value
            doc.value_positions[()] = pos
            return ()
        container, path, pending = stack[-1]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
            doc.value_positions[child] = pos
            return child
        if pending is None:  # this value is a key
            if not isinstance(value, (str, int, float, bool)) and value is not None:
                raise _Refused("AP005", pos.line, pos.column, problem="en nøgle skal være tekst")
            key = "" if value is None else str(value)
            if key in container:
                first = doc.key_positions.get(path + (key,), Position(0, 0))
                raise _Refused("AP007", pos.line, pos.column, key=key, first_line=first.line)
            stack[-1] = (container, path, key)
            doc.key_positions[path + (key,)] = pos
            return None
        child = path + (pending,)
        container[pending] = value
        stack[-1] = (container, path, None)
        doc.value_positions[child] = pos
        return child

    for event in events:
        if isinstance(event, (StreamStartEvent, StreamEndEvent, DocumentStartEvent, DocumentEndEvent)):
            continue
        _check_anchor(event)
        _check_tag(event)
        if isinstance(event, ScalarEvent):
            attach(_scalar_value(event), event)
        elif isinstance(event, (MappingStartEvent, SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _Refused("AP010", mark.line + 1, mark.column + 1, limit=MAX_DEPTH)
            container: Any = {} if isinstance(event, MappingStartEvent) else []
            path = attach(container, event)
            stack.append((container, path if path is not None else (), None))
        elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
            depth -= 1
            stack.pop()
    return root


def _first_tab_indent(text: str) -> tuple[int, int] | None:
    for number, line in enumerate(text.split("\n"), start=1):
        indent = len(line) - len(line.lstrip(" \t"))
        if "\t" in line[:indent] and line.strip():
            return number, line.index("\t") + 1
    return None


def load_bytes(raw: bytes, path: Path) -> Document:
    """Parse one file's bytes. Problems become findings, never exceptions."""
    doc = Document(path=path, data=None)

    def refuse(rule: str, line: int = 1, column: int = 1, **params: Any) -> Document:
        doc.findings.append(Finding.make(rule, path, line, column, **params))
        return doc

    if len(raw) > MAX_FILE_BYTES:
        return refuse("AP001", size=len(raw), limit=MAX_FILE_BYTES)
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        line = raw.count(b"\n", 0, offset) + 1
        return refuse("AP003", line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return refuse("AP002", line, column, byte=f"0x{raw[exc.start]:02x}")
    text = text.replace("\r\n", "\n")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.split("\n")):
        return refuse("AP004")
    tab = _first_tab_indent(text)
    if tab:
        return refuse("AP006", tab[0], tab[1])

    yaml = YAML(typ="safe", pure=True)
    try:
        events = list(yaml.parse(text))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        problem = (exc.problem or exc.context or "ugyldig YAML").strip()
        return refuse("AP005", line, column, problem=problem)
    except YAMLError as exc:  # pragma: no cover - defensive: unmarked parser errors
        return refuse("AP005", problem=str(exc).splitlines()[0])
    except RecursionError:
        return refuse("AP010", limit=MAX_DEPTH)

    documents = sum(1 for e in events if isinstance(e, DocumentStartEvent))
    if documents > 1:
        second = [e for e in events if isinstance(e, DocumentStartEvent)][1]
        return refuse("AP005", second.start_mark.line + 1, 1, problem="filen indeholder flere YAML-dokumenter (---)")

    try:
        data = _build(events, doc)
    except _Refused as exc:
        return refuse(exc.rule, exc.line, exc.column, **exc.params)

    if data is None:
        return refuse("AP004")
    if not isinstance(data, dict):
        kind = "en liste" if isinstance(data, list) else "en enkelt værdi"
        return refuse("AP011", 1, 1, kind=kind)
    doc.data = data
    return doc


def load_document(path: Path) -> Document:
    """Read and parse one file; size is checked before the whole file is read."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            doc = Document(path=path, data=None)
            doc.findings.append(Finding.make("AP001", path, 1, 1, size=size, limit=MAX_FILE_BYTES))
            return doc
        raw = path.read_bytes()
    except OSError as exc:
        doc = Document(path=path, data=None)
        doc.findings.append(Finding.make("AP000", path, 1, 1, problem=exc.strerror or str(exc)))
        return doc
    return load_bytes(raw, path)
