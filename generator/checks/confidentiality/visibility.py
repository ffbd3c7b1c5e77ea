"""Who may see a file at all.

* AP508: a ``municipality`` or ``personal`` process in the shared repository, which may be
  public: such processes belong in the municipality's private overlay.
* AP509: an overlay file for another municipality than the one a private site is built for
  (recorded by :func:`record_audience_findings` when a build chooses its audience).
(AP510, a process file that is a symbolic link, is in ``symlinks``.)
"""

from __future__ import annotations

from typing import Iterable

from generator.catalogue import Catalogue, Entry
from generator.checks.confidentiality.paths import finding_at
from generator.diagnostics import Finding
from generator.model import Visibility


# --- AP508: private processes in the shared repository --------------------------------------


def check_shared_visibility(entry: Entry, catalogue: Catalogue) -> Iterable[Finding]:
    process = entry.process
    assert process is not None
    if entry.overlay or process.visibility == Visibility.PUBLIC:
        return
    municipality = process.municipality
    if process.visibility == Visibility.PERSONAL:
        advice = ("Processer med synligheden 'personal' er kladder og udgives aldrig, heller ikke på "
                  "organisationens private site. Gem kladden i organisationens private overlay-mappe "
                  f"(<overlay>/{municipality}/{entry.slug}.yaml), eller sæt 'visibility: public', når den er klar.")
    else:
        advice = ("Processen vises kun på organisationens private site, men selve filen kan læses af alle, der kan "
                  "læse repositoriet. Flyt den til organisationens private overlay-mappe "
                  f"(<overlay>/{municipality}/{entry.slug}.yaml) i et privat repositorium, og byg det private site med "
                  f"'autoproces build --audience {municipality} --overlay <overlay>'.")
    yield finding_at("AP508", entry, ("visibility",), visibility=process.visibility.value,
                     label=Visibility(process.visibility).label, advice=advice)


# --- AP509: overlay files for another audience ----------------------------------------------


PUBLIC = "public"


def owned_by(entry: Entry, audience: str) -> bool:
    """True when both the file's folder and its ``municipality`` field name the audience."""
    process = entry.process
    return (audience != PUBLIC and process is not None and entry.folder == audience
            and process.municipality == audience)


def audience_findings(catalogue: Catalogue, audience: str) -> list[tuple[Entry, Finding]]:
    """AP509 for every overlay file that does not belong to the audience a site is built for."""
    found = []
    shown_audience = "alle (public)" if audience == PUBLIC else f"'{audience}'"
    for entry in catalogue.entries:
        if not entry.overlay:
            continue
        owner = entry.process.municipality if entry.process is not None else entry.folder
        if entry.process is not None and owned_by(entry, audience):
            continue
        if entry.process is None and owner == audience:
            continue  # a broken file of the audience's own: its schema errors say enough
        finding = Finding.make("AP509", entry.path, None, None, municipality=owner or entry.folder or "?",
                               audience=shown_audience)
        found.append((entry, finding))
    return found


def record_audience_findings(catalogue: Catalogue, audience: str) -> list[Finding]:
    """Add AP509 findings for the build's audience (a municipality's slug or ``public``) to the entries
    they concern (once) and return them."""
    added = []
    for entry, finding in audience_findings(catalogue, audience):
        if finding not in entry.findings:
            entry.findings.append(finding)
            entry.findings.sort(key=Finding.sort_key)
            added.append(finding)
    return added
