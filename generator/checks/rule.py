"""One rule of the rule catalogue: id, severity, Danish name, message, hint and example."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: str
    name: str  # short Danish name for the rule page
    message: str
    hint: str
    example: str  # a YAML fragment that breaks the rule

    def _render(self, template: str, params: dict[str, Any]) -> str:
        class _Default(dict):
            def __missing__(self, key: str) -> str:
                return "?"

        return string.Formatter().vformat(template, (), _Default(params))

    def render_message(self, **params: Any) -> str:
        return self._render(self.message, params)

    def render_hint(self, **params: Any) -> str:
        return self._render(self.hint, params)
