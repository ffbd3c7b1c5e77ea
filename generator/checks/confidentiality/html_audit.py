"""AP503/AP504: HTML that the sanitizer removes (Markdown fields) or that is shown as plain
text (all other fields)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Iterable

from generator.checks.confidentiality.paths import finding_at, may_not_make_characters, walk_texts
from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS
from generator.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, is_safe_href, markdown_to_html

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

_ALLOWED_ATTRS = {tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()}


class _HtmlAudit(HTMLParser):
    """Collects what the sanitizer removes from rendered Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []

    def _note(self, item: str) -> None:
        if item not in self.removed:
            self.removed.append(item)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._note(f"<{tag}>")
            return
        for name, value in attrs:
            if name not in _ALLOWED_ATTRS.get(tag, set()):
                self._note(f"{name}-attributten" if not name.startswith("on") else f"{name}=...")
            elif name == "href" and not is_safe_href(value or ""):
                self._note(f"linket '{(value or '')[:60]}'")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        self._note("HTML-kommentarer")


_TAG_LIKE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")


def html_removed(markdown_text: str) -> list[str]:
    """What rendering ``markdown_text`` removes (tags, attributes, links), in order."""
    audit = _HtmlAudit()
    audit.feed(markdown_to_html(markdown_text))
    audit.close()
    return [item for item in audit.removed if item.strip("<>") not in ("h1", "h2")]


def check_html(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    raw = entry.document.raw
    if raw is not None and b"<" not in raw and b"](" not in raw and may_not_make_characters(entry.document):
        return  # no value holds '<' or '](' either
    for path, text in walk_texts(entry.document.data):
        if "<" not in text and "](" not in text:
            continue
        info = PROCESS_FIELDS.get(str(path[0])) if path else None
        if info is not None and info.markdown and len(path) == 1:
            removed = html_removed(text)
            if removed:
                shown = ", ".join(removed[:5]) + (" ..." if len(removed) > 5 else "")
                yield finding_at("AP503", entry, path, removed=shown)
        else:
            tags = sorted({f"<{m.group(1).lower()}>" for m in _TAG_LIKE.finditer(text)})
            if tags:
                yield finding_at("AP504", entry, path, tag=", ".join(tags[:5]))
