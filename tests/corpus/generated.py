"""Cases that cannot be a committed corpus file, written into a temporary folder by the tests.

A file that cannot be read, one over 1 MB, bytes that editors and Git may rewrite (non-UTF-8,
NUL, byte-order mark, CRLF), files outside ``processes/<municipality>/`` or with a bad name,
and rules that need lists the real data does not have (retired IT-systems, KLA) or a build
audience (AP509). Each case says which rule it is about and whether the rule must fire.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from tests.support.catalogue import BASE, FIXTURE_LISTS, catalogue_of, entry_for, real_lists, write
from generator.pipeline import load_catalogue
from generator.diagnostics import Finding
from generator.checks.confidentiality.attachment_types import MAX_ATTACHMENT_BYTES
from generator.loading import MAX_FILE_BYTES


@dataclass(frozen=True)
class Case:
    rule: str
    outcome: str  # "fail": the rule fires (and an error rule means exit 1); "pass": it does not, and no errors
    name: str
    build: Callable[[Path], tuple[Path, list[Finding]]]  # writes the files; returns the file and its findings
    cli: bool = True  # False when the case needs more than `autoproces check` (a fixture list, an audience)
    # Where a failing case's finding must be, written as in a corpus file's '# forventet:' line:
    # "linje 12 felt validations[1].date", "linje 2" (no field) or "hele filen" (no position).
    expect: str = ""

    @property
    def id(self) -> str:
        return f"{self.rule.lower()}-{self.outcome}-{self.name}"


def _one(relative: str, content: str | bytes, lists=None, others: dict[str, str] | None = None):
    def build(tmp: Path) -> tuple[Path, list[Finding]]:
        for name, text in (others or {}).items():
            write(tmp, name, text)
        path = write(tmp, relative, content)
        catalogue = catalogue_of(tmp, lists if lists is not None else real_lists(), extra_files=[path])
        return path, entry_for(catalogue, path).findings
    return build


def _missing_file(tmp: Path) -> tuple[Path, list[Finding]]:
    path = tmp / "processes" / "aarhus" / "slettet.yaml"
    (tmp / "processes" / "aarhus").mkdir(parents=True)
    catalogue = load_catalogue([tmp / "processes"], real_lists(), extra_files=[path])
    return path, entry_for(catalogue, path).findings


def _audience(owner: str, audience: str):
    """An overlay file of ``owner`` in a build for ``audience`` (AP509 is recorded when a build chooses it)."""
    def build(tmp: Path) -> tuple[Path, list[Finding]]:
        from generator.audience import Audience
        from generator.pipeline import check_for_audience

        text = BASE.replace("aarhus", owner).replace("visibility: public", "visibility: municipality")
        path = write(tmp, f"privat/{owner}/intern-proces.yaml", text)
        (tmp / "processes").mkdir(exist_ok=True)
        catalogue = load_catalogue([tmp / "processes"], real_lists(), overlay_roots=[tmp / "privat"])
        check_for_audience(catalogue, Audience(audience))
        return path, entry_for(catalogue, path).findings
    return build


def _history(versions: list[tuple[str, str]]):
    """One process file committed in dated versions (validations go stale or predate the file in git)."""
    def build(tmp: Path) -> tuple[Path, list[Finding]]:
        from tests.support.git_repo import commit, init_repo

        init_repo(tmp)
        for date, text in versions:
            commit(tmp, "Ret processen", date, {"processes/aarhus/proces.yaml": text})
        path = tmp / "processes/aarhus/proces.yaml"
        return path, entry_for(catalogue_of(tmp, real_lists(), extra_files=[path]), path).findings
    return build


VALIDATED = BASE + "validations:\n  - municipality: odense\n    date: 2024-03-01\n    note: Tallene passer.\n"



def _curated(file_name: str, text: str):
    """A curated list file read directly by ``load_taxonomies`` (AP413-AP417 are about that file)."""
    def build(tmp: Path) -> tuple[Path, list[Finding]]:
        from generator.taxonomies import load_taxonomies

        path = write(tmp, f"taxonomies/sources/curated/{file_name}", text)
        return path, load_taxonomies(tmp / "taxonomies").source_findings
    return build


SYSTEMS_OK = "systems:\n  sd-loen:\n    name: SD Løn\n    vendor: Silkeborg Data\n    source: https://prosa.dk/\n"
TECHNOLOGIES_OK = "categories:\n  rules: Regler og scripts\ntechnologies:\n  python:\n    name: Python\n    category: rules\n"
def _linked_folder(link: str, target: str, *, attachment: bool = False):
    """``processes/<link>`` is a symbolic link to ``target``: a folder of the machine (/etc, /proc/self)
    or a folder with a process beside the project. The case is the link itself or, with
    ``attachment``, the process file whose attachment lies in the linked folder."""
    def build(tmp: Path) -> tuple[Path, list[Finding]]:
        destination = Path(target)
        if not target.startswith("/"):
            destination = write(tmp, f"{target}/proces.yaml", BASE.replace("aarhus", link)).parent
        path = None
        if attachment:
            path = write(tmp, "processes/aarhus/proces.yaml",
                         BASE + "attachments:\n  - file: environ.txt\n    visibility: public\n")
        linked = tmp / "processes" / link
        linked.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(destination, linked)
        case = path or linked
        return case, entry_for(catalogue_of(tmp, real_lists()), case).findings
    return build


def _attachment_of_size(size: int):
    def build(tmp: Path) -> tuple[Path, list[Finding]]:
        write(tmp, "processes/aarhus/bilag/rapport.pdf", b"%PDF-1.7\n" + b"0" * (size - 9))
        return _one("processes/aarhus/proces.yaml", BASE + "attachments:\n  - file: rapport.pdf\n")(tmp)
    return build


UTF8 = BASE.encode("utf-8")
PADDED = BASE + "# " + "x" * (MAX_FILE_BYTES - len(UTF8) - 200) + "\n"
WINDOWS = b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode("utf-8")
DEVELOPMENT = BASE.replace("phase: idea", "phase: development") + "run_period: daily\n"

GENERATED: list[Case] = [
    Case("AP000", "fail", "filen-findes-ikke", _missing_file, cli=False, expect="hele filen"),
    Case("AP000", "pass", "almindelig-fil", _one("processes/aarhus/proces.yaml", BASE)),
    Case("AP001", "fail", "over-1-mb", _one("processes/aarhus/stor.yaml", BASE + "# " + "x" * MAX_FILE_BYTES + "\n"), expect="hele filen"),
    Case("AP001", "pass", "lige-under-1-mb", _one("processes/aarhus/naesten-stor.yaml", PADDED)),
    Case("AP002", "fail", "latin-1", _one("processes/aarhus/latin.yaml", BASE.encode("latin-1")), expect="linje 1"),
    Case("AP002", "fail", "utf-16", _one("processes/aarhus/unicode.yaml", BASE.encode("utf-16")), expect="linje 1"),
    Case("AP002", "pass", "bom-og-crlf", _one("processes/aarhus/windows.yaml", WINDOWS)),
    Case("AP003", "fail", "nul-byte", _one("processes/aarhus/nul.yaml", UTF8.replace(b"Journalisering", b"Journal\x00isering")), expect="linje 1"),
    Case("AP003", "pass", "tabulator-og-linjeskift-i-tekst",
         _one("processes/aarhus/tegn.yaml", BASE + 'long_description: "Trin:\\n\\t1. Åbn sagen"\n')),
    Case("AP012", "fail", "uden-for-processes", _one("andet/proces.yaml", BASE), expect="hele filen"),
    Case("AP012", "fail", "direkte-i-processes", _one("processes/proces.yaml", BASE), expect="hele filen"),
    Case("AP012", "fail", "for-dybt", _one("processes/aarhus/jobcenter/proces.yaml", BASE), expect="hele filen"),
    Case("AP012", "pass", "i-organisationsmappe", _one("processes/aarhus/proces.yaml", BASE)),
    Case("AP013", "fail", "mellemrum-og-store-bogstaver", _one("processes/aarhus/Ansøgning om Boligstøtte.yaml", BASE), expect="hele filen"),
    Case("AP013", "fail", "forkert-endelse", _one("processes/aarhus/proces.txt", BASE), expect="hele filen"),
    Case("AP013", "pass", "kortnavn", _one("processes/aarhus/ansoegning-om-boligstoette.yaml", BASE)),
    Case("AP015", "fail", "yaml-og-yml", _one("processes/aarhus/proces.yml", BASE,
                                              others={"processes/aarhus/proces.yaml": BASE}), expect="hele filen"),
    Case("AP015", "pass", "forskellige-navne", _one("processes/aarhus/proces.yml", BASE,
                                                     others={"processes/aarhus/anden-proces.yaml": BASE})),
    Case("AP312", "fail", "foer-foerste-commit", _history([("2024-04-02T10:00:00+02:00", VALIDATED)]), expect="linje 12 felt validations[1].date"),
    Case("AP312", "pass", "efter-foerste-commit", _history([("2024-02-01T10:00:00+01:00", BASE),
                                                             ("2024-03-05T10:00:00+01:00", VALIDATED)])),
    Case("AP314", "fail", "fasen-aendret-efter-validering",
         _history([("2024-02-01T10:00:00+01:00", BASE), ("2024-03-01T10:00:00+01:00", VALIDATED),
                   ("2024-06-01T10:00:00+02:00", VALIDATED.replace("phase: idea", "phase: preanalysis"))]), expect="linje 12 felt validations[1].date"),
    Case("AP314", "pass", "kun-kontakt-aendret",
         _history([("2024-02-01T10:00:00+01:00", BASE), ("2024-03-01T10:00:00+01:00", VALIDATED),
                   ("2024-06-01T10:00:00+02:00", VALIDATED.replace("name: Digitaliseringsenheden", "name: IT-afdelingen"))])),
    Case("AP406", "fail", "udfaset-system",
         _one("processes/aarhus/proces.yaml", BASE + "it_systems: [gammelt-esdh]\n", FIXTURE_LISTS), cli=False, expect="linje 10 felt it_systems[1]"),
    Case("AP406", "pass", "aktivt-system",
         _one("processes/aarhus/proces.yaml", BASE + "it_systems: [kmd-nexus]\n", FIXTURE_LISTS), cli=False),
    Case("AP408", "fail", "ukendt-organisation",
         _one("processes/aarhuus/proces.yaml", BASE.replace("municipality: aarhus", "municipality: aarhuus")), expect="linje 3 felt municipality"),
    Case("AP408", "pass", "kendt-organisation", _one("processes/aarhus/proces.yaml", BASE)),
    Case("AP411", "fail", "ukendt-kla",
         _one("processes/aarhus/proces.yaml", BASE + "kla: 10.88.12\n", FIXTURE_LISTS), cli=False, expect="linje 10 felt kla"),
    Case("AP411", "pass", "kendt-kla",
         _one("processes/aarhus/proces.yaml", BASE + "kla: 10.88.11\n", FIXTURE_LISTS), cli=False),
    Case("AP412", "fail", "udgaaet-form",
         _one("processes/aarhus/proces.yaml", BASE + "kle: 32.18.04\nform: 26.25.99\n", FIXTURE_LISTS), cli=False, expect="linje 11 felt form"),
    Case("AP412", "pass", "gaeldende-form",
         _one("processes/aarhus/proces.yaml", BASE + "kle: 32.18.04\nform: 26.25.10\n", FIXTURE_LISTS), cli=False),
    Case("AP413", "fail", "system-uden-leverandoer",
         _curated("it_systems.yaml", "systems:\n  sd-loen:\n    name: SD Løn\n"), cli=False, expect="linje 2"),
    Case("AP413", "fail", "teknologi-uden-navn",
         _curated("technologies.yaml", TECHNOLOGIES_OK.replace("    name: Python\n", "")), cli=False, expect="linje 4"),
    Case("AP413", "pass", "ukendt-leverandoer-er-null",
         _curated("it_systems.yaml", "systems:\n  kombit-kp:\n    name: KP\n    vendor: null\n"), cli=False),
    Case("AP414", "fail", "navn-som-kortnavn", _curated("it_systems.yaml", SYSTEMS_OK.replace("sd-loen", "SD Løn")),
         cli=False, expect="linje 2"),
    Case("AP414", "pass", "kortnavn", _curated("it_systems.yaml", SYSTEMS_OK), cli=False),
    Case("AP415", "fail", "samme-navn-med-bindestreg",
         _curated("it_systems.yaml", SYSTEMS_OK + "  sdloen:\n    name: SD-Løn\n    vendor: null\n"), cli=False, expect="linje 6"),
    Case("AP415", "pass", "to-forskellige-systemer",
         _curated("it_systems.yaml", SYSTEMS_OK + "  kmd-opus-loen:\n    name: KMD Opus Løn\n    vendor: KMD A/S\n"),
         cli=False),
    Case("AP416", "fail", "ukendt-kategori",
         _curated("technologies.yaml", TECHNOLOGIES_OK.replace("category: rules", "category: robot")), cli=False, expect="linje 6"),
    Case("AP416", "pass", "kendt-kategori", _curated("technologies.yaml", TECHNOLOGIES_OK), cli=False),
    Case("AP417", "fail", "ingen-tabel", _curated("it_systems.yaml", "systems: []\n"), cli=False, expect="linje 1"),
    Case("AP417", "pass", "tabel", _curated("it_systems.yaml", SYSTEMS_OK), cli=False),
    Case("AP119", "fail", "syv-lange-tekster", _one("processes/aarhus/proces.yaml", BASE + "".join(
        f"{key}: {'tekst ' * 1500}\n" for key in ("long_description", "process_challenges", "solution_requests",
                                                 "time_spend_comment", "it_systems_description", "status_text",
                                                 "internal_notes"))), expect="hele filen"),
    Case("AP119", "pass", "to-lange-tekster", _one("processes/aarhus/proces.yaml", BASE + "".join(
        f"{key}: {'tekst ' * 1500}\n" for key in ("long_description", "time_spend_comment")))),
    Case("AP511", "fail", "organisationsmappe-er-link-til-etc", _linked_folder("aarhus", "/etc"), expect="hele filen"),
    Case("AP511", "fail", "organisationsmappe-er-link-i-projektet", _linked_folder("odense", "andet/odense"), expect="hele filen"),
    Case("AP511", "fail", "bilagsmappe-er-link-til-proc-self",
         _linked_folder("aarhus/bilag", "/proc/self", attachment=True), expect="linje 11 felt attachments[1].file"),
    Case("AP511", "pass", "almindelige-mapper", _one("processes/aarhus/proces.yaml", BASE,
                                                     others={"processes/aarhus/bilag/notat.txt": "Notat\n"})),
    Case("AP514", "fail", "over-10-mb", _attachment_of_size(MAX_ATTACHMENT_BYTES + 1), expect="linje 11 felt attachments[1].file"),
    Case("AP514", "pass", "praecis-10-mb", _attachment_of_size(MAX_ATTACHMENT_BYTES)),
    Case("AP509", "fail", "overlay-for-anden-organisation", _audience("odense", "aarhus"), cli=False, expect="hele filen"),
    Case("AP509", "pass", "overlay-for-egen-organisation", _audience("aarhus", "aarhus"), cli=False),
]
