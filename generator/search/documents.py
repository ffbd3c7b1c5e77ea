"""What the search knows about one process: the public text fields and codes, nothing else.

Each document is made from the process's resolved record (:meth:`generator.publication.Publication.record`,
the one every output reads: codes with their lists' titles), and of each process only the fields
listed here. Confidential fields (``internal_notes``, ``esdh_reference``, ``owner``, ``reporter``,
``users``, ``org_units``) and people are never indexed, not even in a private build, and links and
attachments only with their public titles (the audience filter has already removed private ones).
KLE's keywords (stikord) of the process's KLE subject come from the reference list ``kle_keywords``.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.audience import Published, PublishedProcess
from generator.model import PROCESS_FIELDS, ItemVisibility, Process
from generator.publication import ProcessRecord, Publication
from generator.search.danish import code_token, sort_key

# What the model marks for the search (``search=`` in ``generator.model.process``): long texts go
# into the full-text index; codes (unstemmed, with their lists' titles) and labels into the short one.
LONG_TEXT_FIELDS: tuple[str, ...] = tuple(k for k, info in PROCESS_FIELDS.items() if info.search == "long")
CODE_FIELDS: tuple[str, ...] = tuple(k for k, info in PROCESS_FIELDS.items() if info.search == "code")
LABEL_FIELDS: tuple[str, ...] = tuple(k for k, info in PROCESS_FIELDS.items() if info.search == "label")
NEVER_INDEXED: frozenset[str] = frozenset(k for k, info in PROCESS_FIELDS.items() if info.confidential) | {
    "contact", "other_contact_email",
}
assert not NEVER_INDEXED & set(LONG_TEXT_FIELDS), "a confidential field is listed as searchable"


@dataclass(frozen=True)
class SearchDocument:
    """One process as the search sees it. ``number`` is its position in Danish title order."""

    number: int
    id: str
    title: str
    resume: str
    keywords: tuple[str, ...]
    labels: tuple[str, ...]  # names of codes: municipality, KLE and FORM titles, systems, domains
    codes: tuple[str, ...]  # unstemmed: KLE, FORM, KLA, slugs, the process id
    long_texts: tuple[str, ...]
    subject_keywords: tuple[str, ...] = ()  # KLE's keywords (stikord) of the process's KLE subject


def as_publication(source: Publication | Published) -> Publication:
    """The publication of a build; a bare Published (a test, a benchmark) gets one without history."""
    return source if isinstance(source, Publication) else Publication(published=source)


def search_documents(source: Publication | Published) -> list[SearchDocument]:
    """Every published process, numbered in Danish title order (the order of "Sortér efter titel")."""
    publication = as_publication(source)
    ordered = sorted(publication.published, key=lambda p: (sort_key(p.process.title), p.id))
    return [make_document(number, publication.record(item), publication) for number, item in enumerate(ordered)]


def make_document(number: int, record: ProcessRecord, publication: Publication) -> SearchDocument:
    """The search document of one published process, numbered ``number`` in title order."""
    process = record.process
    labels, codes = field_terms(record, publication)
    codes[:0] = [record.id, record.id.split("/", 1)[-1]]
    long_texts = [getattr(process, key) for key in LONG_TEXT_FIELDS]
    long_texts.extend(link.title for link in process.links if link.visibility == ItemVisibility.PUBLIC)
    long_texts.extend(a.title for a in process.attachments if a.visibility == ItemVisibility.PUBLIC)
    return SearchDocument(
        number=number,
        id=record.id,
        title=process.title,
        resume=process.short_description,
        keywords=tuple(process.search_words),
        labels=tuple(labels),
        codes=tuple(dict.fromkeys(c for c in (code_token(c) for c in codes) if c)),
        long_texts=tuple(t for t in long_texts if t),
        subject_keywords=kle_keywords(publication.published, process.kle),
    )


def _values(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def field_terms(record: ProcessRecord, publication: Publication) -> tuple[list[str], list[str]]:
    """(labels, codes) of the fields the model marks for the search.

    A code of a reference list adds its title from the record (and, in a hierarchical list such as
    KLE, the titles of the codes above it, from the publication's resolver) to the labels; an
    enumeration adds the Danish label of its value.
    """
    labels: list[str] = []
    codes: list[str] = []
    for key in CODE_FIELDS + LABEL_FIELDS:
        info = PROCESS_FIELDS[key]
        listed = info.reference_list
        if listed is not None and key in record.references:
            for named in record.references[key]:
                if info.search == "code":
                    codes.append(named.code)
                above = kle_path(named.code)[:-1] if listed.hierarchical else []
                titles = [publication.resolver.named(listed.name, c).title for c in above] + [named.title]
                labels.extend(t for t in titles if t)
            continue
        for value in _values(getattr(record.process, key)):
            if info.search == "code":
                codes.append(str(value))
            if info.enum is not None:
                labels.append(value.label)
    return list(dict.fromkeys(labels)), codes


def kle_keywords(published: Published, code: str | None) -> tuple[str, ...]:
    """The keywords (stikord) of a KLE subject from the list ``kle_keywords`` (empty when it has none)."""
    term = published.taxonomies["kle_keywords"].get(code) if code else None
    pairs = term.get("keywords") if term else None
    return tuple(str(pair[0]) for pair in pairs or ())


def system_slugs(process: Process) -> list[str]:
    """IT-systems the process uses today and those the automation uses, without repeats."""
    return list(dict.fromkeys([*process.it_systems, *process.services]))


def kle_path(code: str | None) -> list[str]:
    """``27.24.00`` -> ``["27", "27.24", "27.24.00"]``."""
    if not code:
        return []
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
