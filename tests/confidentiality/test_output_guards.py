"""The site's code keeps to the rules that make the leak and XSS proofs hold for future pages too.

* Only the plugin (the glue) touches the Catalogue; every page, export, feed and search module
  reads the Published catalogue.
* Templates are autoescaped; nothing marks data as safe except ``render_markdown``.
* Scripts build the DOM with ``textContent``, never with HTML strings.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SITE_CODE = ROOT / "generator" / "site"
TEMPLATES = ROOT / "site_templates"
GLUE = {"plugin.py", "build.py"}  # load the catalogue, then hand out only publish(...)
# Builds the pieces the pages repeat from values it escapes itself (markupsafe.escape, as autoescape
# does); tests/site/test_fragments.py shows hostile text escaped in every piece.
ESCAPING_BUILDERS = {"fragments.py"}


def _python_files() -> list[Path]:
    return sorted(p for p in SITE_CODE.rglob("*.py") if p.name not in GLUE)


def test_only_the_plugin_reads_the_catalogue():
    offenders = []
    pattern = re.compile(r"generator\.catalogue|load_catalogue|\.entries\b|load_document|hidden_ids")
    for path in _python_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line) and not line.lstrip().startswith("#"):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_what_every_page_builder_gets_holds_no_catalogue():
    import dataclasses

    from generator.audience import Published
    from generator.publication import Publication

    fields = {f.name: str(f.type) for f in dataclasses.fields(Publication)}
    assert "Published" in fields["published"]
    assert not [name for name, kind in fields.items() if "Catalogue" in kind or "Entry" in kind]
    assert not [f.name for f in dataclasses.fields(Published) if "Catalogue" in str(f.type) or "Entry" in str(f.type)]


def test_templates_are_autoescaped_whatever_their_name():
    from generator.site.templates import make_environment

    env = make_environment(TEMPLATES)
    for name in ("page.html", "feed.xml", "note.txt", "x.md", "noname"):
        autoescape = env.autoescape(name) if callable(env.autoescape) else env.autoescape
        assert autoescape, name


def test_nothing_is_marked_safe_outside_the_sanitizer():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.xml")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\|\s*safe\b|autoescape\s+false|\{%\s*autoescape", text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group()}")
    for path in _python_files():
        text = path.read_text(encoding="utf-8")
        if path.name in ESCAPING_BUILDERS:
            text = re.sub(r"\bMarkup\(", "", text)  # still no autoescape=False and no __html__
        for match in re.finditer(r"\bMarkup\(|autoescape\s*=\s*False|\.__html__", text):
            offenders.append(f"{path.relative_to(ROOT)}: {match.group()}")
    assert offenders == []


def _scripts() -> list[tuple[str, str]]:
    found = [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in sorted(TEMPLATES.rglob("*.js"))
             if "vendor" not in p.parts]
    for path in sorted(TEMPLATES.rglob("*.html")):
        for i, script in enumerate(re.findall(r"<script[^>]*>(.*?)</script>", path.read_text(encoding="utf-8"), re.S)):
            found.append((f"{path.relative_to(ROOT)} <script> {i + 1}", script))
    return found


@pytest.mark.parametrize("name, code", _scripts(), ids=lambda v: v if "/" in str(v) else "")
def test_scripts_never_write_html_strings(name, code):
    sinks = re.findall(r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\s*\(|"
                       r"setAttribute\(\s*['\"]on|\.srcdoc\b|createContextualFragment|DOMParser", code)
    assert sinks == [], name
