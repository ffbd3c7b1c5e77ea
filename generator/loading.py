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

from pathlib import Path
from typing import Any

from generator import loading_fast
from generator.yaml_problems import os_error_da
from generator.diagnostics import Finding

from generator.loading_limits import MAX_DEPTH, MAX_FILE_BYTES
from generator.yaml_text import SIZE_LIMIT, decode, describe_size, is_empty
from generator.yaml_document import Document, Path_, Position  # noqa: F401 - the readers' type


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
