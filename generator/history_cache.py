"""What redaction needs of each earlier revision of a process file, kept between builds by its git blob id.

A blob id is the hash of the file's content, so an entry never goes stale: the same id is the same
content, and the :class:`Revision` made of it (visibility, organisation, the terms that name it when it is
withheld and the blanked ones when it is shown) is the same as long as the code that makes it is. Reading
and parsing 50,000 old versions costs seconds; the cache turns that into one file read.

The file (``.autoproces-cache/history-revisions.json`` in the project) is hostile input like everything
in the working tree, and a forged entry (one that claims an old private version was public) would let a
commit message reach a public page. So it is read and written through ``generator.verified_cache``: its
first line holds the format and an HMAC-SHA256 of the rest made with the user's own key
(:func:`generator.verified_cache.user_key`, kept outside every project, never committed or restored from
elsewhere); the rest names the version of the code that wrote it. A file that is missing, a symbolic link
or below one, too large, not JSON, of another format or code, whose HMAC does not match, or with one entry
of the wrong shape is ignored as a whole, and the revisions are read from git. It is written atomically,
only by builds that keep caches (an incremental build and ``serve``), only when its content changed, and
holds the revisions the build used; a build that writes no cache never makes a key either.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import verified_cache
from generator.code_digest import source_hash
from generator.history_terms import Term, folded_title, terms
from generator.withheld_terms import confidential_terms, hidden_content_terms, titles

FORMAT = 3  # 3: signed with the user's key through verified_cache (2 had a key in the git folder)
FOLDER = verified_cache.FOLDER
FILE_NAME = "history-revisions.json"
MAX_CACHE_BYTES = 400_000_000  # about 4 kB per revision at 100,000 revisions; a larger file is not read
_BLOB_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Revision:
    """What the rule and the name match need of one earlier revision of a process file (read once per blob,
    kept instead of the whole parsed file)."""

    visibility: str | None = None
    municipality: str | None = None
    hidden: tuple[Term, ...] = ()  # hidden_content_terms: what names the file when it is withheld
    titles: tuple[str, ...] = ()  # the title's words that could be distinctive
    confidential: tuple[Term, ...] = ()  # confidential_terms: what is blanked when the file is shown

    @classmethod
    def of(cls, data: Any) -> "Revision | None":
        if not isinstance(data, dict):
            return None
        return cls(_text(data.get("visibility")), _text(data.get("municipality")), terms(hidden_content_terms(data)),
                   tuple(folded_title(t) for t in titles(data)), terms(confidential_terms(data)))


EMPTY = Revision()


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None  # compared with names only: anything else matches none


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code a revision is made by (the whole generator, Python, PyYAML): other code, no cache."""
    import yaml

    digest = hashlib.sha256(f"{FORMAT}\0{sys.version}\0{yaml.__version__}\0{yaml.__with_libyaml__}\0".encode())
    digest.update(source_hash().encode())
    return digest.hexdigest()


NONE = -1  # the number of a text that is not there (a revision without a visibility, say)


class _Writer:
    """The cache body's compact form: every distinct text once, each revision as numbers into that table."""

    def __init__(self) -> None:
        self.texts: dict[str, int] = {}
        self.numbers = array("i")

    def text(self, value: str | None) -> int:
        if value is None:
            return NONE
        number = self.texts.get(value)
        if number is None:
            number = self.texts[value] = len(self.texts)
        return number

    def revision(self, revision: Revision | None) -> None:
        if revision is None:
            self.numbers.append(0)
            return
        numbers = [1, self.text(revision.visibility), self.text(revision.municipality), len(revision.hidden)]
        numbers += [self.text(part) for pair in revision.hidden for part in pair]
        numbers.append(len(revision.titles))
        numbers += [self.text(title) for title in revision.titles]
        numbers.append(len(revision.confidential))
        numbers += [self.text(part) for pair in revision.confidential for part in pair]
        self.numbers.extend(numbers)


def _storable(revision: Revision | None) -> bool:
    """A text with a NUL cannot sit in the table (NUL separates its texts): such a revision is not kept."""
    if revision is None:
        return True
    parts = [revision.visibility or "", revision.municipality or "", *revision.titles,
             *(part for pair in (*revision.hidden, *revision.confidential) for part in pair)]
    return not any("\0" in part for part in parts)


def _encode(revisions: dict[str, Revision | None]) -> dict[str, str]:
    writer = _Writer()
    blobs = sorted(revisions)
    for blob in blobs:
        writer.revision(revisions[blob])
    numbers = writer.numbers
    if sys.byteorder != "little":
        numbers.byteswap()
    return {"blobs": ",".join(blobs), "texts": "\0".join(writer.texts),
            "numbers": base64.b64encode(numbers.tobytes()).decode("ascii")}


