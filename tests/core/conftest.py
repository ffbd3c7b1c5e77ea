"""Every message the core renders in these tests has all its template fields filled in.

In use, a missing field shows as '?' rather than failing the check; in the tests it is an error,
so a finding that forgets a parameter cannot slip through.
"""

from __future__ import annotations

import string

import pytest

from generator.checks import rules


@pytest.fixture(autouse=True)
def strict_templates(monkeypatch):
    def render(self, template, params):
        fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        missing = fields - set(params)
        assert not missing, f"{self.id} is rendered without {sorted(missing)}"
        return template.format(**params)

    monkeypatch.setattr(rules.Rule, "_render", render)
