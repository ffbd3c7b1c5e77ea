"""The search's token cache: each document's counted words and the compound splits, kept between builds.

``autoproces build`` keeps them in ``.autoproces-cache/search-tokens.json`` in the project, so a build
after a few changed files counts the words of those files only and splits only the words that are new
or hold a stem that came or went (``Splitter.for_vocabulary``). A document's entry is found by a SHA-256
of its texts (``terms.group_texts``); the splits are kept with the vocabulary they were found against.
What the cache gives is exactly what counting and splitting anew gives, so the files are the same bytes.

The file is never trusted (``generator.verified_cache``): its first line holds the format and an
HMAC-SHA256 of the rest made with the user's own key (kept outside the project, so a file committed
to the repository or restored from elsewhere never verifies), and the rest names the version of the
code (the search's modules, Python, PyStemmer) that wrote it. A file that is missing, a symbolic link
or below one, too large, cut short, not JSON, of another format or version, whose signature does not
match, or with one entry of the wrong shape is ignored as a whole, and the build writes it anew
(atomically, only when its content changed, never through a link).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from array import array
from importlib import metadata
from pathlib import Path
from typing import Sequence

from generator.search.compounds import Splitter
from generator.search.documents import SearchDocument
from generator.search.terms import GROUPS, DocumentWords, WordTable, group_texts, texts_digest, token_counts, words_in_use
from generator.verified_cache import read_verified, user_key, write_verified

FORMAT = 2  # 2: signed with the user's key
FOLDER = ".autoproces-cache"
FILE_NAME = "search-tokens.json"
MAX_CACHE_BYTES = 600_000_000  # about 12 kB per process at 50,000; a larger file is not read
_SEARCH_CODE = Path(__file__).resolve().parent


def cache_file(project_dir: Path) -> Path:
    """Where a project keeps its token cache."""
    return Path(project_dir) / FOLDER / FILE_NAME


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of what the cached words and splits are made by: a cache made by other code is not used
    (worked out once per process, as ``generator.code_digest``)."""
    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0".encode())
    try:
        digest.update(metadata.version("PyStemmer").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"no PyStemmer")
    for path in sorted(_SEARCH_CODE.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def document_key(doc: SearchDocument) -> str:
    """What a document's counted words are made from: its texts."""
    return texts_digest(*group_texts(doc))


class TokenCache:
    """The cache file of one project: read once, then asked for each document's words, then written.

    Body: ``{"version", "words": [token, ...], "documents": {key: [[word number, count, ...] per group]},
    "vocabulary": [stem, ...], "parts": [part stems of each word, split against that vocabulary]}``.
    """

    def __init__(self, path: Path, root: Path | None = None):
        self.path = path
        self.root = root if root is not None else path.parent.parent
        self.version = code_version()
        self.words_before: list[str] = []
        self.documents: dict[str, tuple[array, ...]] = {}
        self.vocabulary: frozenset[str] = frozenset()
        self.parts: list[tuple[str, ...]] = []
        self.used: dict[str, tuple[array, ...]] = {}
        self.counted = 0  # documents whose words were counted anew
        self.key = user_key()  # signed: whoever can write the folder cannot make it trusted
        self.trusted = self._read()

    def _read(self) -> bool:
        data = read_verified(self.path, fmt=FORMAT, max_bytes=MAX_CACHE_BYTES, root=self.root, key=self.key) \
            if self.key is not None else None
        if not isinstance(data, dict) or data.get("version") != self.version:
            return False
        words, documents, vocabulary, parts = (data.get(k) for k in ("words", "documents", "vocabulary", "parts"))
        if not (_strings(words) and _strings(vocabulary) and isinstance(parts, list) and len(parts) == len(words)
                and all(_strings(p) for p in parts) and isinstance(documents, dict)):
            return False
        entries = {key: _entry(value, len(words)) for key, value in documents.items()}
        if any(entry is None for entry in entries.values()):
            return False  # one broken entry and the whole file is suspect
        self.words_before, self.documents = words, entries  # type: ignore[assignment]
        self.vocabulary = frozenset(vocabulary)
        self.parts = [tuple(p) for p in parts]
        return True

    def words(self, documents: Sequence[SearchDocument]) -> tuple[WordTable, list[DocumentWords]]:
        """The counted words of every document: from the cache where its texts are the same."""
        table = WordTable(self.words_before)
        counted = []
        for doc in documents:
            key = document_key(doc)
            groups = self.used.get(key) or self.documents.get(key)
            if groups is None:
                self.counted += 1
                groups = tuple(table.group(token_counts(texts)) for texts in group_texts(doc))
            self.used[key] = groups
            counted.append(DocumentWords(groups, doc.codes))
        return table, counted

    def splitter(self, known: frozenset[str]) -> Splitter:
        """A splitter for ``known`` that starts with the cached splits that still hold."""
        return Splitter(self.vocabulary, dict(zip(self.words_before, self.parts))).for_vocabulary(known)

    def write(self, table: WordTable, used: set[int], splitter: Splitter) -> None:
        """Keep this build's words and splits (only those its documents use); nothing when unchanged."""
        if (self.trusted and not self.counted and self.used.keys() == self.documents.keys()
                and len(used) == len(self.words_before) and splitter.known_stems == self.vocabulary):
            return
        kept = sorted(used)
        renumbered = array("l", [-1]) * len(table.words)
        for new, old in enumerate(kept):
            renumbered[old] = new
        documents = {key: [_renumbered(numbered, renumbered) for numbered in groups] for key, groups in self.used.items()}
        body = json.dumps({"version": self.version, "words": [table.words[n] for n in kept], "documents": documents,
                           "vocabulary": sorted(splitter.known_stems), "parts": [table.parts[n] for n in kept]},
                          ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if self.key is not None:
            write_verified(self.path, body, fmt=FORMAT, root=self.root, key=self.key, sync=False,
                           writer="autoproces build")


def _renumbered(numbered: array, renumbered: array) -> list[int]:
    flat = numbered.tolist()
    flat[0::2] = [renumbered[n] for n in flat[0::2]]
    return flat


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(type(v) is str for v in value)


def _entry(value: object, word_count: int) -> tuple[array, ...] | None:
    """A document's groups, ``[word number, count, ...]`` each, or None when it is not one."""
    if not (isinstance(value, list) and len(value) == len(GROUPS)):
        return None
    groups = []
    for flat in value:
        try:
            numbered = array("l", flat)
        except (TypeError, OverflowError):
            return None
        if len(numbered) % 2:
            return None
        if numbered and not (min(numbered[0::2]) >= 0 and max(numbered[0::2]) < word_count
                             and min(numbered[1::2]) >= 1):
            return None
        groups.append(numbered)
    return tuple(groups)


def counted_and_split(documents: Sequence[SearchDocument], path: Path | None) -> tuple[tuple[WordTable, list[DocumentWords]], Splitter]:
    """The counted words of the documents and their compound splits, through the cache at ``path``
    (none: counted and split anew, or with the answers of the previous build in this process)."""
    from generator.search import index

    cache = TokenCache(path) if path is not None else None
    table, counted = cache.words(documents) if cache is not None else index.counted_words(documents)
    used = words_in_use(counted) if cache is not None else None
    known = table.vocabulary(used)
    if cache is None or index._last_splitter:
        splitter = index.splitter_for_vocabulary(known)
    else:
        splitter = cache.splitter(known)
        index._last_splitter[:] = [splitter]
    table.split_all(splitter, used)
    if cache is not None and used is not None:
        cache.write(table, used, splitter)
    return (table, counted), splitter
