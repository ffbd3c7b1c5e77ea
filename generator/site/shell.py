"""Shell pages: the real theme's HTML around a page body, with markers where a page differs.

mkdocs renders a *shell* page through its whole pipeline (theme, plugins, navigation) with markers
instead of the title, the body, the table of contents and the page's own address. Every page of
the same kind at the same folder depth shares the shell's relative links, so its HTML is the shell
with the markers replaced (:meth:`Shell.fill`): no Markdown, no theme template per page.

A shell exists for every number of table-of-contents entries a page kind can have and for bodies
with and without an ``<h1>`` (Material adds a heading to a body without one), so filling never
needs to know how the theme draws them. ``tests/site/test_site_pages_parity.py`` proves that a
filled page is byte-identical to the page mkdocs renders itself.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass

from markupsafe import escape

MARK = "apshellx"  # every marker starts with this; none may be left in a filled page
TITLE = f"{MARK}titlex"
CONTENT = f"{MARK}contentx"
CONTENT_H1 = f"{CONTENT}<h1"  # the body marker of a shell whose pages have their own <h1>


def toc_id(index: int) -> str:
    return f"{MARK}toc{index}idx"


def toc_name(index: int) -> str:
    return f"{MARK}toc{index}namex"


def shell_uri(sample_uri: str, variant: str) -> str:
    """A page at the same folder depth as ``sample_uri`` whose path is made of markers only."""
    folders, name = posixpath.split(sample_uri)
    parts = [f"{MARK}d{i}x" for i, _ in enumerate(folders.split("/"))] if folders else []
    if name == "index.md" and parts:
        parts[-1] = f"{MARK}{variant}x"
        return "/".join([*parts, name])
    return "/".join([*parts, f"{MARK}{variant}x.md"])


def shell_body(has_h1: bool) -> str:
    return CONTENT_H1 if has_h1 else CONTENT


def dest_path(src_uri: str, use_directory_urls: bool) -> str:
    """Where mkdocs writes the page ``src_uri`` (relative to the site folder)."""
    stem = src_uri[:-3]
    if not use_directory_urls or posixpath.basename(src_uri) == "index.md":
        return stem + ".html"
    return stem + "/index.html"


class ShellError(Exception):
    """A shell that cannot be filled (a marker the theme changed, a marker left over)."""


@dataclass(frozen=True)
class Shell:
    """A rendered shell split at its markers: literal pieces and the names of what goes between."""

    pieces: tuple[str, ...]
    slots: tuple[str, ...]  # "title", "content", "url", "toc<i>id", "toc<i>name"

    @classmethod
    def parse(cls, html: str, url: str, toc_entries: int, has_h1: bool) -> "Shell":
        tokens = {TITLE: "title", shell_body(has_h1): "content"}
        if url:
            tokens[url] = "url"
        for i in range(toc_entries):
            tokens[toc_id(i)] = f"toc{i}id"
            tokens[toc_name(i)] = f"toc{i}name"
        pattern = re.compile("|".join(re.escape(t) for t in sorted(tokens, key=len, reverse=True)))
        pieces, slots, start = [], [], 0
        for match in pattern.finditer(html):
            pieces.append(html[start:match.start()])
            slots.append(tokens[match.group(0)])
            start = match.end()
        pieces.append(html[start:])
        if "content" not in slots:
            raise ShellError("temaet viser ikke sidens indhold")
        if any(MARK in piece for piece in pieces):
            raise ShellError("temaet ændrer de mærker, siderne fyldes ind ved")
        return cls(tuple(pieces), tuple(slots))

    def fill(self, *, title: str, content: str, url: str, toc: list[tuple[str, str]]) -> str:
        values = {"title": str(escape(title)), "content": content, "url": url}
        for i, (anchor, name) in enumerate(toc):
            values[f"toc{i}id"] = anchor
            values[f"toc{i}name"] = str(escape(name))
        out = [self.pieces[0]]
        for slot, piece in zip(self.slots, self.pieces[1:]):
            out.append(values[slot])
            out.append(piece)
        return "".join(out)
