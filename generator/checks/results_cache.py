"""The build's results cache: each file's own check results, kept between incremental builds.

``autoproces build --incremental`` and ``./run serve`` check the whole catalogue on every build, but a
file's own rules (``run.check_entry``) give the same findings and the same process for the same bytes,
the same place, the same code and the same reference lists. So those builds keep, for each file that
passed the schema, its findings (with line and column) and its process in
``.autoproces-cache/build-results.json``, keyed by a hash of the file's place and bytes; every build
reads the bytes of every file again, and a file whose key is not in the cache is checked in full. The
rules across files (duplicate ids, umbrellas, relations, copies) still see every file. A full build
neither reads nor writes the cache.

What a result depends on besides the file names the cache as a whole (:func:`versions`): the code, the
versions of Python and pydantic, the reference lists (and their curated sources), today's date (a
validation date in the future), and the working folder (a finding names its file relative to it). A
file that is reached through a symbolic link or has attachments (whose files the check reads) is
never cached.

The file is hostile input (CI restores it from another branch; a pull request can put anything
there). It holds JSON only, is read through ``generator.verified_cache`` (format, size, no symbolic
link, checksum) and signed with the user's own key (``verified_cache.user_key``), so a cache written
elsewhere, or edited and given a new SHA-256, does not verify. One entry of the wrong shape and the
whole file is ignored. Anything not trusted is rebuilt; the build's result is the same either way.

The cache also remembers what the publication needs of each process and costs the most to work out
(``audience.remembered_texts``, handed in as ``remembered``: the checks do not import the audience): the
texts every other audience sees of it, and the values blanked for those audiences.

Body: a line of JSON with the versions, then one line per file:
``key<TAB>[findings, shown texts, confidential values]<TAB>process``, the process as its own JSON
(JSON escapes every tab in a text), which pydantic parses and validates in one pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, Callable, Sequence

import pydantic

from generator.catalogue import Entry
from generator.checks import batch, relations
from generator.checks.cache import code_version
from generator.checks.results_ahead import PARSED_AHEAD, VERIFIED_AHEAD, Identity, identity
from generator.diagnostics import Finding
from generator.loading import Document
from generator.model import Process
from generator.model.process import FROM_RESULTS_CACHE
from generator.taxonomies import Taxonomies, lists_version
from generator.verified_cache import FOLDER, is_linked, read_verified_bytes, user_key, write_verified

FORMAT = 3  # 2: each line also keeps the process's confidential values; 3: the process after a tab
FILE_NAME = "build-results.json"
MAX_CACHE_BYTES = 1_500_000_000  # about 2 kB per process; 50,000 take a tenth of this
_FINDING_FIELDS = 8


# What the cache remembers of a process for publishing it: its shown texts and its confidential values.
Remember = Callable[[Process], tuple[tuple[str, ...], tuple[str, ...]]]


class Untrusted(Exception):
    """An entry of the wrong shape: the whole cache is ignored."""


def cache_file(project_dir: Path) -> Path:
    return Path(project_dir) / FOLDER / FILE_NAME


def versions(taxonomies: Path) -> dict[str, str]:
    """Everything a file's own results depend on besides the file itself."""
    return {"code": code_version(), "python": sys.version, "pydantic": pydantic.VERSION,
            "lists": lists_version(taxonomies) or "unreadable", "today": dt.date.today().isoformat(), "cwd": os.getcwd()}


def file_key(source: batch.Source, content_digest: str) -> str:
    """The key of a file's results: its place (file, root, overlay or not) and its bytes."""
    place = f"{source.located}\0{source.base}\0{int(source.overlay)}\0{content_digest}"
    return hashlib.blake2b(place.encode("utf-8", "surrogateescape"), digest_size=20).hexdigest()


