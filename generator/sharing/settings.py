"""The sharing settings in ``[tool.autoproces]`` of ``pyproject.toml`` (the GitHub organisation and its teams)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

NAME = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$")
TEAM = re.compile(r"^[a-z0-9_-]*\{slug\}[a-z0-9_-]*$")
DEFAULT_ORG = "autoproces"


class SettingsError(Exception):
    """A setting that cannot be used, in Danish."""


@dataclass(frozen=True)
class SharingSettings:
    github_org: str = DEFAULT_ORG
    team_pattern: str = "{slug}"  # the GitHub team of a municipality, e.g. "{slug}" or "kommune-{slug}"

    def team(self, slug: str) -> str:
        return f"@{self.github_org}/{self.team_pattern.format(slug=slug)}"


def load_settings(pyproject: Path) -> SharingSettings:
    """``github_org`` and ``codeowners_team`` from ``[tool.autoproces]``; the defaults when absent."""
    try:
        with pyproject.open("rb") as fh:
            table = tomllib.load(fh).get("tool", {}).get("autoproces", {})
    except FileNotFoundError:
        return SharingSettings()
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{pyproject.as_posix()} kan ikke læses: {exc}") from None
    org = table.get("github_org", DEFAULT_ORG)
    team = table.get("codeowners_team", "{slug}")
    if not isinstance(org, str) or not NAME.match(org):
        raise SettingsError(f"[tool.autoproces] github_org i {pyproject.as_posix()} skal være et GitHub-organisationsnavn "
                            "(bogstaver, tal og bindestreger), fx 'mit-katalog'.")
    if not isinstance(team, str) or not TEAM.match(team):
        raise SettingsError(f"[tool.autoproces] codeowners_team i {pyproject.as_posix()} skal indeholde {{slug}} og "
                            "ellers kun små bogstaver, tal, - og _, fx 'kommune-{slug}'.")
    return SharingSettings(org, team)
