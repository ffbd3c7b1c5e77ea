"""Everything the commands print, made safe for a CI log.

``autoproces check`` and ``autoproces build`` run in GitHub Actions on files from pull requests.
The runner reads every line of a step's output as a possible *workflow command*: a line that
starts with ``::`` (after spaces) such as ``::error file=...::`` or ``::add-mask::``, and the
older form ``##[command]`` anywhere in a line. A municipality folder or file name with a line
break, or a value quoted in a message, could otherwise forge annotations or stop the log.

Two layers, both here:

* :func:`log_text` escapes one value that is printed inside a line (a file name, a message):
  line breaks and other control characters become visible escapes (``\\n``), so a finding
  stays one line, and the two command prefixes are broken with an invisible U+200B.
* :func:`guarded_output` wraps ``sys.stdout``/``sys.stderr`` for the whole command, so every line
  printed (ours, mkdocs' log, an error message) is defused the same way. The only exception is
  :func:`write_workflow_commands`, which ``--format github`` uses for its own, escaped commands.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import Iterator, TextIO

ZWSP = "\u200b"
# Control characters (C0 but line feed and tab, DEL, C1), line/paragraph separators, bidi controls.
_UNSAFE_IN_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_UNSAFE_KEEP_NEWLINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMAND_START = re.compile(r"^(\s*):(?=:)")
LEGACY_PREFIX = "##["


def _escape(char: str) -> str:
    if char in _NAMED:
        return _NAMED[char]
    return f"\\u{ord(char):04x}"  # also a valid escape inside a JSON string


def _defuse(line: str) -> str:
    """A line the runner cannot read as a command: no leading '::', no '##[' anywhere."""
    return _COMMAND_START.sub(lambda m: m.group(1) + ":" + ZWSP, line).replace(LEGACY_PREFIX, "##" + ZWSP + "[")


def log_text(text: object) -> str:
    """One value as it may appear inside a printed line: no line breaks, controls or commands."""
    return _defuse(_UNSAFE_IN_LINE.sub(lambda m: _escape(m.group()), str(text)))


def log_lines(text: object) -> str:
    """Text of several lines, each defused; line feeds stay, every other control is escaped."""
    escaped = _UNSAFE_KEEP_NEWLINES.sub(lambda m: _escape(m.group()), str(text))
    return "\n".join(_defuse(line) for line in escaped.split("\n"))


class _GuardedStream:
    """A text stream that defuses every line written through it."""

    def __init__(self, raw: TextIO):
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(log_lines(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self.raw, name)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """While active, nothing printed to stdout or stderr can be a workflow command."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _GuardedStream(saved[0]), _GuardedStream(saved[1])  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def write_workflow_commands(text: str) -> None:
    """Print workflow commands that the caller built and escaped itself (``--format github``)."""
    stream = sys.stdout
    raw = stream.raw if isinstance(stream, _GuardedStream) else stream
    raw.write(text + "\n")


def tolerant_output() -> None:
    """Never fail on a console that cannot show 'æøå' or '›' (an old Windows code page): replace instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):  # pragma: no cover - a stream that cannot be reconfigured
                pass
