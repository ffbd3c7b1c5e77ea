"""The audience filter: the only way from the Catalogue to an output.

Visibility follows OS2autoproces:

* ``public`` processes are in every build;
* ``municipality`` processes are only in their own municipality's private build
  (``autoproces build --audience <municipality> [--overlay DIR]``);
* ``personal`` processes are drafts and are never published, in any build.

Field-level confidentiality: the fields marked ``confidential`` in the model (internal notes,
ESDH reference, organisational units, named co-editors, owner, reporter) and links and
attachments marked ``municipality`` are only shown to the owning municipality. When a
process has a functional mailbox (``other_contact_email``), other audiences see that mailbox
and the contact person's name, but not the person's own e-mail and phone (as OS2autoproces
shows "Anden kontaktinformation" instead of the contact).

A process is *owned* by an audience only when both its folder and its ``municipality`` field
name that municipality. Overlay files may only hold the audience's own processes; a process
with a confidentiality error (a CPR number, an attachment outside its folder, ...) is never
published at all.

Outputs (pages, search index, exports, feed, dashboard, history) receive a :class:`Published`
and never the Catalogue itself, so no output can forget the filter. Relations to processes the
audience cannot see (umbrellas, "derived from") are cut here, once, for every output, and
:attr:`Published.withheld` recognises text (a commit message, a finding) that names anything
the audience may not see.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from generator.catalogue import Catalogue, Entry
from generator.checks.confidentiality.visibility import owned_by
from generator.checks.location import slugify
from generator.diagnostics import Finding
from generator.model import ItemVisibility, Process, Visibility
from generator.taxonomies import Taxonomies
# CONFIDENTIAL_FIELDS: blanked for everyone outside the owning municipality (field-level confidentiality).
from generator.withheld_terms import CONFIDENTIAL_FIELDS, confidential_terms, hidden_terms, titles

PUBLIC = "public"
AUDIENCE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


# Terms shorter than this are too common to recognise in free text (an org unit called "IT").
MIN_TERM_LENGTH = 3
# A word of a withheld title this long that no published text uses is recognised on its own.
MIN_DISTINCTIVE_WORD = 5
# The fields that hold what is blanked for other audiences (read once per process, not the whole dump).
_CONFIDENTIAL_DUMP = set(CONFIDENTIAL_FIELDS) | {"links", "attachments", "other_contact_email", "contact"}


def audience_problem(name: str, taxonomies: Taxonomies | None = None) -> str | None:
    """A Danish explanation when ``name`` cannot be an audience, else None."""
    if name == PUBLIC:
        return None
    if not AUDIENCE_NAME.match(name or ""):
        return (f"'{name}' er ikke et gyldigt publikum. Brug 'public' eller en organisations kortnavn "
                "med små bogstaver, tal og bindestreger, fx 'aarhus'.")
    if taxonomies is not None and taxonomies.has("municipalities") and name not in taxonomies["municipalities"]:
        return f"Organisationen '{name}' findes ikke i listen over organisationer (taxonomies/municipalities.json)."
    return None


@dataclass(frozen=True)
class Audience:
    """Who a build is for: ``public`` or one municipality's folder slug."""

    name: str = PUBLIC

    @property
    def is_public(self) -> bool:
        return self.name == PUBLIC

    def owns(self, process: Process, folder: str | None = None) -> bool:
        """True when the process belongs to this audience's municipality (folder too, when given)."""
        if self.is_public or process.municipality != self.name:
            return False
        return folder is None or folder == self.name

    def owns_entry(self, entry: Entry) -> bool:
        return owned_by(entry, self.name)

    def shield(self, process: Process, folder: str | None = None) -> Process:
        """The process as this audience may see it: confidential fields and private items removed."""
        if self.owns(process, folder):
            return process
        update: dict[str, object] = {}
        for key in CONFIDENTIAL_FIELDS:
            update[key] = Process.model_fields[key].get_default(call_default_factory=True)
        update["links"] = [item for item in process.links if item.visibility == ItemVisibility.PUBLIC]
        update["attachments"] = [item for item in process.attachments if item.visibility == ItemVisibility.PUBLIC]
        if process.other_contact_email:
            update["contact"] = process.contact.model_copy(update={"email": None, "phone": None})
        return process.model_copy(update=update)