class _Broken(Exception):
    """The cache body does not have the shape the writer gives it."""


def _decode(body: dict) -> dict[str, Revision | None]:
    """The revisions of a cache body; :class:`_Broken` for anything else."""
    blobs_text, texts_text, numbers_text = (body.get(k) for k in ("blobs", "texts", "numbers"))
    if not (type(blobs_text) is str and type(texts_text) is str and type(numbers_text) is str):
        raise _Broken()
    blobs = blobs_text.split(",") if blobs_text else []
    texts = texts_text.split("\0")  # no texts is one empty text, which no number names
    numbers = array("i")
    try:
        numbers.frombytes(base64.b64decode(numbers_text, validate=True))
    except ValueError:
        raise _Broken() from None
    if sys.byteorder != "little":
        numbers.byteswap()
    if (numbers and min(numbers) < NONE) or not all(_BLOB_ID.fullmatch(blob) for blob in blobs):
        raise _Broken()
    try:
        return dict(zip(blobs, _revisions(numbers, texts, len(blobs)), strict=True))
    except (IndexError, ValueError):  # a number past the table, or fewer revisions than blobs
        raise _Broken() from None


def _revisions(numbers: array, texts: list[str], count: int) -> list[Revision | None]:
    found: list[Revision | None] = []
    at, end = 0, len(numbers)
    text = [*texts, None].__getitem__  # NONE (-1) is the last: no text

    def pairs(at: int) -> tuple[tuple, int]:
        size = numbers[at]
        stop = at + 1 + 2 * size
        if size < 0 or stop > end:
            raise _Broken()
        return tuple(zip(map(text, numbers[at + 1:stop:2]), map(text, numbers[at + 2:stop:2]))), stop

    while at < end and len(found) < count:
        if numbers[at] == 0:
            found.append(None)
            at += 1
            continue
        if numbers[at] != 1 or at + 4 > end:
            raise _Broken()
        visibility, municipality = text(numbers[at + 1]), text(numbers[at + 2])
        hidden, at = pairs(at + 3)
        size = numbers[at] if at < end else -1
        if size < 0 or at + 1 + size > end:
            raise _Broken()
        titles_ = tuple(map(text, numbers[at + 1:at + 1 + size]))
        confidential, at = pairs(at + 1 + size)
        if any(t is None for pair in (*hidden, *confidential) for t in pair) or None in titles_:
            raise _Broken()
        found.append(Revision(visibility, municipality, hidden, titles_, confidential))  # type: ignore[arg-type]
    if at != end or len(found) != count:
        raise _Broken()
    return found


class RevisionCache:
    """The cache file of one project: read once, asked for each blob, then written (when ``write``)."""

    def __init__(self, project_dir: Path | None, write: bool = False):
        self.root = Path(project_dir) if project_dir is not None else None
        self.path = self.root / FOLDER / FILE_NAME if self.root is not None else None
        self.write_allowed = write
        self.key = verified_cache.user_key(create=write) if self.root is not None else None
        self.stored: dict[str, Revision | None] = {}
        self.used: dict[str, Revision | None] = {}
        self.added = 0
        self.trusted = self.key is not None and self._read()

    def get(self, blob: str) -> tuple[bool, Revision | None]:
        if blob in self.stored:
            revision = self.used[blob] = self.stored[blob]
            return True, revision
        return False, None

    def put(self, blob: str, revision: Revision | None) -> None:
        self.used[blob] = revision
        self.added += 1

    def _read(self) -> bool:
        assert self.path is not None and self.key is not None
        data = verified_cache.read_verified(self.path, fmt=FORMAT, max_bytes=MAX_CACHE_BYTES, root=self.root,
                                            key=self.key)
        if not isinstance(data, dict) or data.get("version") != code_version():
            return False
        try:
            self.stored = _decode(data)
        except _Broken:
            return False  # one broken entry and the whole file is suspect
        return True

    def save(self) -> None:
        """Keep the revisions this build used; nothing when not allowed or unchanged."""
        if not self.write_allowed or self.key is None or self.path is None:
            return
        if self.trusted and not self.added and self.used.keys() == self.stored.keys():
            return
        kept = {blob: revision for blob, revision in self.used.items() if _storable(revision)}
        body = json.dumps({"version": code_version(), **_encode(kept)}, ensure_ascii=False,
                          separators=(",", ":")).encode("utf-8")
        verified_cache.write_verified(self.path, body, fmt=FORMAT, root=self.root, key=self.key, sync=False,
                                      writer="autoproces build")
