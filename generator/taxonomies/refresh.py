"""Refresh the lists from the official APIs: KLE-Online, FORM-Online and KITOS.

A refresh downloads, checks what arrived, stores the download as a source file under
``taxonomies/sources/`` (with its provenance) and rebuilds the cache with ``build`` -- so the cache
stays reproducible from the sources. Nothing is written until every download has been checked, the
new lists have been built, and no list loses more than ``max_drop`` of its active codes; then each
file is replaced atomically. Any failure leaves ``taxonomies/`` byte for byte as it was.

Endpoints (base URLs overridable for tests and mirrors):

- KLE-Online  ``$AUTOPROCES_KLE_URL``   (https://api.kle-online.dk)  ``/resources/kle/emneplan?udgaaede=true``
- FORM-Online ``$AUTOPROCES_FORM_URL``  (http://api.form-online.dk)   ``/resources/``
- KITOS       ``$AUTOPROCES_KITOS_URL`` (https://kitos.dk)  ``POST /api/authorize/gettoken`` with
  ``KITOS_EMAIL``/``KITOS_PASSWORD`` (or a ready token in ``KITOS_TOKEN``), then
  ``GET /api/v2/it-systems?includeDeactivated=true&page=N&pageSize=100`` until a page is not full.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Mapping, TextIO

from ruamel.yaml import YAML

from generator.taxonomies import form, kle, paths
from generator.taxonomies.build import build_files, write_files
from generator.taxonomies.errors import TaxonomyError
from generator.taxonomies.fetch import fetch, fetch_json
from generator.files import remove_stale_temporaries
from generator.taxonomies.files import atomic_write, sha256
from generator.taxonomies.curated import it_system_items
from generator.taxonomies.kitos import merge_it_systems, parse_it_systems
from generator.taxonomies.provenance import PROVENANCE_FILE, Sources
from generator.taxonomies.report import attach_processes, diff_items, format_report, index_processes

SOURCES = ("kle", "form", "kitos")
LABELS = {"kle": "KLE-Online", "form": "FORM-Online", "kitos": "KITOS"}
LIST_OF = {"kle": "kle", "form": "form", "kitos": "it_systems"}
DEFAULT_URLS = {"kle": "https://api.kle-online.dk", "form": "http://api.form-online.dk", "kitos": "https://kitos.dk"}
URL_VARIABLES = {"kle": "AUTOPROCES_KLE_URL", "form": "AUTOPROCES_FORM_URL", "kitos": "AUTOPROCES_KITOS_URL"}
KLE_PATH = "/resources/kle/emneplan?udgaaede=true"
FORM_PATH = "/resources/"
KITOS_TOKEN_PATH = "/api/authorize/gettoken"
KITOS_SYSTEMS_PATH = "/api/v2/it-systems?includeDeactivated=true&page={page}&pageSize={size}"
KITOS_MAX_PAGES = 1000
DEFAULT_TIMEOUT = 20.0
KITOS_PAGE_SIZE = 100             # as OS2autoproces; the API allows 1-250
DEFAULT_MAX_DROP = 0.10


@dataclass
class Settings:
    taxonomies_dir: Path = Path("taxonomies")
    processes_dir: Path = Path("processes")
    only: str | None = None                 # "kle", "form" or "kitos"; None = all
    max_drop: float = DEFAULT_MAX_DROP
    timeout: float = DEFAULT_TIMEOUT
    env: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc)

    def base_url(self, source: str) -> str:
        return (self.env.get(URL_VARIABLES[source]) or DEFAULT_URLS[source]).rstrip("/")


@dataclass
class Download:
    """A checked download, ready to be stored as source files."""

    source: str                              # "kle", "form" or "kitos"
    files: dict[str, bytes]                  # source file name -> stored bytes
    provenance: dict[str, dict[str, Any]]    # source file name -> provenance entry


def refresh(settings: Settings, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run a refresh; returns the exit code (0 ok, 1 error). Errors are one Danish line on ``err``."""
    try:
        return _refresh(settings, out)
    except TaxonomyError as exc:
        print(f"Fejl: {exc}. Intet er ændret.", file=err)
        return 1
    except OSError as exc:  # writing failed after every check passed (disk full, no permission)
        print(f"Fejl: kunne ikke skrive {exc.filename or settings.taxonomies_dir}: {exc.strerror or exc}. "
              "Ret fejlen, og kør 'autoproces taxonomies build' eller opdateringen igen.", file=err)
        return 1


