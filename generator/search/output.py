"""Write the search data and assets into the built site.

Layout (paths relative to the site root)::

    soeg/data/manifest.json              stop words, which file holds which terms, the other files
    soeg/data/kort-<n>-<hash>.json       the short index, split by term prefix into groups, each group
                                         cut into files of about ``index.PART_BYTES`` (the manifest's
                                         ``groups``: how many files each group holds; a prefix is searched
                                         and scored per group, so the cut changes no result)
    soeg/data/dok-<n>-<hash>.json        what a result shows, in chunks of DOC_CHUNK processes
    soeg/data/ord-<n>-<hash>.json        the vocabulary (stems) that compound words are split against,
                                         split by stem prefix like the indexes
    soeg/data/sam-<n>-<hash>.json        the matches of common compound words, worked out at build time
                                         (``compound_matches.py``), split by word like the indexes
    soeg/data/facetter-<n>-<hash>.json   one facet's column each, in FACET_KEYS order (fetched after
                                         the first results, except those the address selects)
    soeg/data/fuld-<n>-<hash>.json       the full-text index, split by term prefix (after the first results)
    soeg/data/sortering-<n>-<hash>.json  last change (0), hours freed (1): when the reader sorts by them
    assets/search/...                    search scripts, style sheet and vendored lunr (the tests'
                                         reference; the page loads lunr's core, search-lunr.js), and
                                         the bundle of the scripts the page loads (``assets.py``)

Before the first results of a word query a reader downloads the scripts' bundle, the manifest, the index
files of the words typed, for the words long enough to be compounds the ``sam`` file of the word and,
unless it holds the word, the vocabulary files and the index files of its parts, the ``dok`` chunks
of the first page, and the facets the address selects and the sort figure it sorts by; the other
facets come after the first results. A common compound thus costs only its own index files
(``kontanthjælp`` at 10,000 synthetic processes: 82 kB instead of 117 kB in Chromium), and a word only
the files of its group that hold its terms (``borgere``: 96 kB instead of 104 kB). ``benchmarks/search_scale.py`` and ``benchmarks/bench_browser.py`` measure it.

File names carry a hash of their content, so a browser never mixes files of two builds; the
manifest itself is fetched with revalidation. The files of one family (``kort``, ``fuld``, ``ord``, ``sam``,
``dok``, ``facetter``, ``sortering``) share one hash, of all of them (``family_file``), so the manifest names none of them: it
gives the family's hash and the browser builds the names (``familyFile`` in ``search-files.js``). Output is deterministic: the same catalogue gives
byte-identical files. Files of earlier builds in ``soeg/data/`` are removed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import stat
from pathlib import Path
from typing import Callable, Iterable

from generator.audience import Published, PublishedProcess
from generator.files import ManyFiles, write_files_atomic
from generator.linked_files import Identity, identity
from generator.publication import Publication
from generator.search.assets import copy_assets
from generator.search.danish import STOP_WORDS
from generator.search.documents import as_publication
from generator.search.facets import FACET_KEYS, facets_of, sort_columns
from generator.search.compound_matches import INDEX_ORDER, compound_entries, compound_files
from generator.search.compounds import LINKS, MAX_PARTS, MIN_PART
from generator.search.index import CODES, INDEXES, REQUIRED_PIPELINE, forget_splits, index_from_state, splitter_for_vocabulary
from generator.search.index_cache import index_states
from generator.search.packed_reuse import FILE_NAME as PACKED_FILE
from generator.search.packed_reuse import Family, LinkedFiles, PackedRecord, read_families
from generator.search.rows import FILE_NAME as ROWS_FILE
from generator.search.rows import search_rows
from generator.search.shards import FileFinder, first_terms, sorted_terms

DATA_DIR = "soeg/data"
MANIFEST = "manifest.json"
DOC_CHUNK = 2  # processes per file: a page of 20 results needs up to 20 files, so they are small
FORMAT_VERSION = 4  # 4: the matches of common compounds (``compoundMatches``)
# The vocabulary of compound words, split like the indexes: a query word needs the files of the stems
# that start at each of its letters (``shards.py``); small files keep that to a few kB.
VOCABULARY_FILE_BYTES = 3_000
PAGE_SIZE = 20
VOCABULARY = "ord"
COMPOUND_MATCHES = "sam"
FAMILY_BYTES_KEPT = 8_000_000  # a family up to this size is kept in memory until its hash is known


def _json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def build_search_data(source: Publication | Published, updated: Callable[[PublishedProcess], dt.date | None],
                      process_url: str, token_cache: Path | None = None) -> dict[str, bytes]:
    """Every data file of the search, by name inside ``soeg/data/`` (``token_cache``: the file of the
    token cache to use and update, ``token_cache.py``; the index cache is kept beside it, ``index_cache.py``)."""
    files: dict[str, bytes] = {}
    _make_search_data(source, updated, process_url, token_cache, _Kept(files))
    return files


class _Kept:
    """The data files kept by name (``build_search_data``)."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self._family: list[bytes] = []

    def put(self, data: bytes, digest: str = "") -> None:
        self._family.append(data)

    def name(self, prefix: str, family_hash: str) -> None:
        for number, data in enumerate(self._family):
            self.files[family_file(prefix, number, family_hash)] = data
        self._family = []

    def single(self, name: str, data: bytes, digest: str = "") -> None:
        self.files[name] = data

    def link_families(self, families: dict[str, Family]) -> dict[str, str] | None:
        return None  # kept files are bytes: nothing to link


