"""AP503/AP504: HTML that the sanitizer removes (Markdown fields) or that is shown as plain
text (all other fields)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from generator.checks.confidentiality.paths import finding_at, may_not_make_characters, walk_texts
from generator.diagnostics import Finding
from generator.model import PROCESS_FIELDS

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

_TAG_LIKE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")


def html_removed(markdown_text: str) -> list[str]:
    """What rendering ``markdown_text`` removes (tags, attributes, links), in order."""
    from generator.checks.confidentiality.html_removal import html_removed as removed_by_rendering

    return removed_by_rendering(markdown_text)


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
