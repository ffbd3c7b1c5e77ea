"""Rich text from OS2autoproces (the editor's HTML) to Markdown; plain text stays as it is.

Only what the editor produces is translated: paragraphs, line breaks, bold and italic, links,
bulleted and numbered lists (also nested), headings and entities. Every other tag is dropped and
its text kept; scripts, styles and their content are dropped entirely. A link keeps only
``http(s)://`` and ``mailto:`` addresses, so no ``javascript:`` survives the conversion.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
_SAFE_HREF = re.compile(r"^(https?://|mailto:)\S+$", re.IGNORECASE)
_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr"}
_DROPPED = {"script", "style", "head", "title", "iframe", "object", "noscript", "template"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")


def looks_like_html(text: str) -> bool:
    return bool(_TAG.search(text)) or bool(re.search(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);", text))


def to_markdown(text: str | None) -> str | None:
    """Markdown for one rich-text value; None and blank text give None."""
    if text is None:
        return None
    if not looks_like_html(text):
        cleaned = text.replace("\r\n", "\n").strip()
        return cleaned or None
    converter = _Converter()
    converter.feed(text)
    converter.close()
    return converter.result() or None


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.lists: list[list[int | None]] = []   # per open list: [counter or None for bullets]
        self.links: list[str | None] = []
        self.dropping = 0

    # --- output helpers ---------------------------------------------------------------------
    def _text_so_far(self) -> str:
        return "".join(self.out)

    def _newline(self, count: int = 1) -> None:
        current = self._text_so_far()
        if not current.strip():
            return
        trailing = len(current) - len(current.rstrip("\n"))
        if trailing < count:
            self.out.append("\n" * (count - trailing))

    def _emit(self, text: str) -> None:
        if self.dropping:
            return
        self.out.append(text)

    def _at_item_start(self) -> bool:
        """True right after a list marker, where a paragraph inside the item must not break the line."""
        return bool(self.lists) and bool(re.search(r"(^|\n) *(-|\d+\.) $", self._text_so_far()))

    # --- parser callbacks ---------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self.dropping += 1
            return
        if self.dropping:
            return
        if tag in _BLOCKS:
            if not self._at_item_start():
                self._newline(2 if not self.lists else 1)
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self._emit("#" * int(tag[1]) + " ")
        elif tag == "br":
            self._emit("  \n" + "    " * len(self.lists) if self.lists else "  \n")
        elif tag in ("ul", "ol"):
            self._newline(1 if self.lists else 2)
            self.lists.append([1 if tag == "ol" else None])
        elif tag == "li":
            self._newline(1)
            depth = max(len(self.lists), 1)
            counter = self.lists[-1] if self.lists else [None]
            marker = "-" if counter[0] is None else f"{counter[0]}."
            if counter[0] is not None:
                counter[0] += 1
            self._emit("    " * (depth - 1) + marker + " ")
        elif tag in ("strong", "b"):
            self._emit("**")
        elif tag in ("em", "i"):
            self._emit("*")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            href = href.strip()
            self.links.append(href if _SAFE_HREF.match(href) else None)
            if self.links[-1]:
                self._emit("[")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self.dropping = max(self.dropping - 1, 0)
            return
        if self.dropping:
            return
        if tag in _BLOCKS:
            self._newline(2 if not self.lists else 1)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
            self._newline(1 if self.lists else 2)
        elif tag in ("strong", "b"):
            self._emit("**")
        elif tag in ("em", "i"):
            self._emit("*")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self._emit(f"]({href})")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br",):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        text = re.sub(r"\s+", " ", data.replace("\xa0", " "))
        current = self._text_so_far()
        if not current or current.endswith(("\n", " ")):
            text = text.lstrip()
        self._emit(_MARKDOWN_SPECIAL.sub(r"\\\1", text))

    def result(self) -> str:
        lines = [line if line.endswith("  ") and line.strip() else line.rstrip()
                 for line in self._text_so_far().split("\n")]
        text = "\n".join(lines)
        text = re.sub(r"\*\*(\s*)\*\*", r"\1", text)        # empty bold from the editor (<b></b>)
        text = re.sub(r"\n{3,}", "\n\n", text)
        return text.strip()