class _Written:
    """The data files written as they are made (``write_all``). A family's files are kept until its hash
    is known and then written under their names; a family larger than ``FAMILY_BYTES_KEPT`` (the
    full-text index at scale) goes on under temporary names in the target folder, renamed when the
    hash is known, so no large family is kept in memory. With ``linked`` (an incremental build), a file
    with the bytes of a file of the previous build is linked from there (``packed_reuse.LinkedFiles``)
    and every file's identity is noted."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.names: set[str] = set()
        self.linked: LinkedFiles | None = None
        self._writer = ManyFiles(staging=True)  # the build's staging folder, or a folder it rebuilds whole
        self._kept: list[tuple[bytes, str]] = []
        self._kept_bytes = 0
        self._family: list[tuple[Path, str]] = []
        self._mark = f"{os.getpid()}-{secrets.token_hex(4)}"

    def put(self, data: bytes, digest: str = "") -> None:
        if not self._family and self._kept_bytes + len(data) <= FAMILY_BYTES_KEPT:
            self._kept.append((data, digest))
            self._kept_bytes += len(data)
            return
        for kept in self._kept:  # too large to keep: the kept files first, then this one
            self._spill(*kept)
        self._kept, self._kept_bytes = [], 0
        self._spill(data, digest)

    def _spill(self, data: bytes, digest: str) -> None:
        part = self.target / f".{self._mark}-{len(self._family)}.part"
        self._family.append((part, digest))
        self._writer.write(part, data)

    def name(self, prefix: str, family_hash: str) -> None:
        for number, (data, digest) in enumerate(self._kept):
            self.single(family_file(prefix, number, family_hash), data, digest)
        for number, (part, digest) in enumerate(self._family):
            name = family_file(prefix, number, family_hash)
            os.replace(part, self.target / name)
            self._noted(name, digest, None)
        self._family, self._kept, self._kept_bytes = [], [], 0

    def single(self, name: str, data: bytes, digest: str = "") -> None:
        target = os.fspath(self.target / name)
        made = None
        if self.linked is not None:
            digest = digest or hashlib.sha256(data).hexdigest()
            made = self.linked.link(digest, target)
        if made is None:
            self._writer.write(target, data)
        self._noted(name, digest, made)

    def link_families(self, families: dict[str, Family]) -> dict[str, str] | None:
        """Link every file of ``families`` from the previous build when each is still the very file
        recorded (nothing is read); each family's hash, or None with nothing linked."""
        if self.linked is None:
            return None
        hashes, made = {}, []
        for prefix, family in families.items():
            hashes[prefix] = family_hash = family.family_hash()
            for number, digest in enumerate(family.digests):
                name = family_file(prefix, number, family_hash)
                linked = self.linked.link(digest, os.fspath(self.target / name)) if name == family.names[number] else None
                if linked is None:
                    for done, _digest, _linked in made:
                        (self.target / done).unlink(missing_ok=True)
                    return None
                made.append((name, digest, linked))
        for name, digest, linked in made:
            self._noted(name, digest, linked)
        return hashes

    def _noted(self, name: str, digest: str, made: Identity | None) -> None:
        self.names.add(name)
        if self.linked is not None and digest:
            self.linked.note(name, digest, made or identity(os.lstat(self.target / name)))

    def discard(self) -> None:
        """Remove the temporary files of a family that was not finished."""
        for part, _ in self._family:
            part.unlink(missing_ok=True)
        self._family, self._kept, self._kept_bytes = [], [], 0