def _refresh(settings: Settings, out: TextIO) -> int:
    if not 0 <= settings.max_drop <= 1:
        raise TaxonomyError("--max-drop skal være en andel mellem 0 og 1, fx 0.1 for 10 %")
    selected = [settings.only] if settings.only else list(SOURCES)
    sources = Sources(settings.taxonomies_dir / "sources")
    retrieved = settings.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    downloads = []
    for source in selected:
        if source == "kitos" and not settings.only and not _has_kitos_credentials(settings.env):
            print("KITOS springes over: ingen adgangsoplysninger (sæt KITOS_TOKEN eller KITOS_EMAIL og "
                  "KITOS_PASSWORD).", file=out)
            continue
        downloads.append(DOWNLOADERS[source](settings, sources, retrieved))
    if not downloads:
        raise TaxonomyError("der var intet at hente")

    new_files: dict[str, bytes] = {}
    new_entries: dict[str, dict[str, Any]] = {}
    for download in downloads:
        new_files.update(download.files)
        new_entries.update(download.provenance)
    staged = sources.with_files(new_files, new_entries)
    cache = build_files(staged)

    index = index_processes(settings.processes_dir)
    report: list[str] = []
    for download in downloads:
        list_name = LIST_OF[download.source]
        old_items = _cached_items(settings.taxonomies_dir / f"{list_name}.json")
        new_items = json.loads(cache[f"{list_name}.json"])["items"]
        _check_drop(download.source, list_name, old_items, new_items, settings.max_drop)
        changes = diff_items(old_items, new_items)
        attach_processes(list_name, changes, index)
        report += format_report(list_name, changes)

    provenance_path = settings.taxonomies_dir / "sources" / PROVENANCE_FILE
    provenance = _updated_provenance(provenance_path, new_entries)
    remove_stale_temporaries(provenance_path.parent)
    for name, data in new_files.items():
        atomic_write(settings.taxonomies_dir / "sources" / name, data)
    atomic_write(provenance_path, provenance)
    write_files(settings.taxonomies_dir, cache)
    print("\n".join(report), file=out)
    return 0


# --- drop guard and the current cache ------------------------------------------------------------------

