"""Markdown in text fields -> safe HTML, and plain text for search and exports.

Text fields accept Markdown. Any HTML in them is cleaned with nh3 (ammonia): no scripts,
event attributes, ``javascript:``/``data:`` URLs, iframes, forms or styles; links get
``rel="noopener noreferrer"``. Templates must pass Markdown fields through
:func:`render_markdown` and autoescape everything else.
"""

from __future__ import annotations

import html
import re

import markdown as _markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_html(fragment: str) -> str:
    return nh3.clean(
        fragment,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str | None) -> Markup:
    """Markdown -> sanitized HTML, safe to insert into a page."""
    if not text:
        return Markup("")
    rendered = _markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    return Markup(clean_html(rendered))


_TAG = re.compile(r"<[^>]*>")


def plain_text(text: str | None) -> str:
    """Markdown/HTML -> plain text (for search, CSV, XLSX and feeds)."""
    if not text:
        return ""
    cleaned = nh3.clean(_markdown.markdown(text), tags=set(), attributes={})
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", cleaned))).strip()
