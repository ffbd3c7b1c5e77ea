"""Proof that a build publishes nothing its audience may not see: canaries in every secret place.

Every non-public process and every confidential field, private link and private attachment of
a small catalogue holds a unique canary word ``kanari<abc>zq`` (letters only and an ending no
stemmer touches, so it survives search tokenisation). After a real ``autoproces build`` every
file under ``site/`` is read (XLSX and other zip files unpacked, gzip opened), also URL-decoded,
JSON-unescaped and HTML-unescaped, and searched for canaries; file names too. Canaries in
public places must be found, so the test proves that it can see a leak.
"""

from __future__ import annotations

import gzip
import html
import io
import itertools
import json
import re
import subprocess
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_cli

CANARY = re.compile(r"kanari([b-k]{3})zq")


def canary(n: int) -> str:
    return "kanari" + "".join(chr(ord("b") + int(d)) for d in f"{n:03d}") + "zq"


_NUMBERS = itertools.count(1)  # one sequence for every set, so no two canaries are the same


@dataclass
class Canaries:
    """Canaries by what must happen to them in a build."""

    names: dict[str, str] = field(default_factory=dict)  # canary -> where it is

    def new(self, where: str) -> str:
        word = canary(next(_NUMBERS))
        self.names[word] = where
        return word

    def where(self, words: set[str]) -> list[str]:
        return sorted(f"{w} ({self.names[w]})" for w in words)


# --- reading a built site ------------------------------------------------------------------

def _unpacked(name: str, data: bytes, depth: int = 0):
    """(name, bytes) of a file and of everything packed inside it."""
    yield name, data
    if depth > 3:
        return
    if data[:2] == b"\x1f\x8b":
        yield from _unpacked(name + "!gunzip", gzip.decompress(data), depth + 1)
    elif data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                yield from _unpacked(f"{name}!{info.filename}", archive.read(info), depth + 1)


_JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _readings(data: bytes) -> list[str]:
    """The text as it is, and URL-decoded, JSON-unescaped and HTML-unescaped (lower case)."""
    text = data.decode("utf-8", errors="replace")
    json_unescaped = _JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    return [t.lower() for t in (text, urllib.parse.unquote(text), urllib.parse.unquote_plus(text), json_unescaped,
                                html.unescape(text), html.unescape(urllib.parse.unquote(json_unescaped)))]


def canaries_in(site: Path) -> dict[str, set[str]]:
    """canary -> files (and packed members) where it occurs, file names included."""
    found: dict[str, set[str]] = {}
    files = [p for p in site.rglob("*") if p.is_file()]
    assert files, "the build wrote nothing"
    for path in files:
        relative = path.relative_to(site).as_posix()
        for name, data in _unpacked(relative, path.read_bytes()):
            for text in [*_readings(data), *_readings(name.encode())]:
                for match in CANARY.finditer(text):
                    found.setdefault(match.group(), set()).add(name)
    return found


# --- the catalogue ---------------------------------------------------------------------------

