"""The positioned YAML reader (ruamel.yaml's event stream, pure Python): for a file the fast reader
(``generator.loading_fast``) does not take, it reads the data with the position of every key and
value, one event at a time (no constructor ever runs), and explains what is wrong with a file it
refuses. Imported only when such a file is read (``generator.loading.load_bytes``).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

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


from generator.diagnostics import show_key_path
from generator.yaml_document import Document, Path_, Position
from generator.loading_limits import MAX_DEPTH
from generator.yaml_problems import yaml_problem_da
from generator.yaml_scalars import resolve_plain_scalar
from generator.yaml_text import tab_near

Refusal = tuple[str, "int | None", "int | None", dict[str, Any]]


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


def read_positioned(text: str, doc: Document) -> Refusal | None:
    """Fill ``doc`` with the data and positions of ``text``; (rule, line, column, parameters) when refused."""
    builder = _Builder(doc)
    try:
        data = builder.feed(_PARSER.parse(text))
    except _Refused as exc:
        return exc.rule, exc.line, exc.column, exc.params
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = mark.column + 1 if mark else 1
        reason = yaml_problem_da(exc)
        tab = tab_near(text, line, column, str(exc.problem or ""))
        if tab:
            return "AP006", tab[0], tab[1], {}
        return "AP005", line, column, {"problem": reason}
    except (YAMLError, RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        # The YAML reader failed in an unexpected way: still a clear message, never a traceback.
        return "AP005", 1, 1, {"problem": f"YAML-læseren kunne ikke læse filen ({type(exc).__name__})"}

    if data is None:
        return "AP004", None, None, {}
    if not isinstance(data, dict):
        kind = "en liste" if isinstance(data, list) else f"kun en enkelt værdi ('{str(data)[:40]}')"
        return "AP011", None, None, {"kind": kind}  # the whole file is not a set of fields
    doc.data = data
    return None