class ResultsCache:
    """The cache file of one project: read once, asked for each file, then written (when asked to)."""

    def __init__(self, path: Path, project_dir: Path, versions_: dict[str, str], key: bytes,
                 remembered: Remember):
        self.path, self.project_dir, self.key = path, Path(project_dir), key
        self.remembered = remembered
        self.header = json.dumps(versions_, sort_keys=True, ensure_ascii=True).encode("ascii")
        self.stored: dict[str, bytes] = {}
        self.identity: Identity | None = None  # of the file, before it was read (``results_ahead``)
        self.read_at = 0.0
        self.from_ahead = False  # the lines came from ``results_ahead.VERIFIED_AHEAD``
        self.trusted = self._read()
        self.kept: dict[str, bytes] = {}  # this build's lines, in the order of the files
        self.changed = not self.trusted

    def _read(self) -> bool:
        ahead = VERIFIED_AHEAD.lines_for(self.path, self.header)
        if ahead is not None and not is_linked(self.path, self.project_dir):
            self.stored, self.from_ahead = dict(ahead), True  # verified by a warm process, unchanged since
            return True
        self.identity, self.read_at = identity(self.path), time.time()  # before the read
        body = read_verified_bytes(self.path, fmt=FORMAT, max_bytes=MAX_CACHE_BYTES, root=self.project_dir,
                                   key=self.key)
        if body is None:
            return False
        header, _, rest = body.partition(b"\n")
        if header != self.header:
            return False
        for line in rest.split(b"\n") if rest else ():
            key, tab, value = line.partition(b"\t")
            if not tab or len(key) != 40:
                return False
            self.stored[key.decode("ascii", "replace")] = value
        return True

    def get(self, key: str) -> bytes | None:
        return self.stored.get(key)

    def keep(self, key: str, line: bytes) -> None:
        if self.stored.get(key) != line:
            self.changed = True
        self.kept[key] = line

    def write_behind(self) -> Callable[[], None]:
        """:meth:`write` in a thread of its own, while the build goes on (it reads nothing the build
        changes); returns the function that waits for it, which a build calls before it forks or ends.
        Signing and writing the file release the interpreter lock, so they run on the other core."""
        failure: list[BaseException] = []

        def run() -> None:
            try:
                self.write()
            except BaseException as error:  # noqa: BLE001 - raised in the build's own thread by wait()
                failure.append(error)

        thread = threading.Thread(target=run, name="results-cache-writer", daemon=True)
        thread.start()

        def wait() -> None:
            thread.join()
            if failure:
                raise failure[0]

        return wait

    def write(self) -> None:
        """Keep this build's results (only the files it saw); nothing when they are the ones read."""
        if not self.changed and self.kept.keys() == self.stored.keys():
            return
        lines = [self.header] + [key.encode("ascii") + b"\t" + line for key, line in self.kept.items()]
        write_verified(self.path, b"\n".join(lines), fmt=FORMAT, root=self.project_dir, key=self.key,
                       sync=False, writer="autoproces build")


def open_cache(project_dir: Path, taxonomies: Path, remembered: Remember) -> ResultsCache | None:
    """The project's results cache; None when the user has no signing key (then nothing is cached)."""
    key = user_key()
    if key is None:
        return None
    return ResultsCache(cache_file(project_dir), project_dir, versions(taxonomies), key, remembered)


def is_cacheable(checked: batch.Checked) -> bool:
    """A file whose results depend on its bytes alone: passed the schema, no link, no attachment files."""
    process = checked.process
    return (process is not None and not checked.is_link and checked.relative is not None
            and checked.data is None and not process.attachments)