def _make_search_data(source: Publication | Published, updated: Callable[[PublishedProcess], dt.date | None],
                      process_url: str, token_cache: Path | None, files: "_Kept | _Written",
                      previous: Path | None = None) -> None:
    publication = as_publication(source)
    published = publication.published
    found = search_rows(publication, token_cache.with_name(ROWS_FILE) if token_cache is not None else None)
    documents = found.documents
    keys = [row.key for row in found.rows] if token_cache is not None else None
    record = PackedRecord(token_cache.with_name(PACKED_FILE), keys) if token_cache is not None else None
    if record is not None and isinstance(files, _Written):  # files like the previous build's are linked from it
        files.linked = record.linked_files(previous / DATA_DIR, previous) if previous else LinkedFiles("", {})
    indexes, compound_matches, vocabulary_firsts, vocabulary_hash, families = _index_families(documents, keys, record, token_cache, previous, files)
    rows = found.rows
    chunks = (("[" + ",".join(row.stored for row in rows[start:start + DOC_CHUNK]) + "]").encode("utf-8")
              for start in range(0, len(rows), DOC_CHUNK))
    chunk_hash = _add_family("dok", chunks, files)
    chunk_count = (len(documents) + DOC_CHUNK - 1) // DOC_CHUNK

    facets = facets_of(published.taxonomies, [row.facets for row in rows])
    facets_hash = _add_family("facetter", (_json_bytes(f.as_json()) for f in facets), files)
    sort = sort_columns(found.items, updated)
    sort_hash = _add_family("sortering", (_json_bytes(column) for column in sort.values()), files)
    manifest = {
        "format": FORMAT_VERSION,
        "count": len(documents),
        "pipeline": REQUIRED_PIPELINE,
        "stopWords": sorted(STOP_WORDS),
        "processUrl": process_url,
        "pageSize": PAGE_SIZE,
        "docs": {"chunk": DOC_CHUNK, "count": chunk_count, "hash": chunk_hash},
        "indexes": indexes,
        "compounds": {"firsts": vocabulary_firsts, "hash": vocabulary_hash, "minPart": MIN_PART,
                      "maxParts": MAX_PARTS, "links": list(LINKS)},
        "compoundMatches": compound_matches,
        "facets": {"hash": facets_hash},
        "facetKeys": list(FACET_KEYS),
        "sort": {"hash": sort_hash, "columns": list(sort)},
    }
    files.single(MANIFEST, _json_bytes(manifest))
    if record is not None:
        record.keep(families, files.linked.made if isinstance(files, _Written) and files.linked else None)


def _index_entry(spec, firsts: list[str], groups: list[int], family_hash: str) -> dict[str, object]:
    """An index's entry in the manifest."""
    return {"fields": [f for f, _ in spec.fields], "textFields": spec.text_fields,
            "codeFields": [f for f, _ in spec.fields if f == CODES], "firsts": firsts, "groups": groups,
            "hash": family_hash}


def _compound_entry(firsts: list[str], family_hash: str) -> dict[str, object]:
    """The manifest's entry of the matches of common compounds (``compound_matches.py``)."""
    return {"firsts": firsts, "hash": family_hash, "indexes": list(INDEX_ORDER)}


def _index_families(documents: list, keys: list[str] | None, record: PackedRecord | None, token_cache: Path | None,
                    previous: Path | None, files: "_Kept | _Written") -> tuple[dict[str, object], dict[str, object],
                                                                                  list[str], str, dict[str, Family]]:
    """The index families, the matches of common compounds and the vocabulary: each index's manifest
    entry, the matches' entry, the vocabulary's first stems and hash, and the families' files. An incremental build (``record``) whose documents' texts are all
    unchanged takes the files from the ``previous`` site (``packed_reuse``), else they are packed."""
    indexes: dict[str, object] = {}
    prefixes = [*(spec.name for spec in INDEXES), COMPOUND_MATCHES, VOCABULARY]
    data_dir = previous / DATA_DIR if previous else None
    found = record.families(data_dir, previous, prefixes) if record is not None and previous and data_dir else None
    if found is not None and all(found[spec.name].groups is not None for spec in INDEXES):
        # no searchable text changed: the previous build's files, linked as the very files recorded or read
        # and verified by their SHA-256
        hashes = files.link_families(found)
        if hashes is None and read_families(found, data_dir) is not None:  # type: ignore[arg-type]
            hashes = {prefix: _add_family(prefix, family.data, files) for prefix, family in found.items()}  # type: ignore[arg-type]
        if hashes is not None:
            for spec in INDEXES:
                family = found[spec.name]
                indexes[spec.name] = _index_entry(spec, family.firsts, family.groups, hashes[spec.name])  # type: ignore[arg-type]
            compounds = _compound_entry(found[COMPOUND_MATCHES].firsts, hashes[COMPOUND_MATCHES])  # type: ignore[arg-type]
            return indexes, compounds, found[VOCABULARY].firsts, hashes[VOCABULARY], found  # type: ignore[return-value]
    packed: dict[str, Family] = {}
    states, known_stems = index_states(documents, token_cache, keys)
    compounds_firsts, compound_data = compound_files(
        compound_entries(INDEXES, states, splitter_for_vocabulary(known_stems)))
    family = packed[COMPOUND_MATCHES] = Family(compounds_firsts, [], [])
    compounds = _compound_entry(compounds_firsts, _add_family(COMPOUND_MATCHES, compound_data, files, family))
    del compound_data
    if token_cache is None:
        # A build without caches (``build``, not ``--incremental``) has no next build to split words for:
        # the splitter's answers and the stems (about 60 MB at 10,000 processes) go before the packing.
        forget_splits()
    for spec, state in zip(INDEXES, states):
        built = index_from_state(spec, state)
        family = packed[spec.name] = Family(built.firsts, [], [], groups=built.groups)
        family_hash = _add_family(spec.name, (_json_bytes(p) for p in built.packed_files()), files, family)
        indexes[spec.name] = _index_entry(spec, built.firsts, built.groups, family_hash)
    del states
    vocabulary_firsts, vocabulary_hash = _vocabulary_files(known_stems, files, packed)
    return indexes, compounds, vocabulary_firsts, vocabulary_hash, packed


