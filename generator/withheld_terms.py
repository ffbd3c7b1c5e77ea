"""The words that name what an audience may not see, read from a process's data.

Used for today's catalogue (``generator.audience``) and for every revision in git history
(``generator.site.history_filter``), so a former title or a former owner is recognised as well
as a current one. The input is a plain mapping (a process's ``model_dump(mode="json")`` or the
raw YAML of an old revision, which may be anything), so every access is type-checked.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from generator.model import PROCESS_FIELDS

CONFIDENTIAL_FIELDS: tuple[str, ...] = tuple(k for k, info in PROCESS_FIELDS.items() if info.confidential)
PEOPLE = ("contact", "owner", "reporter", "users")
# A line of internal notes shorter than this is too common to recognise ("Se ovenfor").
MIN_NOTE_LINE = 12
# Default visibility of an item written without one (as in the model).
ITEM_DEFAULT_VISIBILITY = {"links": "public", "attachments": "municipality"}


def strings(value: Any) -> Iterator[str]:
    """Every text inside a value (mapping, list, text)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)


def person_terms(person: Any) -> Iterator[str]:
    """Name (also each part of it: a first name alone names the person), e-mail and phone."""
    if not isinstance(person, Mapping):
        return
    name = person.get("name")
    if isinstance(name, str):
        yield name
        yield from name.split()
    for key in ("email", "phone"):
        if isinstance(person.get(key), str):
            yield person[key]


def _people(value: Any) -> Iterator[Any]:
    if isinstance(value, list):
        yield from value
    else:
        yield value


def hidden_terms(data: Mapping[str, Any], process_id: str, slug: str) -> Iterator[str]:
    """What names a process the audience may not see at all: id, titles, words, people."""
    yield process_id
    yield slug
    yield from hidden_content_terms(data)


def hidden_content_terms(data: Mapping[str, Any]) -> Iterator[str]:
    """The part of :func:`hidden_terms` that the file's content holds (not its name)."""
    for key in ("title", "short_description", "search_words"):
        yield from strings(data.get(key))
    for key in PEOPLE:
        for person in _people(data.get(key)):
            yield from person_terms(person)


def confidential_terms(data: Mapping[str, Any]) -> Iterator[str]:
    """The values of a visible process that are blanked for the audience."""
    for key in CONFIDENTIAL_FIELDS:
        value = data.get(key)
        if key == "internal_notes" and isinstance(value, str):
            yield from (line.strip() for line in value.splitlines() if len(line.strip()) >= MIN_NOTE_LINE)
        elif key in PEOPLE:
            for person in _people(value):
                yield from person_terms(person)
        else:
            yield from strings(value)
    for key, default in ITEM_DEFAULT_VISIBILITY.items():
        items = data.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, Mapping) and item.get("visibility", default) != "public":
                yield from strings({k: v for k, v in item.items() if k != "visibility"})
    contact = data.get("contact")
    if data.get("other_contact_email") and isinstance(contact, Mapping):
        yield from (v for v in (contact.get("email"), contact.get("phone")) if isinstance(v, str))


def titles(data: Any) -> list[str]:
    """The title of a process (for its distinctive words), when it has one."""
    title = data.get("title") if isinstance(data, Mapping) else None
    return [title] if isinstance(title, str) else []
