"""What the search knows about one process: the public text fields and codes, nothing else.

Only :class:`generator.audience.Published` is read, and of each process only the fields listed
here. Confidential fields (``internal_notes``, ``esdh_reference``, ``owner``, ``reporter``,
``users``, ``org_units``) and people are never indexed, not even in a private build, and links and
attachments only with their public titles (the audience filter has already removed private ones).
KLE's keywords (stikord) of the process's KLE subject come from the reference list ``kle_keywords``.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.audience import Published, PublishedProcess
from generator.model import PROCESS_FIELDS, ItemVisibility, Process
from generator.search.danish import code_token, sort_key

# Short fields are in the first index a reader downloads; long fields in the full-text index.
LONG_TEXT_FIELDS: tuple[str, ...] = (
    "long_description", "status_text", "solution_requests", "process_challenges", "it_systems_description",
    "time_spend_comment", "legal_clause", "technical_implementation_notes",
    "organizational_implementation_notes", "automation_description", "rating_comment", "vendor",
)
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


def search_documents(published: Published) -> list[SearchDocument]:
    """Every published process, numbered in Danish title order (the order of "Sortér efter titel")."""
    ordered = sorted(published, key=lambda p: (sort_key(p.process.title), p.id))
    return [_document(number, item, published) for number, item in enumerate(ordered)]


def _document(number: int, item: PublishedProcess, published: Published) -> SearchDocument:
    process = item.process
    lists = published.taxonomies
    labels: list[str] = []

    def name(list_name: str, code: str | None) -> None:
        if code:
            title = lists[list_name].title(code)
            if title:
                labels.append(title)

    name("municipalities", process.municipality)
    for code in kle_path(process.kle):
        name("kle", code)
    if process.form:
        name("form", process.form)
        name("form", process.form.split(".")[0])
    for slug in system_slugs(process):
        name("it_systems", slug)
    for slug in process.technologies:
        name("technologies", slug)
    labels.extend(domain.label for domain in process.domains)

    codes = [item.id, item.id.split("/", 1)[-1], process.municipality, *system_slugs(process),
             *process.technologies]
    codes.extend(c for c in (process.kle, process.form, process.kla, process.kl_id) if c)
    if process.os2autoproces_id:
        codes.append(str(process.os2autoproces_id))
    long_texts = [getattr(process, key) for key in LONG_TEXT_FIELDS]
    long_texts.extend(link.title for link in process.links if link.visibility == ItemVisibility.PUBLIC)
    long_texts.extend(a.title for a in process.attachments if a.visibility == ItemVisibility.PUBLIC)
    return SearchDocument(
        number=number,
        id=item.id,
        title=process.title,
        resume=process.short_description,
        keywords=tuple(process.search_words),
        labels=tuple(labels),
        codes=tuple(dict.fromkeys(c for c in (code_token(c) for c in codes) if c)),
        long_texts=tuple(t for t in long_texts if t),
        subject_keywords=kle_keywords(published, process.kle),
    )


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