def family_file(prefix: str, number: int, family_hash: str) -> str:
    """The name of file ``number`` of a family of files (the twin of ``familyFile`` in ``search-files.js``)."""
    return f"{prefix}-{number:03d}-{family_hash}.json"


def family_files(prefix: str, entry: dict[str, object]) -> list[str]:
    """Every file of a family, from its manifest entry (one file per first term)."""
    return [family_file(prefix, n, str(entry["hash"])) for n in range(len(entry["firsts"]))]  # type: ignore[arg-type]


def _add_family(prefix: str, family: Iterable[bytes], files: "_Kept | _Written", kept: Family | None = None) -> str:
    """Add the files of one family (each given to ``files`` as it is made, then named); returns their
    shared hash (of all of them). ``kept`` collects each file's name and SHA-256 (``packed_reuse``)."""
    digest = hashlib.sha256()
    for data in family:
        file_digest = hashlib.sha256(data).digest()
        digest.update(file_digest)
        files.put(data, file_digest.hex())
        if kept is not None:
            kept.digests.append(file_digest.hex())
    family_hash = digest.hexdigest()[:10]
    files.name(prefix, family_hash)
    if kept is not None:
        kept.names = [family_file(prefix, n, family_hash) for n in range(len(kept.digests))]
    return family_hash


def _vocabulary_files(stems: frozenset[str], files: "_Kept | _Written",
                      packed: dict[str, Family]) -> tuple[list[str], str]:
    """The vocabulary, sorted and split into files: (first stem of each file, the files' hash)."""
    firsts = first_terms({s: len(s.encode("utf-8")) + 3 for s in stems}, file_bytes=VOCABULARY_FILE_BYTES)
    finder = FileFinder(firsts)
    parts: list[list[str]] = [[] for _ in firsts]
    for stem in sorted_terms(stems):
        parts[finder.file_of(stem)].append(stem)
    family = packed[VOCABULARY] = Family(firsts, [], [])
    return firsts, _add_family(VOCABULARY, [_json_bytes(part) for part in parts], files, family)


def write_search_data(files: dict[str, bytes], site_dir: Path) -> None:
    """Write the data files atomically (those whose bytes changed) and remove files an earlier build left behind.

    Without ``fsync`` (``write_files_atomic``): a build writes into a staging folder that replaces the
    site only when the build succeeded, and the thousands of small files would cost seconds of syncing.
    """
    target = site_dir / DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    write_files_atomic((target / name, data) for name, data in sorted(files.items())
                       if not _holds(target / name, data))
    for stale in sorted(target.glob("*.json")):
        if stale.name not in files:
            stale.unlink()


def _holds(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file (not a link) with exactly these bytes."""
    try:
        found = os.lstat(path)
        return stat.S_ISREG(found.st_mode) and found.st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_all(publication: Publication, site_dir: Path, updated: Callable[[PublishedProcess], dt.date | None],
              process_url: str, token_cache: Path | None = None, previous: Path | None = None) -> None:
    """Make the data files and write each as it is made (no family is kept in memory), then remove the
    files an earlier build left in ``soeg/data/``; the same files as ``write_search_data(build_search_data(...))``."""
    target = site_dir / DATA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = _Written(target)
    try:
        _make_search_data(publication, updated, process_url, token_cache, written, previous)
    finally:
        written.discard()
    for stale in sorted(target.glob("*.json")):
        if stale.name not in written.names:
            stale.unlink()
    copy_assets(site_dir)