def _yaml(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _process(municipality: str, title: str, **fields) -> dict:
    data = {
        "title": title,
        "short_description": f"Kort resumé af {title.lower()}.",
        "municipality": municipality,
        "phase": "preanalysis",
        "status": "inprogress",
        "visibility": "public",
        "contact": {"name": "Digitaliseringsenheden", "email": f"digitalisering@{municipality}.dk"},
    }
    data.update(fields)
    return data


def _write(root: Path, municipality: str, slug: str, data: dict) -> Path:
    path = root / municipality / f"{slug}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_yaml(data), encoding="utf-8")
    return path


@dataclass
class Catalogue:
    project: Path
    overlay: Path
    secret_everywhere: Canaries  # never in any build (other municipalities' secrets, drafts)
    aarhus_only: Canaries  # in aarhus's private build, never in the public one
    public: Canaries  # in every build
    public_files: dict[str, Path] = field(default_factory=dict)


def _secret_process(c: Canaries, municipality: str, visibility: str, label: str, **extra) -> tuple[str, dict]:
    slug = f"{c.new(f'slug af {label}')}-proces"
    title = f"Hemmelig {c.new(f'titel af {label}')} søkanari"
    data = _process(municipality, title, visibility=visibility,
                    short_description=f"Resumé {c.new(f'resumé af {label}')}.",
                    long_description=f"Beskrivelse med **{c.new(f'beskrivelse af {label}')}**.",
                    search_words=[c.new(f"søgeord i {label}")],
                    contact={"name": f"Kontakt {c.new(f'kontaktnavn i {label}')}",
                             "email": f"digitalisering@{municipality}.dk"},
                    **extra)
    return slug, data


def _confidential_fields(c: Canaries, municipality: str, label: str) -> dict:
    return {
        "owner": {"name": f"Ejer {c.new(f'ejer af {label}')}", "email": f"{c.new(f'ejers e-mail i {label}')}@{municipality}.dk",
                  "phone": "87 13 40 00"},
        "reporter": {"name": f"Indberetter {c.new(f'indberetter af {label}')}"},
        "users": [{"name": f"Medredaktør {c.new(f'medredaktør af {label}')}", "role": c.new(f"rolle i {label}")}],
        "org_units": [f"Afdeling {c.new(f'afdeling i {label}')}"],
        "esdh_reference": f"ESDH {c.new(f'ESDH-reference i {label}')}",
        "internal_notes": f"Interne noter om {c.new(f'interne noter i {label}')}.",
        "other_contact_email": f"digitalisering@{municipality}.dk",
    }


def _private_items(c: Canaries, municipality: str, label: str, bilag: Path) -> dict:
    name = f"{c.new(f'filnavn på privat bilag i {label}')}-notat.pdf"
    bilag.mkdir(parents=True, exist_ok=True)
    (bilag / name).write_bytes(f"%PDF-1.4 privat bilag {c.new(f'indhold af privat bilag i {label}')}".encode())
    return {
        "links": [{"url": f"https://intranet.{municipality}.dk/{c.new(f'privat link i {label}')}",
                   "title": f"Intranet {c.new(f'titel på privat link i {label}')}", "visibility": "municipality"}],
        "attachments": [{"file": name, "title": f"Notat {c.new(f'titel på privat bilag i {label}')}",
                         "visibility": "municipality"}],
    }


def make_catalogue(tmp_path: Path) -> Catalogue:
    project = copy_project(tmp_path, processes=False)
    config = project / "mkdocs.yml"  # with a site_url, mkdocs lists every page in sitemap.xml
    config.write_text(config.read_text(encoding="utf-8") + "\nsite_url: https://katalog.example.invalid/\n",
                      encoding="utf-8")
    processes, overlay = project / "processes", tmp_path / "privat-overlay"
    never, aarhus, public = Canaries(), Canaries(), Canaries()
    cat = Catalogue(project, overlay, never, aarhus, public)

    # Odense: a private process, a draft, and a public process with confidential fields.
    slug, data = _secret_process(never, "odense", "municipality", "Odenses interne proces")
    _write(processes, "odense", slug, data)
    slug, data = _secret_process(never, "odense", "personal", "Odenses kladde")
    _write(processes, "odense", slug, data)
    odense_public = _process("odense", f"Offentlig {public.new('titel på Odenses offentlige proces')}",
                             **_confidential_fields(never, "odense", "Odenses offentlige proces"),
                             **_private_items(never, "odense", "Odenses offentlige proces", processes / "odense" / "bilag"))
    cat.public_files["odense"] = _write(processes, "odense", "offentlig-odense", odense_public)

    # Aarhus: a private umbrella and a private source, a draft, and a public process that refers to them.
    umbrella_slug, umbrella = _secret_process(aarhus, "aarhus", "municipality", "Aarhus' interne paraply",
                                              type="parent")
    umbrella["phase"] = "idea"
    _write(processes, "aarhus", umbrella_slug, umbrella)
    source_slug, source = _secret_process(aarhus, "aarhus", "municipality", "Aarhus' interne kildeproces")
    _write(processes, "aarhus", source_slug, source)
    slug, data = _secret_process(never, "aarhus", "personal", "Aarhus' kladde")
    _write(processes, "aarhus", slug, data)
    bilag = processes / "aarhus" / "bilag"
    public_attachment = f"{public.new('filnavn på offentligt bilag')}-diagram.pdf"
    bilag.mkdir(parents=True, exist_ok=True)
    (bilag / public_attachment).write_bytes(f"%PDF-1.4 {public.new('indhold af offentligt bilag')}".encode())
    (bilag / f"{never.new('filnavn på ubrugt bilag')}.pdf").write_bytes(f"%PDF-1.4 {never.new('ubrugt bilag')}".encode())
    private = _private_items(aarhus, "aarhus", "Aarhus' offentlige proces", bilag)
    aarhus_public = _process(
        "aarhus", f"Offentlig {public.new('titel på Aarhus offentlige proces')}",
        long_description=f"Offentlig beskrivelse {public.new('beskrivelse af Aarhus offentlige proces')}.",
        search_words=[public.new("søgeord i Aarhus offentlige proces")],
        umbrellas=[f"aarhus/{umbrella_slug}"], derived_from=f"aarhus/{source_slug}",
        **_confidential_fields(aarhus, "aarhus", "Aarhus' offentlige proces"),
        links=[{"url": f"https://www.aarhus.dk/{public.new('offentligt link')}", "title": "Offentligt link"},
               *private["links"]],
        attachments=[{"file": public_attachment, "title": "Diagram", "visibility": "public"}, *private["attachments"]],
    )
    cat.public_files["aarhus"] = _write(processes, "aarhus", "offentlig-aarhus", aarhus_public)

    # Aarhus's private overlay (another repository).
    slug, data = _secret_process(aarhus, "aarhus", "municipality", "Aarhus' overlay-proces")
    _write(overlay, "aarhus", slug, data)
    return cat


def commit_history(cat: Catalogue) -> None:
    """A git repository whose messages name private processes and confidential values."""
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                        "-c", "commit.gpgsign=false", *args], cwd=cat.project, check=True, capture_output=True)

    def commit(message: str) -> None:
        for path in cat.public_files.values():
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        git("add", "-A")
        git("commit", "-q", "-m", message)

    git("init", "-q")
    git("add", "-A")
    git("commit", "-q", "-m", "Første version af kataloget")
    titles, slugs = {}, {}
    for path in (cat.project / "processes").rglob("*.yaml"):
        data = json.loads(path.read_text(encoding="utf-8"))
        titles[path.parent.name + "/" + path.stem] = data["title"]
        slugs[path.parent.name + "/" + path.stem] = path.stem
    secret_ids = [i for i in titles if "kanari" in i]
    for process_id in secret_ids:
        commit(f"Flyt tekst fra {process_id}")
        commit(f"Ret titlen på {titles[process_id]}")
        commit(f"Opdatér {slugs[process_id].replace('-', ' ')}")
    aarhus_public = json.loads(cat.public_files["aarhus"].read_text(encoding="utf-8"))
    commit(f"Ny faglig kontaktperson: {aarhus_public['owner']['name']}")
    commit(f"Ret ESDH-reference til {aarhus_public['esdh_reference']}")
    commit(f"Ret stavefejl ({cat.public.new('harmløs commit-besked')})")


