"""The text of a process file before YAML reads it: decoding, blank lines, emptiness, tabs, sizes.

Used by ``generator.loading``; every rule and message stays there.
"""

from __future__ import annotations

import re
from typing import Any

from generator.loading_limits import MAX_FILE_BYTES

_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _tab_indented_lines(text: str) -> list[tuple[int, int]]:
    """(line, column) of every line whose indentation contains a tab."""
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" \t")
        indent = line[: len(line) - len(stripped)]
        if "\t" in indent and stripped:
            found.append((number, indent.index("\t") + 1))
    return found


def tab_near(text: str, line: int, column: int, problem: str) -> tuple[int, int] | None:
    """The tab that explains a syntax error at (``line``, ``column``), if a tab is to blame.

    A tab is only a problem where YAML cannot read the file: inside a text block (``|``) or
    a quoted text it is content, and in a list written with brackets it is a space.
    """
    if "\t" not in text:
        return None
    if "'\\t'" in problem:
        return line, column
    candidates = [t for t in _tab_indented_lines(text) if line - 1 <= t[0] <= line]
    return candidates[-1] if candidates else None


def describe_size(size: int) -> str:
    """'1.100.010 byte', with the Danish thousands separator."""
    return f"{size:,}".replace(",", ".") + " byte"


SIZE_LIMIT = describe_size(MAX_FILE_BYTES) + " (1 MB)"


def _line_and_column(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and character column of a byte offset (the line's start is valid UTF-8)."""
    line_start = raw.rfind(b"\n", 0, offset) + 1
    prefix = raw[line_start:offset].decode("utf-8", errors="replace")
    return raw.count(b"\n", 0, offset) + 1, len(prefix) + 1


def decode(raw: bytes) -> tuple[str | None, tuple[str, int, int, dict[str, Any]] | None]:
    """The file's text, or the rule, position and parameters of why it has none."""
    if raw.startswith(_UTF16_BOMS):
        return None, ("AP002", 1, 1, {"problem": "den er gemt som UTF-16 (i Windows kaldet 'Unicode')"})
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _line_and_column(raw, exc.start)
        return None, ("AP002", line, column,
                      {"problem": f"byten 0x{raw[exc.start]:02x} i linje {line} er ikke gyldig UTF-8; filen er "
                                  "sandsynligvis gemt som Windows-1252 eller Latin-1"})
    if "\x00" in text:
        offset = text.index("\x00")
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return None, ("AP003", line, column, {"char": "NUL"})
    # Windows line endings, and blank lines holding only spaces or tabs (which editors leave
    # behind and the YAML reader would refuse), change nothing the user meant.
    text = text.replace("\r\n", "\n")
    if " \n" in text or "\t\n" in text or text.endswith((" ", "\t")):  # else no line is only blanks
        text = _BLANK_LINE.sub("", text)
    return text, None


_BLANK_LINE = re.compile(r"(?m)^[ \t]+$")


def is_empty(text: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("#") or ln.strip() in ("---", "...")
               for ln in text.split("\n"))
