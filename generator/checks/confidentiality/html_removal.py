"""What the sanitizer removes from rendered Markdown (AP503): its own module, as it needs the Markdown
renderer, which a check imports only for a file with a '<' or '](' in a Markdown field."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, is_safe_href, markdown_to_html

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




def html_removed(markdown_text: str) -> list[str]:
    """What rendering ``markdown_text`` removes (tags, attributes, links), in order."""
    audit = _HtmlAudit()
    audit.feed(markdown_to_html(markdown_text))
    audit.close()
    return [item for item in audit.removed if item.strip("<>") not in ("h1", "h2")]
