"""axe-core (vendored in tests/site/vendor/) finds no WCAG 2.1 AA or 2.2 AA violations, of any impact,
on every page type of the site, at 1366 px and at 390 px."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.test_site_reader import PAGE_TYPES, _settle, page_url

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE, TAGS)


def _serious(page) -> list[dict]:
    return [v for v in _violations(page) if v["impact"] in ("serious", "critical")]


def test_no_accessibility_violations_on_any_page_type(sized_page, site_url, example_published):
    found = {}
    for path in PAGE_TYPES:
        sized_page.goto(page_url(site_url, example_published, path))
        _settle(sized_page)
        violations = _violations(sized_page)
        if violations:
            found[path] = violations
    assert found == {}

