"""axe-core (vendored in tests/site/vendor/) finds no serious or critical WCAG violations on the
template pages: front page, a process page, a browse page, the dashboard and the search page."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                      nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


def _serious(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("path", ["", "processer/{id}/", "kle/{kle}/", "overblik/", "gennemse/", "data/"])
def test_no_serious_accessibility_violations(page, site_url, example_published, path):
    pp = next(p for p in example_published if p.process.kle)
    page.goto(site_url + path.format(id=pp.id, kle=pp.process.kle.split(".")[0]))
    page.wait_for_load_state("networkidle")
    assert _serious(page) == []


def test_search_page_has_no_serious_accessibility_violations(page, site_url, site_root):
    search = site_root / "soeg" / "index.html"
    if not search.is_file() or "Søgningen er ikke med" in search.read_text(encoding="utf-8"):
        pytest.skip("the catalogue search is not part of this build yet")
    page.goto(site_url + "soeg/?q=journalisering")
    page.wait_for_load_state("networkidle")
    assert _serious(page) == []