def encoded(checked: batch.Checked) -> bytes:
    assert checked.process is not None and checked.shown_texts is not None and checked.confidential is not None
    findings = [[f.file, f.line, f.column, f.rule, f.severity, f.message, f.hint, f.key] for f in checked.findings]
    dump = checked.process.model_dump_json(exclude=_COMPUTED, exclude_defaults=True)
    line = [findings, checked.shown_texts, checked.confidential]
    return json.dumps(line, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\t" + dump.encode("utf-8")


_COMPUTED = set(Process.model_computed_fields)


Parsed = tuple[list[Finding], Process, tuple[str, ...], tuple[str, ...]]


def parsed_line(line: bytes) -> Parsed:
    """A cache line's findings, process, shown texts and confidential values; :class:`Untrusted` when it is
    not of that shape."""
    meta, tab, dump = line.partition(b"\t")
    if not tab:
        raise Untrusted()
    try:
        findings_data, shown_texts, confidential = json.loads(meta)
        findings = [_finding(item) for item in findings_data]
        # parsed and validated by pydantic-core in one pass; its Python rules passed when it was kept
        process = Process.model_validate_json(dump, context=FROM_RESULTS_CACHE)
    except (ValueError, TypeError, RecursionError, pydantic.ValidationError):
        raise Untrusted() from None
    return findings, process, _texts(shown_texts), _texts(confidential)


def _texts(value: Any) -> tuple[str, ...]:
    if not (isinstance(value, list) and all(type(text) is str for text in value)):
        raise Untrusted()
    return tuple(value)


def decoded(source: batch.Source, parts: tuple[str, ...], key: str, line: bytes, digest: str, blob: str,
            taxonomies: Taxonomies) -> batch.Checked:
    """The results of a file from its cache line, as ``batch.check_source(..., keep=True)`` gives them."""
    parsed = PARSED_AHEAD.get(key, line)
    findings, process, shown_texts, confidential = parsed if parsed is not None else parsed_line(line)
    findings = list(findings)
    entry = Entry(path=source.path, root=source.root, document=Document(path=source.path, data=None),
                  process=process, findings=findings, overlay=source.overlay)
    entry.__dict__["relative"] = parts
    return batch.Checked(path=source.path, is_link=False, folder=entry.folder, id=entry.id,
                         facts=relations.facts_of(process), references=relations.references_of(entry),
                         findings=findings, digest=digest, blob=blob, relative=parts, process=process, data=None,
                         shown_texts=shown_texts, confidential=confidential)


def _finding(item: Any) -> Finding:
    if not (isinstance(item, list) and len(item) == _FINDING_FIELDS
            and all(isinstance(v, str) for v in item[3:7]) and isinstance(item[0], str)
            and all(v is None or type(v) is int for v in item[1:3]) and (item[7] is None or isinstance(item[7], str))):
        raise Untrusted()
    return Finding(*item)


def check_through(cache: ResultsCache, sources: Sequence[batch.Source], taxonomies: Taxonomies,
                  workers: int | None = None) -> list[batch.Checked]:
    """Every file's own results, in the order of ``sources``: from the cache for a file it has, else checked."""
    links: dict[str, bool] = {}
    results: list[batch.Checked | None] = [None] * len(sources)
    keys: dict[int, tuple[str, str]] = {}
    try:
        for i, source in enumerate(sources):
            parts = batch.plain_parts(source, links)
            digests = _digests_of(source.path) if parts is not None else None
            if parts is None or digests is None:
                continue
            digest, blob = digests
            key = file_key(source, digest)
            keys[i] = (key, digest)
            line = cache.get(key)
            if line is not None:
                results[i] = decoded(source, parts, key, line, digest, blob, taxonomies)
                cache.keep(key, line)
    except Untrusted:
        cache.trusted, cache.changed, cache.kept = False, True, {}
        results = [None] * len(sources)
    missing = [i for i, checked in enumerate(results) if checked is None]
    for i, checked in zip(missing, batch.check_sources([sources[i] for i in missing], taxonomies,
                                                       workers=workers, keep=True)):
        results[i] = checked
        if i in keys and checked.digest == keys[i][1] and is_cacheable(checked):
            checked.shown_texts, checked.confidential = cache.remembered(checked.process)  # type: ignore[arg-type]
            cache.keep(keys[i][0], encoded(checked))
    return results  # type: ignore[return-value]


def _digests_of(path: Path) -> tuple[str, str] | None:
    """The cache's key of the file's bytes and the id git gives them (``batch.blob_id``)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        return None
    return batch.digest(raw), batch.blob_id(raw)

