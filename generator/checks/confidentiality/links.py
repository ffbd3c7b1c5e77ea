"""AP505: a link that is not a plain ``http(s)://`` address."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterable

from generator.checks.confidentiality.paths import FieldPath, finding_at
from generator.diagnostics import Finding

if TYPE_CHECKING:
    from generator.catalogue import Catalogue, Entry

_LOCAL_HOSTS = re.compile(r"^(?:localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\])(?::\d+)?$", re.IGNORECASE)


def link_problem(url: str) -> str | None:
    """A Danish description of what is unsafe about a link, or None."""
    lowered = url.strip().lower()
    if not lowered.startswith(("http://", "https://")):
        return "kun adresser, der begynder med http:// eller https://, er tilladt"
    if "\\" in url:
        return "adressen indeholder '\\' (en sti til et netværksdrev eller en lokal fil)"
    if "%2e%2e" in lowered or "/../" in lowered or lowered.endswith("/.."):
        return "adressen indeholder '..' og peger uden for sin mappe"
    if any(ord(ch) < 32 or ch.isspace() for ch in url):
        return "adressen indeholder mellemrum eller usynlige tegn"
    authority = lowered.split("://", 1)[1].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    if "@" in authority:
        return "adressen indeholder et brugernavn eller en adgangskode før '@'"
    if _LOCAL_HOSTS.match(authority):
        return "adressen peger på den lokale maskine"
    if not authority:
        return "adressen mangler et domæne"
    return None


def check_links(entry: "Entry", catalogue: "Catalogue") -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    targets: list[tuple[FieldPath, str]] = []
    if process.code_repository_url:
        targets.append((("code_repository_url",), process.code_repository_url))
    targets += [(("links", i, "url"), link.url) for i, link in enumerate(process.links)]
    for path, url in targets:
        problem = link_problem(url)
        if problem:
            yield finding_at("AP505", entry, path, url=url[:120], problem=problem)
