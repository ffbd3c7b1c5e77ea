"""What each process gives the search files, worked out once and kept between incremental builds.

Every search data file but the indexes is made of one piece per process, in title order: the stored
row a result shows (``dok``), the process's facet values (``facetter``) and, for the index cache and
the packed files' record, its document's key (``index_cache.document_key``). A :class:`SearchRow` holds
those pieces and the process's place in Danish title order. They depend on nothing but the process as
published and the reference lists (the titles of its codes and of the KLE groups above them, KLE's
keywords, the organisations' names): the process by its content key (``generator.content_key``, which
covers the generator's code too), the lists by a hash of their files (``taxonomies.lists_version``).

``autoproces build --incremental`` keeps the rows of its build in ``.autoproces-cache/search-rows.json``
under those keys. The next build takes a process's row when it finds the process's key under the same
lists, and makes the process's search document only when its row is missing or the indexes need the
document (:class:`Documents`: each one is made when first asked for), so an edit of one file makes one
document, not ten thousand. The rows a build uses are the rows it would make (tested byte for byte).

The file is never trusted (``generator.verified_cache``): its first line holds the format and an
HMAC-SHA256 of the rest made with the user's own key. A file that is missing, a link or below one,
too large, cut short, of another format or lists, with a wrong signature or one row of the wrong shape
is ignored as a whole; the build then makes every row and writes the file anew (atomically).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from generator.audience import PublishedProcess
from generator.model import Process
from generator.publication import ProcessRecord, Publication
from generator.search.danish import sort_key
from generator.search.documents import SearchDocument, make_document
from generator.search.facets import FACET_KEYS, facet_values
from generator.search.index_cache import document_key
from generator.taxonomies import lists_version
from generator.verified_cache import read_verified_bytes, user_key, write_verified

FORMAT = 1
FILE_NAME = "search-rows.json"
MAX_CACHE_BYTES = 300_000_000  # about 700 bytes per process: 50,000 take a ninth of this
KEY_LENGTH = 32  # hexadecimal digits of a document's key (``terms.texts_digest``)


@dataclass(frozen=True)
class SearchRow:
    """One process's pieces of the search files. ``order``: its Danish title-order key (``sort_key``);
    ``key``: its document's key (empty when no cache asks for it); ``stored``: the JSON of what a
    result shows; ``facets``: its values of each facet, in ``FACET_KEYS`` order."""

    order: str
    key: str
    stored: str
    facets: tuple[Sequence[str], ...]

    def as_json(self) -> list[object]:
        return [self.order, self.key, self.stored, [list(values) for values in self.facets]]


class Documents(Sequence[SearchDocument]):
    """The search document of each process in title order, each made when first asked for (and kept)."""

    def __init__(self, items: Sequence[PublishedProcess], publication: Publication) -> None:
        self.items, self.publication = items, publication
        self._made: dict[int, SearchDocument] = {}

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, number):  # type: ignore[override]
        if isinstance(number, slice):
            return [self[n] for n in range(*number.indices(len(self)))]
        if number < 0:
            number += len(self)
        found = self._made.get(number)
        if found is None:
            found = self._made[number] = make_document(number, self.publication.record(self.items[number]),
                                                       self.publication)
        return found


@dataclass
class SearchRows:
    """The published processes in title order, their rows and their documents (made on demand)."""

    items: list[PublishedProcess]
    rows: list[SearchRow]
    documents: Documents


def search_rows(publication: Publication, cache: Path | None = None) -> SearchRows:
    """Every published process's row, in title order: from the rows cache at ``cache`` where it holds
    (which is then written with this build's rows), else made from its document."""
    kept = RowsCache(cache, publication) if cache is not None else None
    published = list(publication.published)
    found = [kept.rows.get(row_key(pp)) for pp in published] if kept is not None else [None] * len(published)
    orders = [row.order if row is not None else sort_key(pp.process.title)[0] for pp, row in zip(published, found)]
    ordered = sorted(range(len(published)), key=lambda n: (orders[n], published[n].process.title, published[n].id))
    items = [published[n] for n in ordered]
    documents = Documents(items, publication)
    by_id = publication.published.by_id
    rows = []
    for number, n in enumerate(ordered):
        row = found[n]
        if row is None:
            document = documents[number]
            row = SearchRow(orders[n], document_key(document) if kept is not None else "",
                            stored_json(publication.record(items[number]), publication),
                            facet_values(items[number], by_id))
        rows.append(row)
    if kept is not None:
        kept.write(items, rows, made=sum(row is None for row in found))
    return SearchRows(items, rows, documents)


def stored_json(record: ProcessRecord, publication: Publication) -> str:
    """What a result shows, as JSON: id (for the link), title, résumé, organisation, phase, expected hours
    freed per year (whole hours, or None) and the organisations that validated the process (may be empty)."""
    process = record.process
    freed = record.hours_freed
    row = [record.id, process.title, process.short_description, record.municipality.name, process.phase.label,
           round(freed) if freed is not None else None,
           validators(process, lambda code: publication.resolver.municipality(code).title)]
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def validators(process: Process, name_of: Callable[[str], str | None]) -> list[str]:
    """The other organisations that validated the process (its ``validations``), by name, in order and
    without repeats; a validation by the process's own organisation (refused by the check) is left out,
    as in the count on the page."""
    found = [name_of(v.municipality) or v.municipality for v in process.validations
             if v.municipality != process.municipality]
    return list(dict.fromkeys(found))


def row_key(item: PublishedProcess) -> str:
    """What a row is kept under: the process's id and content key (a key made from the model's dump does
    not name the id, and two processes may hold the same model)."""
    return f"{item.id}\0{item.key}"


class RowsCache:
    """The rows file of one project: read once, written with the rows of this build.

    Body: a line ``{"lists": ...}``, then one line per row, ``[row key, order, key, stored, facets]``
    (JSON never holds a raw line break); a row taken from the file is written back as the line it was."""

    def __init__(self, path: Path, publication: Publication, root: Path | None = None) -> None:
        self.path = path
        self.root = root if root is not None else path.parent.parent
        directory = publication.published.taxonomies.directory
        self.lists = lists_version(directory) if directory is not None else None
        self.key = user_key()  # signed: whoever can write the folder cannot make it trusted
        self.rows: dict[str, SearchRow] = {}
        self.lines: dict[str, bytes] = {}  # each row's line in the file
        if self.key is not None and self.lists:
            self._read()

    def _read(self) -> None:
        body = read_verified_bytes(self.path, fmt=FORMAT, max_bytes=MAX_CACHE_BYTES, root=self.root, key=self.key)
        head, _, rest = (body or b"").partition(b"\n")
        lines = rest.split(b"\n") if rest else []
        try:
            if json.loads(head or b"null") != {"lists": self.lists}:
                return
            values = json.loads(b"[" + b",".join(lines) + b"]")
        except (ValueError, RecursionError):
            return
        rows, raw = {}, {}
        for value, line in zip(values, lines):
            row = _row(value[1:]) if isinstance(value, list) and value and type(value[0]) is str else None
            if row is None or value[0] in rows:
                return  # one broken row and the whole file is suspect
            rows[value[0]], raw[value[0]] = row, line
        self.rows, self.lines = rows, raw

    def write(self, items: Sequence[PublishedProcess], rows: Sequence[SearchRow], made: int) -> None:
        """Keep this build's rows by their processes' keys; nothing when they are exactly the cached ones."""
        if self.key is None or not self.lists or (not made and len(rows) == len(self.rows)):
            return
        lines = [json.dumps({"lists": self.lists}).encode("ascii")]
        for item, row in zip(items, rows):
            key = row_key(item)
            line = self.lines.get(key) if self.rows.get(key) is row else None
            lines.append(line or json.dumps([key, *row.as_json()], ensure_ascii=False, separators=(",", ":")).encode())
        write_verified(self.path, b"\n".join(lines), fmt=FORMAT, root=self.root, key=self.key, sync=False,
                       writer="autoproces build")


def _row(value: object) -> SearchRow | None:
    """A row from its JSON, or None when it is not one."""
    if not (isinstance(value, list) and len(value) == 4):
        return None
    order, key, stored, facets = value
    if not (type(order) is str and type(key) is str and len(key) == KEY_LENGTH and type(stored) is str
            and stored.startswith("[")
            and stored.endswith("]") and isinstance(facets, list) and len(facets) == len(FACET_KEYS)):
        return None
    if not all(isinstance(values, list) and all(type(v) is str for v in values) for values in facets):
        return None
    return SearchRow(order, key, stored, tuple(facets))