def build(cat: Catalogue, site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli("build", "--site-dir", str(site), *args, cwd=cat.project)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory) -> Catalogue:
    cat = make_catalogue(tmp_path_factory.mktemp("leak"))
    commit_history(cat)
    return cat


@pytest.fixture(scope="module")
def public_site(catalogue) -> tuple[Path, dict[str, set[str]]]:
    site = catalogue.project / "site-public"
    result = build(catalogue, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, canaries_in(site)


@pytest.fixture(scope="module")
def aarhus_site(catalogue) -> tuple[Path, dict[str, set[str]]]:
    site = catalogue.project / "site-aarhus"
    result = build(catalogue, site, "--audience", "aarhus", "--overlay", str(catalogue.overlay))
    assert result.returncode == 0, result.stdout + result.stderr
    return site, canaries_in(site)


def test_the_public_build_shows_no_canary_of_anything_non_public(catalogue, public_site):
    _, found = public_site
    leaked = set(found) & (set(catalogue.secret_everywhere.names) | set(catalogue.aarhus_only.names))
    assert not leaked, {w: sorted(found[w]) for w in leaked} | {"hvad": catalogue.secret_everywhere.where(
        leaked & set(catalogue.secret_everywhere.names)) + catalogue.aarhus_only.where(leaked & set(catalogue.aarhus_only.names))}


def test_the_public_build_shows_every_public_canary(catalogue, public_site):
    """The scanner sees pages, search files, exports, attachments and history (so the test can fail)."""
    _, found = public_site
    missing = set(catalogue.public.names) - set(found)
    assert not missing, catalogue.public.where(missing)
    places = {name.split("/")[0].split("!")[0] for w in catalogue.public.names for name in found[w]}
    assert {"processer", "api", "feed.xml"} <= places, places
    assert any("!" in name for w in catalogue.public.names for name in found[w]), "nothing found inside XLSX/gzip"


def test_the_public_exports_list_only_public_processes(public_site):
    site, _ = public_site
    records = json.loads((site / "api" / "processes.json").read_text(encoding="utf-8"))["processes"]
    assert sorted(r["id"] for r in records) == ["aarhus/offentlig-aarhus", "odense/offentlig-odense"]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    listed = set(re.findall(r"processer/([a-z0-9-]+/[a-z0-9-]+)/", sitemap))
    assert listed == {"aarhus/offentlig-aarhus", "odense/offentlig-odense"}


def test_links_to_the_private_umbrella_and_source_exist_only_in_the_private_build(public_site, aarhus_site):
    page = Path("processer") / "aarhus" / "offentlig-aarhus" / "index.html"
    public = (public_site[0] / page).read_text(encoding="utf-8")
    private = (aarhus_site[0] / page).read_text(encoding="utf-8")
    links = re.compile(r'href="[^"]*?(kanari[b-k]{3}zq)-proces/"')
    assert links.findall(public) == []
    assert len(set(links.findall(private))) == 2  # the umbrella and the source


def test_an_unknown_audience_is_refused(catalogue, tmp_path):
    for name in ("../etc", "aarhuus"):
        result = build(catalogue, tmp_path / "site", "--audience", name)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert name in result.stdout + result.stderr
        assert not (tmp_path / "site").exists()


def test_the_municipality_build_shows_its_own_secrets_and_nobody_elses(catalogue, aarhus_site):
    _, found = aarhus_site
    leaked = set(found) & set(catalogue.secret_everywhere.names)
    assert not leaked, catalogue.secret_everywhere.where(leaked)
    missing = (set(catalogue.aarhus_only.names) | set(catalogue.public.names)) - set(found)
    assert not missing, catalogue.aarhus_only.where(missing & set(catalogue.aarhus_only.names)) + \
        catalogue.public.where(missing & set(catalogue.public.names))


def test_an_overlay_file_of_another_municipality_stops_the_build(catalogue, tmp_path):
    overlay = tmp_path / "forkert-overlay"
    never = Canaries()
    slug, data = _secret_process(never, "odense", "municipality", "Odenses fil i Aarhus' overlay")
    _write(overlay, "odense", slug, data)
    site = tmp_path / "site"
    result = build(catalogue, site, "--audience", "aarhus", "--overlay", str(overlay))
    assert result.returncode == 1
    assert "AP509" in result.stdout + result.stderr
    assert not site.exists() or not set(canaries_in(site)) & set(never.names)
