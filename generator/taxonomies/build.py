"""Build the cached lists in ``taxonomies/`` from the source files in ``taxonomies/sources/``.

``build_all`` writes, per list, ``<list>.json`` (the items, the format ``lookup`` reads) and
``<list>.manifest.json`` (sources with provenance, release and retrieval dates, counts, checksum).
Everything is derived from the source files and ``sources/provenance.yaml`` only, never from the
clock, so a rebuild is byte-identical. All lists are computed before anything is written, and each
file is replaced atomically.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from generator.taxonomies import form, kle, paths
from generator.taxonomies.curated import it_system_items, technology_items
from generator.taxonomies.errors import TaxonomyError
from generator.files import remove_stale_temporaries
from generator.taxonomies.files import atomic_write, dump_items, dump_manifest, sha256
from generator.taxonomies.kitos import merge_it_systems, parse_it_systems
from generator.taxonomies.kle_keywords import parse_keywords
from generator.taxonomies.merge import merge_snapshots
from generator.taxonomies.municipalities import municipality_items, read_table
from generator.taxonomies.provenance import Sources

KLA_CODE_PATTERN = r"^\d{2}\.\d{2}\.\d{2}(\.\d{2}){0,2}$"


@dataclass
class BuiltList:
    name: str
    title: str                                   # Danish, shown to users
    items: list[dict]
    sources: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


def build_all(sources_dir: Path, out_dir: Path, retrieved: Mapping[str, str] | None = None) -> dict[str, bytes]:
    """Build every list from ``sources_dir`` into ``out_dir``; returns the files by name.

    ``retrieved`` overrides the retrieval date of single sources (file name -> date); normally the
    dates come from ``sources/provenance.yaml``. Only files whose bytes change are rewritten.
    """
    files = build_files(Sources(sources_dir, retrieved))
    write_files(out_dir, files)
    return files


def build_files(sources: Sources) -> dict[str, bytes]:
    """All cache files (``<list>.json`` and ``<list>.manifest.json``) as bytes, nothing written."""
    kle_list, form_list = build_kle_and_form(sources)
    lists = [kle_list, form_list, build_kla(sources), build_it_systems(sources), build_technologies(sources),
             build_municipalities(sources), build_kle_facets(sources), build_kle_keywords(sources)]
    files: dict[str, bytes] = {}
    for built in lists:
        items = dump_items(built.name, built.items)
        files[f"{built.name}.json"] = items
        files[f"{built.name}.manifest.json"] = dump_manifest(manifest(built, items))
    return files


def write_files(out_dir: Path, files: Mapping[str, bytes]) -> list[str]:
    """Atomically write the files that differ from what is on disk; returns their names.

    Temporary files that an interrupted earlier run left behind are removed first.
    """
    remove_stale_temporaries(out_dir)
    written = []
    for name, data in files.items():
        path = out_dir / name
        if not path.is_file() or path.read_bytes() != data:
            atomic_write(path, data)
            written.append(name)
    return written


def manifest(built: BuiltList, items_bytes: bytes) -> dict[str, Any]:
    by_level = Counter(str(item["level"]) for item in built.items if "level" in item)
    active_by_level = Counter(str(item["level"]) for item in built.items
                              if "level" in item and item.get("status") == "active")
    # The list's release is that of its data; curated additions (titles, names) count only when the
    # list is curated as a whole.
    data_sources = [s for s in built.sources if not s["file"].startswith("sources/curated/")] or built.sources
    releases = [str(s["release"]) for s in data_sources if s.get("release")]
    retrievals = [str(s["retrieved"]) for s in data_sources if s.get("retrieved")]
    data = {
        "list": built.name,
        "title": built.title,
        "items_file": f"{built.name}.json",
        "items_sha256": sha256(items_bytes),
        "count": len(built.items),
        "count_by_status": dict(sorted(Counter(str(item.get("status")) for item in built.items).items())),
        "release": max(releases) if releases else None,
        "retrieved": max(retrievals) if retrievals else None,
        "sources": built.sources,
        "notes": built.notes,
    }
    if by_level:
        data["count_by_level"] = dict(sorted(by_level.items()))
        data["active_by_level"] = dict(sorted(active_by_level.items()))
    data.update(built.extra)
    return data


# --- KLE and FORM (built together: the crosswalk links both ways) -----------------------------------------

def build_kle_and_form(sources: Sources) -> tuple[BuiltList, BuiltList]:
    kle_snapshots = _kle_snapshots(sources)
    form_snapshots, pairs, crosswalk = _form_snapshots(sources)
    kle_sources = [sources.describe(s.source, release=s.release) for s in kle_snapshots]
    kle_sources += [sources.describe(name, release=release) for name, release in crosswalk]
    form_used = [(s.source, s.release) for s in form_snapshots] + crosswalk
    form_sources = [sources.describe(name, release=release) for name, release in dict(form_used).items()]

    kle_merged = merge_snapshots(kle_snapshots)
    form_merged = merge_snapshots(form_snapshots)
    pairs = {(form_code, kle_code) for form_code, kle_code in pairs if form_code in form_merged}
    forms_by_kle: dict[str, set[str]] = {}
    kle_by_form: dict[str, set[str]] = {}
    for form_code, kle_code in pairs:
        forms_by_kle.setdefault(kle_code, set()).add(form_code)
        kle_by_form.setdefault(form_code, set()).add(kle_code)
    unknown_kle = sorted(code for code in forms_by_kle if code not in kle_merged)

    kle_list = BuiltList(
        "kle", "KLE – KL Emnesystematik", kle.kle_items(kle_merged, forms_by_kle), kle_sources,
        notes=[
            "Kilderne anvendes fra ældste til nyeste udgivelse; den nyeste titel vinder.",
            "Et nummer, som en nyere kilde ikke længere har med, får status 'retired' (udgået). "
            "'moved' (flyttet) og 'replaced_by' (afløst af) kommer fra KLE's egen historik (AfloestAf).",
            "Markeringer i titlen ([udgået], [udgår 2023], [fagsystem-emne] m.fl.) er fjernet fra 'title' "
            "og står i felterne 'status', 'expires', 'business_system_subject' og 'markers'.",
            "Et nummer, som ingen kilde har en titel til (fx hovedgruppe 34, der kun findes i OS2KLE), har "
            "'title': null; en titel opfindes aldrig.",
            "'forms' er FORM-koderne fra krydsreferencen FORM/KLE 2018 (og FORM-Online, når den er hentet).",
        ],
        extra={"code_pattern": r"^\d{2}(\.\d{2}){0,2}$"},
    )
    form_list = BuiltList(
        "form", "FORM – Forretningsreferencemodellen (Opgavenøglen)", form.form_items(form_merged, kle_by_form),
        form_sources,
        notes=[
            "Kodelisten er krydsreferencen FORM/KLE af 2018-07-11 (3.080 koder på fire niveauer); den har ingen "
            "titler. Kun koder med en offentligt kendt titel har en titel; de øvrige har 'title': null.",
            "'kle' er de KLE-numre, koden er knyttet til; listen svarer til 'forms' i kle.json.",
        ] + ([f"KLE-numre i krydsreferencen, som ingen KLE-kilde kender: {', '.join(unknown_kle)}."]
             if unknown_kle else []),
        extra={"code_pattern": r"^\d{2}(\.\d{2}){0,3}$", "crosswalk_pairs": len(pairs),
               "crosswalk_unknown_kle": unknown_kle},
    )
    return kle_list, form_list


def _kle_snapshots(sources: Sources) -> list:
    """The KLE sources that exist, each parsed into a snapshot."""
    snapshots = []
    if sources.exists(paths.KLE_XML_2015):
        snapshots.append(kle.parse_emneplan(sources.read(paths.KLE_XML_2015), paths.KLE_XML_2015))
    if sources.exists(paths.KLE_KITOS_2022):
        snapshots.append(kle.parse_kitos_kle_options(sources.read(paths.KLE_KITOS_2022), paths.KLE_KITOS_2022))
    if sources.exists(paths.KLE_OS2KLE):
        snapshots.append(kle.parse_os2kle(sources.read(paths.KLE_OS2KLE), paths.KLE_OS2KLE,
                                          _release(sources, paths.KLE_OS2KLE)))
    if sources.exists(paths.KLE_OS2KLE_CHANGES):
        snapshots.append(kle.parse_os2kle_changes(sources.read(paths.KLE_OS2KLE_CHANGES), paths.KLE_OS2KLE_CHANGES,
                                                  _release(sources, paths.KLE_OS2KLE_CHANGES)))
    if sources.exists(paths.KLE_ONLINE):
        snapshots.append(kle.parse_emneplan(sources.read(paths.KLE_ONLINE), paths.KLE_ONLINE))
    return snapshots


def _form_snapshots(sources: Sources) -> tuple[list, set, list[tuple[str, str]]]:
    """(FORM snapshots, FORM->KLE pairs, the crosswalk files with their release)."""
    snapshots, pairs, crosswalk = [], set(), []
    if sources.exists(paths.FORM_KLE_2018):
        snapshot, found = form.parse_form_kle(sources.read(paths.FORM_KLE_2018), paths.FORM_KLE_2018,
                                              _release(sources, paths.FORM_KLE_2018))
        snapshots.append(snapshot)
        pairs |= found
        crosswalk.append((paths.FORM_KLE_2018, snapshot.release))
    if sources.exists(paths.KLE_FORM_2018):
        pairs |= form.parse_kle_form(sources.read(paths.KLE_FORM_2018), paths.KLE_FORM_2018)
        crosswalk.append((paths.KLE_FORM_2018, _release(sources, paths.KLE_FORM_2018)))
    if sources.exists(paths.FORM_ONLINE):
        snapshot, found = form.parse_form_hierarchy(sources.read(paths.FORM_ONLINE), paths.FORM_ONLINE,
                                                    _release(sources, paths.FORM_ONLINE))
        snapshots.append(snapshot)
        pairs |= found
        crosswalk.append((paths.FORM_ONLINE, snapshot.release))
    if sources.exists(paths.FORM_TITLES):
        titles = (sources.read_yaml(paths.FORM_TITLES) or {}).get("titles") or {}
        snapshots.append(form.titles_snapshot(titles, paths.FORM_TITLES, _release(sources, paths.FORM_TITLES)))
    return snapshots, pairs, crosswalk


def _release(sources: Sources, name: str) -> str:
    release = sources.release(name)
    if release is None:
        raise TaxonomyError(f"Kilde {name}: 'release' mangler i provenance.yaml")
    return release


# --- KLA ----------------------------------------------------------------------------------------------

def build_kla(sources: Sources) -> BuiltList:
    """KLA has no published list: empty unless ``sources/kla/*.csv`` (``code;title``) exist."""
    items: dict[str, dict] = {}
    used = []
    kla_dir = sources.root / paths.KLA_DIR
    for path in sorted(kla_dir.glob("*.csv")) if kla_dir.is_dir() else []:
        name = f"{paths.KLA_DIR}/{path.name}"
        reader = csv.DictReader(io.StringIO(sources.read(name).decode("utf-8-sig")), delimiter=";")
        if reader.fieldnames is None or [f.strip() for f in reader.fieldnames][:2] != ["code", "title"]:
            raise TaxonomyError(f"Kilde {name}: forventede kolonnerne code;title")
        for number, row in enumerate(reader, start=2):
            code = (row.get("code") or "").strip()
            if not re.match(KLA_CODE_PATTERN, code):
                raise TaxonomyError(f"Kilde {name}: række {number}: ugyldigt KLA-nummer {code!r}")
            items[code] = {"code": code, "title": (row.get("title") or "").strip() or None,
                           "status": "active", "replaced_by": []}
        used.append(sources.describe(name, release=sources.release(name)))
    notes = [
        "Der findes ingen offentlig liste over KL's Arbejdsgangsbank (KLA). Numre kontrolleres kun på "
        "formatet, som OS2autoproces gør: 3, 4 eller 5 grupper á to cifre (fx 10.88.11).",
        "En rigtig KLA-liste kan lægges i taxonomies/sources/kla/*.csv (kolonner code;title) og udfylder "
        "samme format (code, title, status, replaced_by).",
    ]
    return BuiltList("kla", "KLA – KL's Arbejdsgangsbank", list(items.values()), used, notes,
                     extra={"code_pattern": KLA_CODE_PATTERN})


# --- curated lists, KITOS, municipalities -------------------------------------------------------------------

def build_it_systems(sources: Sources) -> BuiltList:
    curated = it_system_items(sources.read_yaml(paths.IT_SYSTEMS), paths.IT_SYSTEMS)
    used = [sources.describe(paths.IT_SYSTEMS, release=sources.release(paths.IT_SYSTEMS))]
    items = list(curated.values())
    notes = ["Kurateret liste: der findes ingen offentlig udtræk af KITOS-kataloget. 'kitos_uuid' er null, "
             "indtil kataloget hentes fra KITOS (autoproces taxonomies refresh --only kitos).",
             "'local': true betyder, at systemet ikke findes i KITOS."]
    if sources.exists(paths.KITOS_SYSTEMS):
        systems = parse_it_systems(sources.read_json(paths.KITOS_SYSTEMS), paths.KITOS_SYSTEMS)
        slug_map = sources.read_json(paths.KITOS_SLUGS) if sources.exists(paths.KITOS_SLUGS) else {}
        items, _ = merge_it_systems(curated, systems, slug_map)
        used.append(sources.describe(paths.KITOS_SYSTEMS, release=sources.release(paths.KITOS_SYSTEMS)))
        if sources.exists(paths.KITOS_SLUGS):
            used.append(sources.describe(paths.KITOS_SLUGS))
        notes = ["Systemer fra KITOS (rettighedshaver = 'vendor'; deaktiverede systemer har status 'retired') "
                 "sammen med den kuraterede liste. Kortnavne (code) bevares mellem opdateringer."]
    return BuiltList("it_systems", "IT-systemer", items, used, notes)


def build_technologies(sources: Sources) -> BuiltList:
    items = technology_items(sources.read_yaml(paths.TECHNOLOGIES), paths.TECHNOLOGIES)
    return BuiltList("technologies", "Teknologier", items,
                     [sources.describe(paths.TECHNOLOGIES, release=sources.release(paths.TECHNOLOGIES))],
                     ["Kurateret liste; OS2autoproces vedligeholder også teknologier i hånden."])


def build_municipalities(sources: Sources) -> BuiltList:
    municipalities = read_table(sources.read(paths.MUNICIPALITIES), paths.MUNICIPALITIES,
                                ["kommunekode", "navn", "cvr", "region", "regionskode"])
    regions = read_table(sources.read(paths.REGIONS), paths.REGIONS, ["regionskode", "navn", "cvr"])
    members = read_table(sources.read(paths.MEMBERS), paths.MEMBERS, ["cvr", "navn", "note"]) \
        if sources.exists(paths.MEMBERS) else []
    names = {}
    used = [paths.MUNICIPALITIES, paths.REGIONS] + ([paths.MEMBERS] if members else [])
    if sources.exists(paths.MUNICIPALITY_NAMES):
        names = {str(k): str(v) for k, v in ((sources.read_yaml(paths.MUNICIPALITY_NAMES) or {}).get("names") or {}).items()}
        used.append(paths.MUNICIPALITY_NAMES)
    items = municipality_items(municipalities, regions, members, names)
    return BuiltList(
        "municipalities", "Kommuner og regioner", items,
        [sources.describe(name, release=sources.release(name)) for name in used],
        ["'code' er mappenavnet under processes/ (små ASCII-bogstaver: æ=ae, ø=oe, å=aa, mellemrum=-).",
         "'title' er det officielle navn: fra den kuraterede navneliste, OS2autoproces' medlemsliste eller "
         "regionslisten, ellers '<navn> Kommune'."],
        extra={"count_by_kind": dict(sorted(Counter(item["kind"] for item in items).items()))},
    )


def build_kle_facets(sources: Sources) -> BuiltList:
    """KLE action facets. Only a one-facet format sample exists, and the manifest says so."""
    items: list[dict] = []
    used = []
    if sources.exists(paths.KLE_FACETS_SAMPLE):
        release, items = kle.parse_facets(sources.read(paths.KLE_FACETS_SAMPLE), paths.KLE_FACETS_SAMPLE)
        used.append(sources.describe(paths.KLE_FACETS_SAMPLE, release=release))
    return BuiltList(
        "kle_facets", "KLE-handlingsfacetter (kun eksempel)", items, used,
        ["Kun et formateksempel (1 kategori, 1 facet) er fundet; den fulde liste over handlingsfacetter er "
         "ikke offentliggjort i de tilgængelige kilder. Facetter kan indtil videre kun kontrolleres på formatet."],
        extra={"sample": True, "code_pattern": r"^[APSØGKI]\d{2}$"},
    )


def build_kle_keywords(sources: Sources) -> BuiltList:
    """KLE keywords (stikord) per subject, from OS2KLE (the search's low-weighted synonyms)."""
    items: list[dict] = []
    used = []
    if sources.exists(paths.KLE_OS2KLE):
        items = parse_keywords(sources.read(paths.KLE_OS2KLE), paths.KLE_OS2KLE)
        used.append(sources.describe(paths.KLE_OS2KLE, release=_release(sources, paths.KLE_OS2KLE)))
    return BuiltList(
        "kle_keywords", "KLE-stikord", items, used,
        ["Stikord pr. KLE-emne fra OS2KLE med deres vægt ([tekst, vægt]), højeste vægt først; hvert stikord "
         "én gang (uden forskel på store og små bogstaver).",
         "KLE-emneplanen 2015 (XML version 2.0) i kilderne har ingen Stikord-elementer."],
        extra={"keyword_count": sum(len(item["keywords"]) for item in items)},
    )
