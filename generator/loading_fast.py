"""The fast path of ``generator.loading``: libyaml's event stream (PyYAML's C parser) -> data with positions.

It builds exactly what the positioned reader in ``generator.loading`` builds (data, the position
of every key and value, the source text of every scalar that is not a string), but from events
made in C, so a file costs a fraction of the pure-Python reader. It only ever handles files that
are plainly fine: anything the safety limits would refuse (a tag, an anchor or alias, a duplicate
key, too deep nesting, a control character, a bidirectional override, a tab, several documents, a
directive) and anything libyaml cannot read makes it give up with :class:`NotPlain`, and the caller
reads the file with the positioned reader, which gives the exact finding. So the fast path never
decides what is wrong with a file; it only decides that nothing is.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

try:  # PyYAML built with libyaml; without it every file takes the positioned reader
    from yaml import _yaml as _libyaml
    from yaml.events import (
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
except ImportError:  # pragma: no cover - PyYAML without libyaml
    _libyaml = None

from generator.yaml_scalars import resolve_plain_scalar

AVAILABLE = _libyaml is not None

# Text the two readers could read differently, or that a safety limit is about: the positioned
# reader decides. Tabs, line separators (YAML 1.1 breaks, 1.2 text), directives, escapes that
# make control characters, and the characters the limits refuse.
_NOT_PLAIN_CHARACTERS = re.compile(r"[\t\x85\u2028\u2029\ufeff\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CONTROL_OR_BIDI = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x85\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class NotPlain(Exception):
    """The file is not plainly fine (or libyaml cannot read it): read it with the positioned reader."""


def _nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def build(text: str, max_depth: int, position_type: type, *,
          positions: bool = True) -> tuple[Any, dict, dict, dict]:
    """(data, key positions, value positions, scalar texts) of ``text``, or :class:`NotPlain`.

    With ``positions`` False the two position tables stay empty and the file costs about half:
    the same events, the same decisions, the same data and scalar texts; the positions can be
    found later by a second call on the same text, for the few files that have a finding.
    """
    if _libyaml is None or text.startswith("%") or "\n%" in text or _NOT_PLAIN_CHARACTERS.search(text):
        raise NotPlain()
    escapes = "\\" in text
    parser = _libyaml.CParser(text)
    try:
        return _Builder(max_depth, position_type, escapes, positions).run(parser)
    except NotPlain:
        raise
    except Exception as exc:  # libyaml's errors, and anything else: the positioned reader explains
        raise NotPlain() from exc
    finally:
        parser.dispose()


class _Builder:
    __slots__ = ("max_depth", "pos", "escapes", "positions", "keys", "values", "texts", "stack", "root")

    def __init__(self, max_depth: int, position_type: type, escapes: bool, positions: bool = True):
        self.max_depth = max_depth
        self.pos = position_type
        self.escapes = escapes
        self.positions = positions
        self.keys: dict = {}
        self.values: dict = {}
        self.texts: dict = {}
        # (container, path, pending key); a mapping's pending key is None while a key is expected
        self.stack: list[list[Any]] = []
        self.root: Any = None

    def run(self, parser: Any) -> tuple[Any, dict, dict, dict]:
        get = parser.get_event
        scalar = self._scalar if self.positions else self._scalar_without_position
        documents = 0
        while True:
            event = get()
            kind = event.__class__
            if kind is ScalarEvent:
                scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._open(event, {} if kind is MappingStartEvent else [])
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.stack.pop()
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise NotPlain()
            elif kind is StreamEndEvent:
                return self.root, self.keys, self.values, self.texts
            elif kind is not StreamStartEvent and kind is not DocumentEndEvent:  # an alias, or anything new
                raise NotPlain()

    def _value(self, event: Any) -> tuple[Any, bool]:
        """The scalar's value and whether it is text; :class:`NotPlain` for what the limits are about."""
        if event.anchor is not None or event.tag is not None:
            raise NotPlain()
        raw = event.value
        if event.style:  # quoted and block scalars are text
            value = raw
        elif not raw:  # an empty value: the positioned reader places it on the next line
            raise NotPlain()
        else:
            value = resolve_plain_scalar(raw)
        if value.__class__ is not str:
            return value, False
        if self.escapes and event.style == '"' and _CONTROL_OR_BIDI.search(value):
            raise NotPlain()
        return _nfc(value), True

    def _scalar(self, event: Any) -> None:
        value, is_text = self._value(event)
        mark = event.start_mark
        here = self.pos(mark.line + 1, mark.column + 1)
        stack = self.stack
        if not stack:
            self.root = value
            self.values[()] = here
            return
        top = stack[-1]
        container, path, pending = top
        if container.__class__ is list:
            child = path + (len(container),)
            container.append(value)
        elif pending is None:  # a key, kept exactly as written
            key = _nfc(event.value)
            if key in container:
                raise NotPlain()
            top[2] = key
            self.keys[path + (key,)] = here
            return
        else:
            child = path + (pending,)
            container[pending] = value
            top[2] = None
        self.values[child] = here
        if not is_text:
            self.texts[child] = event.value

    def _scalar_without_position(self, event: Any) -> None:
        """:meth:`_scalar` without the position tables: the same decisions, the same data and texts."""
        if event.anchor is not None or event.tag is not None:
            raise NotPlain()
        raw = event.value
        style = event.style
        if not style and not raw:  # an empty value: the positioned reader places it on the next line
            raise NotPlain()
        stack = self.stack
        top = stack[-1] if stack else None
        if top is not None and top[2] is None and top[0].__class__ is dict:  # a key, kept exactly as written
            if self.escapes and style == '"' and _CONTROL_OR_BIDI.search(raw):
                raise NotPlain()
            key = _nfc(raw)
            if key in top[0]:
                raise NotPlain()
            top[2] = key
            return
        value = raw if style else resolve_plain_scalar(raw)
        is_text = value.__class__ is str
        if is_text:
            if self.escapes and style == '"' and _CONTROL_OR_BIDI.search(value):
                raise NotPlain()
            value = _nfc(value)
        if top is None:
            self.root = value
            return
        container = top[0]
        if container.__class__ is list:
            container.append(value)
            if not is_text:
                self.texts[top[1] + (len(container) - 1,)] = raw
            return
        container[top[2]] = value
        if not is_text:
            self.texts[top[1] + (top[2],)] = raw
        top[2] = None

    def _open(self, event: Any, container: Any) -> None:
        stack = self.stack
        if event.anchor is not None or event.tag is not None or len(stack) + 1 > self.max_depth:
            raise NotPlain()
        if not stack:
            self.root = container
            path: tuple = ()
        else:
            top = stack[-1]
            parent, parent_path, pending = top
            if parent.__class__ is list:
                path = parent_path + (len(parent),)
                parent.append(container)
            elif pending is None:  # a collection as a key
                raise NotPlain()
            else:
                path = parent_path + (pending,)
                parent[pending] = container
                top[2] = None
        if self.positions:
            mark = event.start_mark
            self.values[path] = self.pos(mark.line + 1, mark.column + 1)
        stack.append([container, path, None])
