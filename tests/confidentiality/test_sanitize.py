"""Markdown fields are rendered through nh3; nothing a process file says can run in a browser."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from generator.sanitize import is_safe_href, plain_text, render_markdown, script_json, spreadsheet_cell

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=window.__xss=1>",
    "[klik](javascript:window.__xss=1)",
    '<a href="JaVaScRiPt:window.__xss=1">klik</a>',
    '<a href="java&#x09;script:window.__xss=1">klik</a>',
    "<svg onload=window.__xss=1>",
    "<iframe src=\"javascript:window.__xss=1\"></iframe>",
    '<form action="https://evil.example"><input name=x><button>OK</button></form>',
    '<p style="background:url(javascript:window.__xss=1)">x</p>',
    "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    '"><img src=x onerror=window.__xss=1>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "<details open ontoggle=window.__xss=1>",
    '<a href="https://ok.dk" onclick="window.__xss=1" target="_blank">ok</a>',
    "<object data=x></object><embed src=x><base href=https://evil.example/><meta http-equiv=refresh content=0>",
    "<!-- <script>window.__xss=1</script> -->",
    "![billede](https://tracker.example/pixel.gif)",
]

ALLOWED = {"p", "br", "strong", "em", "b", "i", "u", "s", "code", "pre", "blockquote", "ul", "ol", "li", "h3", "h4",
           "h5", "h6", "a", "table", "thead", "tbody", "tr", "th", "td", "hr", "abbr"}


class _Elements(HTMLParser):
    """What a browser would build from the HTML: elements and attributes (text stays text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "src", "target", "action", "formaction"):
                self.problems.append(name)
            if name == "href" and not re.match(r"^(https?://|mailto:)", value or ""):
                self.problems.append(f"href={value}")

    def handle_comment(self, data):
        self.problems.append("<!--")


def active_content(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rendered_markdown_has_no_active_content(payload):
    html = str(render_markdown(payload))
    assert active_content(html) == [], html


@pytest.mark.parametrize("href", ["../../etc/passwd", "/etc/passwd", "%2e%2e/x", "//evil.example/x", "file:///etc/passwd",
                                  "\\\\server\\share", "https://x.dk\\y", "#top"])
def test_links_only_keep_web_and_mail_addresses(href):
    assert not is_safe_href(href)
    assert "href" not in str(render_markdown(f"[link]({href})"))


def test_web_links_get_noopener_noreferrer():
    html = str(render_markdown("[KL](https://www.kl.dk) og [mail](mailto:digitalisering@aarhus.dk)"))
    assert html.count('rel="noopener noreferrer"') == 2
    assert 'href="https://www.kl.dk"' in html and 'href="mailto:digitalisering@aarhus.dk"' in html


def test_ordinary_markdown_survives():
    html = str(render_markdown("**Fed**, *kursiv*\n\n- et\n- to\n\n| a | b |\n|---|---|\n| 1 | 2 |"))
    for tag in ("<strong>", "<em>", "<li>", "<table>", "<td>"):
        assert tag in html


def test_plain_text_is_text_not_html():
    assert plain_text("**Fed** <script>x()</script>tekst") == "Fed tekst"
    assert plain_text("a &lt;b&gt; c") == "a <b> c"  # text: the output escapes it where shown


def test_script_json_cannot_close_its_script_element():
    text = str(script_json({"title": "</script><script>window.__xss=1</script><!--", "x": "\u2028"}))
    assert "</script" not in text.lower() and "<!--" not in text and "\u2028" not in text
    assert json.loads(text)["title"].startswith("</script>")


@pytest.mark.parametrize("value, expected", [
    ("=HYPERLINK(\"https://evil.example\")", "'=HYPERLINK(\"https://evil.example\")"),
    ("+45 87 13 40 00", "'+45 87 13 40 00"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("Ansøgning", "Ansøgning"), (42, 42), (-1.5, -1.5), (None, None),
])
def test_spreadsheet_cells_are_never_formulas(value, expected):
    assert spreadsheet_cell(value) == expected
