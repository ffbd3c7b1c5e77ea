"""requirements.lock pins every dependency of pyproject.toml with hashes (regenerate: ./run lock)."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;\\]+)\s*(?:;(?P<marker>[^\\]*))?\\?\s*$")
HASH = re.compile(r"^\s+--hash=sha256:[0-9a-f]{64}\s*\\?\s*$")


@dataclass
class Pin:
    line: int
    version: str
    hashes: int = 0


def locked() -> dict[str, list[Pin]]:
    assert LOCK.is_file(), "requirements.lock is missing: generate it with ./run lock"
    pins: dict[str, list[Pin]] = {}
    current = None
    for number, line in enumerate(LOCK.read_text(encoding="utf-8").splitlines(), start=1):
        if match := PIN.match(line):
            current = Pin(number, match["version"])
            pins.setdefault(canonicalize_name(match["name"]), []).append(current)
        elif HASH.match(line) and current is not None:
            current.hashes += 1
        elif line.strip() and not line.lstrip().startswith("#"):
            raise AssertionError(f"requirements.lock:{number}: unexpected line {line!r}")
    return pins


def declared() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    names = [*project["project"]["dependencies"], *project["build-system"]["requires"]]
    for extra in project["project"].get("optional-dependencies", {}).values():
        names.extend(extra)
    return [Requirement(name) for name in names]


def test_lock_pins_every_declared_dependency_within_its_range():
    pins = locked()
    wrong = {}
    for requirement in declared():
        versions = [pin.version for pin in pins.get(canonicalize_name(requirement.name), [])]
        if not versions or not all(requirement.specifier.contains(Version(v), prereleases=True)
                                   for v in versions):
            wrong[str(requirement)] = versions
    assert wrong == {}, f"requirements.lock is out of date with pyproject.toml, run ./run lock: {wrong}"


def test_every_locked_package_has_a_hash():
    unhashed = [f"requirements.lock:{pin.line}: {name}=={pin.version}"
                for name, entries in locked().items() for pin in entries if pin.hashes == 0]
    assert unhashed == []
