"""The site loads nothing from other hosts: no fonts, scripts, styles or images from a CDN.

Links that a reader clicks (``<a href>``) may point anywhere; everything the browser fetches by itself
(script, stylesheet, image, font, frame, preconnect) must be relative.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

FETCHED = {
    "script": ("src",), "link": ("href",), "img": ("src", "srcset"), "source": ("src", "srcset"),
    "iframe": ("src",), "frame": ("src",), "embed": ("src",), "object": ("data",), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "input": ("src",),
}
EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])\s*((?:https?:)?//[^'")\s]+)""", re.I)


class _Fetched(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in FETCHED.get(tag, ()):
            value = values.get(name) or ""
            for part in value.split(","):
                if EXTERNAL.match(part):
                    self.external.append(f"<{tag} {name}={value!r}>")
        style = values.get("style") or ""
        self.external += CSS_URL.findall(style)

    def handle_data(self, data):
        self.external += CSS_URL.findall(data)  # inline <style> blocks


def test_no_html_page_fetches_from_another_host(site_root):
    problems = []
    for page in sorted(site_root.rglob("*.html")):
        parser = _Fetched()
        parser.feed(page.read_text(encoding="utf-8"))
        problems += [f"{page.relative_to(site_root)}: {ref}" for ref in parser.external]
    assert not problems, "\n".join(problems[:20])


def test_no_stylesheet_fetches_from_another_host(site_root):
    problems = []
    for sheet in sorted(site_root.rglob("*.css")):
        problems += [f"{sheet.relative_to(site_root)}: {url}" for url in CSS_URL.findall(sheet.read_text(encoding="utf-8"))]
    assert not problems, "\n".join(problems[:20])


def test_no_google_fonts_and_no_github_api(site_root):
    html = (site_root / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    # With repo_url set, Material's script would ask api.github.com for stars and forks from every reader.
    assert 'data-md-component="source"' not in html