def _cached_items(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    try:
        return list(json.loads(path.read_bytes())["items"])
    except (ValueError, KeyError, TypeError):
        raise TaxonomyError(f"den nuværende {path.name} kan ikke læses; kør 'autoproces taxonomies build'") from None


def _check_drop(source: str, list_name: str, old: list[dict], new: list[dict], max_drop: float) -> None:
    """Refuse a refresh that would make more than ``max_drop`` of the active codes disappear or retire."""
    before = {item["code"] for item in old if item.get("status", "active") == "active"}
    after = {item["code"] for item in new if item.get("status", "active") == "active"}
    if not before:
        return
    lost = len(before - after)
    share = lost / len(before)
    if share > max_drop:
        raise TaxonomyError(
            f"{LABELS[source]}: opdateringen ville fjerne eller afmelde {lost} af {len(before)} aktive koder "
            f"i {list_name} ({share * 100:.0f} %); grænsen er {max_drop * 100:g} %. Kontrollér kilden, eller tillad det med "
            f"--max-drop {min(1.0, round(share + 0.005, 2))}")



def _updated_provenance(path: Path, entries: Mapping[str, Mapping[str, Any]]) -> bytes:
    """provenance.yaml with the given entries replaced, comments and order kept."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096
    document = yaml.load(path.read_text(encoding="utf-8")) if path.is_file() else None
    if document is None:
        document = {}
    if document.get("sources") is None:
        document["sources"] = {}
    for name, entry in entries.items():
        document["sources"][name] = dict(entry)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    return buffer.getvalue().encode()


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


# --- KLE-Online ----------------------------------------------------------------------------------------

def download_kle(settings: Settings, sources: Sources, retrieved: str) -> Download:
    url = settings.base_url("kle") + KLE_PATH
    data = fetch(url, LABELS["kle"], timeout=settings.timeout, headers={"Accept": "application/xml"})
    snapshot = kle.parse_emneplan(data, LABELS["kle"])
    return Download("kle", {paths.KLE_ONLINE: _gzip(data)}, {paths.KLE_ONLINE: {
        "list": "kle",
        "role": 'KLE-Online REST "fuld" emneplan inkl. udgåede numre (hentet af autoproces taxonomies refresh)',
        "url": url,
        "licence": "© KL (KLE-Online)",
        "data_date": snapshot.release,
        "release": snapshot.release,
        "retrieved": retrieved,
        "download_sha256": sha256(data),
        "count": len(snapshot.entries),
    }})


# --- FORM-Online ---------------------------------------------------------------------------------------

def download_form(settings: Settings, sources: Sources, retrieved: str) -> Download:
    url = settings.base_url("form") + FORM_PATH
    data = fetch(url, LABELS["form"], timeout=settings.timeout, headers={"Accept": "application/xml"})
    snapshot, pairs = form.parse_form_hierarchy(data, LABELS["form"], release=None)
    return Download("form", {paths.FORM_ONLINE: _gzip(data)}, {paths.FORM_ONLINE: {
        "list": "form",
        "role": "FORM-Online FormHierarkiHent, hele Opgavenøglen (hentet af autoproces taxonomies refresh)",
        "url": url,
        "licence": "FORM-Online (Digitaliseringsstyrelsen)",
        "data_date": snapshot.release,
        "release": snapshot.release,
        "retrieved": retrieved,
        "download_sha256": sha256(data),
        "count": len(snapshot.entries),
    }})


# --- KITOS ---------------------------------------------------------------------------------------------

def _has_kitos_credentials(env: Mapping[str, str]) -> bool:
    return bool(env.get("KITOS_TOKEN") or (env.get("KITOS_EMAIL") and env.get("KITOS_PASSWORD")))


def kitos_token(settings: Settings) -> str:
    token = settings.env.get("KITOS_TOKEN")
    if token:
        return token
    email, password = settings.env.get("KITOS_EMAIL"), settings.env.get("KITOS_PASSWORD")
    if not (email and password):
        raise TaxonomyError("KITOS: mangler adgangsoplysninger; sæt KITOS_TOKEN eller KITOS_EMAIL og KITOS_PASSWORD")
    answer = fetch_json(settings.base_url("kitos") + KITOS_TOKEN_PATH, "KITOS (login)", timeout=settings.timeout,
                        method="POST", payload={"email": email, "password": password},
                        unauthorized="login afvist; kontrollér KITOS_EMAIL og KITOS_PASSWORD")
    response = answer.get("response") if isinstance(answer, dict) else None
    token = response.get("token") if isinstance(response, dict) else None
    if not isinstance(token, str) or not token or response.get("loginSuccessful") is False:
        raise TaxonomyError("KITOS (login): login mislykkedes; svaret indeholdt ingen adgangsnøgle")
    return token


def _page_size(value: str | None) -> int:
    if not value:
        return KITOS_PAGE_SIZE
    if not value.isdigit() or not 1 <= int(value) <= 250:
        raise TaxonomyError(f"KITOS: AUTOPROCES_KITOS_PAGE_SIZE skal være et tal fra 1 til 250, ikke {value!r}")
    return int(value)


def download_kitos(settings: Settings, sources: Sources, retrieved: str) -> Download:
    headers = {"Authorization": f"Bearer {kitos_token(settings)}"}
    size = _page_size(settings.env.get("AUTOPROCES_KITOS_PAGE_SIZE"))
    rows: list[Any] = []
    for page in range(KITOS_MAX_PAGES):
        url = settings.base_url("kitos") + KITOS_SYSTEMS_PATH.format(page=page, size=size)
        batch = fetch_json(url, LABELS["kitos"], timeout=settings.timeout, headers=headers)
        if not isinstance(batch, list):
            raise TaxonomyError(f"KITOS: uventet svar på side {page}; forventede en liste af IT-systemer")
        rows.extend(batch)
        if len(batch) < size:
            break
    else:
        raise TaxonomyError(f"KITOS: mere end {KITOS_MAX_PAGES} sider; afbrudt")
    systems = parse_it_systems(rows, LABELS["kitos"])
    if not systems:
        raise TaxonomyError("KITOS: kataloget er tomt (svaret indeholder ingen IT-systemer)")
    curated = it_system_items(sources.read_yaml(paths.IT_SYSTEMS), paths.IT_SYSTEMS)
    old_map = sources.read_json(paths.KITOS_SLUGS) if sources.exists(paths.KITOS_SLUGS) else {}
    _, slug_map = merge_it_systems(curated, systems, old_map)
    stored = json.dumps(sorted(rows, key=lambda row: str(row.get("uuid"))), ensure_ascii=False, sort_keys=True,
                        separators=(",", ":")).encode()
    changed = [str(row.get("lastModified"))[:10] for row in rows if isinstance(row.get("lastModified"), str)]
    release = max(changed) if changed else retrieved[:10]
    base = settings.base_url("kitos")
    return Download("kitos", {
        paths.KITOS_SYSTEMS: _gzip(stored),
        paths.KITOS_SLUGS: (json.dumps(slug_map, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(),
    }, {
        paths.KITOS_SYSTEMS: {
            "list": "it_systems",
            "role": "KITOS API v2 it-systems inkl. deaktiverede (hentet af autoproces taxonomies refresh)",
            "url": base + KITOS_SYSTEMS_PATH.format(page="N", size=size),
            "licence": "KITOS (OS2)",
            "data_date": release,
            "release": release,
            "retrieved": retrieved,
            "count": len(systems),
        },
        paths.KITOS_SLUGS: {
            "list": "it_systems",
            "role": "kortnavne for KITOS-systemer (uuid -> code); skrives af refresh, så kortnavne aldrig skifter",
            "repo": "autoproces (generated)",
            "retrieved": retrieved,
        },
    })


DOWNLOADERS: dict[str, Callable[[Settings, Sources, str], Download]] = {
    "kle": download_kle, "form": download_form, "kitos": download_kitos}
