"""Our search scripts without their comments and indentation, for the bundle the page downloads.

The scripts under ``site_templates/assets/search/`` explain themselves at length; a reader's browser
needs none of that (about a quarter of the bundle's gzip bytes at 10,000 processes). :func:`compact`
removes comments, the white space that starts and ends a line, and empty lines, and nothing else: the
line breaks stay (so no statement is joined to the next), and strings, regular expression literals and
everything between tokens are kept as they are. The sources themselves are copied into the site
unchanged beside the bundle.

It reads JavaScript as far as our scripts need: string literals in ``'`` and ``"``, regular
expression literals (a ``/`` where an operand may start), ``//`` and ``/* */`` comments. A template
literal (a backtick outside a comment) is refused, so a script that starts using one fails the build's
tests instead of being changed.
"""

from __future__ import annotations

import re

# After one of these (or at the start), a "/" starts a regular expression literal, not a division.
_OPERAND_BEFORE = set("(,=:[!&|?{};+-*%<>~^")
_KEYWORDS_BEFORE = {"return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw",
                    "instanceof", "yield", "await"}
_WORD_END = re.compile(r"[A-Za-z_$][\w$]*$")


class CompactError(ValueError):
    """A script that :func:`compact` does not read (a template literal, or a literal left open)."""


def compact(source: str) -> str:
    """``source`` without comments, line indentation and empty lines (see the module's note)."""
    out: list[str] = []
    i, size = 0, len(source)
    while i < size:
        c = source[i]
        if c in "'\"":
            end = _string_end(source, i)
            out.append(source[i:end])
            i = end
        elif c == "`":
            raise CompactError(f"template literal at offset {i}")
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = size if end < 0 else end
        elif source.startswith("/*", i):
            end = source.find("*/", i + 2)
            if end < 0:
                raise CompactError(f"comment left open at offset {i}")
            out.append("\n" if "\n" in source[i:end] else " ")
            i = end + 2
        elif c == "/" and _operand_may_start("".join(out[-20:])):
            end = _regex_end(source, i)
            out.append(source[i:end])
            i = end
        else:
            out.append(c)
            i += 1
    lines = (line.strip() for line in "".join(out).split("\n"))
    return "".join(line + "\n" for line in lines if line)


def _operand_may_start(before: str) -> bool:
    text = before.rstrip()
    if not text:
        return True
    if text[-1] in _OPERAND_BEFORE:
        return True
    word = _WORD_END.search(text)
    return word is not None and word.group() in _KEYWORDS_BEFORE


def _string_end(source: str, start: int) -> int:
    quote = source[start]
    i = start + 1
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == quote:
            return i + 1
        if c == "\n":
            break
        i += 1
    raise CompactError(f"string left open at offset {start}")


def _regex_end(source: str, start: int) -> int:
    i, in_class = start + 1, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 2
            continue
        if c == "\n":
            break
        if c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "/" and not in_class:
            i += 1
            while i < len(source) and (source[i].isalpha()):
                i += 1
            return i
        i += 1
    raise CompactError(f"regular expression left open at offset {start}")