class Withheld:
    """Recognises text that names something an audience may not see.

    The terms are the ids, slugs and titles of every process left out of the build and the
    values of every field blanked for the audience (names of owners and co-editors, ESDH
    references, org units, private links and attachments). A term that the audience can see
    elsewhere anyway (the same person is a public contact) is not withheld.

    Text and terms are compared as sequences of words, folded the way slugs are (lower case,
    æ/ø/å as ae/oe/aa, punctuation ignored), so "Ansøgning om boligstøtte",
    "ansoegning-om-boligstoette" and "aarhus/ansoegning-om-boligstoette" all name the same
    process. The words sit in a trie, so a check costs the length of the text, not the number
    of terms (a catalogue of 10,000 processes has tens of thousands of terms).

    The terms themselves are never exposed: outputs can only ask :meth:`mentions`.
    """

    _END = ""

    def __init__(self, terms: Iterable[str] = ()):
        self._trie: dict[str, Any] = {}
        self._count = 0
        for term in terms:
            words = _words(str(term))
            if sum(len(w) for w in words) < MIN_TERM_LENGTH:
                continue
            node = self._trie
            for word in words:
                node = node.setdefault(word, {})
            if self._END not in node:
                node[self._END] = True
                self._count += 1
        self._seen: dict[str, bool] = {}

    def __bool__(self) -> bool:
        return self._count > 0

    def __repr__(self) -> str:  # never print the terms
        return f"Withheld({self._count} terms)"

    def mentions(self, text: str | None) -> bool:
        if not text or not self:
            return False
        if text not in self._seen:
            self._seen[text] = self._search(_words(text))
        return self._seen[text]

    def _search(self, words: list[str]) -> bool:
        for start in range(len(words)):
            node = self._trie
            for word in words[start:]:
                node = node.get(word)  # type: ignore[assignment]
                if node is None:
                    break
                if self._END in node:
                    return True
        return False


def _words(text: str) -> list[str]:
    """'Tilføj aarhus/Ansøgning-om' -> ['tilfoej', 'aarhus', 'ansoegning', 'om']."""
    slug = slugify(text)
    if slug == "proces" and "proces" not in text.casefold():
        return []  # slugify's stand-in for text without letters or digits
    return [w for w in slug.split("-") if w]


@dataclass(frozen=True)
class PublishedProcess:
    """One process as an output may show it."""

    id: str
    process: Process
    path: Path  # the source file, for "Rediger på GitHub" and the history
    findings: tuple[Finding, ...]  # warnings for editors, already filtered for the audience
    own: bool  # True when the audience's municipality owns it (private build)

    @property
    def municipality(self) -> str:
        return self.process.municipality


@dataclass
class Published:
    """The filtered catalogue: what one audience may see, and nothing else."""

    audience: Audience
    taxonomies: Taxonomies
    processes: list[PublishedProcess] = field(default_factory=list)
    # ids of every process left out of this build. Only for dropping dangling references:
    # never show them (their ids name private processes).
    hidden_ids: frozenset[str] = field(default=frozenset(), repr=False)
    # recognises text naming anything withheld from this audience (see redact_history)
    withheld: Withheld = field(default_factory=Withheld, repr=False)
    # what the audience sees anyway (normalised texts) and every word of it; never shown
    shown_values: frozenset[str] = field(default=frozenset(), repr=False)
    vocabulary: frozenset[str] = field(default=frozenset(), repr=False)

    def withheld_also(self, terms: Iterable[str], withheld_titles: Iterable[str] = ()) -> Withheld:
        """A recogniser of more withheld ``terms`` (from git history, say), without what the audience sees."""
        return Withheld(_without_shown(set(terms) | distinctive_words(withheld_titles, self.vocabulary),
                                       self.shown_values))

    def __iter__(self) -> Iterator[PublishedProcess]:
        return iter(self.processes)

    def __len__(self) -> int:
        return len(self.processes)

    @property
    def by_id(self) -> dict[str, PublishedProcess]:
        return {p.id: p for p in self.processes}


def withholds_entry(entry: Entry) -> bool:
    """True when a confidentiality error (AP5xx) keeps the entry out of every build."""
    return any(f.is_error and f.rule.startswith("AP5") for f in entry.findings)


def is_published(entry: Entry, audience: Audience) -> bool:
    """May this file appear in a build for ``audience``?"""
    process = entry.process
    if process is None or withholds_entry(entry):
        return False
    if entry.overlay and not audience.owns_entry(entry):
        return False
    if process.visibility == Visibility.PUBLIC:
        return True
    return process.visibility == Visibility.MUNICIPALITY and audience.owns_entry(entry)


def publish(catalogue: Catalogue, audience: Audience) -> Published:
    """Filter the catalogue for one audience. Entries with schema errors are never published.

    Pure: the catalogue is not changed. The findings that depend on the audience (AP509) are
    recorded before, by ``generator.pipeline.check_for_audience``.
    """
    chosen = [e for e in catalogue.entries if is_published(e, audience)]
    visible_ids = {e.id for e in chosen}
    hidden = frozenset(e.id for e in catalogue.entries if e.id not in visible_ids)
    owned = {e.id: audience.owns_entry(e) for e in chosen}
    shown = {e.id: _cut_relations(e.process if owned[e.id] else audience.shield(e.process), visible_ids)  # type: ignore[arg-type]
             for e in chosen}
    shown_values, vocabulary = _shown_values(chosen, shown)
    terms, withheld_titles = _withheld_terms(catalogue, chosen, owned)
    terms |= distinctive_words(withheld_titles, vocabulary)
    withheld = Withheld(_without_shown(terms, shown_values))
    visible = [
        PublishedProcess(
            id=e.id,
            process=shown[e.id],
            path=e.path,
            findings=tuple(f for f in e.findings if not f.is_error
                           and (owned[e.id] or _finding_may_be_shown(f, withheld))),
            own=owned[e.id],
        )
        for e in chosen
    ]
    visible.sort(key=lambda p: p.id)
    return Published(audience=audience, taxonomies=catalogue.taxonomies, processes=visible,
                     hidden_ids=hidden, withheld=withheld, shown_values=shown_values, vocabulary=vocabulary)


