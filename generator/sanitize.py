"""Markdown in text fields -> safe HTML, and plain text for search and exports.

Text fields accept Markdown. Any HTML in them is cleaned with nh3 (ammonia): no scripts,
event attributes, ``javascript:``/``data:`` URLs, images, iframes, forms or styles; links may
only point at ``http(s)://`` or ``mailto:`` addresses (relative paths such as ``../`` or
``/etc/passwd`` are dropped) and get ``rel="noopener noreferrer"``.

The rules for the outputs:

* Markdown fields go through :func:`render_markdown` and nowhere else.
* Every other value is plain text and is escaped where it is shown: Jinja autoescape in
  templates, ``textContent`` (never ``innerHTML``) in scripts. :func:`plain_text` returns text,
  not HTML: it may contain ``<`` and must be escaped like any other value.
* JSON inside a ``<script>`` element goes through :func:`script_json`.
* Values in CSV and XLSX cells go through :func:`spreadsheet_cell` (no formulas).
"""

from __future__ import annotations

import functools
import html
import json
import re
from typing import Any

import markdown as _markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Elements removed together with their content (the rest are unwrapped: their text is kept).
CONTENT_REMOVED = {"script", "style", "iframe", "object", "embed", "form", "template", "noscript",
                   "svg", "math", "textarea", "select", "title", "frameset", "frame", "applet"}

_SAFE_HREF = re.compile(r"^(?:https?://[^\s\\]+|mailto:[^\s\\]+)$", re.IGNORECASE)


def is_safe_href(url: str) -> bool:
    """True for an absolute ``http(s)://`` or ``mailto:`` address without backslashes or spaces.

    Everything else is refused: other schemes (``javascript:``, ``data:``, ``file:``), relative
    and absolute paths (``../``, ``/etc``, ``%2e%2e``), protocol-relative ``//host`` and
    Windows paths.
    """
    return bool(_SAFE_HREF.match(url.strip())) and "%2e%2e" not in url.lower()


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return value if is_safe_href(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=CONTENT_REMOVED,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    attribute_filter=_attribute_filter,
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_html(fragment: str) -> str:
    """HTML -> HTML with only the allowed tags, attributes and link targets."""
    return _CLEANER.clean(fragment)


# One converter, reset between texts: building a Markdown instance per field costs seconds per build.
_CONVERTER = _markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


def markdown_to_html(text: str) -> str:
    """Markdown -> HTML *before* cleaning (for the checks that tell what cleaning removes)."""
    return _CONVERTER.reset().convert(text)


def render_markdown(text: str | None) -> Markup:
    """Markdown -> sanitized HTML, safe to insert into a page.

    Paragraphs of text Markdown and HTML leave alone skip the converter and the cleaner (the same
    result, see :func:`converted_markdown`); a text seen before is converted once."""
    if not text:
        return Markup("")
    paragraphs = _plain_paragraphs(text)
    if paragraphs is not None:
        return Markup("\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))
    return _converted_once(text)


def converted_markdown(text: str) -> Markup:
    """Markdown -> sanitized HTML through the Markdown converter and the cleaner, always."""
    return Markup(clean_html(markdown_to_html(text)))


_converted_once = functools.lru_cache(maxsize=4096)(converted_markdown)


def _plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs of a text with nothing Markdown or HTML would act on, or None.

    Such a text has only the characters of :func:`_plain_only`, no line that starts a block, no line
    that starts or ends with a space (indented code, a hard line break) and paragraphs apart by one
    empty line; Markdown makes each paragraph a ``<p>`` as it is, and the cleaner keeps it."""
    body = text.rstrip("\n")
    if not _plain_only(body) or _BLOCK_START.search(body):
        return None
    paragraphs = body.split("\n\n")
    for paragraph in paragraphs:
        for line in paragraph.split("\n"):
            if not line or line[0] == " " or line[-1] == " ":
                return None
    return paragraphs


_TAG = re.compile(r"<[^>]*>")
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=CONTENT_REMOVED, attributes={}, strip_comments=True)


# Text that Markdown leaves as it is, apart from white space: letters, digits, spaces, line breaks and
# punctuation with no meaning in Markdown or HTML, and no line that starts a list, heading or quote.
# Any character outside that set (one class, searched in C, not an alternative tried per character).
_NOT_PLAIN = re.compile(r"[^\w \n.,;:?()%/'\"\u2013-]|_")


def _plain_only(text: str) -> bool:
    """Only letters, digits (``\\w`` without ``_``), spaces, line breaks and ``.,;:?()%/'"–-``."""
    return not _NOT_PLAIN.search(text)


_BLOCK_START = re.compile(r"^[ \n]*(?:\d+[.)]|[-+*#>=])", re.M)
_SPACE = re.compile(r"\s+")


def plain_text(text: str | None) -> str:
    """Markdown/HTML -> plain text (for search, CSV, XLSX and feeds). Escape it where shown.

    Text with nothing Markdown or HTML would act on skips the conversion (the same result, see
    :func:`markdown_plain_text`)."""
    if not text:
        return ""
    if _plain_only(text) and not _BLOCK_START.search(text):
        return _SPACE.sub(" ", text).strip()
    return markdown_plain_text(text)


def markdown_plain_text(text: str) -> str:
    """Markdown/HTML -> plain text through the Markdown converter and the cleaner."""
    cleaned = _TEXT_ONLY.clean(markdown_to_html(text))
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", cleaned))).strip()


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: Any) -> Markup:
    """JSON that is safe inside ``<script>``: no ``</script>``, ``<!--`` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return Markup(re.sub(r"[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_cell(value: Any) -> Any:
    """A value for a CSV or XLSX cell that a spreadsheet will not run as a formula.

    Text that starts with ``=``, ``+``, ``-``, ``@`` or a control character gets a leading
    apostrophe (OWASP's advice against CSV injection); numbers, dates and booleans pass as
    they are.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