def _cut_relations(process: Process, visible_ids: set[str]) -> Process:
    """Drop umbrella and copy-source references to processes this build does not contain."""
    umbrellas = [ref for ref in process.umbrellas if ref in visible_ids]
    derived = process.derived_from if process.derived_from in visible_ids else None
    if umbrellas == process.umbrellas and derived == process.derived_from:
        return process
    return process.model_copy(update={"umbrellas": umbrellas, "derived_from": derived})


_CONFIDENTIAL_KEY = re.compile(r"\b(?:" + "|".join(CONFIDENTIAL_FIELDS) + r")\b") if CONFIDENTIAL_FIELDS else None


def _finding_may_be_shown(finding: Finding, withheld: Withheld) -> bool:
    """A warning about someone else's process, shown only when it names nothing withheld."""
    text = f"{finding.message}\n{finding.hint}"
    if _CONFIDENTIAL_KEY is not None and _CONFIDENTIAL_KEY.search(text):
        return False
    return not withheld.mentions(text)


def _strings(value: Any) -> Iterator[str]:
    """Every text inside a value (process, person, link, list, dict)."""
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        yield value
    elif hasattr(value, "model_dump"):
        yield from _strings(value.model_dump(mode="json"))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)


def _data_of(entry: Entry) -> dict[str, Any]:
    if entry.process is not None:
        return entry.process.model_dump(mode="json")
    return entry.document.data if isinstance(entry.document.data, dict) else {}


def _withheld_terms(catalogue: Catalogue, chosen: list[Entry], owned: dict[str, bool]) -> tuple[set[str], list[str]]:
    """Every text that names a process left out for privacy, or a value blanked for the audience; and the
    titles of the processes left out (for their distinctive words)."""
    chosen_ids = {e.id for e in chosen}
    terms: set[str] = set()
    withheld_titles: list[str] = []
    for entry in catalogue.entries:
        if entry.id in chosen_ids or not _hidden_because_private(entry):
            continue
        data = _data_of(entry)
        terms.update(hidden_terms(data, entry.id, entry.slug))
        withheld_titles.extend(titles(data))
    for entry in chosen:
        if not owned[entry.id]:
            assert entry.process is not None
            terms.update(confidential_terms(entry.process.model_dump(mode="json", include=_CONFIDENTIAL_DUMP)))
    return terms, withheld_titles


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def _shown_values(chosen: list[Entry], shown: dict[str, Process]) -> tuple[frozenset[str], frozenset[str]]:
    """What the audience sees anyway is no secret (the owner who is also a public contact): every shown
    text, id and slug, each part of a shown person's name; and every word the audience can read."""
    texts = [s for p in shown.values() for s in _strings(p)]
    values = {_normal(s) for s in texts}
    values.update(e.id for e in chosen)
    values.update(e.slug for e in chosen)  # another municipality's public process of the same name
    for process in shown.values():
        for person in (process.contact, process.owner, process.reporter, *process.users):
            if person is not None:
                values.update(part.casefold() for part in person.name.split())
    # one pass per process over all its text (splitting each short text on its own costs ten times more)
    vocabulary = frozenset(word for p in shown.values() for word in _words(" ".join(_strings(p))))
    return frozenset(values), vocabulary


def _without_shown(terms: set[str], shown_values: frozenset[str]) -> set[str]:
    return {t for t in terms if t and _normal(t) not in shown_values}


def distinctive_words(withheld_titles: Iterable[str], vocabulary: frozenset[str]) -> set[str]:
    """The words of withheld titles that no published text uses ('lønrobot' of 'Hemmelig lønrobot')."""
    return {word for title in withheld_titles for word in _words(title)
            if len(word) >= MIN_DISTINCTIVE_WORD and word not in vocabulary}


def _hidden_because_private(entry: Entry) -> bool:
    """True when the entry is left out because of who may see it (not only because it is broken)."""
    process = entry.process
    if process is not None:
        return process.visibility != Visibility.PUBLIC or entry.overlay or withholds_entry(entry)
    visibility = (entry.document.data or {}).get("visibility")
    return visibility != Visibility.PUBLIC.value or entry.overlay
